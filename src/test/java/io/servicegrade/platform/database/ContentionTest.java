package io.servicegrade.platform.database;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writes that lock the same two rows in opposite orders deadlock; PostgreSQL ends one of them. That one wrote
 * nothing, so {@link Transactions#write} runs it again and both actions succeed, instead of one answering a server
 * error (a covered evaluation and another write can lock standing periods in such orders).
 */
@QuarkusTest
class ContentionTest {

    @Inject
    Transactions transactions;

    @Test
    void aDeadlockedWriteIsRunAgainAndBothWritesSucceed() {
        // two transaction-scoped advisory locks stand for two rows; keys of this test's own
        long first = 0x5347_0019_0001L;
        long second = 0x5347_0019_0002L;
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> one = transactions.write(c -> lockBoth(c, first, second, attempts).replaceWith("one"));
        Uni<String> two = transactions.write(c -> lockBoth(c, second, first, attempts).replaceWith("two"));

        List<String> done = Uni.join().all(one, two).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(done).containsExactly("one", "two");
        // both began, PostgreSQL ended exactly one of them as the deadlock's loser, and it was run a second time
        assertThat(attempts).hasValue(3);
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

    /** Locks {@code a}, waits long enough for the other write to lock {@code b}, then asks for {@code b}. */
    private static Uni<Void> lockBoth(SqlConnection c, long a, long b, AtomicInteger attempts) {
        attempts.incrementAndGet();
        return c.query("SELECT pg_advisory_xact_lock(" + a + ")").execute()
                .flatMap(r -> c.query("SELECT pg_sleep(0.3)").execute())
                .flatMap(r -> c.query("SELECT pg_advisory_xact_lock(" + b + ")").execute())
                .replaceWithVoid();
    }
}
