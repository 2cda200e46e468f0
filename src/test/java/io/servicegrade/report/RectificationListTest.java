package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.rectification.RectificationFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 20: the rectification list read at a glance: a summary of the true counts (each a filter link), units by
 * their full path, a unit filter by name that says when it names nothing, paging text, phone cards, and the list as
 * Excel-safe CSV and XLSX.
 */
@QuarkusTest
class RectificationListTest {

    /** Region 区 › 城东支局 › 窗口1, and 区 › 窗口2; three orders in the region. */
    private record Orders(RectificationFixture f, String branch, long overdue, long replied, long fresh) {

        static Orders make() {
            RectificationFixture f = RectificationFixture.of(2);
            String branch = f.region() + ".B";
            asAdmin().contentType(ContentType.JSON).body(List.of(
                    Map.of("code", branch, "name", "城东支局", "kind", "branch", "parent", f.region()),
                    Map.of("code", f.window(1), "name", "窗口1", "kind", "window", "parent", branch)))
                    .put("/api/v1/units").then().statusCode(200);
            long first = f.evaluation(f.window(1), "2025-02-03T10:00:00+08:00", 88, true);
            long second = f.evaluation(f.window(2), "2025-02-04T10:00:00+08:00", 90, true);
            // raised with the inspections in 2025: their deadlines have passed
            long overdue = RectificationFixture.raise(f.analyst(), RectificationFixture.fromEvaluation(first,
                    List.of("findings")));
            long replied = RectificationFixture.raise(f.analyst(), RectificationFixture.fromEvaluation(second,
                    List.of("findings")));
            RectificationFixture.reply(f.manager(), replied);
            // raised now: its deadline is to come
            long fresh = RectificationFixture.raise(f.analyst(), Map.of("unit", f.window(1),
                    "title", "叫号机故障 / queue machine broken"));
            return new Orders(f, branch, overdue, replied, fresh);
        }
    }

    @Test
    void theSummaryCountsEveryOrderOfTheFiltersPerStateAndOverdueEachALinkToThem() {
        Orders o = Orders.make();
        String manager = ReportResourceTest.signedInCookie(o.f().manager());
        String list = page(manager, "/reports/rectifications?lang=en&unit=" + o.f().region());
        // 3 orders: open = the overdue one and the fresh one (2), replied 1, none returned or accepted;
        // overdue now = open or returned past the deadline = only the first (the replied one waits on the inspector)
        assertThat(list).contains("3 orders in all", "open: 2", "replied: 1", "returned: 0", "accepted: 0",
                "Overdue now: 1", "Rows 1–3 of 3");
        assertThat(list).contains("state=open", "overdue=true", "unit=" + o.f().region());
        // units by their full path (the region, the root of this tree, left out) with their code
        assertThat(list).contains("城东支局 › 窗口1 (" + o.f().window(1) + ")", "窗口2 (" + o.f().window(2) + ")");
        // on a phone each cell says what it is
        assertThat(list).contains("data-label=\"Owner unit\"", "data-label=\"Due\"", "data-label=\"No.\"");

        // a state's link: 2 rows shown, the summary still counts all three
        String open = page(manager, "/reports/rectifications?lang=en&state=open&unit=" + o.f().region());
        assertThat(open).contains("3 orders in all", "Rows 1–2 of 2", "/reports/rectifications/" + o.overdue() + "?",
                "/reports/rectifications/" + o.fresh() + "?").doesNotContain("/reports/rectifications/"
                + o.replied() + "?");
        String overdue = page(manager, "/reports/rectifications?lang=zh-CN&overdue=true&unit=" + o.f().region());
        assertThat(overdue).contains("共 3 张整改单", "当前逾期：1", "第 1–1 行，共 1 行");
    }

    @Test
    void aUnitIsFilteredByItsNameAndANameOfNoUnitKeepsThePageAndSaysSo() {
        Orders o = Orders.make();
        String manager = ReportResourceTest.signedInCookie(o.f().manager());
        // 城东支局 names the branch: its window's two orders, not the other window's
        String branch = page(manager, "/reports/rectifications?lang=en&unit=城东支局");
        assertThat(branch).contains("2 orders in all", "/reports/rectifications/" + o.overdue() + "?",
                "/reports/rectifications/" + o.fresh() + "?", "<datalist id=\"unit-names\">")
                .doesNotContain("/reports/rectifications/" + o.replied() + "?");
        // a name of no unit: the page stays, says so, and lists the orders without that filter
        String unknown = page(manager, "/reports/rectifications?lang=en&unit=无此单位" + o.f().region());
        assertThat(unknown).contains("No unit “无此单位" + o.f().region() + "”: this filter is not applied",
                "/reports/rectifications/" + o.replied() + "?");
    }

    @Test
    void theListDownloadsAsCsvAndXlsxWithPathsAndTypedMomentsAndNoFormula() throws Exception {
        Orders o = Orders.make();
        // a finding that a spreadsheet would take for a formula
        long formula = RectificationFixture.raise(o.f().analyst(), Map.of("unit", o.f().window(2),
                "title", "=1+1 叫号机"));
        String manager = ReportResourceTest.signedInCookie(o.f().manager());
        String csv = given().cookie(ReportResource.COOKIE, manager).redirects().follow(false)
                .get("/reports/rectifications?lang=en&format=csv&table=rectifications&unit=" + o.f().region())
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFF");
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).toList()).containsExactly("No.", "Owner unit", "Unit code", "Finding", "Severity",
                "State", "Overdue", "Raised", "Due");
        assertThat(records).hasSize(5);
        CSVRecord first = records.stream().filter(r -> r.get(0).equals(Long.toString(o.overdue()))).findFirst()
                .orElseThrow();
        assertThat(first.get(1)).isEqualTo("城东支局 › 窗口1");
        assertThat(first.get(2)).isEqualTo(o.f().window(1));
        assertThat(first.get(5)).isEqualTo("open");
        assertThat(first.get(6)).isEqualTo("yes");
        // raised at the inspection's moment, written in Beijing time with its offset
        assertThat(first.get(7)).startsWith("2025-02-03T10:00").endsWith("+08:00");
        CSVRecord replied = records.stream().filter(r -> r.get(0).equals(Long.toString(o.replied()))).findFirst()
                .orElseThrow();
        assertThat(replied.get(5)).isEqualTo("replied");
        assertThat(replied.get(6)).isEqualTo("no");
        // written with a quote in front (platform/csv/Csv), so that it is never run
        assertThat(records.stream().filter(r -> r.get(0).equals(Long.toString(formula))).findFirst().orElseThrow()
                .get(3)).isEqualTo("'=1+1 叫号机");

        byte[] xlsx = given().cookie(ReportResource.COOKIE, manager).redirects().follow(false)
                .get("/reports/rectifications?lang=en&format=xlsx&table=rectifications&unit=" + o.f().region())
                .then().statusCode(200).contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        List<List<ReportExportsTest.XCell>> sheet = ReportExportsTest.sheet(xlsx);
        // a typed text cell in the workbook, never a formula (sheet() checks there is none)
        assertThat(sheet).hasSize(5);
        assertThat(sheet.stream().anyMatch(r -> r.get(3).text().equals("=1+1 叫号机"))).isTrue();
        assertThat(sheet.get(0).get(1).text()).isEqualTo("Owner unit");
        List<ReportExportsTest.XCell> row = sheet.stream().filter(r -> r.get(0).text().equals(
                Long.toString(o.overdue()))).findFirst().orElseThrow();
        assertThat(row.get(0).numeric()).as("the number is a number").isTrue();
        assertThat(row.get(1).text()).isEqualTo("城东支局 › 窗口1");
        assertThat(row.get(7).numeric() && row.get(7).styled()).as("the moment is a date cell").isTrue();

        // the page links its downloads
        assertThat(page(manager, "/reports/rectifications?lang=en&unit=" + o.f().region()))
                .contains("format=csv", "format=xlsx", "table=rectifications");
    }
}
