package io.servicegrade.platform.observe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One log line per request (issue 22): method, route, status, duration, caller kind and the request's id, which the
 * response carries and a problem names as its instance; never a key, a query string or a login from the path.
 */
@QuarkusTest
class RequestLogTest {

    private final List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord line = ExtLogRecord.wrap(record);
            line.copyAll(); // the MDC as it is on the thread that logs
            lines.add(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(RequestLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(RequestLog.CATEGORY).removeHandler(capture);
    }

    /** The line of the request with id {@code id}, once its response has ended. */
    private ExtLogRecord line(String id) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            for (ExtLogRecord r : lines) {
                if (id.equals(r.getMdc("requestId"))) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line of request " + id + " in " + lines.stream().map(l -> l.getFormattedMessage() + l.getMdcCopy()).toList());
    }

    @Test
    void aRefusalsLineNamesTheRouteNotTheLoginAndItsIdIsTheProblemsInstance() throws Exception {
        String login = "someone." + TestApi.freshPrefix().toLowerCase() + "@example.org";
        Response response = asAdmin().queryParam("secret", "hunter2")
                .get("/api/v1/admin/accounts/{login}", login);
        response.then().statusCode(404).contentType("application/problem+json");
        String id = response.header(RequestLog.HEADER);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getString("instance")).isEqualTo("urn:servicegrade:request:" + id);

        ExtLogRecord line = line(id);
        assertThat(line.getMdc("method")).isEqualTo("GET");
        assertThat(line.getMdc("route")).isEqualTo("/api/v1/admin/accounts/{login}");
        assertThat(line.getMdc("status")).isEqualTo("404");
        assertThat(Double.parseDouble(line.getMdc("durationMs"))).isGreaterThan(0);
        assertThat(line.getMdc("caller")).isEqualTo("admin-key");
        String written = line.getFormattedMessage() + line.getMdcCopy();
        assertThat(written).contains("GET /api/v1/admin/accounts/{login} 404").doesNotContain(login)
                .doesNotContain("hunter2").doesNotContain(TestApi.adminKey());
    }

    @Test
    void anAgencysGraphqlCallAndAnOpenCallAreLoggedWithTheirCallerKind() throws Exception {
        String key = TestApi.agency(null);
        // a field that asks who is calling: the agency's own evaluations
        Response graphql = GraphqlCall.apiKey(key, "{ evaluations(first: 1) { totalCount } }", Map.of());
        graphql.then().statusCode(200);
        ExtLogRecord line = line(graphql.header(RequestLog.HEADER));
        assertThat(line.getMdc("route")).isEqualTo("/graphql");
        assertThat(line.getMdc("caller")).isEqualTo("agency-key");
        assertThat(line.getFormattedMessage()).doesNotContain(key);

        Response open = given().get("/q/health/ready");
        open.then().statusCode(200);
        assertThat(line(open.header(RequestLog.HEADER)).getMdc("caller")).isEqualTo("anonymous");
    }

    @Test
    void anIdTheClientSendsIsTheRequestsWhenItIsAPlainTokenAndReplacedWhenNot() throws Exception {
        String sent = "app-" + TestApi.freshPrefix();
        Response kept = given().header(RequestLog.HEADER, sent)
                .header("traceparent", "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01")
                .get("/api/v1/units/{code}", sent);
        kept.then().statusCode(404);
        assertThat(kept.header(RequestLog.HEADER)).isEqualTo(sent);
        assertThat(kept.jsonPath().getString("instance")).isEqualTo("urn:servicegrade:request:" + sent);
        assertThat(line(sent).getMdc("route")).isEqualTo("/api/v1/units/{code}");
        // and the trace the caller sent, to find its spans by
        assertThat(line(sent).getMdc("traceId")).isEqualTo("5b8efff798038103d269b633813fc60c");

        Response replaced = given().header(RequestLog.HEADER, "two words\"<script>").get("/q/health/live");
        replaced.then().statusCode(200);
        assertThat(replaced.header(RequestLog.HEADER)).matches("[0-9a-f-]{36}");
    }
}
