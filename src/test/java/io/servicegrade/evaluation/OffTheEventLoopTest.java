package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.TestApi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading and scoring a large batch is CPU work: it runs on worker threads, so the event loop keeps answering
 * other requests meanwhile. Shown by what happens, never by how long anything takes.
 */
@QuarkusTest
class OffTheEventLoopTest {

    private static final int BATCH = EvaluationService.MAX_BATCH;

    @TestHTTPResource("/")
    URI base;

    @Inject
    BatchPipeline pipeline;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Test
    void aCheapRequestIsAnsweredWhileA5000EvaluationBatchIsTakenIn() throws Exception {
        String key = TestApi.agency(null);
        String window = TestApi.window();
        String p = freshPrefix();
        List<Map<String, Object>> evaluations = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            evaluations.add(EvaluationResourceTest.survey(window, p + "-" + i, 1 + i % 7));
        }
        byte[] body = json.writeValueAsBytes(Map.of("evaluations", evaluations));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch sent = new CountDownLatch(1);
        // The body is streamed; once its last byte is handed over, the batch is the server's to read and score.
        HttpRequest post = HttpRequest.newBuilder(base.resolve("/api/v1/evaluations"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SignallingStream(body, sent))).build();

        CompletableFuture<HttpResponse<String>> batch = client.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        assertThat(sent.await(60, TimeUnit.SECONDS)).as("the batch was sent").isTrue();
        int answeredFirst = 0;
        HttpRequest live = HttpRequest.newBuilder(base.resolve("/q/health/live")).GET().build();
        while (!batch.isDone()) {
            HttpResponse<String> health = client.send(live, HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            if (!batch.isDone()) {
                answeredFirst++;
            }
        }

        HttpResponse<String> answer = batch.get(120, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(json.readTree(answer.body()).path("evaluations").size()).isEqualTo(BATCH);
        assertThat(answeredFirst).as("health checks answered before the batch's answer").isPositive();
    }

    @Test
    void scoringABatchAskedForOnTheEventLoopRunsOnAWorkerThread() throws Exception {
        String window = TestApi.window();
        String p = freshPrefix();
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            JsonNode survey = json.valueToTree(EvaluationResourceTest.survey(window, p + "-" + i, 1 + i % 7));
            submissions.add(new Submission(i, p + "-" + i, "survey", window, "customer-satisfaction-5", null,
                    OffsetDateTime.parse(EvaluationResourceTest.CONDUCTED_AT), null, survey.get("answers"),
                    survey.get("evidence"), null, null));
        }
        BatchPipeline.Resolved resolved = pipeline.resolve(submissions.stream().map(BatchPipeline.Wanted::of)
                .toList()).await().indefinitely();

        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        Context loop = vertx.getOrCreateContext();
        loop.runOnContext(v -> {
            boolean askedOnLoop = Context.isOnEventLoopThread();
            pipeline.score(submissions, resolved, List.of(), "/evaluations").subscribe().with(
                    scored -> seen.complete(new boolean[] {askedOnLoop, Context.isOnEventLoopThread(),
                            scored.size() == BATCH}),
                    seen::completeExceptionally);
        });

        boolean[] observed = seen.get(120, TimeUnit.SECONDS);
        assertThat(observed[0]).as("asked for on the event loop").isTrue();
        assertThat(observed[1]).as("scored on the event loop").isFalse();
        assertThat(observed[2]).as("every evaluation scored").isTrue();
    }

    /** A body that says when its last byte has been read from it. */
    private static final class SignallingStream extends InputStream {
        private final ByteArrayInputStream bytes;
        private final CountDownLatch done;

        SignallingStream(byte[] body, CountDownLatch done) {
            this.bytes = new ByteArrayInputStream(body);
            this.done = done;
        }

        @Override
        public int read() {
            int b = bytes.read();
            if (b < 0) {
                done.countDown();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = bytes.read(buffer, offset, length);
            if (n < 0) {
                done.countDown();
            }
            return n;
        }
    }
}
