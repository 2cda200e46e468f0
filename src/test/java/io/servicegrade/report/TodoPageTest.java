package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.rectification.RectificationFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager's to-do (issue 19): the rectification orders and complaints awaiting an answer in the manager's scope,
 * overdue ones marked in words, each linked to the page where it is answered; nothing of other units.
 */
@QuarkusTest
class TodoPageTest {

    private static long complaint(String token, String unit, String received) {
        return ((Number) AppealFixture.as(token).body(Map.of("channel", "hotline", "receivedAt", received,
                        "unit", unit, "category", "fees", "subject", "多收邮费", "customerRef", unit + "-c",
                        "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
    }

    @Test
    void aManagerSeesWhatAwaitsAnAnswerInScopeOverdueMarked() {
        RectificationFixture f = RectificationFixture.of(2);
        // an order from a 2025 inspection's deducted items: long past its deadline
        long overdue = RectificationFixture.raise(f.analyst(), RectificationFixture.fromEvaluation(
                f.evaluation(f.window(1), "2025-02-03T10:00:00+08:00", 88, true), List.of("findings")));
        // an order raised by hand today, then replied to: awaits verification, not the manager
        long replied = RectificationFixture.raise(f.analyst(), Map.of("unit", f.window(2),
                "title", "叫号机故障 / queue machine broken"));
        RectificationFixture.reply(f.manager(), replied);
        // a complaint received in 2025: unanswered past its three days
        long complaint = complaint(f.analyst(), f.window(1), "2025-03-07T16:00:00+08:00");
        // another region's order and complaint
        RectificationFixture other = RectificationFixture.of(1);
        long elsewhere = RectificationFixture.raise(other.analyst(), Map.of("unit", other.window(1),
                "title", "别处 / elsewhere"));
        long otherComplaint = complaint(other.analyst(), other.window(1), "2025-03-07T16:00:00+08:00");

        String manager = ReportResourceTest.signedInCookie(f.manager());
        String zh = given().cookie(ReportResource.COOKIE, manager).redirects().follow(false)
                .get("/reports/todo?lang=zh-CN").then().statusCode(200).extract().asString();
        assertThat(zh).contains("待办", "/reports/rectifications/" + overdue, "/reports/complaints/" + complaint,
                        "待回复的整改：1 项（已超期 1 项）", "待答复的投诉：1 件（已超期 1 件）", "class=\"overdue\"")
                .doesNotContain("/reports/rectifications/" + replied + "?",
                        "/reports/rectifications/" + elsewhere + "?", "/reports/complaints/" + otherComplaint + "?");
        String en = given().cookie(ReportResource.COOKIE, manager).redirects().follow(false)
                .get("/reports/todo?lang=en").then().statusCode(200).extract().asString();
        assertThat(en).contains("Rectification orders awaiting a reply: 1 (1 overdue)",
                "Complaints awaiting an answer: 1 (1 overdue)", "OVERDUE", "past its reply deadline");

        // once answered, the complaint leaves the to-do
        AppealFixture.as(f.manager()).body(Map.of("resolution", "已退费", "repliedAt", "2025-03-12T10:00:00+08:00"))
                .post("/api/v1/complaints/{id}/reply", complaint).then().statusCode(200);
        assertThat(given().cookie(ReportResource.COOKIE, manager).get("/reports/todo?lang=en").then()
                .statusCode(200).extract().asString()).contains("Complaints awaiting an answer: 0 (0 overdue)")
                .doesNotContain("/reports/complaints/" + complaint + "?");
    }

    @Test
    void eachRowNamesItsUnitByItsFullPathAndEachCellSaysItsColumnForPhones() {
        RectificationFixture f = RectificationFixture.of(1);
        String p = f.region();
        String outlet = "西街网点" + p;
        String deep = p + ".B.O.W2";
        TestApi.asAdmin().contentType(ContentType.JSON).body(List.of(
                        Map.of("code", p + ".B", "name", "城西支局", "kind", "branch", "parent", p),
                        Map.of("code", p + ".B.O", "name", outlet, "kind", "outlet", "parent", p + ".B"),
                        Map.of("code", deep, "name", "邮政窗口2号", "kind", "window", "parent", p + ".B.O")))
                .put("/api/v1/units").then().statusCode(200);
        long order = RectificationFixture.raise(f.analyst(), Map.of("unit", deep,
                "title", "叫号机故障 / queue machine broken"));
        long complaint = complaint(f.analyst(), deep, "2025-03-07T16:00:00+08:00");
        // the region is the root and left out, as the board names units
        String path = "城西支局 › " + outlet + " › 邮政窗口2号";

        String manager = ReportResourceTest.signedInCookie(f.manager());
        String zh = given().cookie(ReportResource.COOKIE, manager).get("/reports/todo?lang=zh-CN").then()
                .statusCode(200).extract().asString();
        // the order as the rectification list names it ("path (code)"), the complaint as the complaints' ("code path")
        assertThat(zh).contains("/reports/rectifications/" + order + "?", "/reports/complaints/" + complaint + "?",
                "<td data-label=\"责任单位\">" + path + " (" + deep + ")</td>",
                "<td data-label=\"网点\">" + deep + " " + path + "</td>",
                "<th scope=\"row\" data-label=\"编号\">", "data-label=\"受理时间\"")
                .doesNotContain("<td>");
        String en = given().cookie(ReportResource.COOKIE, manager).get("/reports/todo?lang=en").then()
                .statusCode(200).extract().asString();
        assertThat(en).contains("<td data-label=\"Owner unit\">" + path + " (" + deep + ")</td>",
                "<td data-label=\"Unit\">" + deep + " " + path + "</td>", "<th scope=\"row\" data-label=\"No.\">",
                "data-label=\"Received\"").doesNotContain("<td>");
    }

    @Test
    void aReaderNotSignedInIsSentToSignIn() {
        given().redirects().follow(false).get("/reports/todo?lang=en").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/reports/sign-in"));
    }
}
