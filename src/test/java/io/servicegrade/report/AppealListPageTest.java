package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.csv.Xlsx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, point 10: the appeals list the board's way: counts per state above it (each a link to its rows), units by
 * full path, filters by unit name and by state words (an unknown value keeps the page and says so), deadlines in
 * days, phone-card labels, and the list as CSV and XLSX with one value per column.
 */
@QuarkusTest
class AppealListPageTest {

    /** Three appeals of one scheme: two awaiting decision (one against a window deep in the tree), one rejected. */
    record Fixture(AppealFixture f, String outlet, String deep, long evaluationAppeal, long rejected, long standing,
            String manager) {

        static Fixture make() {
            AppealFixture f = AppealFixture.of(1);
            String p = f.setup().region();
            String outlet = "东街网点" + p;
            TestApi.asAdmin().contentType(ContentType.JSON).body(List.of(
                    Map.of("code", p + ".B", "name", "城东支局", "kind", "branch", "parent", p),
                    Map.of("code", p + ".O", "name", outlet, "kind", "outlet", "parent", p + ".B"),
                    Map.of("code", p + ".O.W2", "name", "储蓄窗口2号", "kind", "window", "parent", p + ".O")))
                    .put("/api/v1/units").then().statusCode(200);
            long evaluation = f.post(p + "-i1", "inspection", f.window(1), 80);
            f.publish();
            long a1 = AppealFixture.file(f.manager(), f.againstEvaluation(evaluation, List.of("findings")));
            long a2 = AppealFixture.file(f.manager(), f.againstStanding(p + ".O.W2"));
            long a3 = AppealFixture.file(f.manager(), f.againstStanding(f.window(1)));
            AppealFixture.as(f.analyst()).body(Map.of("outcome", "rejected", "reason", "排名无误"))
                    .post("/api/v1/appeals/{id}/decision", a2).then().statusCode(200);
            return new Fixture(f, outlet, p + ".O.W2", a1, a2, a3, ReportResourceTest.signedInCookie(f.manager()));
        }

        String list(String query) {
            return page(manager, "/reports/appeals?scheme=" + f.scheme() + "&" + query);
        }
    }

    @Test
    void theSummaryCountsEveryStateAndTheUndecidedPastTheirWindowEachALinkToItsRows() {
        Fixture x = Fixture.make();
        // while the window is open: 3 in all; 2 awaiting decision (a1, a3), 0 upheld, 1 rejected (a2); none late
        String open = x.list("lang=en");
        assertThat(open).contains("3 in all", "Awaiting decision: 2", "Upheld: 0", "Rejected: 1",
                "Undecided after the window closed: 0", "Rows 1–3 of 3");
        assertThat(open).containsPattern("window closes (in \\d+ days|in 1 day|today)");

        x.f().endWindow();
        String closed = x.list("lang=en");
        // a1 and a3 are still filed with the window (ended 2023-07-08) behind them: 2 late
        assertThat(closed).contains("3 in all", "Awaiting decision: 2", "Undecided after the window closed: 2")
                .containsPattern("window closed \\d+ days ago");
        Matcher late = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>Undecided after the window closed: 2</a>")
                .matcher(closed);
        assertThat(late.find()).isTrue();
        String lateOnly = page(x.manager(), late.group(1).replace("&amp;", "&"));
        assertThat(lateOnly).contains("Rows 1–2 of 2", "/reports/appeals/" + x.evaluationAppeal() + "?",
                "/reports/appeals/" + x.standing() + "?", "Show all", "3 in all")
                .doesNotContain("/reports/appeals/" + x.rejected() + "?");

        String zh = x.list("lang=zh-CN");
        assertThat(zh).contains("共 3 件", "待决定 2 件", "支持 0 件", "驳回 1 件", "申诉期已过仍未决定 2 件")
                .containsPattern("申诉期已于 \\d+ 天前结束");
    }

    @Test
    void rowsNameUnitsByPathAndTheListFiltersByUnitNameAndStateWords() {
        Fixture x = Fixture.make();
        String all = x.list("lang=zh-CN");
        assertThat(all).contains("城东支局 › " + x.outlet() + " › 储蓄窗口2号", "data-label=\"单位（名称或代码）\"",
                "data-label=\"公示期截止\"", "<datalist id=\"f-unit-names\">");
        // and the appeal's own page
        assertThat(page(x.manager(), "/reports/appeals/" + x.rejected() + "?lang=zh-CN"))
                .contains(x.deep() + " 城东支局 › " + x.outlet() + " › 储蓄窗口2号");

        // the outlet by its name: only the appeal against the window under it
        String outlet = x.list("lang=en&unit=" + x.outlet());
        assertThat(outlet).contains("Rows 1–1 of 1", "/reports/appeals/" + x.rejected() + "?")
                .doesNotContain("/reports/appeals/" + x.standing() + "?");

        // a state by its words, in either language
        assertThat(x.list("lang=zh-CN&state=Rejected")).contains("第 1–1 行，共 1 行",
                "/reports/appeals/" + x.rejected() + "?").doesNotContain("/reports/appeals/" + x.standing() + "?");
        assertThat(x.list("lang=en&state=驳回")).contains("Rows 1–1 of 1", "/reports/appeals/" + x.rejected() + "?");

        // unknown values keep the page, its other filters, and say so
        String unknownUnit = x.list("lang=en&unit=没有这个单位&state=filed");
        assertThat(unknownUnit).contains("No unit “没有这个单位”: this filter is not applied", "Rows 1–2 of 2");
        String unknownState = x.list("lang=en&state=bogus");
        assertThat(unknownState).contains("“bogus” is not a state: every state is shown.",
                "Awaiting decision; Upheld; Rejected", "Rows 1–3 of 3");
    }

    @Test
    void theListDownloadsAsCsvAndXlsxWithOneValuePerColumn() throws IOException {
        Fixture x = Fixture.make();
        x.f().endWindow();
        String page = x.list("lang=en");
        assertThat(page).contains("format=csv&amp;table=appeals", "format=xlsx&amp;table=appeals");

        List<Map<String, String>> rows = ReportExportsTest.rows(ReportExportsTest.records(given()
                .cookie(ReportResource.COOKIE, x.manager()).get("/reports/appeals?scheme=" + x.f().scheme()
                        + "&lang=en&format=csv&table=appeals")));
        assertThat(rows).hasSize(3);
        Map<String, String> rejected = byId(rows, x.rejected());
        assertThat(rejected.get("Unit (name or code)")).isEqualTo("城东支局 › " + x.outlet() + " › 储蓄窗口2号");
        assertThat(rejected.get("Unit code")).isEqualTo(x.deep());
        assertThat(rejected.get("State")).isEqualTo("Rejected");
        // a decided appeal's window is not counted down
        assertThat(rejected.get("Days left (negative: past)")).isEmpty();
        Map<String, String> filed = byId(rows, x.standing());
        // the window ended at 2023-07-08 00:00 Beijing time: an ISO moment, and an ASCII-minus count of days
        assertThat(filed.get("Objection window ends")).startsWith("2023-07-08T00:00");
        assertThat(filed.get("Days left (negative: past)")).matches("-\\d+");
        assertThat(filed.get("Against")).isEqualTo("The period's standing");

        byte[] xlsx = given().cookie(ReportResource.COOKIE, x.manager()).get("/reports/appeals?scheme="
                + x.f().scheme() + "&lang=en&format=xlsx&table=appeals").then().statusCode(200)
                .contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        List<List<ReportExportsTest.XCell>> sheet = ReportExportsTest.sheet(xlsx);
        List<String> header = sheet.get(0).stream().map(ReportExportsTest.XCell::text).toList();
        assertThat(header).containsSubsequence("No.", "Unit (name or code)", "Unit code", "State",
                "Objection window ends", "Days left (negative: past)");
        assertThat(sheet).hasSize(4);
        List<ReportExportsTest.XCell> row = sheet.stream().filter(r -> r.size() > 2
                && r.get(header.indexOf("Unit code")).text().equals(x.deep())).findFirst().orElseThrow();
        assertThat(row.get(header.indexOf("No.")).numeric()).isTrue();
        assertThat(row.get(header.indexOf("No.")).text()).isEqualTo(Long.toString(x.rejected()));
        List<ReportExportsTest.XCell> late = sheet.stream().filter(r -> r.size() > 2
                && r.get(0).text().equals(Long.toString(x.standing()))).findFirst().orElseThrow();
        assertThat(late.get(header.indexOf("Days left (negative: past)")).numeric()).isTrue();
        assertThat(Integer.parseInt(late.get(header.indexOf("Days left (negative: past)")).text())).isNegative();
    }

    static Map<String, String> byId(List<Map<String, String>> rows, long id) {
        return rows.stream().filter(r -> r.values().iterator().next().equals(Long.toString(id))).findFirst()
                .orElseThrow();
    }
}
