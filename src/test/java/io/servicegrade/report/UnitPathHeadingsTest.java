package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.ReportResourceTest.signedInCookie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the evaluation sheet names its unit by its full path (branch › outlet › window, the root left out) with
 * its code, and the scorecard's heading names the units above the unit; in both languages.
 */
@QuarkusTest
class UnitPathHeadingsTest {

    @Test
    void theSheetNamesItsUnitByItsPathAndTheScorecardTheUnitsAboveIt() {
        // 省局 (root) › 城东支局 › 东街网点/西街网点 › windows; B3 = 西街网点's 储蓄窗口3号, vetoed in 2025-Q2
        BoardReportTest.Fixture f = BoardReportTest.Fixture.make();
        String cookie = signedInCookie();
        String board = given().cookie(ReportResource.COOKIE, cookie).queryParams(f.query())
                .get("/reports/standings").then().statusCode(200).extract().asString();
        // B3's row links its vetoing mystery shop's sheet
        String row = board.substring(board.indexOf(">" + f.b3() + "<"));
        Matcher sheet = Pattern.compile("/reports/evaluations/(\\d+)").matcher(row);
        assertThat(sheet.find()).isTrue();
        for (String lang : new String[] {"zh-CN", "en"}) {
            String page = given().cookie(ReportResource.COOKIE, cookie)
                    .get("/reports/evaluations/" + sheet.group(1) + "?lang=" + lang).then().statusCode(200)
                    .extract().asString();
            assertThat(page).contains("<dd>城东支局 › 西街网点 › 储蓄窗口3号 <span class=\"code\">" + f.b3() + "</span></dd>");

            String window = scorecard(f, f.a1(), lang);
            assertThat(window).contains("<p class=\"meta\"><span class=\"path\">城东支局 › 东街网点</span> · ");
            // the branch sits right under the root: nothing above it is named
            String branch = scorecard(f, f.p() + ".B", lang);
            assertThat(branch).contains("<p class=\"meta\">").doesNotContain("class=\"path\"");
        }
    }

    private static String scorecard(BoardReportTest.Fixture f, String unit, String lang) {
        return given().queryParams(Map.of("scheme", f.scheme(), "unit", unit, "period", "2025-Q2", "lang", lang))
                .get("/reports/scorecard").then().statusCode(200).extract().asString();
    }
}
