package io.servicegrade.platform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server as the manifests run it, logging JSON (issue 22: QUARKUS_LOG_CONSOLE_JSON_ENABLED=true in
 * k8s/base): every line one JSON object a log agent can read, and a request's line with its fields.
 */
class JsonLogsIT {

    static final PackagedServer server = new PackagedServer("json-logs").env("QUARKUS_LOG_CONSOLE_JSON_ENABLED",
            "true");

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyLineIsAJsonObjectAndARequestsLineCarriesItsFieldsAndIds() throws Exception {
        server.freshDataDir().start();
        Response answer = server.asAdmin().header("traceparent",
                "00-6e0c63257de34c92bf9efcd03927272e-2a4f2b1c5d6e7f80-01").get("/api/v1/units/{code}", "NO-SUCH-UNIT");
        answer.then().statusCode(404);
        String id = answer.header("X-Request-Id");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        JsonNode request = null;
        long until = System.nanoTime() + 10_000_000_000L;
        while (request == null && System.nanoTime() < until) {
            lines.clear();
            for (String line : server.logText().lines().filter(l -> !l.isBlank()).toList()) {
                JsonNode node = json.readTree(line); // fails the test on a line that is not JSON
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
                if (id.equals(node.at("/mdc/requestId").asText())) {
                    request = node;
                }
            }
            Thread.sleep(100);
        }
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.has("level") && l.has("message")).isTrue());
        assertThat(request).as("the request's line").isNotNull();
        assertThat(request.path("loggerName").asText()).isEqualTo("servicegrade.request");
        JsonNode mdc = request.path("mdc");
        assertThat(mdc.path("method").asText()).isEqualTo("GET");
        assertThat(mdc.path("route").asText()).isEqualTo("/api/v1/units/{code}");
        assertThat(mdc.path("status").asText()).isEqualTo("404");
        assertThat(mdc.path("caller").asText()).isEqualTo("admin-key");
        assertThat(mdc.path("traceId").asText()).isEqualTo("6e0c63257de34c92bf9efcd03927272e");
        assertThat(request.toString()).doesNotContain(server.adminKey());
    }
}
