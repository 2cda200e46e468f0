package io.servicegrade.platform.database;

import io.servicegrade.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The write gate's bookkeeping: who runs, who waits, who is told to come back, and that every slot comes back. */
class WriteGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A piece of work the test finishes when it wants. */
    private static final class Work {
        final CompletableFuture<String> done = new CompletableFuture<>();
        volatile boolean started;

        Uni<String> start() {
            started = true;
            return Uni.createFrom().completionStage(done);
        }
    }

    private static <T> CompletableFuture<T> subscribe(Uni<T> uni) {
        return uni.subscribeAsCompletionStage();
    }

    @Test
    void writesBeyondTheConcurrencyWaitAndRunInTurn() throws Exception {
        WriteGate gate = new WriteGate(vertx, 2, 10, Duration.ofSeconds(30), Duration.ofSeconds(2));
        List<Work> works = List.of(new Work(), new Work(), new Work());
        List<CompletableFuture<String>> results = new ArrayList<>();
        works.forEach(w -> results.add(subscribe(gate.admit(w::start))));

        assertThat(works).extracting(w -> w.started).containsExactly(true, true, false);
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.waiting()).isEqualTo(1);

        works.get(0).done.complete("first");
        assertThat(results.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(works.get(2).started).isTrue();
        assertThat(gate.waiting()).isZero();

        works.get(1).done.completeExceptionally(new IllegalStateException("failed write"));
        works.get(2).done.complete("third");
        assertThat(results.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(results.get(1)).isCompletedExceptionally();
        // a failed write gives its slot back too
        assertThat(gate.running()).isZero();
    }

    @Test
    void aWriteFindingTheQueueFullIsRefusedAtOnceWithRetryAfter() throws Exception {
        WriteGate gate = new WriteGate(vertx, 1, 1, Duration.ofSeconds(30), Duration.ofMillis(1500));
        Work running = new Work();
        Work waiting = new Work();
        Work refused = new Work();
        subscribe(gate.admit(running::start));
        subscribe(gate.admit(waiting::start));

        CompletableFuture<String> answer = subscribe(gate.admit(refused::start));

        assertThat(answer).isCompletedExceptionally();
        ProblemException problem = problem(answer);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo("overloaded");
        // 1.5 s rounds up to whole seconds
        assertThat(problem.retryAfterSeconds()).isEqualTo(2);
        assertThat(refused.started).isFalse();
        assertThat(gate.waiting()).isEqualTo(1);
    }

    @Test
    void aWriteWaitingLongerThanTheBoundIsRefusedAndNeverRuns() throws Exception {
        WriteGate gate = new WriteGate(vertx, 1, 5, Duration.ofMillis(200), Duration.ofSeconds(1));
        Work running = new Work();
        Work late = new Work();
        subscribe(gate.admit(running::start));

        CompletableFuture<String> answer = subscribe(gate.admit(late::start));

        assertThat(problem(answer).status()).isEqualTo(503);
        assertThat(gate.waiting()).isZero();
        running.done.complete("done");
        assertThat(late.started).as("a refused write never runs").isFalse();
        assertThat(gate.running()).isZero();
    }

    @Test
    void aWaitingWriteWhoseCallerWentAwayLeavesTheQueue() {
        WriteGate gate = new WriteGate(vertx, 1, 5, Duration.ofSeconds(30), Duration.ofSeconds(1));
        Work running = new Work();
        Work abandoned = new Work();
        subscribe(gate.admit(running::start));
        Cancellable subscription = gate.admit(abandoned::start).subscribe().with(x -> {
        }, e -> {
        });
        assertThat(gate.waiting()).isEqualTo(1);

        subscription.cancel();

        assertThat(gate.waiting()).isZero();
        running.done.complete("done");
        assertThat(abandoned.started).isFalse();
        assertThat(gate.running()).isZero();
    }

    private static ProblemException problem(CompletableFuture<?> answer) throws Exception {
        try {
            answer.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProblemException.class);
            return (ProblemException) e.getCause();
        }
        throw new AssertionError("expected a refusal, got " + answer.get());
    }
}
