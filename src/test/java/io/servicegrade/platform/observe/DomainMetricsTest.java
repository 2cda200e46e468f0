package io.servicegrade.platform.observe;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlCall;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads on {@code /q/metrics} after real requests (issue 22): each series of the product with its
 * labels, moved by exactly the requests of the test (the suite shares one server: each figure is read before and
 * after).
 */
@QuarkusTest
class DomainMetricsTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void aStoredBatchIsCountedBySourceAndOutcomeAndASubscriberGetsItsBoardWithItsFreshness() throws Exception {
        Setup mine = Setup.of(1);
        String window = mine.region() + ".W1";
        Scrape before = Scrape.now();
        try (GraphqlSubscriber subscriber = new GraphqlSubscriber(graphql)) {
            subscriber.subscribe("1", """
                    subscription { standingUpdates(scheme: "%s", period: "2023-Q2", unit: "%s") { value } }
                    """.formatted(mine.scheme(), window));
            assertThat(subscriber.next()).contains("\"value\":null");
            assertThat(Scrape.now().sum("servicegrade_graphql_subscriptions")).isGreaterThanOrEqualTo(1);

            List<Map<String, Object>> batch = List.of(
                    evaluation(mine.region() + "-i", "inspection", window, mine.rubric(), "2023-05-10T10:00:00+08:00",
                            88, true),
                    evaluation(mine.region() + "-m", "mystery_shop", window, mine.rubric(),
                            "2023-05-11T10:00:00+08:00", 91, true));
            asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", batch)).post("/api/v1/evaluations")
                    .then().statusCode(201);
            // 0.4 × 88 + 0.6 × 91 = 89.8: the board that shows the batch
            assertThat(subscriber.next()).contains("\"value\":89.8");
            // the same batch again: both are unchanged resends
            asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", batch)).post("/api/v1/evaluations")
                    .then().statusCode(201);
        }
        Scrape after = Scrape.now();

        for (String source : List.of("inspection", "mystery_shop")) {
            assertThat(delta(before, after, "servicegrade_evaluations_stored_total", "source", source,
                    "outcome", "created")).as(source + " created").isEqualTo(1);
            assertThat(delta(before, after, "servicegrade_evaluations_stored_total", "source", source,
                    "outcome", "existing")).as(source + " existing").isEqualTo(1);
        }
        assertThat(delta(before, after, "servicegrade_evaluation_batches_seconds_count", "outcome", "stored"))
                .isEqualTo(2);
        assertThat(delta(before, after, "servicegrade_evaluation_batch_size_evaluations_sum")).isEqualTo(4);
        // buckets an operator takes quantiles of: the batch of 2 is in le=10, not in le=1
        assertThat(delta(before, after, "servicegrade_evaluation_batch_size_evaluations_bucket", "le", "10.0"))
                .isEqualTo(2);
        assertThat(delta(before, after, "servicegrade_evaluation_batch_size_evaluations_bucket", "le", "1.0"))
                .isZero();
        // the change heard from the database, and the board that shows it sent with its age
        assertThat(delta(before, after, "servicegrade_standings_change_lag_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "servicegrade_standings_freshness_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(after.has("servicegrade_standings_freshness_seconds_bucket", "le", "1.0")).isTrue();
        assertThat(delta(before, after, "servicegrade_graphql_subscription_messages_total")).isGreaterThanOrEqualTo(2);
        // boards computed for the subscriber (its first read and the one after the batch), each a miss of the cache
        assertThat(delta(before, after, "servicegrade_standings_board_computations_seconds_count"))
                .isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "cache_gets_total", "cache", "standings.boards", "result", "miss"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.has("servicegrade_standings_board_rows_bucket")).isTrue();
    }

    @Test
    void aRefusedBatchIsCountedByProblemTypeAndAReplayAsAReplay() {
        String key = TestApi.agency(null);
        String p = TestApi.freshPrefix();
        Scrape before = Scrape.now();
        String body = """
                {"evaluations": [{"externalId": "%s", "source": "survey", "unit": "%s-nowhere",
                  "rubric": "customer-satisfaction-5", "conductedAt": "2023-05-10T10:00:00+08:00",
                  "answers": []}]}""".formatted(p, p);
        for (int i = 0; i < 2; i++) {
            given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/evaluations").then().statusCode(422);
        }
        Scrape after = Scrape.now();
        // the first is refused and its answer kept; the second is the kept answer, replayed
        assertThat(delta(before, after, "servicegrade_evaluations_refused_total", "source", "survey",
                "problem", "validation")).isEqualTo(1);
        assertThat(delta(before, after, "servicegrade_evaluation_batches_seconds_count", "outcome", "validation"))
                .isEqualTo(1);
        assertThat(delta(before, after, "servicegrade_problems_total", "status", "422", "type", "validation"))
                .isEqualTo(1);
        assertThat(delta(before, after, "servicegrade_idempotency_replays_total")).isEqualTo(1);
        // a source no configuration lists is not a label of its own
        assertThat(after.has("servicegrade_evaluations_refused_total", "source", p)).isFalse();
    }

    @Test
    void graphqlOperationsAreTimedByNameTypeAndOutcomeWithNamesBounded() {
        Scrape before = Scrape.now();
        GraphqlCall.bearer(TestApi.adminKey(), "query MetricsProbe { __typename }", Map.of()).then().statusCode(200);
        GraphqlCall.bearer(TestApi.adminKey(), "query MetricsProbe { noSuchField }", Map.of()).then()
                .statusCode(200);
        Scrape after = Scrape.now();
        assertThat(delta(before, after, "servicegrade_graphql_operations_seconds_count", "operation", "MetricsProbe",
                "type", "query", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, "servicegrade_graphql_operations_seconds_count", "operation", "MetricsProbe",
                "type", "query", "outcome", "errors")).isEqualTo(1);
    }

    @Test
    void signInsAreCountedByOutcome() {
        Scrape before = Scrape.now();
        given().contentType(ContentType.JSON)
                .body(Map.of("login", TestApi.freshPrefix().toLowerCase(), "password", "not the password",
                        "name", "metrics"))
                .post("/api/v1/auth/tokens").then().statusCode(401);
        Scrape after = Scrape.now();
        assertThat(delta(before, after, "servicegrade_sign_ins_total", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void theImportBacklogAndTheHttpLatencyHaveTheirSeries() {
        given().get("/q/health/ready").then().statusCode(200);
        Scrape now = Scrape.now();
        assertThat(now.has("servicegrade_import_jobs", "state", "queued")).isTrue();
        assertThat(now.has("servicegrade_import_jobs", "state", "running")).isTrue();
        // HTTP latency with buckets, so that a p99 can be taken across replicas
        assertThat(now.has("http_server_requests_seconds_bucket", "le", "0.025")).isTrue();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
