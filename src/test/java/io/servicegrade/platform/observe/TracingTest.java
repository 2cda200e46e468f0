package io.servicegrade.platform.observe;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces (issue 22), read from the spans the server exports: a write's request, its SQL and the update its
 * announcement brings a subscriber are one trace; a GraphQL operation is a span of its request's trace; a
 * {@code traceparent} a caller sends is the trace its request joins.
 */
@QuarkusTest
class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    KeptSpans spans;

    /** The spans of {@code trace} once one matches {@code until} (spans are handed over in batches). */
    private List<SpanData> trace(String trace, Predicate<SpanData> until) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            List<SpanData> of = spans.all().stream().filter(s -> s.getTraceId().equals(trace)).toList();
            if (of.stream().anyMatch(until)) {
                return of;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trace " + trace + " has no such span: " + spans.all().stream()
                .filter(s -> s.getTraceId().equals(trace)).map(SpanData::getName).toList());
    }

    @Test
    void aWriteItsSqlAndTheSubscribersUpdateOnAnotherConnectionAreOneTrace() throws Exception {
        Setup mine = Setup.of(1);
        String window = mine.region() + ".W1";
        try (GraphqlSubscriber subscriber = new GraphqlSubscriber(graphql)) {
            subscriber.subscribe("1", """
                    subscription { standingUpdates(scheme: "%s", period: "2023-Q2", unit: "%s") { value } }
                    """.formatted(mine.scheme(), window));
            assertThat(subscriber.next()).contains("\"value\":null");

            // the writer's request joins the caller's trace
            Response written = asAdmin().header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                    .contentType(ContentType.JSON)
                    .body(Map.of("evaluations", List.of(evaluation(mine.region() + "-i", "inspection", window,
                            mine.rubric(), "2023-05-10T10:00:00+08:00", 88, true), evaluation(mine.region() + "-m",
                            "mystery_shop", window, mine.rubric(), "2023-05-11T10:00:00+08:00", 91, true))))
                    .post("/api/v1/evaluations");
            written.then().statusCode(201);
            // 0.4 × 88 + 0.6 × 91 = 89.8
            assertThat(subscriber.next()).contains("\"value\":89.8");
        }
        List<SpanData> trace = trace(TRACE, s -> s.getName().equals("standings update delivered"));
        SpanData request = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(request.getName()).isEqualTo("POST /api/v1/evaluations");
        assertThat(request.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        // its statements, the transaction's naming of the trace among them
        List<SpanData> sql = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertThat(sql).as("SQL statements of the write").hasSizeGreaterThan(3);
        assertThat(sql.stream().map(s -> String.valueOf(s.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("db.query.text") || e.getKey().getKey().equals("db.statement"))
                .map(Map.Entry::getValue).findFirst().orElse(""))))
                .anyMatch(text -> text.startsWith("SELECT set_config("))
                .anyMatch(text -> text.contains("INSERT INTO evaluation"));
        // the announcement's hop: heard on the listening connection, delivered to the subscriber, in this trace
        SpanData delivered = trace.stream().filter(s -> s.getName().equals("standings update delivered"))
                .findFirst().orElseThrow();
        assertThat(delivered.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(trace.stream().map(SpanData::getSpanId)).contains(delivered.getParentSpanId());
        assertThat(delivered.getAttributes().asMap().values().stream().map(String::valueOf))
                .contains(mine.scheme(), "2023-Q2");
    }

    @Test
    void aGraphqlOperationIsASpanOfItsRequestsTrace() throws Exception {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        io.restassured.RestAssured.given().header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .header("Authorization", "Bearer " + TestApi.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("query", "query TracedProbe { schemes { key } }", "operationName", "TracedProbe"))
                .post("/graphql")
                .then().statusCode(200);
        List<SpanData> spans = trace(trace, s -> s.getKind() == SpanKind.SERVER);
        SpanData request = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(request.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(request.getName()).startsWith("POST");
        assertThat(request.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey()
                .equals("url.path")).map(e -> String.valueOf(e.getValue()))).containsExactly("/graphql");
        // the operation, and what it read, under the request
        // (named as OpenTelemetry's GraphQL conventions name it: "{type} {name}")
        SpanData operation = spans.stream().filter(s -> s.getName().equals("query TracedProbe")).findFirst()
                .orElseThrow();
        assertThat(operation.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(operation.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey()
                .startsWith("graphql.operation.")).map(e -> e.getKey().getKey() + "=" + e.getValue()))
                .containsExactlyInAnyOrder("graphql.operation.type=query", "graphql.operation.name=TracedProbe");
        assertThat(spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)).isNotEmpty();
    }
}
