package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.report.BoardReportTest.Fixture;
import static io.servicegrade.report.BoardReportTest.cell;
import static io.servicegrade.report.ReportResourceTest.inOrder;
import static io.servicegrade.report.ReportResourceTest.page;
import static io.servicegrade.report.ReportResourceTest.signedInCookie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, "why" where the board's own summary and rows did not yet say it: a unit board's targets met or missed,
 * a vetoed period on the scorecard in words with its sheet, the bulletin's best and weakest by their paths with their
 * vetoes in words, the veto's item and date in the downloads' own columns, nominees by path and code.
 * The data is {@link BoardReportTest.Fixture}'s: five windows of the branch 城东支局 in 2025-Q2 (weighted =
 * 0.4 × inspection + 0.6 × mystery shop): A1 87.40, A2 92.60 (model), B1 95.60 (model), B2 85.60, B3 99 and 99
 * = 99.00, vetoed by its mystery shop of 2025-05-10 (the sign item, "店招"), so of the last grade.
 */
@QuarkusTest
class WhyTest {

    /** The branch's targets: model windows at least 85 % of the graded ones; a weighted mean of at least 92. */
    static final String TARGETS = """
            targets:
              - {key: model-share, name: {zh-CN: 示范窗口占比, en: Model share}, level: branch, grade: model, all: 85}
              - {key: weighted-mean, name: {zh-CN: 加权均值, en: Weighted mean}, level: branch, mean: weighted, all: 92}
            """;

    static Map<String, String> query(Fixture f, String... more) {
        Map<String, String> query = new HashMap<>(Map.of("scheme", f.scheme(), "period", "2025-Q2"));
        for (int i = 0; i < more.length; i += 2) {
            query.put(more[i], more[i + 1]);
        }
        return query;
    }

    /** The part of a page that is the table of this id. */
    static String table(String page, String id) {
        int from = page.indexOf("id=\"table-" + id + "\"");
        assertThat(from).as("table " + id).isNotNegative();
        return page.substring(from, page.indexOf("</table>", from));
    }

    static List<Map<String, String>> csv(String text) throws IOException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser.getRecords()) {
                rows.add(r.toMap());
            }
            return rows;
        }
    }

    static Map<String, String> row(List<Map<String, String>> rows, String column, String value) {
        return rows.stream().filter(r -> value.equals(r.get(column))).findFirst().orElseThrow(() ->
                new AssertionError("no row with " + column + " = " + value + " in " + rows));
    }

    @Test
    void aUnitBoardUnderAGroupWithTargetsSaysWhetherItsUnitsMeetEach() {
        Fixture f = Fixture.make(TARGETS);
        String branch = f.p() + ".B";
        // share: model windows A2 and B1 of the 5 graded (B3 vetoed is graded, of the last grade): 2 × 100 / 5 =
        // 40.00 %, short of 85: missed. Mean: (87.40 + 92.60 + 95.60 + 85.60 + 99.00) / 5 = 460.20 / 5 = 92.04 ≥ 92:
        // met (a vetoed unit's value counts)
        String zh = page("/reports/standings", query(f, "under", branch));
        inOrder(zh, "城东支局的目标（按本表所列单位计）", "示范窗口占比 40.00%（目标 ≥ 85%，5 个中 2 个）未达成",
                "加权均值 92.04（目标 ≥ 92，5 个单位）达成");
        // the verdict is a word; its class only colours it
        assertThat(zh).contains("<li class=\"not-met\">示范窗口占比", "<li class=\"met\">加权均值");
        String en = page("/reports/standings", query(f, "under", branch, "lang", "en"));
        inOrder(en, "Targets of 城东支局, over the units shown", "Model share 40.00% (target ≥ 85%, 2 of 5): missed",
                "Weighted mean 92.04 (target ≥ 92, 5 units): met");

        // the same checks as the branch's own row on the group board
        String groups = page("/reports/standings", query(f, "kind", "branch", "under", f.p()));
        assertThat(groups).contains("要求不低于 85.00%，实际 40.00%（5 个中 2 个） 未达成");

        // under the outlet 西街网点 (B1, B2, B3): an outlet has no targets, and under the province neither
        assertThat(page("/reports/standings", query(f, "under", branch + ".O2"))).doesNotContain("unit-targets");
        assertThat(page("/reports/standings", query(f, "under", f.p()))).doesNotContain("unit-targets");
    }

    @Test
    void theScorecardSaysAVetoedPeriodsVetoInWordsWithItsSheet() throws IOException {
        Fixture f = Fixture.make();
        String cookie = signedInCookie();
        // the vetoing evaluation's id, as the board's download names it to a reader who may read it
        List<Map<String, String>> board = csv(given().cookie(ReportResource.COOKIE, cookie)
                .queryParams(query(f, "under", f.p(), "format", "csv")).get("/reports/standings").then()
                .statusCode(200).extract().asString());
        String vetoing = row(board, "代码", f.b3()).get("否决依据").replace("评价 ", "");
        assertThat(vetoing).matches("\\d+");

        String card = given().cookie(ReportResource.COOKIE, cookie).queryParams(Map.of("scheme", f.scheme(), "unit",
                f.b3(), "period", "2025-Q2")).get("/reports/scorecard").then().statusCode(200).extract().asString();
        String periods = table(card, "periods");
        inOrder(periods, "2025年第二季度", "/reports/evaluations/" + vetoing,
                "一票否决：店招（2025年5月10日，神秘顾客暗访），见评价表");
        assertThat(periods).doesNotContain("一票否决（评价");
        // Q1 was not vetoed: one veto in the table
        assertThat(periods.split("一票否决：", -1)).hasSize(2);
        // a reader who may not read the evaluation reads that the period was vetoed, not by which evaluation
        String anonymous = table(page("/reports/scorecard", Map.of("scheme", f.scheme(), "unit", f.b3(), "period",
                "2025-Q2")), "periods");
        assertThat(anonymous).doesNotContain("店招", "/reports/evaluations/");

        // its download: the item and the day in columns of their own
        Map<String, String> q2 = row(csv(given().cookie(ReportResource.COOKIE, cookie).queryParams(Map.of("scheme",
                f.scheme(), "unit", f.b3(), "period", "2025-Q2", "format", "csv", "lang", "en"))
                .get("/reports/scorecard").then().statusCode(200).extract().asString()), "Period", "Q2 2025");
        assertThat(q2).containsEntry("Vetoed", "yes").containsEntry("Vetoed by", "Evaluation " + vetoing)
                .containsEntry("Vetoed item", "Sign").containsEntry("Veto date", "2025-05-10");
    }

    @Test
    void theBulletinsBestAndWeakestNameUnitsByPathAndVetoesInWords() {
        Fixture f = Fixture.make();
        String bulletin = given().cookie(ReportResource.COOKIE, signedInCookie()).queryParams(query(f))
                .get("/reports/bulletin").then().statusCode(200).extract().asString();
        // best: B1 95.60, A2 92.60 first, by their paths (the windows' names alone repeat across outlets)
        inOrder(table(bulletin, "best"), cell(f.b1()), "城东支局 › 西街网点 › 储蓄窗口1号", cell(f.a2()),
                "城东支局 › 东街网点 › 储蓄窗口2号");
        // weakest first: B3, vetoed and ranked last, its veto in words with its sheet
        inOrder(table(bulletin, "worst"), cell(f.b3()), "城东支局 › 西街网点 › 储蓄窗口3号", "/reports/evaluations/",
                "一票否决：店招（2025年5月10日，神秘顾客暗访），见评价表", cell(f.b2()), "城东支局 › 西街网点 › 储蓄窗口2号");
        assertThat(bulletin).doesNotContain("一票否决（评价");
        String anonymous = table(page("/reports/bulletin", query(f)), "worst");
        assertThat(anonymous).contains("城东支局 › 西街网点 › 储蓄窗口3号").doesNotContain("店招（");
    }

    @Test
    void theBoardsCsvAndXlsxCarryTheVetoingItemAndItsDateInColumnsOfTheirOwn() throws IOException {
        Fixture f = Fixture.make();
        String cookie = signedInCookie();
        String text = given().cookie(ReportResource.COOKIE, cookie).queryParams(query(f, "under", f.p(), "format",
                "csv")).get("/reports/standings").then().statusCode(200).extract().asString();
        assertThat(text.lines().findFirst().orElseThrow()).contains("一票否决,否决依据,否决项,否决日期");
        List<Map<String, String>> rows = csv(text);
        assertThat(row(rows, "代码", f.b3())).containsEntry("一票否决", "是").containsEntry("否决项", "店招")
                .containsEntry("否决日期", "2025-05-10");
        // one value per column: the grade cell without the veto's words
        assertThat(row(rows, "代码", f.b3()).get("等级")).isEqualTo("普通窗口");
        assertThat(row(rows, "代码", f.a1())).containsEntry("一票否决", "否").containsEntry("否决项", "")
                .containsEntry("否决日期", "");
        // a reader who may not read the evaluation: vetoed, by nothing named
        Map<String, String> anonymous = row(csv(given().queryParams(query(f, "under", f.p(), "format", "csv"))
                .get("/reports/standings").then().statusCode(200).extract().asString()), "代码", f.b3());
        assertThat(anonymous).containsEntry("一票否决", "是").containsEntry("否决依据", "").containsEntry("否决项", "")
                .containsEntry("否决日期", "");

        byte[] xlsx = given().cookie(ReportResource.COOKIE, cookie).queryParams(query(f, "under", f.p(), "format",
                "xlsx", "lang", "en")).get("/reports/standings").then().statusCode(200).extract().asByteArray();
        List<List<ReportExportsTest.XCell>> sheet = ReportExportsTest.sheet(xlsx);
        List<String> header = sheet.get(0).stream().map(ReportExportsTest.XCell::text).toList();
        List<ReportExportsTest.XCell> b3 = sheet.stream().filter(r -> r.stream().anyMatch(c -> c.text()
                .equals(f.b3()))).findFirst().orElseThrow();
        assertThat(b3.get(header.indexOf("Vetoed item")).text()).isEqualTo("Sign");
        // a date cell: a serial number (2025-05-10 is day 45787 counted from 1899-12-30), styled as a date
        ReportExportsTest.XCell date = b3.get(header.indexOf("Veto date"));
        assertThat(date.numeric()).isTrue();
        assertThat(date.styled()).isTrue();
        assertThat(new java.math.BigDecimal(date.text())).isEqualByComparingTo(java.math.BigDecimal.valueOf(
                java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(1899, 12, 30),
                        java.time.LocalDate.of(2025, 5, 10))));
    }

    @Test
    void nominationsGiveEachGroupAndUnitByItsPathAndItsCodeInColumnsOfTheirOwn() throws IOException {
        String p = freshPrefix();
        String b = p + ".B1";
        List<Map<String, Object>> units = List.of(
                Map.of("code", p, "name", "市局", "kind", "city"),
                Map.of("code", b, "name", "城东支局", "kind", "branch", "parent", p),
                Map.of("code", b + ".C1", "name", "储蓄窗口1号", "kind", "window", "parent", b, "serviceLine",
                        "counter"),
                Map.of("code", b + ".C2", "name", "储蓄窗口2号", "kind", "window", "parent", b, "serviceLine",
                        "counter"),
                Map.of("code", b + ".C3", "name", "储蓄窗口3号", "kind", "window", "parent", b, "serviceLine",
                        "counter"));
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        String rubric = p.toLowerCase() + "-rubric";
        String scheme = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        SchemeVersionsTest.put(scheme, SchemeVersionsTest.scheme(rubric, "2025-01-01", "90", "quarter",
                "Asia/Shanghai") + """
                lifecycle:
                  objectionDays: 0
                  nominations: {top: 2, levels: [branch, city]}
                """).statusCode(201);
        // both sources score s, so weighted = s: C1 95 and C2 92 are the branch's best two counter windows
        List<Map<String, Object>> evaluations = new ArrayList<>();
        Map<String, Integer> scores = Map.of("C1", 95, "C2", 92, "C3", 80);
        scores.forEach((w, s) -> {
            evaluations.add(SchemeStandingsTest.evaluation(p + "-i-" + w, "inspection", b + "." + w, rubric,
                    "2025-05-10T10:00:00+08:00", s, true));
            evaluations.add(SchemeStandingsTest.evaluation(p + "-m-" + w, "mystery_shop", b + "." + w, rubric,
                    "2025-05-10T10:00:00+08:00", s, true));
        });
        SchemeVersionsTest.post(evaluations);
        asAdmin().post("/api/v1/schemes/" + scheme + "/periods/2025-Q2/publish").then().statusCode(200);

        Map<String, String> query = Map.of("scheme", scheme, "period", "2025-Q2");
        String nominees = table(page("/reports/notice", query), "nominations");
        // the group and each unit by path (the city, every row's root, left out), each code in its own cell
        inOrder(nominees, "城东支局", cell(b), "城东支局 › 储蓄窗口1号", cell(b + ".C1"));
        inOrder(nominees, "城东支局 › 储蓄窗口2号", cell(b + ".C2"));
        assertThat(nominees).doesNotContain("储蓄窗口3号", "(" + b);
        List<Map<String, String>> rows = csv(given().queryParams(Map.of("scheme", scheme, "period", "2025-Q2",
                "format", "csv", "table", "nominations", "lang", "en")).get("/reports/notice").then().statusCode(200)
                .extract().asString());
        assertThat(row(rows, "Unit code", b + ".C1")).containsEntry("Unit", "城东支局 › 储蓄窗口1号")
                .containsEntry("Group code", b).containsEntry("Nominated by", "城东支局");
        assertThat(rows).hasSize(2);
        // the bulletin's nominees likewise
        assertThat(table(page("/reports/bulletin", query), "nominations")).contains("城东支局 › 储蓄窗口1号",
                cell(b + ".C1"));
    }
}
