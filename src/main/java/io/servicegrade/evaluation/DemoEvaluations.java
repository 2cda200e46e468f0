package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.agency.AgencyService;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A quarter of demo evaluations for the demo windows, the last complete quarter before the first start:
 * monthly inspections (综合检查) and two mystery-shop visits (暗访) on the standard of the window's service line
 * (counter windows on the postal counter rubric, savings windows on the savings outlet rubric, delivery teams on
 * the delivery rubric), and monthly questionnaires (问卷调查) on the five-level satisfaction rubric. Visits and
 * questionnaires come from a demo survey agency. Generated from a fixed seed, each window with its own level of
 * service.
 */
@ApplicationScoped
public class DemoEvaluations {

    private static final Logger LOG = Logger.getLogger(DemoEvaluations.class);
    private static final ZoneId CHINA = ServiceGradeConfig.localZone();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] DEDUCTION_ITEMS = {"org.setup", "org.reporting", "env.lobby", "env.layout",
            "fac.public-info", "fac.hours", "fac.convenience", "fac.equipment", "eti.appearance", "eti.demeanour",
            "eti.attitude", "eti.language", "qual.supervision", "qual.discipline", "mgmt.registers", "mgmt.rules",
            "mgmt.supplies"};
    /** The savings outlet rubric's items answered with a count of findings (each worth 1). */
    private static final String[] SAVINGS_DEDUCTION_ITEMS = {"env.lobby", "env.facilities", "env.public-info",
            "eti.appearance", "eti.demeanour", "eti.language", "eti.greeting", "beh.hours", "beh.discipline",
            "skill.knowledge", "skill.training", "sup.complaints", "sup.self-check"};
    /** The delivery rubric's items answered with a count of findings. */
    private static final String[] DELIVERY_DEDUCTION_ITEMS = {"org.setup", "org.reporting", "prem.environment",
            "prem.equipment", "eti.appearance", "eti.attitude", "eti.language", "eti.protocol", "qual.newspapers",
            "qual.supervision", "mgmt.handover", "mgmt.registers"};
    private static final String[] LEVELS = {"very-satisfied", "satisfied", "fairly-satisfied", "dissatisfied",
            "very-dissatisfied"};

    @Inject
    ServiceGradeConfig config;

    @Inject
    EvaluationService evaluations;

    @Inject
    AgencyService agencies;

    @Inject
    EvaluationRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    io.servicegrade.platform.security.ApiKeyService keys;

    void onStart(@Observes @jakarta.annotation.Priority(25) StartupEvent event) throws Throwable {
        if (!config.demo().enabled()) {
            return;
        }
        if (VertxContextSupport.subscribeAndAwait(() -> repository.countWithExternalIdPrefix("demo-")) > 0) {
            return;
        }
        List<UnitRepository.WindowLine> windows = VertxContextSupport.subscribeAndAwait(
                () -> units.windowsUnder("SZ"));
        Long adminKey = VertxContextSupport.subscribeAndAwait(() -> keys.firstAdminKeyId());
        if (windows.isEmpty() || adminKey == null) {
            return;
        }
        LocalDate quarterStart = lastCompleteQuarter(LocalDate.now(CHINA));
        Caller admin = new Caller(adminKey, null, null, null);
        Batches batches = generate(windows, quarterStart);
        int count = VertxContextSupport.subscribeAndAwait(() -> demoAgency().flatMap(agency -> evaluations
                .submit(admin, JSON.objectNode().set("evaluations", batches.inspections()))
                .flatMap(first -> evaluations.submit(agency, JSON.objectNode().set("evaluations", batches.thirdParty()))
                        .map(second -> first.size() + second.size()))));
        LOG.infof("Loaded %d demo evaluations for the quarter starting %s", count, quarterStart);
    }

    /** The demo's evaluations: the bureau's own inspections, and the survey agency's visits and questionnaires. */
    record Batches(ArrayNode inspections, ArrayNode thirdParty) {
    }

    /**
     * Eight evaluations a window in the quarter starting {@code quarterStart}: three inspections and two
     * mystery-shop visits on the window's line's rubric, three questionnaires. Always the same for the same windows.
     */
    static Batches generate(List<UnitRepository.WindowLine> windows, LocalDate quarterStart) {
        Random random = new Random(20_230_301);
        ArrayNode inspections = JSON.arrayNode();
        ArrayNode thirdParty = JSON.arrayNode();
        for (UnitRepository.WindowLine window : windows) {
            double quality = 0.55 + random.nextDouble() * 0.45;
            for (int month = 0; month < 3; month++) {
                OffsetDateTime day = quarterStart.plusMonths(month).plusDays(3 + random.nextInt(20))
                        .atTime(9 + random.nextInt(7), random.nextInt(60)).atZone(CHINA).toOffsetDateTime();
                inspections.add(visit(window.code() + "-insp-" + month, "inspection", window, day, quality, random));
                thirdParty.add(survey(window.code() + "-survey-" + month, window.code(), day.plusDays(2), quality,
                        random));
                if (month < 2) {
                    thirdParty.add(visit(window.code() + "-shop-" + month, "mystery_shop", window, day.plusDays(5),
                            quality, random));
                }
            }
        }
        return new Batches(inspections, thirdParty);
    }

    /** An inspection or a mystery-shop visit, on the standard of the window's service line. */
    private static ObjectNode visit(String id, String source, UnitRepository.WindowLine window, OffsetDateTime when,
            double quality, Random random) {
        return switch (window.serviceLine() == null ? "counter" : window.serviceLine()) {
            case "savings" -> savings(id, source, window.code(), when, quality, random);
            case "delivery" -> delivery(id, source, window.code(), "rural".equals(window.area()), when, quality,
                    random);
            default -> postal(id, source, window.code(), when, quality, random);
        };
    }

    /** The demo survey agency (its key is made and never shown: the demo only needs its name). */
    private Uni<Caller> demoAgency() {
        return agencies.ensure("demo-survey", "苏州明察测评有限公司 Mingcha Survey Co", "demo survey agency")
                .map(made -> new Caller(made.key().key().id, made.agency().id, "demo-survey", null));
    }

    static LocalDate lastCompleteQuarter(LocalDate today) {
        int thisQuarterMonth = (today.getMonthValue() - 1) / 3 * 3 + 1;
        return LocalDate.of(today.getYear(), thisQuarterMonth, 1).minusMonths(3);
    }

    private static ObjectNode postal(String id, String source, String window, OffsetDateTime when, double quality,
            Random random) {
        ObjectNode e = evaluation(id, source, window, "postal-counter-model-window", when, random);
        ArrayNode answers = e.putArray("answers");
        for (String item : DEDUCTION_ITEMS) {
            answers.addObject().put("item", item).put("violations", findings(quality, random));
        }
        answers.addObject().put("item", "signage.identity").put("pass", random.nextDouble() > 0.01);
        answers.addObject().put("item", "env.service-officer").put("violations", findings(quality, random));
        answers.addObject().put("item", "eti.protocol").putArray("observations").addObject()
                .put("seconds", 300 + random.nextInt((int) (900 / quality)));
        answers.addObject().put("item", "mgmt.security").put("violations", random.nextDouble() > quality ? 1 : 0);
        ObjectNode timing = answers.addObject().put("item", "cap.time-limits");
        ArrayNode observations = timing.putArray("observations");
        observations.addObject().put("limit", "mail-acceptance").put("seconds", 60 + random.nextInt((int) (90 / quality)));
        observations.addObject().put("limit", "remittance").put("seconds", 200 + random.nextInt((int) (200 / quality)))
                .put("amount", random.nextInt(40_000));
        answers.addObject().put("item", "cap.it-indicators").putObject("rates")
                .put("upload-rate", rate(94 + 6 * quality, random)).put("address-match-rate", rate(82 + 15 * quality, random));
        answers.addObject().put("item", "out.revenue").put("rate", rate(90 + 12 * quality, random).min(BigDecimal.valueOf(100)));
        answers.addObject().put("item", "out.overall").put("rate", rate(78 + 20 * quality, random).min(BigDecimal.valueOf(100)));
        return e;
    }

    private static ObjectNode savings(String id, String source, String window, OffsetDateTime when, double quality,
            Random random) {
        ObjectNode e = evaluation(id, source, window, "postal-savings-outlet-service", when, random);
        ArrayNode answers = e.putArray("answers");
        for (String item : SAVINGS_DEDUCTION_ITEMS) {
            answers.addObject().put("item", item).put("violations", findings(quality, random));
        }
        answers.addObject().put("item", "env.identity").put("pass", random.nextDouble() > 0.01);
        answers.addObject().put("item", "env.lobby-manager").put("violations", findings(quality, random));
        answers.addObject().put("item", "beh.procedure").put("violations", findings(quality, random));
        answers.addObject().put("item", "beh.currency").put("violations", findings(quality, random));
        ArrayNode waits = answers.addObject().put("item", "skill.waiting").putArray("observations");
        for (int customer = 0; customer < 3; customer++) {
            waits.addObject().put("seconds", 240 + random.nextInt((int) (900 / quality)));
        }
        answers.addObject().put("item", "sup.satisfaction")
                .put("rate", rate(70 + 28 * quality, random).min(BigDecimal.valueOf(100)));
        return e;
    }

    private static ObjectNode delivery(String id, String source, String window, boolean rural, OffsetDateTime when,
            double quality, Random random) {
        ObjectNode e = evaluation(id, source, window, "postal-delivery-model-window", when, random);
        ArrayNode answers = e.putArray("answers");
        for (String item : DELIVERY_DEDUCTION_ITEMS) {
            answers.addObject().put("item", item).put("violations", findings(quality, random));
        }
        // floor space does not change from visit to visit: a poorly kept outlet misses one standard
        answers.addObject().put("item", "prem.area").put("violations", quality < 0.65 ? 1 : 0);
        if (rural) {
            answers.addObject().put("item", "qual.rounds").put("violations", random.nextDouble() > quality ? 1 : 0);
        } else {
            answers.addObject().put("item", "qual.rounds").put("notApplicable", true);
        }
        answers.addObject().put("item", "qual.discipline").put("violations", random.nextDouble() > quality ? 1 : 0);
        answers.addObject().put("item", "mgmt.security").put("violations", random.nextDouble() > quality ? 1 : 0);
        answers.addObject().put("item", "cap.indicators").putObject("rates")
                .put("timely-delivery-rate", rate(96 + 4 * quality, random))
                .put("info-receipt-rate", random.nextDouble() < 0.5 + 0.5 * quality
                        ? BigDecimal.valueOf(100) : rate(97 + 2 * quality, random).min(new BigDecimal("99.9")))
                .put("pda-usage-rate", random.nextDouble() < 0.6 + 0.4 * quality
                        ? BigDecimal.valueOf(100) : rate(90 + 8 * quality, random).min(new BigDecimal("99.9")));
        answers.addObject().put("item", "out.revenue")
                .put("rate", rate(90 + 12 * quality, random).min(BigDecimal.valueOf(100)));
        answers.addObject().put("item", "out.overall")
                .put("rate", rate(78 + 20 * quality, random).min(BigDecimal.valueOf(100)));
        return e;
    }

    private static ObjectNode survey(String id, String window, OffsetDateTime when, double quality, Random random) {
        ObjectNode e = evaluation(id, "survey", window, "customer-satisfaction-5", when, random);
        ArrayNode answers = e.putArray("answers");
        for (String item : List.of("q.overall", "q.attitude", "q.efficiency", "q.environment", "q.competence")) {
            ObjectNode responses = answers.addObject().put("item", item).putObject("responses");
            int[] counts = new int[LEVELS.length];
            for (int r = 0; r < 20; r++) {
                double x = random.nextDouble();
                int level = x < quality * 0.6 ? 0 : x < quality * 0.95 ? 1 : x < 0.97 ? 2 : x < 0.99 ? 3 : 4;
                counts[level]++;
            }
            for (int l = 0; l < LEVELS.length; l++) {
                if (counts[l] > 0) {
                    responses.put(LEVELS[l], counts[l]);
                }
            }
        }
        return e;
    }

    private static ObjectNode evaluation(String id, String source, String window, String rubric,
            OffsetDateTime when, Random random) {
        return JSON.objectNode().put("externalId", "demo-" + id).put("source", source).put("unit", window)
                .put("rubric", rubric).put("conductedAt", when.toString())
                .put("evaluator", (source.equals("inspection") ? "检查员-" : "测评员-") + (1 + random.nextInt(12)));
    }

    private static int findings(double quality, Random random) {
        double x = random.nextDouble();
        return x < quality ? 0 : x < (1 + quality) / 2 + 0.3 ? 1 : 2;
    }

    private static BigDecimal rate(double mean, Random random) {
        return BigDecimal.valueOf(Math.round((mean + random.nextGaussian() * 2) * 10), 1)
                .max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
    }
}
