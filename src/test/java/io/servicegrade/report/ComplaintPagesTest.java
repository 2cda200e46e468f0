package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The complaints pages (issue 19): the list marks overdue complaints in words, a manager replies from the form. */
@QuarkusTest
class ComplaintPagesTest {

    private static String page(String session, String path) {
        return given().cookie(ReportResource.COOKIE, session).redirects().follow(false).get(path).then()
                .statusCode(200).extract().asString();
    }

    private static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"").matcher(html);
        assertThat(token.find()).as("the page's form carries the session's token").isTrue();
        return token.group(1);
    }

    @Test
    void theListMarksOverdueComplaintsAndAManagerRepliesFromTheComplaintsPage() {
        String region = SchemeVersionsTest.region(1);
        String managerToken = AppealFixture.token(List.of("manager"), List.of(region));
        long id = ((Number) AppealFixture.as(managerToken).body(Map.of("channel", "hotline",
                "receivedAt", "2025-03-07T16:00:00+08:00", "unit", region + ".W1", "category", "fees",
                "subject", "多收邮费", "customerRef", region + "-c", "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        String manager = ReportResourceTest.signedInCookie(managerToken);

        String zh = page(manager, "/reports/complaints?lang=zh-CN&unit=" + region);
        assertThat(zh).contains("/reports/complaints/" + id, "已超过答复时限", "class=\"overdue\"", "热线");
        String en = page(manager, "/reports/complaints?lang=en&state=overdue&unit=" + region);
        assertThat(en).contains("past its reply deadline", "/reports/complaints/" + id);
        assertThat(page(manager, "/reports/complaints?lang=en&state=replied&unit=" + region))
                .contains("No complaint matches.");

        String detail = page(manager, "/reports/complaints/" + id + "?lang=zh-CN");
        assertThat(detail).contains("记录答复", "多收邮费", "首问负责人");
        // a reply before receipt is named by its field, in the page's language, and nothing is stored
        Response refused = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(detail))
                .formParam("lang", "zh-CN").formParam("resolution", "已退费")
                .formParam("repliedAt", "2025-03-01T10:00:00+08:00").post("/reports/complaints/" + id + "/reply");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("repliedAt", "不得早于投诉受理时间");
        Response replied = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(detail))
                .formParam("lang", "en").formParam("resolution", "Refunded the overcharge.")
                .formParam("repliedAt", "2025-03-12T10:00:00+08:00").post("/reports/complaints/" + id + "/reply");
        assertThat(replied.statusCode()).isEqualTo(303);
        String after = page(manager, "/reports/complaints/" + id + "?replied=1&lang=en");
        assertThat(after).contains("The reply was recorded.", "Refunded the overcharge.", "replied late")
                .doesNotContain("Record the reply");
        AppealFixture.as(managerToken).get("/api/v1/complaints/{id}", id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("replied"));
    }

    @Test
    void aViewerReadsWithoutTheReplyFormAndAReaderNotSignedInIsSentToSignIn() {
        String region = SchemeVersionsTest.region(1);
        long id = ((Number) io.servicegrade.TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of(
                "channel", "letter", "receivedAt", "2025-03-07T16:00:00+08:00", "unit", region + ".W1",
                "category", "fees", "subject", "信函投诉", "customerRef", region + "-c",
                "firstResponder", "李四"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        String viewer = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("viewer"), List.of(region)));
        assertThat(page(viewer, "/reports/complaints?lang=en")).contains("/reports/complaints/" + id);
        assertThat(page(viewer, "/reports/complaints/" + id + "?lang=en")).contains("信函投诉")
                .doesNotContain("Record the reply");
        given().redirects().follow(false).get("/reports/complaints").then().statusCode(303);
    }
}
