package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.rectification.RectificationFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The rectification pages (issue 19): the list marks overdue orders; the owner replies, the inspector verifies. */
@QuarkusTest
class RectificationPagesTest {

    private static io.restassured.specification.RequestSpecification form(String session, String csrf) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, session).formParam("csrf", csrf).redirects().follow(false);
    }

    @Test
    void theListMarksOverdueOrdersAndTheOwnerRepliesAndTheInspectorVerifiesFromTheOrdersPage() {
        RectificationFixture f = RectificationFixture.of(1);
        long evaluation = f.evaluation(f.window(1), "2025-02-03T10:00:00+08:00", 88, true);
        long overdue = RectificationFixture.raise(f.analyst(), RectificationFixture.fromEvaluation(evaluation,
                List.of("findings")));
        long fresh = RectificationFixture.raise(f.analyst(), Map.of("unit", f.window(1),
                "title", "叫号机故障 / queue machine broken"));

        String manager = ReportResourceTest.signedInCookie(f.manager());
        String list = page(manager, "/reports/rectifications?lang=zh-CN&unit=" + f.region());
        assertThat(list).contains("整改单", "/reports/rectifications/" + overdue, "/reports/rectifications/" + fresh,
                "已逾期", "class=\"overdue\"", "待整改");
        String onlyOverdue = page(manager, "/reports/rectifications?lang=en&overdue=true&unit=" + f.region());
        assertThat(onlyOverdue).contains("/reports/rectifications/" + overdue, "OVERDUE")
                .doesNotContain("/reports/rectifications/" + fresh + "?");

        String detail = page(manager, "/reports/rectifications/" + fresh + "?lang=en");
        assertThat(detail).contains("Reply as the owner", "queue machine broken").doesNotContain("Verify the reply");
        // a bad link is named, in the page's language, and nothing is stored
        Response refused = form(manager, csrf(detail)).formParam("lang", "zh-CN").formParam("text", "已修复")
                .formParam("evidence", "ftp://x/y").post("/reports/rectifications/" + fresh + "/reply");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("evidence/0", "http 或 https");
        Response replied = form(manager, csrf(detail)).formParam("lang", "en").formParam("text", "Repaired.")
                .formParam("evidence", "https://evidence.example/fixed.jpg")
                .post("/reports/rectifications/" + fresh + "/reply");
        assertThat(replied.statusCode()).isEqualTo(303);
        assertThat(page(manager, "/reports/rectifications/" + fresh + "?replied=1&lang=en"))
                .contains("The reply was recorded.", "Repaired.", "https://evidence.example/fixed.jpg")
                .doesNotContain("Reply as the owner");

        String inspector = ReportResourceTest.signedInCookie(f.inspector());
        String toVerify = page(inspector, "/reports/rectifications/" + fresh + "?lang=zh-CN");
        assertThat(toVerify).contains("验收", "提交验收结论");
        Response returned = form(inspector, csrf(toVerify)).formParam("lang", "zh-CN").formParam("outcome", "returned")
                .post("/reports/rectifications/" + fresh + "/verification");
        assertThat(returned.statusCode()).isEqualTo(422);
        assertThat(returned.asString()).contains("reason");
        Response accepted = form(inspector, csrf(toVerify)).formParam("lang", "zh-CN").formParam("outcome", "accepted")
                .post("/reports/rectifications/" + fresh + "/verification");
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(page(inspector, "/reports/rectifications/" + fresh + "?lang=zh-CN")).contains("已验收", "验收通过")
                .doesNotContain("提交验收结论");

        // a manager elsewhere does not see the order
        String outsider = ReportResourceTest.signedInCookie(f.outsider());
        given().cookie(ReportResource.COOKIE, outsider).redirects().follow(false)
                .get("/reports/rectifications/" + fresh + "?lang=en").then().statusCode(404);
    }
}
