package io.servicegrade.unit;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * A demo organisation loaded into an empty database: a city bureau, two urban and two rural branches,
 * ten outlets, forty windows across the counter, savings and delivery lines, and their staff. Every window is
 * tagged {@code model-candidate}: seed 000 has each take part as a model-window creating unit too.
 * Turned off with {@code servicegrade.demo.enabled=false}.
 */
@ApplicationScoped
public class DemoOrganisation {

    private static final Logger LOG = Logger.getLogger(DemoOrganisation.class);

    /** code suffix, Chinese name, English name, area, outlets (code suffix, Chinese name, English name). */
    private record Branch(String code, String zh, String en, String area, List<String[]> outlets) {
    }

    private static final List<Branch> BRANCHES = List.of(
            new Branch("GS", "姑苏区分局", "Gusu District Branch", "urban", List.of(
                    new String[] {"GQ", "观前街支局", "Guanqian Street Outlet"},
                    new String[] {"SJ", "石路支局", "Shilu Outlet"},
                    new String[] {"PM", "平门支局", "Pingmen Outlet"})),
            new Branch("YQ", "园区分局", "Industrial Park Branch", "urban", List.of(
                    new String[] {"HX", "湖西支局", "Huxi Outlet"},
                    new String[] {"DS", "独墅湖支局", "Dushu Lake Outlet"},
                    new String[] {"WT", "娄葑支局", "Loufeng Outlet"})),
            new Branch("CS", "常熟市局", "Changshu County Bureau", "rural", List.of(
                    new String[] {"MC", "梅李支局", "Meili Outlet"},
                    new String[] {"ZG", "支塘支局", "Zhitang Outlet"})),
            new Branch("TC", "太仓市局", "Taicang County Bureau", "rural", List.of(
                    new String[] {"SX", "沙溪支局", "Shaxi Outlet"},
                    new String[] {"LH", "浏河支局", "Liuhe Outlet"})));

    /** Line, Chinese and English window names; an outlet has the first four, a large one all. */
    private static final List<String[]> WINDOWS = List.of(
            new String[] {"counter", "邮政营业窗口", "Postal counter"},
            new String[] {"savings", "储蓄窗口", "Savings counter"},
            new String[] {"delivery", "投递班组", "Delivery team"},
            new String[] {"counter", "邮政营业窗口", "Postal counter"},
            new String[] {"savings", "储蓄窗口", "Savings counter"});

    private static final String[][] STAFF = {
            {"王芳", "Wang Fang"}, {"李娜", "Li Na"}, {"张伟", "Zhang Wei"}, {"刘洋", "Liu Yang"},
            {"陈静", "Chen Jing"}, {"杨磊", "Yang Lei"}, {"赵敏", "Zhao Min"}, {"黄强", "Huang Qiang"},
            {"周婷", "Zhou Ting"}, {"吴斌", "Wu Bin"}, {"徐丽", "Xu Li"}, {"孙杰", "Sun Jie"}};

    /** The tag of the units designated to create model windows (示范窗口创建单位; issue 17). */
    static final List<String> MODEL_CANDIDATE = List.of("model-candidate");

    @Inject
    UnitService units;

    @Inject
    UnitRepository repository;

    @Inject
    ServiceGradeConfig config;

    void onStart(@Observes @jakarta.annotation.Priority(20) StartupEvent event) throws Throwable {
        if (!config.demo().enabled()) {
            return;
        }
        long existing = VertxContextSupport.subscribeAndAwait(() -> repository.count());
        if (existing > 0) {
            tagDesignatedWindows();
            return;
        }
        List<UnitDraft> drafts = drafts();
        UnitService.UpsertResult result = VertxContextSupport.subscribeAndAwait(() -> units.upsert(drafts));
        LOG.infof("Loaded the demo organisation: %d units (turn off with servicegrade.demo.enabled=false)",
                result.created());
    }

    /**
     * A demo database from before unit tags: its windows are the campaign's designated model-window units, so each
     * demo window that carries no tag at start-up is written again as the demo defines it, with its tag (a window
     * given other tags keeps them).
     */
    private void tagDesignatedWindows() throws Throwable {
        List<Unit> windows = VertxContextSupport.subscribeAndAwait(() -> repository.list(null, "window", null, null,
                true, null, 100_000));
        java.util.Set<String> untagged = new java.util.HashSet<>();
        windows.stream().filter(w -> w.tags().isEmpty()).forEach(w -> untagged.add(w.code()));
        List<UnitDraft> drafts = new ArrayList<>();
        for (UnitDraft draft : drafts()) {
            if (draft.tags() != null && !draft.tags().isEmpty() && untagged.contains(draft.code())) {
                drafts.add(draft);
            }
        }
        if (!drafts.isEmpty()) {
            VertxContextSupport.subscribeAndAwait(() -> units.upsert(drafts));
            LOG.infof("Tagged %d demo windows model-candidate", drafts.size());
        }
    }

    static List<UnitDraft> drafts() {
        List<UnitDraft> drafts = new ArrayList<>();
        drafts.add(draft(drafts, "SZ", "苏州市邮政局 Suzhou Municipal Post Bureau", "region", null, null, null));
        int staff = 0;
        for (Branch branch : BRANCHES) {
            String branchCode = "SZ." + branch.code();
            drafts.add(draft(drafts, branchCode, branch.zh() + " " + branch.en(), "branch", "SZ", null,
                    branch.area()));
            for (int o = 0; o < branch.outlets().size(); o++) {
                String[] outlet = branch.outlets().get(o);
                String outletCode = branchCode + "." + outlet[0];
                drafts.add(draft(drafts, outletCode, outlet[1] + " " + outlet[2], "outlet", branchCode, null, null));
                int windows = o == 0 ? 5 : 4;
                for (int w = 0; w < windows; w++) {
                    String[] window = WINDOWS.get(w);
                    String windowCode = outletCode + ".W" + (w + 1);
                    // seed 000: every counter, savings and delivery window takes part as a model-window unit
                    drafts.add(new UnitDraft(drafts.size(), windowCode,
                            window[1] + (w + 1) + "号 " + window[2] + " " + (w + 1), "window", outletCode, window[0],
                            null, null, MODEL_CANDIDATE));
                    if (!"delivery".equals(window[0])) {
                        String[] person = STAFF[staff++ % STAFF.length];
                        drafts.add(draft(drafts, windowCode + ".S1", person[0] + " " + person[1], "staff",
                                windowCode, null, null));
                    }
                }
            }
        }
        return drafts;
    }

    private static UnitDraft draft(List<UnitDraft> drafts, String code, String name, String kind, String parent,
            String line, String area) {
        return new UnitDraft(drafts.size(), code, name, kind, parent, line, area, null);
    }
}
