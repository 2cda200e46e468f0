package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.scheme.SchemeVersionsTest;
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
 * Issue 20, point 10: the complaints list the board's way: counts per state and of the late ones above it (each a
 * link to its rows), units by full path, filters by unit name and state words (an unknown value keeps the page and
 * says so), the reply deadline in days, phone-card labels, and the list as CSV and XLSX with one value per column.
 */
@QuarkusTest
class ComplaintListPageTest {

    /**
     * Three complaints received 2025-03-07 16:00 in a fresh region: one at a window deep in the tree, never replied
     * (overdue); two at another window, one replied the next morning (in time), one replied 2025-03-12 (late).
     */
    record Fixture(String region, String outlet, String deep, long overdue, long inTime, long late,
            String manager) {

        static Fixture make() {
            String p = SchemeVersionsTest.region(1);
            String outlet = "西街网点" + p;
            TestApi.asAdmin().contentType(ContentType.JSON).body(List.of(
                    Map.of("code", p + ".B", "name", "城西支局", "kind", "branch", "parent", p),
                    Map.of("code", p + ".O", "name", outlet, "kind", "outlet", "parent", p + ".B"),
                    Map.of("code", p + ".O.W2", "name", "邮政窗口2号", "kind", "window", "parent", p + ".O")))
                    .put("/api/v1/units").then().statusCode(200);
            long overdue = register(p + ".O.W2", p + "-a");
            long inTime = register(p + ".W1", p + "-b");
            long late = register(p + ".W1", p + "-c");
            reply(inTime, "2025-03-08T10:00:00+08:00");
            reply(late, "2025-03-12T10:00:00+08:00");
            return new Fixture(p, outlet, p + ".O.W2", overdue, inTime, late, ReportResourceTest.signedInCookie(
                    AppealFixture.token(List.of("manager"), List.of(p))));
        }

        static long register(String unit, String customer) {
            return ((Number) TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("channel", "hotline",
                    "receivedAt", "2025-03-07T16:00:00+08:00", "unit", unit, "category", "fees",
                    "subject", "多收邮费", "customerRef", customer, "firstResponder", "张三"))
                    .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        }

        static void reply(long id, String at) {
            TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("resolution", "已退费", "repliedAt", at))
                    .post("/api/v1/complaints/{id}/reply", id).then().statusCode(200);
        }

        String list(String query) {
            return page(manager, "/reports/complaints?" + query);
        }

        String link(long id) {
            return "/reports/complaints/" + id + "?";
        }
    }

    @Test
    void theSummaryCountsEveryStateAndTheLateOnesEachALinkToItsRows() {
        Fixture x = Fixture.make();
        // 3 in all: 0 open, 1 overdue (never replied), 2 replied; late: the overdue one and the one replied 03-12
        String en = x.list("lang=en");
        assertThat(en).contains("3 in all", "open: 0", "overdue: 1", "replied: 2",
                "Replied late, or unreplied past the deadline: 2", "Rows 1–3 of 3")
                .containsPattern("\\d+ days overdue");
        Matcher overdue = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>overdue: 1</a>").matcher(en);
        assertThat(overdue.find()).isTrue();
        assertThat(page(x.manager(), overdue.group(1).replace("&amp;", "&"))).contains("Rows 1–1 of 1",
                x.link(x.overdue()), "past its reply deadline", "Show all").doesNotContain(x.link(x.inTime()));
        assertThat(x.list("lang=en&overdue=true")).contains("Rows 1–2 of 2", x.link(x.overdue()), x.link(x.late()))
                .doesNotContain(x.link(x.inTime()));

        assertThat(x.list("lang=zh-CN")).contains("共 3 件", "待答复 0 件", "已超时 1 件", "已答复 2 件",
                "逾期答复或逾期未答复 2 件").containsPattern("已逾期 \\d+ 天");
    }

    @Test
    void rowsNameUnitsByPathAndTheListFiltersByUnitNameAndStateWords() {
        Fixture x = Fixture.make();
        assertThat(x.list("lang=zh-CN")).contains("城西支局 › " + x.outlet() + " › 邮政窗口2号",
                "data-label=\"单位（名称或代码）\"", "data-label=\"答复时限\"", "<datalist id=\"unit-names\">");
        // and the complaint's own page
        assertThat(page(x.manager(), "/reports/complaints/" + x.overdue() + "?lang=zh-CN"))
                .contains(x.deep() + " 城西支局 › " + x.outlet() + " › 邮政窗口2号");

        assertThat(x.list("lang=en&unit=" + x.outlet())).contains("Rows 1–1 of 1", x.link(x.overdue()))
                .doesNotContain(x.link(x.late()));
        assertThat(x.list("lang=en&state=已答复")).contains("Rows 1–2 of 2", x.link(x.inTime()), x.link(x.late()))
                .doesNotContain(x.link(x.overdue()));

        String unknownUnit = x.list("lang=en&unit=没有这个单位&state=replied");
        assertThat(unknownUnit).contains("No unit “没有这个单位”: this filter is not applied", "Rows 1–2 of 2");
        assertThat(x.list("lang=en&state=bogus")).contains("“bogus” is not a state: every state is shown.",
                "open; overdue; replied", "Rows 1–3 of 3");
    }

    @Test
    void theListDownloadsAsCsvAndXlsxWithOneValuePerColumn() throws IOException {
        Fixture x = Fixture.make();
        assertThat(x.list("lang=en")).contains("format=csv&amp;table=complaints", "format=xlsx&amp;table=complaints");
        String query = "/reports/complaints?unit=" + x.region() + "&lang=en&table=complaints&format=";
        List<Map<String, String>> rows = ReportExportsTest.rows(ReportExportsTest.records(given()
                .cookie(ReportResource.COOKIE, x.manager()).get(query + "csv")));
        assertThat(rows).hasSize(3);
        Map<String, String> overdue = AppealListPageTest.byId(rows, x.overdue());
        assertThat(overdue.get("Unit (name or code)")).isEqualTo("城西支局 › " + x.outlet() + " › 邮政窗口2号");
        assertThat(overdue.get("Unit code")).isEqualTo(x.deep());
        assertThat(overdue.get("Received")).isEqualTo("2025-03-07T16:00:00+08:00");
        assertThat(overdue.get("State")).isEqualTo("overdue");
        assertThat(overdue.get("Replied late, or unreplied past the deadline")).isEqualTo("true");
        assertThat(overdue.get("Days left (negative: past)")).matches("-\\d+");
        Map<String, String> inTime = AppealListPageTest.byId(rows, x.inTime());
        assertThat(inTime.get("State")).isEqualTo("replied");
        assertThat(inTime.get("Replied late, or unreplied past the deadline")).isEqualTo("false");
        assertThat(inTime.get("Days left (negative: past)")).isEmpty();

        byte[] xlsx = given().cookie(ReportResource.COOKIE, x.manager()).get(query + "xlsx").then().statusCode(200)
                .contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        List<List<ReportExportsTest.XCell>> sheet = ReportExportsTest.sheet(xlsx);
        List<String> header = sheet.get(0).stream().map(ReportExportsTest.XCell::text).toList();
        assertThat(header).containsSubsequence("No.", "Unit (name or code)", "Unit code", "State",
                "Replied late, or unreplied past the deadline");
        assertThat(sheet).hasSize(4);
        List<ReportExportsTest.XCell> row = sheet.stream().filter(r -> r.size() > 2
                && r.get(0).text().equals(Long.toString(x.overdue()))).findFirst().orElseThrow();
        assertThat(row.get(header.indexOf("Unit code")).text()).isEqualTo(x.deep());
        assertThat(row.get(header.indexOf("Days left (negative: past)")).numeric()).isTrue();
        assertThat(Integer.parseInt(row.get(header.indexOf("Days left (negative: past)")).text())).isNegative();
    }
}
