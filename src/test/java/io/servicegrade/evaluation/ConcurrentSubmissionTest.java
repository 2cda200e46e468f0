package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many identical requests at once (docs/evaluations.md, "Idempotency keys"): without a key, one evaluation is
 * stored and every request is answered 201 with its id; with a key, the first runs and the others replay its
 * answer or are told (409) that it is still running.
 */
@QuarkusTest
class ConcurrentSubmissionTest {

    private static final int WRITERS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    /** One request's answer. */
    record Sent(int status, String body, boolean replayed) {
    }

    /** Sends {@code WRITERS} copies of one request at one moment ({@link AtOnce}); answers them all. */
    private List<AtOnce.Call<Sent>> together(String key, String idempotencyKey, String body) throws Exception {
        List<URI> uris = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            uris.add(evaluations);
            bodies.add(body);
        }
        return together(key, idempotencyKey, uris, bodies);
    }

    /** Sends request i to {@code uris[i]} with {@code bodies[i]}, all at one moment. */
    private List<AtOnce.Call<Sent>> together(String key, String idempotencyKey, List<URI> uris, List<String> bodies)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<Callable<Sent>> calls = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uris.get(i)).timeout(Duration.ofSeconds(120))
                    .header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpRequest built = request.build();
            calls.add(() -> {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                return new Sent(response.statusCode(), response.body(),
                        response.headers().firstValue("Idempotent-Replayed").isPresent());
            });
        }
        return AtOnce.run(calls);
    }

    private long stored(String externalId) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id = $1")
                .execute(Tuple.of(externalId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void concurrentIdenticalRequestsWithoutAKeyStoreOneEvaluationAndAllAnswer201WithItsId() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        String body = JSON.writeValueAsString(Map.of("evaluations",
                List.of(EvaluationResourceTest.survey(w, p, 1))));

        List<AtOnce.Call<Sent>> calls = together(key, null, body);

        AtOnce.assertOverlapped(calls, 2);
        List<Sent> sent = AtOnce.values(calls);
        assertThat(sent).extracting(Sent::status).as(sent.toString()).containsOnly(201);
        List<JsonNode> answers = new ArrayList<>();
        for (Sent s : sent) {
            answers.add(JSON.readTree(s.body()).get("evaluations").get(0));
        }
        assertThat(answers).extracting(a -> a.get("id").asLong()).hasSize(WRITERS).containsOnly(
                answers.get(0).get("id").asLong());
        assertThat(answers).extracting(a -> a.get("outcome").asText())
                .filteredOn("created"::equals).hasSize(1);
        assertThat(answers).extracting(a -> a.get("outcome").asText())
                .filteredOn("existing"::equals).hasSize(WRITERS - 1);
        // 1 very satisfied (100) + 1 satisfied (80): 90, for every answer
        assertThat(answers).extracting(a -> a.get("score").asDouble()).containsOnly(90.0);
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnceAndTheOthersReplayItOrAreToldItIsStillRunning() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        String body = JSON.writeValueAsString(Map.of("evaluations",
                List.of(EvaluationResourceTest.survey(w, p, 1))));

        List<AtOnce.Call<Sent>> calls = together(key, p, body);

        AtOnce.assertOverlapped(calls, 2);
        List<Sent> sent = AtOnce.values(calls);
        assertThat(sent).extracting(Sent::status).as(sent.toString()).containsOnly(201, 409);
        List<Sent> ran = sent.stream().filter(s -> s.status() == 201 && !s.replayed()).toList();
        assertThat(ran).as("requests that ran").hasSize(1);
        assertThat(JSON.readTree(ran.get(0).body()).at("/evaluations/0/outcome").asText()).isEqualTo("created");
        assertThat(sent).filteredOn(s -> s.status() == 201 && s.replayed()).extracting(Sent::body)
                .allSatisfy(replay -> assertThat(replay).isEqualTo(ran.get(0).body()));
        for (Sent running : sent.stream().filter(s -> s.status() == 409).toList()) {
            assertThat(JSON.readTree(running.body()).get("type").asText()).endsWith("idempotency-running");
        }
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void concurrentRevisionsAndVoidsOfManyEvaluationsAllSucceed() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            batch.add(EvaluationResourceTest.survey(w, p + "-" + i, 1));
        }
        List<Integer> ids = io.restassured.RestAssured.given().header("X-Api-Key", key)
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("evaluations", batch))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
        // Half are revised (every answer very satisfied: 100), half voided, all at once.
        String revision = JSON.writeValueAsString(Map.of("reason", "复核 recheck", "answers", List.of(
                Map.of("item", "q.overall", "responses", Map.of("very-satisfied", 2)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true))));
        String voiding = JSON.writeValueAsString(Map.of("reason", "重复 duplicate"));
        List<URI> uris = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            boolean revise = i % 2 == 0;
            uris.add(evaluations.resolve("/api/v1/evaluations/" + ids.get(i) + (revise ? "/revisions" : "/void")));
            bodies.add(revise ? revision : voiding);
        }

        List<AtOnce.Call<Sent>> calls = together(key, null, uris, bodies);

        AtOnce.assertOverlapped(calls, 2);
        List<Sent> sent = AtOnce.values(calls);
        for (int i = 0; i < WRITERS; i++) {
            Sent s = sent.get(i);
            JsonNode answer = JSON.readTree(s.body());
            if (i % 2 == 0) {
                assertThat(s.status()).as(s.body()).isEqualTo(201);
                assertThat(answer.get("revision").asInt()).isEqualTo(2);
                assertThat(answer.get("score").asDouble()).isEqualTo(100.0);
            } else {
                assertThat(s.status()).as(s.body()).isEqualTo(200);
                assertThat(answer.get("status").asText()).isEqualTo("voided");
            }
        }
        assertThat(pool.preparedQuery("SELECT count(*) FROM evaluation_revision r JOIN evaluation e"
                + " ON e.id = r.evaluation_id WHERE e.external_id LIKE $1").execute(Tuple.of(p + "-%"))
                .await().indefinitely().iterator().next().getLong(0)).isEqualTo(2L * WRITERS);
    }
}
