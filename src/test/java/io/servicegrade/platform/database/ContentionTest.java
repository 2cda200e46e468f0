package io.servicegrade.platform.database;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.TestApi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two serializable writes that each read what the other then writes (write skew) cannot both commit: PostgreSQL
 * ends one with a serialization failure. That one wrote nothing, so {@link Transactions#write} runs it again and
 * both actions succeed, instead of one answering a server error. A deadlock (two writes locking standing periods in
 * opposite orders) is retried the same way; this test makes the conflict without PostgreSQL's deadlock timer.
 */
@QuarkusTest
class ContentionTest {

    @Inject
    Transactions transactions;

    @Test
    void aWriteThatLostASerializationConflictIsRunAgainAndBothWritesSucceed() {
        String subject = "contention/" + TestApi.freshPrefix();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Void> oneRead = new CompletableFuture<>();
        CompletableFuture<Void> twoRead = new CompletableFuture<>();
        Uni<String> one = transactions.write(c -> skew(c, subject + "/b", subject + "/a", oneRead, twoRead, attempts)
                .replaceWith("one"));
        Uni<String> two = transactions.write(c -> skew(c, subject + "/a", subject + "/b", twoRead, oneRead, attempts)
                .replaceWith("two"));

        List<String> done = Uni.join().all(one, two).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(done).containsExactly("one", "two");
        // both began, PostgreSQL ended one of them, and it was run again: 3 attempts, or more when a serializable
        // writer of the running server (the outbox, a sweep) conflicted with a retry too (seen once in a full run)
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    }

    /**
     * Reads whether an event about {@code read} exists, lets the other write read too ({@code mine} done, then
     * {@code theirs}), then writes an event about {@code write}: each write's row is what the other one read.
     */
    private static Uni<Void> skew(SqlConnection c, String read, String write, CompletableFuture<Void> mine,
            CompletableFuture<Void> theirs, AtomicInteger attempts) {
        attempts.incrementAndGet();
        return c.query("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").execute()
                .flatMap(r -> c.preparedQuery("SELECT count(*) FROM outbound_event WHERE subject = $1")
                        .execute(Tuple.of(read)))
                .invoke(r -> mine.complete(null))
                .flatMap(r -> Uni.createFrom().completionStage(theirs))
                .flatMap(r -> c.preparedQuery("INSERT INTO outbound_event (kind, subject, payload) "
                        + "VALUES ('test.contention', $1, '{}'::jsonb)").execute(Tuple.of(write)))
                .replaceWithVoid();
    }

    @Test
    void contentionIsTellableFromOtherFailures() {
        assertThat(Contention.is(new io.vertx.pgclient.PgException("deadlock detected", "ERROR", "40P01", null)))
                .isTrue();
        assertThat(Contention.is(new RuntimeException(
                new io.vertx.pgclient.PgException("could not serialize", "ERROR", "40001", null)))).isTrue();
        assertThat(Contention.is(new io.vertx.pgclient.PgException("duplicate", "ERROR", "23505", null))).isFalse();
        assertThat(Contention.is(new IllegalStateException("no"))).isFalse();
    }
}
