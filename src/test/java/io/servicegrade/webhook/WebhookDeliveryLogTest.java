package io.servicegrade.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A webhook's delivery log filtered by state, event kind and days, and exported as CSV and XLSX through the one
 * writers, with the header and states in zh-CN or en (issue 19). The test profile gives up after 4 attempts
 * (200 ms, 400 ms, 800 ms apart at most).
 */
@QuarkusTest
class WebhookDeliveryLogTest extends ReceiverTests {

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    @Inject
    ServiceGradeConfig config;

    private long emit(EventKind kind, String subject) {
        return events.emit(pool, kind, subject, new JsonObject().put("note", "test")).await().indefinitely();
    }

    private List<Map<String, Object>> log(long webhook, String query) {
        return asAdmin().get("/api/v1/webhooks/{id}/deliveries?limit=200" + query, webhook).then().statusCode(200)
                .extract().path("$");
    }

    /** A subscription with one appeal.filed delivered and one rectification.overdue given up after 4 attempts. */
    private record Fixture(long webhook, long delivered, long givenUp) {
    }

    private Fixture fixture(String path) throws Exception {
        long webhook = subscribe(path, "appeal.filed", "rectification.overdue");
        receiver.script(path, 200, 500, 500, 500, 500);
        long filed = emit(EventKind.APPEAL_FILED, "appeal/test" + path);
        TestReceiver.await(() -> receiver.at(path).size() == 1, Duration.ofSeconds(15), "the first arrives");
        long overdue = emit(EventKind.RECTIFICATION_OVERDUE, "rectification/test" + path);
        TestReceiver.await(() -> log(webhook, "&state=failed").size() == 1, Duration.ofSeconds(20),
                "the second given up");
        return new Fixture(webhook, filed, overdue);
    }

    @Test
    void theLogIsFilteredByStateKindAndDays() throws Exception {
        String path = "/log-" + TestApi.freshPrefix();
        Fixture f = fixture(path);
        LocalDate today = LocalDate.now(config.timeZone());
        assertThat(log(f.webhook(), "")).hasSize(2);
        assertThat(log(f.webhook(), "&kind=appeal.filed")).singleElement()
                .satisfies(d -> assertThat(d.get("webhookId")).isEqualTo("evt_" + f.delivered()));
        assertThat(log(f.webhook(), "&state=failed&kind=rectification.overdue")).singleElement()
                .satisfies(d -> {
                    assertThat(d.get("webhookId")).isEqualTo("evt_" + f.givenUp());
                    assertThat(d.get("attempts")).isEqualTo(4);
                });
        assertThat(log(f.webhook(), "&state=delivered&kind=rectification.overdue")).isEmpty();
        // both were made today (the server's zone): a window ending yesterday or starting tomorrow has neither
        assertThat(log(f.webhook(), "&from=" + today + "&to=" + today)).hasSize(2);
        assertThat(log(f.webhook(), "&to=" + today.minusDays(1))).isEmpty();
        assertThat(log(f.webhook(), "&from=" + today.plusDays(1))).isEmpty();

        // bad filters are named by their parameters, all at once
        asAdmin().get("/api/v1/webhooks/{id}/deliveries?kind=appeal.lost&from=2025-13-01&state=gone", f.webhook())
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/kind", "/from", "/state"));
        asAdmin().get("/api/v1/webhooks/{id}/deliveries?from=2025-05-02&to=2025-05-01", f.webhook())
                .then().statusCode(422).body("errors.pointer", containsInAnyOrder("/to"));
        asAdmin().get("/api/v1/webhooks/{id}/deliveries?format=pdf", f.webhook())
                .then().statusCode(422).body("errors.pointer", containsInAnyOrder("/format"));

        // GraphQL takes the same filters
        String query = """
                query($id: String!, $kind: String, $from: String, $to: String) {
                  webhookDeliveries(webhook: $id, kind: $kind, from: $from, to: $to) { id state }
                }""";
        String admin = TestApi.adminKey();
        String id = String.valueOf(f.webhook());
        GraphqlCall.bearer(admin, query, Map.of("id", id, "kind", "rectification.overdue")).then().statusCode(200)
                .body("data.webhookDeliveries.state", contains("failed"));
        GraphqlCall.bearer(admin, query, Map.of("id", id, "from", today.toString(), "to", today.toString()))
                .then().statusCode(200).body("data.webhookDeliveries", hasSize(2));
        GraphqlCall.bearer(admin, query, Map.of("id", id, "to", today.minusDays(1).toString()))
                .then().statusCode(200).body("data.webhookDeliveries", hasSize(0));
        GraphqlCall.bearer(admin, query, Map.of("id", id, "kind", "appeal.lost", "from", "2025-13-01"))
                .then().statusCode(200).body("data.webhookDeliveries", nullValue())
                .body("errors.extensions.code", hasItem("BAD_USER_INPUT"));
    }

    @Test
    void theLogIsExportedAsCsvAndXlsxWithChineseOrEnglishHeaders() throws Exception {
        String path = "/export-" + TestApi.freshPrefix();
        Fixture f = fixture(path);

        String zh = asAdmin().queryParam("format", "csv").queryParam("lang", "zh-CN")
                .get("/api/v1/webhooks/{id}/deliveries", f.webhook()).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<String> lines = zh.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("\uFEFF编号,事件标识,事件类型,对象,状态,轮次,本轮尝试次数,最近尝试时间,"
                + "最近状态码,最近错误,下次尝试时间,创建时间,完成时间");
        // newest first: the given-up one (4 attempts, the last answered 500), then the delivered one (1 attempt, 200)
        assertThat(lines.get(1)).contains(",evt_" + f.givenUp() + ",rectification.overdue,rectification/test"
                + path + ",已放弃,1,4,").contains(",500,");
        assertThat(lines.get(2)).contains(",evt_" + f.delivered() + ",appeal.filed,appeal/test" + path
                + ",已送达,1,1,").contains(",200,");

        // Accept text/csv, English by default; a filter applies to the export as to the log
        String en = asAdmin().accept("text/csv").queryParam("kind", "appeal.filed")
                .get("/api/v1/webhooks/{id}/deliveries", f.webhook()).then().statusCode(200)
                .extract().asString();
        assertThat(en.lines().toList()).hasSize(2).first().isEqualTo("\uFEFFid,webhookId,kind,subject,state,series,"
                + "attempts,lastAttemptAt,lastStatus,lastError,nextAttemptAt,createdAt,finishedAt");
        assertThat(en.lines().toList().get(1)).contains(",delivered,");

        byte[] xlsx = asAdmin().accept(Xlsx.MEDIA_TYPE).queryParam("lang", "zh-CN").queryParam("state", "failed")
                .get("/api/v1/webhooks/{id}/deliveries", f.webhook()).then().statusCode(200)
                .contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        String text = xlsxText(xlsx);
        assertThat(text).contains("事件标识").contains("evt_" + f.givenUp()).contains("已放弃")
                .doesNotContain("evt_" + f.delivered());
    }

    @Test
    void onlyThoseWhoReadWebhooksReadOrExportTheLog() throws Exception {
        String path = "/who-" + TestApi.freshPrefix();
        long webhook = subscribe(path, "appeal.filed");
        String analyst = AppealFixture.token(List.of("analyst"), List.of());
        AppealFixture.as(analyst).queryParam("format", "csv").get("/api/v1/webhooks/{id}/deliveries", webhook)
                .then().statusCode(200);
        String unit = TestApi.window();
        for (String token : List.of(AppealFixture.token(List.of("inspector"), List.of(unit)),
                AppealFixture.token(List.of("viewer"), List.of(unit)), TestApi.agency(null))) {
            AppealFixture.as(token).queryParam("format", "csv").get("/api/v1/webhooks/{id}/deliveries", webhook)
                    .then().statusCode(403);
        }
        asAdmin().get("/api/v1/webhooks/{id}/deliveries?format=xlsx", 999_999_999L).then().statusCode(404);
        asAdmin().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).body("$", hasSize(0))
                .body("size()", equalTo(0));
    }

    /** The shared strings and sheet text of an XLSX file, its character references (the writer's) decoded. */
    static String xlsxText(byte[] xlsx) throws Exception {
        StringBuilder text = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("deliveries", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().equals("xl/sharedStrings.xml") || entry.getName().startsWith("xl/worksheets/")) {
                    text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(text)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
    }
}
