package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.servicegrade.webhook.WebhookRepository;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook pages (issue 19): the subscriptions with their delivered, failing and given-up counts; a delivery log
 * filtered, failing and given-up rows marked in words, a given-up delivery sent again from its button, the log
 * exported; only for those who may read webhooks. The receiver here listens nowhere (port 9 on loopback), so every
 * attempt fails and the test profile gives up after 4.
 */
@QuarkusTest
class WebhookPagesTest {

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    private static List<Map<String, Object>> log(long webhook) {
        return asAdmin().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().path("$");
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(100);
        }
    }

    @Test
    void theAdministratorSeesGivenUpDeliveriesMarkedAndSendsOneAgainFromItsButton() throws Exception {
        String path = "/pages-" + TestApi.freshPrefix();
        long webhook = ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9" + path, "kinds", List.of("period.closed", "appeal.filed"),
                        "description", "页面测试 pages test"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        try {
            long event = events.emit(pool, EventKind.PERIOD_CLOSED, "period/test" + path, new JsonObject())
                    .await().indefinitely();
            await(() -> log(webhook).stream().anyMatch(d -> "failed".equals(d.get("state"))), "given up");

            String admin = ReportResourceTest.signedInCookie();
            String list = page(admin, "/reports/webhooks?lang=zh-CN");
            assertThat(list).contains("Webhook 订阅", "http://127.0.0.1:9" + path, "period.closed, appeal.filed",
                    "/reports/webhooks/" + webhook + "?lang=zh-CN", "⚠ 已放弃", "class=\"overdue\"");

            String en = page(admin, "/reports/webhooks/" + webhook + "?lang=en");
            assertThat(en).contains("Webhook " + webhook + ": delivery log", "evt_" + event, "⚠ GAVE UP",
                    "Given up", "Send again", "/reports/webhooks/" + webhook + "/export?",
                    "format=csv", "format=xlsx");
            // issue 20: the log's one delivery, given up, counted above it; the list sums every webhook's
            // deliveries (other tests' webhooks included, so only its words are checked)
            assertThat(en).contains("1 deliveries listed: 0 delivered, 0 failing, 1 given up, 0 pending");
            assertThat(list).contains("全部推送：已送达");
            // issue 20: on a phone each row is a card of "label: value" lines, so every cell carries its header
            assertThat(list).contains("<th scope=\"row\" data-label=\"编号\"><a href=\"/reports/webhooks/" + webhook,
                    "<td data-label=\"接收地址\">http://127.0.0.1:9" + path + "</td>", "<td data-label=\"已放弃\">");
            assertThat(en).contains("<td data-label=\"webhook-id\">evt_" + event + "</td>",
                    "<td data-label=\"State\">Given up", "<td data-label=\"Attempts\">4</td>",
                    "<td data-label=\"Send again\"><form method=\"post\"");
            assertThat(list.replaceAll("(?s).*<tbody>(.*)</tbody>.*", "$1")).doesNotContain("<td>");
            assertThat(en.replaceAll("(?s).*<tbody>(.*)</tbody>.*", "$1")).doesNotContain("<td>");
            // filters: none delivered, none of the other kind; a bad number of days is named
            assertThat(page(admin, "/reports/webhooks/" + webhook + "?lang=en&state=delivered"))
                    .contains("No deliveries match.").doesNotContain("evt_" + event);
            assertThat(page(admin, "/reports/webhooks/" + webhook + "?lang=en&kind=appeal.filed&days=7"))
                    .contains("No deliveries match.");
            assertThat(page(admin, "/reports/webhooks/" + webhook + "?lang=en&kind=period.closed&days=1"))
                    .contains("evt_" + event);
            Response badDays = given().cookie(ReportResource.COOKIE, admin)
                    .get("/reports/webhooks/" + webhook + "?lang=zh-CN&days=abc");
            assertThat(badDays.statusCode()).isEqualTo(422);
            assertThat(badDays.asString()).contains("天数：1 至 366 的整数");

            // the page's export, in the page's language
            String csv = given().cookie(ReportResource.COOKIE, admin).get("/reports/webhooks/" + webhook
                    + "/export?format=csv&lang=zh-CN&state=failed").then().statusCode(200).contentType("text/csv")
                    .extract().asString();
            assertThat(csv.lines().toList()).hasSize(2);
            assertThat(csv).startsWith("\uFEFF编号,事件标识").contains("evt_" + event + ",period.closed", "已放弃");
            given().cookie(ReportResource.COOKIE, admin).get("/reports/webhooks/" + webhook
                    + "/export?format=xlsx&lang=en").then().statusCode(200)
                    .contentType(io.servicegrade.platform.csv.Xlsx.MEDIA_TYPE);

            // a forged form is refused and changes nothing; the page's own sends the delivery again (series 2)
            long delivery = ((Number) log(webhook).get(0).get("id")).longValue();
            String replay = "/reports/webhooks/" + webhook + "/deliveries/" + delivery + "/replay";
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").cookie(ReportResource.COOKIE, admin)
                    .formParam("csrf", "0".repeat(64)).formParam("lang", "en").redirects().follow(false).post(replay)
                    .then().statusCode(403);
            assertThat(log(webhook).get(0).get("series")).isEqualTo(1);
            Response replayed = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .cookie(ReportResource.COOKIE, admin).formParam("csrf", csrf(en)).formParam("lang", "en")
                    .redirects().follow(false).post(replay);
            assertThat(replayed.statusCode()).isEqualTo(303);
            assertThat(replayed.header("Location")).endsWith("/reports/webhooks/" + webhook + "?replayed=1&lang=en");
            assertThat(log(webhook).get(0).get("series")).isEqualTo(2);
            assertThat(page(admin, "/reports/webhooks/" + webhook + "?replayed=1&lang=en"))
                    .contains("The delivery is sent again");
            // a delivery is replayed only from its own webhook's page
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").cookie(ReportResource.COOKIE, admin)
                    .formParam("csrf", csrf(en)).formParam("lang", "en").redirects().follow(false)
                    .post("/reports/webhooks/" + (webhook + 1_000_000) + "/deliveries/" + delivery + "/replay")
                    .then().statusCode(404);
        } finally {
            asAdmin().delete("/api/v1/webhooks/{id}", webhook);
        }
    }

    @Test
    void anAnalystReadsWithoutTheButtonOthersGet404AndStrangersSignIn() {
        String path = "/readers-" + TestApi.freshPrefix();
        long webhook = ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9" + path, "kinds", List.of("period.closed"), "active", false))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        try {
            String analyst = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("analyst"), List.of()));
            assertThat(page(analyst, "/reports/webhooks?lang=en")).contains("Webhooks", path);
            assertThat(page(analyst, "/reports/webhooks/" + webhook + "?lang=en")).contains("No deliveries match.")
                    .doesNotContain("Send again");
            String inspector = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("inspector"),
                    List.of(TestApi.window())));
            given().cookie(ReportResource.COOKIE, inspector).redirects().follow(false).get("/reports/webhooks")
                    .then().statusCode(404);
            given().cookie(ReportResource.COOKIE, inspector).redirects().follow(false)
                    .get("/reports/webhooks/" + webhook + "/export?format=csv").then().statusCode(404);
            given().redirects().follow(false).get("/reports/webhooks?lang=en").then().statusCode(303);
        } finally {
            asAdmin().delete("/api/v1/webhooks/{id}", webhook);
        }
    }

    @Test
    void aFailingDeliveryIsMarkedInWordsAsWellAsGivenUpOnes() {
        OffsetDateTime at = OffsetDateTime.parse("2025-05-01T10:00:00+08:00");
        WebhookRepository.Attempt failed = new WebhookRepository.Attempt(1, 1, 1, at, 503, null, 12, "i");
        WebhookRepository.Delivery failing = new WebhookRepository.Delivery(1, 2, 3, "period.closed", "period/x",
                "pending", 1, 1, at.plusSeconds(10), at, null, List.of(failed));
        FollowupMessages zh = ReportTables.followup(ReportLanguage.ZH);
        WebhookPages.Row row = WebhookPages.row(failing, zh, ReportLanguage.ZH);
        assertThat(row.mark()).isEqualTo("⚠ 失败");
        assertThat(row.state()).isEqualTo("失败待重试");
        assertThat(row.lastAttempt()).endsWith("HTTP 503");
        assertThat(row.nextAttempt()).isNotEmpty();
        WebhookRepository.Delivery delivered = new WebhookRepository.Delivery(1, 2, 3, "period.closed", "period/x",
                "delivered", 1, 1, at, at, at, List.of(failed));
        assertThat(WebhookPages.row(delivered, ReportTables.followup(ReportLanguage.EN), ReportLanguage.EN).mark())
                .isEmpty();
    }
}
