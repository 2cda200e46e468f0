package io.servicegrade.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Signed outbound webhooks (issue 19), end to end: subscriptions over REST, events fanned out to them, bodies
 * signed as the Standard Webhooks scheme says and verified here with the secret shown at creation, retries with
 * backoff after a receiver's failures, the delivery log, replays, and no double delivery when several instances
 * send at once. The test profile allows a plain-http receiver on loopback, retries after 200 ms (doubling, at most
 * 1 s) and gives up after 4 attempts.
 */
@QuarkusTest
class WebhooksTest extends ReceiverTests {

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    /** Subscribes the receiver's {@code path} to {@code kinds}; answers id and secret. */
    private Map<String, Object> subscribeWithSecret(String path, String... kinds) {
        Map<String, Object> created = subscribed(path, kinds);
        @SuppressWarnings("unchecked")
        Map<String, Object> webhook = (Map<String, Object>) created.get("webhook");
        return Map.of("id", ((Number) webhook.get("id")).longValue(), "secret", created.get("secret"));
    }

    private long emit(EventKind kind, String subject) {
        return events.emit(pool, kind, subject, new JsonObject().put("note", "test")).await().indefinitely();
    }

    private List<Map<String, Object>> log(long webhook) {
        return asAdmin().get("/api/v1/webhooks/{id}/deliveries?limit=200", webhook).then().statusCode(200)
                .extract().path("$");
    }

    /** The signature computed here, independently of the server's code: HMAC-SHA256 keyed with the decoded secret. */
    private static String expectedSignature(String secret, String id, String timestamp, String body)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyIsSignedWithTheSecretShownAtCreationAndOnlySubscribedKindsArrive() throws Exception {
        String path = "/signed-" + TestApi.freshPrefix();
        Map<String, Object> webhook = subscribeWithSecret(path, "appeal.filed");
        String secret = (String) webhook.get("secret");
        assertThat(secret).startsWith("whsec_");
        // the secret is shown once: reading the subscription never shows it
        asAdmin().get("/api/v1/webhooks/{id}", webhook.get("id")).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        long filed = emit(EventKind.APPEAL_FILED, "appeal/test" + path);
        emit(EventKind.PERIOD_CLOSED, "period/test" + path);
        TestReceiver.await(() -> receiver.at(path).size() >= 1, Duration.ofSeconds(20), "the appeal.filed event");
        Thread.sleep(1500);
        // only the subscribed kind came; the period.closed event made no delivery
        assertThat(receiver.at(path)).hasSize(1);
        TestReceiver.Received got = receiver.at(path).get(0);
        assertThat(got.id()).isEqualTo("evt_" + filed);
        assertThat(Long.parseLong(got.timestamp())).isBetween(Instant.now().getEpochSecond() - 120,
                Instant.now().getEpochSecond() + 5);
        assertThat(got.signature()).isEqualTo(expectedSignature(secret, got.id(), got.timestamp(), got.body()));
        JsonObject body = got.json();
        assertThat(body.getString("type")).isEqualTo("appeal.filed");
        assertThat(body.getString("timestamp")).isNotBlank();
        assertThat(body.getJsonObject("data").getString("subject")).isEqualTo("appeal/test" + path);
        assertThat(body.getJsonObject("data").getString("note")).isEqualTo("test");
        List<Map<String, Object>> log = log((Long) webhook.get("id"));
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("state", "delivered").containsEntry("kind", "appeal.filed")
                .containsEntry("webhookId", "evt_" + filed);
        // a rotated secret signs from then on; the old one verifies nothing new
        String rotated = asAdmin().post("/api/v1/webhooks/{id}/secret", webhook.get("id")).then().statusCode(200)
                .extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        emit(EventKind.APPEAL_FILED, "appeal/test2" + path);
        TestReceiver.await(() -> receiver.at(path).size() >= 2, Duration.ofSeconds(20), "the second event");
        TestReceiver.Received second = receiver.at(path).get(1);
        assertThat(second.signature()).isEqualTo(expectedSignature(rotated, second.id(), second.timestamp(),
                second.body())).isNotEqualTo(expectedSignature(secret, second.id(), second.timestamp(),
                second.body()));
    }

    @Test
    void aReceiverFailingTwiceGetsTheEventOnTheThirdAttemptWithTheSameId() throws Exception {
        String path = "/flaky-" + TestApi.freshPrefix();
        receiver.script(path, 500, 500);
        Map<String, Object> webhook = subscribeWithSecret(path, "rectification.created");
        long event = emit(EventKind.RECTIFICATION_CREATED, "rectification/test" + path);
        TestReceiver.await(() -> receiver.at(path).size() >= 3, Duration.ofSeconds(20), "three attempts");
        TestReceiver.await(() -> "delivered".equals(log((Long) webhook.get("id")).get(0).get("state")),
                Duration.ofSeconds(10), "recorded delivered");
        assertThat(receiver.at(path)).extracting(TestReceiver.Received::id).containsOnly("evt_" + event);
        given().header("Authorization", "Bearer " + TestApi.adminKey())
                .get("/api/v1/webhooks/{id}/deliveries", webhook.get("id")).then().statusCode(200)
                .body("", hasSize(1)).body("[0].state", org.hamcrest.Matchers.equalTo("delivered"))
                .body("[0].attempts", org.hamcrest.Matchers.equalTo(3))
                .body("[0].log.status", org.hamcrest.Matchers.contains(500, 500, 200))
                .body("[0].log.number", org.hamcrest.Matchers.contains(1, 2, 3))
                .body("[0].log.series", org.hamcrest.Matchers.contains(1, 1, 1));
        // the waits between attempts grew: at least 200 ms, then at least 400 ms (the backoff)
        List<Map<String, Object>> log = asAdmin().get("/api/v1/webhooks/{id}/deliveries", webhook.get("id"))
                .then().extract().path("[0].log");
        OffsetDateTime first = OffsetDateTime.parse((String) log.get(0).get("at"));
        OffsetDateTime second = OffsetDateTime.parse((String) log.get(1).get("at"));
        OffsetDateTime third = OffsetDateTime.parse((String) log.get(2).get("at"));
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Duration.between(first, third)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aDeliveryIsReplayedWithItsIdAndFailedOnesAreReplayedSinceATime() throws Exception {
        String path = "/replay-" + TestApi.freshPrefix();
        // four failures: the delivery fails (4 attempts at most in the test profile)
        receiver.script(path, 503, 503, 503, 503);
        Map<String, Object> webhook = subscribeWithSecret(path, "complaint.overdue");
        long id = (Long) webhook.get("id");
        long event = emit(EventKind.COMPLAINT_OVERDUE, "complaint/test" + path);
        TestReceiver.await(() -> !log(id).isEmpty() && "failed".equals(log(id).get(0).get("state")),
                Duration.ofSeconds(30), "the delivery failed");
        assertThat(receiver.at(path)).hasSize(4);
        long delivery = ((Number) log(id).get(0).get("id")).longValue();
        // all failed deliveries since an hour ago are sent again: one, delivered now
        asAdmin().contentType(ContentType.JSON).body(Map.of("since", OffsetDateTime.now().minusHours(1).toString()))
                .post("/api/v1/webhooks/{id}/replay", id).then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1));
        TestReceiver.await(() -> "delivered".equals(log(id).get(0).get("state")), Duration.ofSeconds(20),
                "the replay delivered");
        assertThat(receiver.at(path)).hasSize(5).extracting(TestReceiver.Received::id).containsOnly("evt_" + event);
        // one delivered delivery replayed: a third series, the same webhook-id
        asAdmin().post("/api/v1/webhooks/deliveries/{id}/replay", delivery).then().statusCode(200)
                .body("series", org.hamcrest.Matchers.equalTo(3)).body("state", org.hamcrest.Matchers.equalTo(
                        "pending")).body("webhookId", org.hamcrest.Matchers.equalTo("evt_" + event));
        TestReceiver.await(() -> receiver.at(path).size() == 6, Duration.ofSeconds(20), "the replay");
        TestReceiver.await(() -> "delivered".equals(log(id).get(0).get("state")), Duration.ofSeconds(20),
                "the replay delivered");
        asAdmin().get("/api/v1/webhooks/deliveries/{id}", delivery).then().statusCode(200)
                .body("log.series", org.hamcrest.Matchers.contains(1, 1, 1, 1, 2, 3))
                .body("log.status", org.hamcrest.Matchers.contains(503, 503, 503, 503, 200, 200));
        assertThat(receiver.at(path)).extracting(TestReceiver.Received::id).containsOnly("evt_" + event);
        asAdmin().post("/api/v1/webhooks/deliveries/{id}/replay", Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void badSubscriptionsAreRefusedByPointerAndStoreNothing() {
        int before = asAdmin().get("/api/v1/webhooks").then().statusCode(200).extract().path("size()");
        asAdmin().contentType(ContentType.JSON).body(Map.of("url", "http://hooks.example/in",
                        "kinds", List.of("appeal.filed", "appeal.nope", "appeal.filed"), "colour", "red"))
                .post("/api/v1/webhooks").then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors.pointer", containsInAnyOrder("/kinds/1", "/kinds/2", "/colour"));
        // the URL's scheme and address are judged once the body is well formed
        for (String url : List.of("http://hooks.example/in", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/in", "https://[fd00::1]/in", "ftp://hooks.example/in", "not a url")) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("url", url, "kinds", List.of("appeal.filed")))
                    .post("/api/v1/webhooks").then().statusCode(422)
                    .body("errors.pointer", containsInAnyOrder("/url"));
        }
        asAdmin().contentType(ContentType.JSON).header("Accept-Language", "zh-CN")
                .body(Map.of("url", "https://192.168.1.1/in", "kinds", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/kinds"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("url", "https://192.168.1.1/in",
                        "kinds", List.of("appeal.filed")))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors[0].message", containsString("192.168.1.1"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", "yes"))
                .patch("/api/v1/webhooks/{id}", Long.MAX_VALUE).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/active"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/v1/webhooks/{id}", Long.MAX_VALUE).then().statusCode(404);
        asAdmin().get("/api/v1/webhooks/{id}/deliveries?limit=0", Long.MAX_VALUE).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/limit"));
        assertThat((int) asAdmin().get("/api/v1/webhooks").then().extract().path("size()")).isEqualTo(before);
    }

    @Test
    void onlyTheAdministratorManagesWebhooksAndAnAnalystReadsThem() {
        String path = "/roles-" + TestApi.freshPrefix();
        long id = subscribe(path, "period.published");
        String analyst = AppealFixture.token(List.of("analyst"), List.of());
        String agency = TestApi.agency(null);
        AppealFixture.as(analyst).get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("url", startsWith("http://127.0.0.1"));
        AppealFixture.as(analyst).get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200);
        AppealFixture.as(analyst).body(Map.of("url", receiver.url(path), "kinds", List.of("appeal.filed")))
                .post("/api/v1/webhooks").then().statusCode(403);
        AppealFixture.as(analyst).post("/api/v1/webhooks/{id}/secret", id).then().statusCode(403);
        AppealFixture.as(agency).get("/api/v1/webhooks").then().statusCode(403);
        // a change keeps what it does not name
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(false))
                .body("kinds", org.hamcrest.Matchers.contains("period.published"))
                .body("description", org.hamcrest.Matchers.equalTo("测试 test"));
    }

    @Test
    void withSeveralInstancesSendingAtOnceEachEventReachesTheReceiverExactlyOnce() throws Exception {
        String path = "/twice-" + TestApi.freshPrefix();
        receiver.delay(path, 20);
        long id = subscribe(path, "rectification.overdue");
        int n = 60;
        List<Long> emitted = new ArrayList<>();
        // two more couriers stand for two more instances against the same database, claiming alongside this
        // server's own from the moment the events are there
        Courier a = dispatcher.courier("test-instance-a");
        Courier b = dispatcher.courier("test-instance-b");
        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < n; i++) {
                emitted.add(emit(EventKind.RECTIFICATION_OVERDUE, "rectification/test" + path + "/" + i));
            }
            List<Future<Integer>> runs = new ArrayList<>();
            for (Courier courier : List.of(a, b)) {
                runs.add(pool2.submit(() -> {
                    int sent = 0;
                    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (receiver.at(path).size() < n && System.nanoTime() < end) {
                        sent += courier.deliverDue().await().indefinitely();
                    }
                    return sent;
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool2.shutdownNow();
        }
        TestReceiver.await(() -> log(id).stream().allMatch(d -> "delivered".equals(d.get("state")))
                && log(id).size() == n, Duration.ofSeconds(20), "all delivered");
        Thread.sleep(1000);
        Map<String, Long> times = receiver.at(path).stream()
                .collect(Collectors.groupingBy(TestReceiver.Received::id, Collectors.counting()));
        assertThat(times).hasSize(n);
        assertThat(times.values()).containsOnly(1L);
        assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(
                emitted.stream().map(e -> "evt_" + e).toList());
        List<Map<String, Object>> log = log(id);
        // one attempt per delivery, whichever instance made it
        assertThat(log).allSatisfy(d -> assertThat((List<?>) d.get("log")).hasSize(1));
        Map<String, Long> byInstance = log.stream().map(d -> (String) ((Map<?, ?>) ((List<?>) d.get("log"))
                .get(0)).get("instance")).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byInstance.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
    }

    @Test
    void storedEvaluationsFiledAppealsAndPublishedPeriodsAreTold() throws Exception {
        String path = "/domain-" + TestApi.freshPrefix();
        subscribeWithSecret(path, "evaluation.stored", "appeal.filed", "appeal.decided", "period.published");
        AppealFixture f = AppealFixture.of(1);
        long evaluation = f.post(f.setup().region() + "-wh1", "mystery_shop", f.window(1), 80);
        f.publish();
        long appeal = AppealFixture.file(f.manager(), f.againstEvaluation(evaluation, List.of()));
        AppealFixture.as(f.analyst()).body(Map.of("outcome", "rejected", "reason", "理由不成立 / not founded"))
                .post("/api/v1/appeals/{id}/decision", appeal).then().statusCode(200);
        TestReceiver.await(() -> receiver.at(path).size() >= 4, Duration.ofSeconds(20), "four events");
        Map<String, JsonObject> byType = new HashMap<>();
        receiver.at(path).forEach(r -> byType.put(r.json().getString("type"), r.json().getJsonObject("data")));
        assertThat(byType.get("evaluation.stored").getLong("id")).isEqualTo(evaluation);
        assertThat(byType.get("evaluation.stored").getString("unit")).isEqualTo(f.window(1));
        assertThat(byType.get("evaluation.stored").getString("outcome")).isEqualTo("created");
        assertThat(byType.get("evaluation.stored").getString("subject")).isEqualTo("evaluation/" + evaluation);
        assertThat(byType.get("period.published").getString("scheme")).isEqualTo(f.scheme());
        assertThat(byType.get("period.published").getString("period")).isEqualTo(AppealFixture.PERIOD);
        assertThat(byType.get("appeal.filed").getLong("id")).isEqualTo(appeal);
        assertThat(byType.get("appeal.filed").getLong("evaluation")).isEqualTo(evaluation);
        assertThat(byType.get("appeal.decided").getLong("id")).isEqualTo(appeal);
        assertThat(byType.get("appeal.decided").getString("outcome")).isEqualTo("rejected");
        assertThat(byType.get("appeal.decided").getString("unit")).isEqualTo(f.window(1));
        // publishing again publishes nothing new, and tells nothing
        f.publish();
        Thread.sleep(1500);
        assertThat(receiver.at(path).stream().filter(r -> r.json().getString("type").equals("period.published")))
                .hasSize(1);
    }

    @Test
    void eachWebhookActionIsAuditedUnderItsName() {
        io.restassured.response.Response key = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "webhooks audit test")).post("/api/v1/admin/keys").then().statusCode(201)
                .extract().response();
        String actor = "key:" + ((Number) key.path("id")).longValue();
        io.restassured.specification.RequestSpecification as = given()
                .header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON);
        long id = ((Number) as.body(Map.of("url", receiver.url("/audited"), "kinds", List.of("period.closed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        given().header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON)
                .body(Map.of("active", false)).patch("/api/v1/webhooks/{id}", id).then().statusCode(200);
        given().header("Authorization", "Bearer " + key.path("key"))
                .post("/api/v1/webhooks/{id}/secret", id).then().statusCode(200);
        given().header("Authorization", "Bearer " + key.path("key")).contentType(ContentType.JSON)
                .body(Map.of("since", "2025-01-01T00:00:00+08:00"))
                .post("/api/v1/webhooks/{id}/replay", id).then().statusCode(200);
        given().header("Authorization", "Bearer " + key.path("key"))
                .delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        List<String> actions = asAdmin().queryParam("actor", actor).queryParam("limit", 500)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().path("items.action");
        assertThat(actions).contains("webhook.create", "webhook.update", "webhook.rotate", "webhook.replay",
                "webhook.delete");
        // the secret is nowhere in the audit log
        String log = asAdmin().queryParam("actor", actor).queryParam("limit", 500).get("/api/v1/admin/audit")
                .then().extract().asString();
        assertThat(log).doesNotContain("whsec_");
    }
}
