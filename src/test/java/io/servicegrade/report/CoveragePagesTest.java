package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.coverage.CoverageFixture;
import io.servicegrade.platform.csv.Xlsx;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** The inspection coverage page (issue 19): rates, overdue (marked in words) and never-inspected, in zh-CN and en. */
@QuarkusTest
class CoveragePagesTest {

    private static String page(String session, String path, int status) {
        return given().cookie(ReportResource.COOKIE, session).redirects().follow(false).get(path).then()
                .statusCode(status).extract().asString();
    }

    @Test
    void theCoveragePageShowsRatesOverdueAndNeverInspectedUnitsInBothLanguages() {
        CoverageFixture f = CoverageFixture.of();
        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        // the rural plan in the second quarter: B1 2 / 2 = 100.00 %, B2 0 / 2 = 0.00 %, total 2 / 4 = 50.00 %;
        // on 20 July O4 missed May–June and was never inspected
        String zh = page(analyst, "/reports/coverage?lang=zh-CN&plan=" + f.rural() + "&unit=" + f.p()
                + "&level=branch&period=2025-Q2&at=2025-07-20", 200);
        assertThat(zh).contains("检查覆盖", "各组检查覆盖率", "100.00 %", "0.00 %", "50.00 %", "逾期", "上一检查周期未覆盖",
                f.unit("B2.O4"), "从未检查", "农村");
        String en = page(analyst, "/reports/coverage?lang=en&plan=" + f.urban() + "&unit=" + f.p()
                + "&level=branch&period=2025-Q2&at=2025-07-20", 200);
        // the urban plan on 20 July: O1 is past July's middle day without an inspection
        assertThat(en).contains("Coverage rate per group", "66.67 %", "OVERDUE", "past the middle of the interval",
                f.unit("B1.O1"));
        // a bad day is named, in the page's language
        assertThat(page(analyst, "/reports/coverage?lang=en&at=2025-13-40", 422)).contains("at:");
        // a viewer may not read coverage: as if the page did not exist
        page(ReportResourceTest.signedInCookie(f.viewer()), "/reports/coverage", 404);
    }

    @Test
    void theCoveragePageSumsUpNamesUnitsByPathAndDownloadsEachTable() throws Exception {
        CoverageFixture f = CoverageFixture.of();
        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        String query = "/reports/coverage?lang=en&plan=" + f.rural() + "&unit=" + f.p()
                + "&level=branch&period=2025-Q2&at=2025-07-20";
        String en = page(analyst, query, 200);
        // the rural plan's total: B1 covered in both intervals, B2 in neither: 2 of 2 × 2 = 4 unit-intervals,
        // 50.00 %, over its 2 rural outlets (O2, O4); on 20 July O4 is overdue and was never inspected
        assertThat(en).contains(f.rural() + ": 2 of 4 unit-intervals covered (50.00 %), 2 units",
                "Units overdue now: 1; never inspected: 1");
        // units by path (the region, the root of the fixture's tree, left out), the code under it
        assertThat(en).contains("二支行 › 农村网点四", f.unit("B2.O4"), ">一支行<");
        // phone cards and the downloads of each table
        assertThat(en).contains("data-label=\"Coverage rate\"", "data-label=\"Last inspected\"",
                "table=rates", "table=overdue", "table=never", "format=xlsx");

        String csv = given().cookie(ReportResource.COOKIE, analyst).redirects().follow(false)
                .get(query + "&format=csv&table=overdue").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).toList()).containsExactly("Mark", "Plan", "Unit", "Unit code", "Reason",
                "Current interval", "Overdue since", "Last inspected");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).toList()).contains("二支行 › 农村网点四", f.unit("B2.O4"),
                "the last interval was missed", "never");

        byte[] xlsx = given().cookie(ReportResource.COOKIE, analyst).redirects().follow(false)
                .get(query + "&format=xlsx&table=rates").then().statusCode(200).contentType(Xlsx.MEDIA_TYPE)
                .extract().asByteArray();
        List<List<ReportExportsTest.XCell>> sheet = ReportExportsTest.sheet(xlsx);
        assertThat(sheet.get(0).stream().map(ReportExportsTest.XCell::text).toList()).containsExactly("Plan",
                "Group", "Unit code", "Units", "Unit-intervals required", "Covered", "Coverage rate");
        List<ReportExportsTest.XCell> total = sheet.stream().filter(r -> r.get(1).text().equals(
                "All selected units")).findFirst().orElseThrow();
        // the rate shown as "50.00 %" is the number 50.00
        assertThat(total.get(6).numeric()).isTrue();
        assertThat(new java.math.BigDecimal(total.get(6).text())).isEqualByComparingTo("50");
        assertThat(sheet.stream().anyMatch(r -> r.get(1).text().equals("二支行")
                && r.get(2).text().equals(f.unit("B2")))).isTrue();
    }
}
