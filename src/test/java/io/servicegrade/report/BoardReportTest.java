package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.report.ReportResourceTest.inOrder;
import static io.servicegrade.report.ReportResourceTest.page;
import static io.servicegrade.report.ReportResourceTest.signedInCookie;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 20, the board read at a glance: a summary on top (counts per grade and vetoed, the true total, a grade
 * filter, weakest first), paging that says what it hides, the grade rules and ranking in words, each row's gap to
 * the next grade, a veto in words with its sheet, full unit paths, movement in marks and words, sparklines.
 */
@QuarkusTest
class BoardReportTest {

    /** Two grades: a model window from a weighted 90, every other window ordinary; ranked by weighted. */
    static String schemeYaml(String rubric) {
        return """
                name: {zh-CN: 创满意窗口, en: Satisfied windows}
                kinds: [window]
                activeFrom: 2025-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: inspection, rubric: %s}
                  - {source: mystery_shop, rubric: %s}
                composites:
                  - {key: weighted, name: {zh-CN: 加权, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
                grades:
                  - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: 90}
                  - {key: ordinary, name: {zh-CN: 普通窗口, en: Ordinary window}}
                rankBy: weighted
                """.formatted(rubric, rubric);
    }

    /**
     * A province P, its branch 城东支局, two outlets (东街网点: A1, A2; 西街网点: B1, B2, B3), windows named alike in
     * both outlets. weighted = 0.4 × inspection + 0.6 × mystery shop.
     * <pre>
     *        2025-Q1                    2025-Q2
     * A1     90, 90 → 90.00 model  #3   88, 87 → 35.20 + 52.20 = 87.40 ordinary #3 (−2.60, down a grade)
     * A2     85, 85 → 85.00 ord.   #4   92, 93 → 36.80 + 55.80 = 92.60 model    #2 (+7.60, up 2, new model)
     * B1     92, 92 → 92.00 model  #2   95, 96 → 38.00 + 57.60 = 95.60 model    #1 (+3.60, up 1)
     * B2     80, 80 → 80.00 ord.   #5   85, 86 → 34.00 + 51.60 = 85.60 ordinary #4 (+5.60, up 1)
     * B3     95, 95 → 95.00 model  #1   99, 99, the sign failed on the mystery shop (2025-05-10): vetoed, last, #5
     * </pre>
     * Q2: model 2 (B1, A2), ordinary 3 (A1, B2, B3), vetoed 1. Gaps to model: A1 90 − 87.40 = 2.60, B2 90 − 85.60 =
     * 4.40.
     */
    record Fixture(String p, String scheme, String a1, String a2, String b1, String b2, String b3) {

        static Fixture make() {
            return make("");
        }

        /** As above, the scheme ending with {@code more} (e.g. its targets). */
        static Fixture make(String more) {
            String p = freshPrefix();
            String b = p + ".B";
            String o1 = b + ".O1";
            String o2 = b + ".O2";
            List<Map<String, Object>> units = List.of(
                    Map.of("code", p, "name", "省局", "kind", "region"),
                    Map.of("code", b, "name", "城东支局", "kind", "branch", "parent", p),
                    Map.of("code", o1, "name", "东街网点", "kind", "outlet", "parent", b),
                    Map.of("code", o2, "name", "西街网点", "kind", "outlet", "parent", b),
                    Map.of("code", o1 + ".W1", "name", "储蓄窗口1号", "kind", "window", "parent", o1),
                    Map.of("code", o1 + ".W2", "name", "储蓄窗口2号", "kind", "window", "parent", o1),
                    Map.of("code", o2 + ".W1", "name", "储蓄窗口1号", "kind", "window", "parent", o2),
                    Map.of("code", o2 + ".W2", "name", "储蓄窗口2号", "kind", "window", "parent", o2),
                    Map.of("code", o2 + ".W3", "name", "储蓄窗口3号", "kind", "window", "parent", o2));
            asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
            String rubric = p.toLowerCase() + "-rubric";
            String scheme = p.toLowerCase() + "-scheme";
            SchemeStandingsTest.rubric(rubric);
            SchemeVersionsTest.put(scheme, schemeYaml(rubric) + more).statusCode(201);
            Fixture f = new Fixture(p, scheme, o1 + ".W1", o1 + ".W2", o2 + ".W1", o2 + ".W2", o2 + ".W3");
            String q1 = "2025-02-10T10:00:00+08:00";
            String q2 = "2025-05-10T10:00:00+08:00";
            List<Map<String, Object>> evaluations = new ArrayList<>();
            int[][] scores = {{90, 90, 88, 87}, {85, 85, 92, 93}, {92, 92, 95, 96}, {80, 80, 85, 86}, {95, 95, 99, 99}};
            List<String> windows = List.of(f.a1, f.a2, f.b1, f.b2, f.b3);
            for (int w = 0; w < windows.size(); w++) {
                String unit = windows.get(w);
                int[] s = scores[w];
                evaluations.add(evaluation(unit + "-1i", "inspection", unit, rubric, q1, s[0], true));
                evaluations.add(evaluation(unit + "-1m", "mystery_shop", unit, rubric, q1, s[1], true));
                evaluations.add(evaluation(unit + "-2i", "inspection", unit, rubric, q2, s[2], true));
                // B3's mystery shop in Q2 fails the sign: a veto
                evaluations.add(evaluation(unit + "-2m", "mystery_shop", unit, rubric, q2, s[3], !unit.equals(f.b3)));
            }
            SchemeVersionsTest.post(evaluations);
            return f;
        }

        Map<String, String> query(String... more) {
            Map<String, String> query = new java.util.HashMap<>(Map.of("scheme", scheme, "period", "2025-Q2",
                    "under", p));
            for (int i = 0; i < more.length; i += 2) {
                query.put(more[i], more[i + 1]);
            }
            return query;
        }
    }

    /** A code as its own cell shows it, so that W1 never matches W10. */
    static String cell(String code) {
        return ">" + code + "<";
    }

    @Test
    void theSummarySaysCountsPerGradeVetoedTheTotalTheRulesAndTheRanking() {
        Fixture f = Fixture.make();
        String zh = page("/reports/standings", f.query());
        assertThat(zh).contains("共 5 行", "示范窗口：2 个", "普通窗口：3 个", "一票否决：1 个",
                "第 1–5 行，共 5 行", "示范窗口：加权 ≥ 90", "普通窗口：其余单位", "排名依据：加权");
        assertThat(zh).doesNotContain("本页为排名第");
        String en = page("/reports/standings", f.query("lang", "en"));
        assertThat(en).contains("5 rows in all", "Model window: 2", "Ordinary window: 3", "Vetoed: 1",
                "Rows 1–5 of 5", "Model window: Weighted ≥ 90", "Ordinary window: every other unit",
                "Ranked by: Weighted");
    }

    @Test
    void aGradeFilterShowsOneGradeOrTheVetoedAndWeakestFirstPutsTheVetoedFirst() {
        Fixture f = Fixture.make();
        String model = page("/reports/standings", f.query("grade", "model"));
        assertThat(model).contains(cell(f.b1()), cell(f.a2()), "第 1–2 行，共 2 行")
                .doesNotContain(cell(f.a1()), cell(f.b2()), cell(f.b3()));
        // the summary still counts the whole board
        assertThat(model).contains("共 5 行", "普通窗口：3 个");
        String vetoed = page("/reports/standings", f.query("grade", "vetoed"));
        assertThat(vetoed).contains(cell(f.b3()), "第 1–1 行，共 1 行").doesNotContain(cell(f.b1()));

        // rank order: B1, A2, A1, B2, B3 (vetoed, last)
        inOrder(page("/reports/standings", f.query()), cell(f.b1()), cell(f.a2()), cell(f.a1()), cell(f.b2()),
                cell(f.b3()));
        // weakest first: the vetoed B3, then the ordinary from the lowest (B2 85.60, A1 87.40), then A2, B1
        String weakest = page("/reports/standings", f.query("sort", "weakest"));
        inOrder(weakest, cell(f.b3()), cell(f.b2()), cell(f.a1()), cell(f.a2()), cell(f.b1()));
        assertThat(weakest).contains("按排名", "一票否决的单位在前");
    }

    @Test
    void eachRowSaysItsGapItsPathItsMovementAndItsRecentPeriods() {
        Fixture f = Fixture.make();
        String zh = page("/reports/standings", f.query());
        // gaps to model: A1 90 − 87.40 = 2.60; B2 90 − 85.60 = 4.40; none for a model window or a vetoed one
        inOrder(zh, cell(f.a1()), "差 2.60 分达到示范窗口", cell(f.b2()), "差 4.40 分达到示范窗口", cell(f.b3()));
        assertThat(zh.split("差 ", -1)).hasSize(3);
        // full paths: the same window names are told apart by their outlet (the province, every row's root, left out)
        inOrder(zh, cell(f.b1()), "城东支局 › 西街网点 › 储蓄窗口1号", cell(f.a2()), "城东支局 › 东街网点 › 储蓄窗口2号");
        // movement: A2 +7.60 and up 2 places, new model; A1 −2.60, same place, down a grade; B3 from #1 to #5
        inOrder(zh, cell(f.a2()), "▲ 7.60", "上升 7.60", "上升 2 名", "新晋示范窗口");
        inOrder(zh, cell(f.a1()), "▼ 2.60", "下降 2.60", "名次不变", "降级");
        inOrder(zh, cell(f.b3()), "下降 4 名", "降级");
        // sparklines: a drawing and its words (the periods before the scheme began have no board)
        inOrder(zh, cell(f.a1()), "<svg", "class=\"sparkline\"", "近 2 期：2025年第一季度 90.00，2025年第二季度 87.40");
        String en = page("/reports/standings", f.query("lang", "en"));
        inOrder(en, cell(f.a1()), "2.60 below Model window", "▼ 2.60", "down 2.60", "same rank", "down a grade",
                "Last 2 periods: Q1 2025 90.00, Q2 2025 87.40");
        inOrder(en, cell(f.a2()), "up 7.60", "up 2", "new Model window");

        // the CSV carries the same: paths, gaps, rank changes (as numbers), grade changes, recent periods
        String csv = given().queryParams(f.query("format", "csv")).get("/reports/standings").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).contains("城东支局 › 东街网点 › 储蓄窗口1号", "差 2.60 分达到示范窗口", "新晋示范窗口",
                "近 2 期：2025年第一季度 90.00，2025年第二季度 87.40");
        String a2 = csv.lines().filter(l -> l.contains(f.a2())).findFirst().orElseThrow();
        assertThat(a2).contains(",7.60,上升 2 名,新晋示范窗口,");
    }

    @Test
    void aVetoIsNamedInWordsWithItsSheetToWhoMayReadIt() {
        Fixture f = Fixture.make();
        String admin = given().cookie(ReportResource.COOKIE, signedInCookie()).queryParams(f.query())
                .get("/reports/standings").then().statusCode(200).extract().asString();
        inOrder(admin, cell(f.b3()), "/reports/evaluations/", "普通窗口", "一票否决：店招（2025年5月10日，神秘顾客暗访），见评价表");
        assertThat(admin).doesNotContain("一票否决（评价");
        String anonymous = page("/reports/standings", f.query());
        assertThat(anonymous).doesNotContain("店招（2025年5月10日").doesNotContain("/reports/evaluations/");
    }

    @Test
    void theNoticeNamesEachProposedUnitByItsPathAndTheScorecardShowsEachSource() {
        Fixture f = Fixture.make();
        String notice = page("/reports/notice", Map.of("scheme", f.scheme(), "period", "2025-Q2"));
        // proposed for model: B1 and A2, by their paths
        inOrder(notice, "城东支局 › 西街网点 › 储蓄窗口1号", "城东支局 › 东街网点 › 储蓄窗口2号");
        // A1 in Q2: inspection 88.00 (1 sample), mystery shop 87.00 (1 sample)
        String card = page("/reports/scorecard", Map.of("scheme", f.scheme(), "unit", f.a1(), "period", "2025-Q2"));
        inOrder(card, "内部检查", "神秘顾客暗访", "2025年第二季度", "87.40", "88.00", "样本 1 个", "87.00", "样本 1 个");
    }

    @Test
    void pagingSaysWhichRowsAreShownOfHowManyAndWeakestFirstBringsTheVetoedToPageOne() {
        String p = freshPrefix();
        List<String> windows = io.servicegrade.TestApi.windows(p, 101);
        String rubric = p.toLowerCase() + "-rubric";
        String scheme = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        SchemeVersionsTest.put(scheme, schemeYaml(rubric)).statusCode(201);
        List<Map<String, Object>> evaluations = new ArrayList<>();
        String q2 = "2025-05-10T10:00:00+08:00";
        for (int w = 0; w < windows.size(); w++) {
            String unit = windows.get(w);
            // every window 95 but the last, the best of all (99) and vetoed: ranked after all, on page 2
            boolean last = w == windows.size() - 1;
            evaluations.add(evaluation(unit + "-i", "inspection", unit, rubric, q2, last ? 99 : 95, true));
            evaluations.add(evaluation(unit + "-m", "mystery_shop", unit, rubric, q2, last ? 99 : 95, !last));
        }
        SchemeVersionsTest.post(evaluations);
        String vetoed = windows.get(100);
        Map<String, String> query = Map.of("scheme", scheme, "period", "2025-Q2", "under", p);
        String first = page("/reports/standings", query);
        assertThat(first).contains("第 1–100 行，共 101 行", "本页为排名第 1 页，共 2 页", "共 101 行",
                "一票否决：1 个", "page=2").doesNotContain(cell(vetoed));
        String second = page("/reports/standings", Map.of("scheme", scheme, "period", "2025-Q2", "under", p,
                "page", "2", "lang", "en"));
        assertThat(second).contains("Rows 101–101 of 101", "This is page 2 of 2", cell(vetoed));
        // the one pager (templates/tags/pager.html): a link to page 1, page 2 marked as the current one
        assertThat(second).contains("<nav class=\"pager no-print\" aria-label=\"Pages of the board\">",
                "<span aria-current=\"page\">Page 2</span>", "\">Page 1</a></li>");
        String weakest = page("/reports/standings", Map.of("scheme", scheme, "period", "2025-Q2", "under", p,
                "sort", "weakest"));
        assertThat(weakest).contains("第 1–100 行，共 101 行");
        String firstRow = weakest.substring(weakest.indexOf("<tbody>"), weakest.indexOf("</tr>",
                weakest.indexOf("<tbody>")));
        assertThat(firstRow).contains(cell(vetoed));
    }
}
