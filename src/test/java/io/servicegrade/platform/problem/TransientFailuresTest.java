package io.servicegrade.platform.problem;

import io.servicegrade.platform.database.Overload;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures the Vert.x SQL client reports when the server is full or the database goes away, each as it is
 * thrown (the fault runs found the ones a 500 was answered for): each is a 503, never a 500.
 */
class TransientFailuresTest {

    @Test
    void everyWayThePoolRefusesIsTooBusy() {
        // getConnection() past the connection timeout
        assertThat(Overload.isPoolExhausted(new VertxException("Timeout waiting for connection", true))).isTrue();
        // query() on the pool past the connection timeout: a bare "Timeout", not even a VertxException
        assertThat(Overload.isPoolExhausted(new NoStackTraceThrowable("Timeout"))).isTrue();
        // the wait queue full
        assertThat(Overload.isPoolExhausted(new ConnectionPoolTooBusyException(
                "Connection pool reached max wait queue size of 200"))).isTrue();
        // wrapped, as Hibernate Reactive and Mutiny hand them on
        assertThat(Overload.isPoolExhausted(new IllegalStateException("wrapped",
                new NoStackTraceThrowable("Timeout")))).isTrue();
        assertThat(Overload.isPoolExhausted(new IllegalStateException("Timeout"))).isFalse();
    }

    @Test
    void theDatabaseGoingAwayMidStatementIsUnreachableNotInternal() {
        // what a statement in flight gets when PostgreSQL shuts down
        assertThat(Problems.isDatabaseUnreachable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(Problems.isDatabaseUnreachable(new SocketException("Connection reset"))).isTrue();
        assertThat(Problems.isDatabaseUnreachable(new ConnectException("Connection refused"))).isTrue();
        assertThat(Problems.isDatabaseUnreachable(new IllegalArgumentException("a bug"))).isFalse();
    }

    @Test
    void workThatFailedForTheServersStateIsWorthRunningAgainAndABugIsNot() {
        assertThat(Problems.isTransient(new NoStackTraceThrowable("Timeout"))).isTrue();
        assertThat(Problems.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(Problems.isTransient(new ProblemException(503, "overloaded", ProblemMessages::overloadedTitle,
                m -> m.overloadedDetail(5000)))).isTrue();
        assertThat(Problems.isTransient(ProblemException.notFound(m -> m.noSuchPath("/x")))).isFalse();
        assertThat(Problems.isTransient(new IllegalStateException("a bug"))).isFalse();
    }
}
