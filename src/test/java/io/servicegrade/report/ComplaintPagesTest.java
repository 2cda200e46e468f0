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
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The complaints pages (issue 19): the list marks overdue complaints in words, a manager replies from the form. */
@QuarkusTest
class ComplaintPagesTest {

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

    // issue 19b: complaints
    @Test
    void whoRegisteredAComplaintRecordsTheCustomersSatisfactionFromItsPageAndABadValueIsNamed() {
        String region = SchemeVersionsTest.region(1);
        String managerToken = AppealFixture.token(List.of("manager"), List.of(region));
        long id = ((Number) AppealFixture.as(managerToken).body(Map.of("channel", "walk-in",
                "receivedAt", "2025-04-07T10:00:00+08:00", "unit", region + ".W1", "category", "queue-time",
                "subject", "排队一小时", "customerRef", region + "-c", "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        String manager = ReportResourceTest.signedInCookie(managerToken);
        String viewer = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("viewer"), List.of(region)));

        // the category by its name, in the page's language, and the filter offers every category by name
        assertThat(page(manager, "/reports/complaints?lang=zh-CN&unit=" + region))
                .contains("data-label=\"类别\">等候时间</td>", "<option value=\"fees\">收费</option>");
        assertThat(page(manager, "/reports/complaints?lang=en&category=fees&unit=" + region))
                .contains("No complaint matches.", "<option value=\"fees\" selected>Fees</option>");
        assertThat(page(manager, "/reports/complaints?lang=en&category=queue-time&unit=" + region))
                .contains("/reports/complaints/" + id, "data-label=\"Category\">Waiting time</td>");

        // not replied yet: no satisfaction form
        assertThat(page(manager, "/reports/complaints/" + id + "?lang=en"))
                .doesNotContain("Record the satisfaction");
        AppealFixture.as(managerToken).body(Map.of("resolution", "增开窗口", "repliedAt",
                "2025-04-08T10:00:00+08:00")).post("/api/v1/complaints/{id}/reply", id).then().statusCode(200);
        // a viewer neither registered it nor records any customer's satisfaction: no form
        assertThat(page(viewer, "/reports/complaints/" + id + "?lang=en"))
                .doesNotContain("Record the satisfaction");
        String detail = page(manager, "/reports/complaints/" + id + "?lang=zh-CN");
        assertThat(detail).contains("记录客户满意度（回访）", "action=\"/reports/complaints/" + id + "/satisfaction\"");

        Response bad = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(detail))
                .formParam("lang", "zh-CN").formParam("satisfaction", "meh")
                .post("/reports/complaints/" + id + "/satisfaction");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("satisfaction: 须为以下之一：satisfied, unsatisfied", "记录满意度");
        AppealFixture.as(managerToken).get("/api/v1/complaints/{id}", id).then().statusCode(200)
                .body("satisfaction", org.hamcrest.Matchers.nullValue());
        // without the session's token nothing is recorded either
        Response forged = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", "0".repeat(64))
                .formParam("lang", "en").formParam("satisfaction", "satisfied")
                .post("/reports/complaints/" + id + "/satisfaction");
        assertThat(forged.statusCode()).isEqualTo(403);

        Response rated = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(detail))
                .formParam("lang", "en").formParam("satisfaction", "unsatisfied")
                .post("/reports/complaints/" + id + "/satisfaction");
        assertThat(rated.statusCode()).isEqualTo(303);
        assertThat(rated.header("Location")).endsWith("/reports/complaints/" + id + "?rated=1&lang=en");
        assertThat(page(manager, "/reports/complaints/" + id + "?rated=1&lang=en"))
                .contains("satisfaction was recorded.", "unsatisfied")
                .doesNotContain("Record the satisfaction");
        AppealFixture.as(managerToken).get("/api/v1/complaints/{id}", id).then().statusCode(200)
                .body("satisfaction", org.hamcrest.Matchers.equalTo("unsatisfied"));
    }

    @Test
    void aManagerRegistersAComplaintFromTheListPageAndEveryBadFieldIsNamed() {
        String region = SchemeVersionsTest.region(1);
        String managerToken = AppealFixture.token(List.of("manager"), List.of(region));
        String manager = ReportResourceTest.signedInCookie(managerToken);
        String list = page(manager, "/reports/complaints?lang=en&unit=" + region);
        assertThat(list).contains("Register a complaint", "<option value=\"queue-time\">Waiting time</option>");
        // a viewer may not register: no form
        String viewer = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("viewer"), List.of(region)));
        assertThat(page(viewer, "/reports/complaints?lang=en")).doesNotContain("Register a complaint");

        Response bad = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(list))
                .formParam("lang", "en").formParam("channel", "fax").formParam("receivedAt", "2025-04-07T10:00")
                .formParam("unit", region + ".W1").formParam("category", "parcels").formParam("subject", "")
                .formParam("customerRef", region + "-secret").formParam("firstResponder", "李四")
                .post("/reports/complaints");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("channel: must be one of", "category: is not a complaint category",
                "subject: ").doesNotContain(region + "-secret");
        AppealFixture.as(managerToken).queryParam("unit", region).get("/api/v1/complaints").then().statusCode(200)
                .body("", org.hamcrest.Matchers.hasSize(0));

        // a time without an offset is in the server's zone: 10:00 in Shanghai is 02:00Z
        Response registered = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(ReportResource.COOKIE, manager).redirects().follow(false).formParam("csrf", csrf(list))
                .formParam("lang", "en").formParam("channel", "walk-in").formParam("receivedAt", "2025-04-07T10:00")
                .formParam("unit", region + ".W1").formParam("category", "fees").formParam("subject", "窗口多收费")
                .formParam("customerRef", region + "-secret").formParam("firstResponder", "李四")
                .post("/reports/complaints");
        assertThat(registered.statusCode()).isEqualTo(303);
        Matcher location = Pattern.compile("/reports/complaints/([0-9]+)\\?registered=1&lang=en$")
                .matcher(registered.header("Location"));
        assertThat(location.find()).as(registered.header("Location")).isTrue();
        long id = Long.parseLong(location.group(1));
        assertThat(page(manager, "/reports/complaints/" + id + "?registered=1&lang=en"))
                .contains("The complaint was registered.", "窗口多收费", "<dd>Fees</dd>");
        String received = AppealFixture.as(managerToken).get("/api/v1/complaints/{id}", id).then().statusCode(200)
                .body("category", org.hamcrest.Matchers.equalTo("fees")).extract().path("receivedAt");
        assertThat(java.time.OffsetDateTime.parse(received).toInstant())
                .isEqualTo(java.time.Instant.parse("2025-04-07T02:00:00Z"));
    }
}
