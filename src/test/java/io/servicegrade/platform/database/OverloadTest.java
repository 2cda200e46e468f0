package io.servicegrade.platform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small pool under many writers (docs/operations.md, "Overload"): with 4 connections, writers are admitted two
 * at a time and up to 64 wait for their turn, so 64 concurrent writers of distinct batches are all stored; beyond
 * that bound the excess are answered 503 with {@code Retry-After} at once and store nothing, never 500. A request
 * that finds no connection and no room to wait for one is answered the same way.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallPool.class)
public class OverloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 5;

    /**
     * 4 connections; 2 writes at once and 64 waiting; 200 requests may wait for a connection. Also a GraphQL
     * operation may run 3 s and answer 4 KB, so that {@code platform/graphql/GraphQLExecutionLimitsTest} can reach
     * those limits on this boot rather than on one of its own (nothing here asks GraphQL).
     */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "4",
                    "servicegrade.overload.write-concurrency", "2",
                    "servicegrade.overload.write-queue", "64",
                    "servicegrade.overload.pool-queue", "200",
                    "servicegrade.overload.wait", "60s",
                    "servicegrade.graphql.timeout", "3s",
                    "servicegrade.graphql.max-response", "4K");
        }
    }

    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    /** One answer: status, Retry-After, type of a problem, and the body. */
    record Answer(int status, String retryAfter, String contentType, String body) {
    }

    @Test
    void sixtyFourConcurrentWritersOfDistinctBatchesAreAllStoredOnFourConnections() throws Exception {
        String key = TestApi.agency(null);
        String p = TestApi.freshPrefix();
        List<String> windows = TestApi.windows(p, 4);

        List<Answer> answers = AtOnce.values(write(key, p, windows, 64));

        assertThat(answers).extracting(Answer::status).as(answers.toString()).containsOnly(201);
        assertThat(stored(p)).isEqualTo(64L * BATCH);
    }

    @Test
    void writersBeyondTheQueueAreToldToComeBackAndStoreNothing() throws Exception {
        String key = TestApi.agency(null);
        String p = TestApi.freshPrefix();
        List<String> windows = TestApi.windows(p, 4);
        // The test holds a lock that keeps the first two admitted writes inside their transactions, so the queue
        // fills for certain: of 80 writers, 2 run, 64 wait and 80 - 66 = 14 are refused at once. Then it lets go.
        SqlConnection lock = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        List<CompletableFuture<Answer>> writes;
        try {
            lock.query("BEGIN").execute().await().indefinitely();
            lock.query("LOCK TABLE evaluation IN SHARE ROW EXCLUSIVE MODE").execute().await().indefinitely();
            writes = sendAll(key, p, windows, 80);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (writes.stream().filter(CompletableFuture::isDone).count() < 14 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            lock.query("ROLLBACK").execute().await().indefinitely();
            lock.closeAndAwait();
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> write : writes) {
            answers.add(write.get(120, TimeUnit.SECONDS));
        }

        assertThat(answers).extracting(Answer::status).as(answers.toString()).containsOnly(201, 503);
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).as("refused writers").hasSize(14);
        for (Answer a : refused) {
            assertThat(a.retryAfter()).isEqualTo("2");
            assertThat(a.contentType()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(a.body());
            assertThat(problem.get("type").asText()).endsWith("overloaded");
            assertThat(problem.get("status").asInt()).isEqualTo(503);
        }
        assertThat(stored(p)).as("evaluations stored").isEqualTo(66L * BATCH);
        for (int i = 0; i < answers.size(); i++) {
            long batch = pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id LIKE $1")
                    .execute(Tuple.of(p + "-" + i + "-%")).await().indefinitely().iterator().next().getLong(0);
            assertThat(batch).as("batch " + i + " answered " + answers.get(i).status())
                    .isEqualTo(answers.get(i).status() == 201 ? BATCH : 0);
        }
    }

    @Test
    void aBatchWaitingForItsTurnIsReadOnlyWhenAdmitted() throws Exception {
        // Issue 21: 256 writers' batches were each read into a tree at once while they waited, and a 256 MB heap
        // ran out. With both write turns taken, a batch whose body does not even parse waits for a turn (its bytes
        // are not read yet: read first, it would be answered 400 at once); once a turn is free it is read, and
        // refused for its body.
        String key = TestApi.agency(null);
        CompletableFuture<String> release = new CompletableFuture<>();
        List<CompletableFuture<String>> turns = new ArrayList<>();
        CompletableFuture<Answer> waiting;
        try {
            for (int i = 0; i < 2; i++) {
                turns.add(transactions.admit(() -> io.smallrye.mutiny.Uni.createFrom().completionStage(release))
                        .subscribeAsCompletionStage().toCompletableFuture());
            }
            assertThat(transactions.load().running()).isEqualTo(2);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            waiting = client.sendAsync(HttpRequest.newBuilder(evaluations)
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"evaluations\": [")).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(OverloadTest::answer);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (transactions.load().waiting() < 1 && !waiting.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(waiting).as("a batch with no turn free was answered before its turn").isNotDone();
            assertThat(transactions.load().waiting()).isEqualTo(1);
        } finally {
            release.complete("done");
        }
        Answer refused = waiting.get(60, TimeUnit.SECONDS);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        for (CompletableFuture<String> turn : turns) {
            assertThat(turn.get(30, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }

    @Test
    void aRequestThatFindsNoConnectionAndNoRoomToWaitIsToldToComeBack() throws Exception {
        // The test takes all 4 connections, then 220 reads arrive: 200 wait for a connection, the rest are
        // refused at once. Once the test gives the connections back, every waiting read is answered.
        List<SqlConnection> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.getConnection().await().atMost(Duration.ofSeconds(30)));
        }
        List<CompletableFuture<Answer>> reads = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            for (int i = 0; i < 220; i++) {
                reads.add(client.sendAsync(HttpRequest.newBuilder(evaluations.resolve("/api/v1/units/SZ")).GET()
                        .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString())
                        .thenApply(OverloadTest::answer));
            }
            // the refused ones come back while the connections are still held
            CompletableFuture.anyOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Thread.sleep(500);
            // The pool is full, the database is not down: readiness says the truth, so no replica leaves the
            // Service for a burst.
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(evaluations.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).at("/checks/0/data/writesRunning").isInt()).isTrue();
        } finally {
            held.forEach(c -> c.closeAndAwait());
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> read : reads) {
            answers.add(read.get(120, TimeUnit.SECONDS));
        }
        assertThat(answers).extracting(Answer::status).as(answers.toString()).containsOnly(200, 503);
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(20);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSizeGreaterThanOrEqualTo(1);
        for (Answer a : refused) {
            assertThat(a.retryAfter()).isEqualTo("2");
            assertThat(JSON.readTree(a.body()).get("type").asText()).endsWith("overloaded");
        }
    }

    private List<AtOnce.Call<Answer>> write(String key, String p, List<String> windows, int writers)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            HttpRequest request = request(key, p, windows, i);
            calls.add(() -> answer(client.send(request, HttpResponse.BodyHandlers.ofString())));
        }
        return AtOnce.run(calls);
    }

    /** Sends the writers' batches without waiting for the answers. */
    private List<CompletableFuture<Answer>> sendAll(String key, String p, List<String> windows, int writers)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<Answer>> sent = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            sent.add(client.sendAsync(request(key, p, windows, i), HttpResponse.BodyHandlers.ofString())
                    .thenApply(OverloadTest::answer));
        }
        return sent;
    }

    private HttpRequest request(String key, String p, List<String> windows, int writer) throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int j = 0; j < BATCH; j++) {
            batch.add(survey(windows.get(j % windows.size()), p + "-" + writer + "-" + j));
        }
        return HttpRequest.newBuilder(evaluations).timeout(Duration.ofSeconds(120))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("evaluations", batch))))
                .build();
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static Map<String, Object> survey(String unit, String externalId) {
        return Map.of("externalId", externalId, "source", "survey", "unit", unit,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-05-06T10:00:00+08:00",
                "answers", List.of(
                        Map.of("item", "q.overall", "responses", Map.of("satisfied", 1, "very-satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true)));
    }

    private long stored(String p) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id LIKE $1")
                .execute(Tuple.of(p + "-%")).await().indefinitely().iterator().next().getLong(0);
    }
}
