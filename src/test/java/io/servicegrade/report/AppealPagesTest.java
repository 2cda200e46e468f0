package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.appeal.AppealFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The appeals pages (issue 18): a manager files from the form, the analyst decides from the appeal's page. */
@QuarkusTest
class AppealPagesTest {

    private static io.restassured.specification.RequestSpecification form(String session, String csrf) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").cookie(ReportResource.COOKIE, session)
                .formParam("csrf", csrf).redirects().follow(false);
    }

    @Test
    void aManagerFilesFromTheFormAndTheAnalystDecidesFromTheAppealsPage() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        String manager = ReportResourceTest.signedInCookie(f.manager());
        String list = page(manager, "/reports/appeals?lang=zh-CN");
        assertThat(list).contains("提出申诉", "申诉理由", "暂无申诉");

        // a bad link is named, in the page's language, and nothing is filed
        Response refused = form(manager, csrf(list)).formParam("lang", "zh-CN").formParam("scheme", f.scheme())
                .formParam("evaluation", String.valueOf(inspection)).formParam("reasons", "维修")
                .formParam("evidence", "ftp://x/y").post("/reports/appeals");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("evidence/0", "http 或 https");

        Response filed = form(manager, csrf(list)).formParam("lang", "en").formParam("scheme", f.scheme())
                .formParam("evaluation", String.valueOf(inspection)).formParam("items", "findings")
                .formParam("reasons", "The window was under repair.")
                .formParam("evidence", "https://evidence.example/1.jpg\nhttps://evidence.example/2.jpg")
                .post("/reports/appeals");
        assertThat(filed.statusCode()).isEqualTo(303);
        String location = filed.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(location).matches("/reports/appeals/\\d+\\?filed=1&lang=en");
        String id = location.replaceAll("^/reports/appeals/(\\d+).*", "$1");
        String shown = page(manager, location);
        assertThat(shown).contains("The appeal was filed.", "Awaiting decision", "findings",
                "https://evidence.example/2.jpg").doesNotContain("Record the decision");

        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        String queue = page(analyst, "/reports/appeals?state=filed&lang=zh-CN&scheme=" + f.scheme());
        assertThat(queue).contains("/reports/appeals/" + id, "待决定").doesNotContain("提交申诉");
        String detail = page(analyst, "/reports/appeals/" + id + "?lang=zh-CN");
        assertThat(detail).contains("记录决定");
        Response decided = form(analyst, csrf(detail)).formParam("lang", "zh-CN").formParam("outcome", "rejected")
                .formParam("reason", "扣分有据").formParam("correction", "").post("/reports/appeals/" + id + "/decision");
        assertThat(decided.statusCode()).isEqualTo(303);
        assertThat(page(analyst, "/reports/appeals/" + id + "?lang=zh-CN")).contains("驳回", "扣分有据")
                .doesNotContain("记录决定");
        AppealFixture.as(f.analyst()).get("/api/v1/appeals/{id}", id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("rejected"));
        // the period's bulletin lists the decided appeal's outcome, to anyone who reads the board
        assertThat(given().queryParam("scheme", f.scheme()).queryParam("period", AppealFixture.PERIOD)
                .queryParam("lang", "zh-CN").get("/reports/bulletin").then().statusCode(200).extract().asString())
                .contains("申诉处理结果", "扣分有据", "驳回", f.window(1));
    }

    @Test
    void readersWhoNeitherFileNorDecideFindNoPageAndStrangersAreSentToSignIn() {
        AppealFixture f = AppealFixture.of(1);
        String viewer = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("viewer"),
                List.of(f.setup().region())));
        given().cookie(ReportResource.COOKIE, viewer).redirects().follow(false).get("/reports/appeals").then()
                .statusCode(404);
        assertThat(given().redirects().follow(false).get("/reports/appeals?lang=en").then().statusCode(303)
                .extract().header("Location")).contains("/reports/sign-in");
        // a form without the session's token changes nothing
        String manager = ReportResourceTest.signedInCookie(f.manager());
        form(manager, "0".repeat(64)).formParam("scheme", f.scheme()).formParam("unit", f.window(1))
                .formParam("period", AppealFixture.PERIOD).formParam("reasons", "r").post("/reports/appeals").then()
                .statusCode(403);
    }
}
