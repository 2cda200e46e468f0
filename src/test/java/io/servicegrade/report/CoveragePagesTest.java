package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.coverage.CoverageFixture;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
}
