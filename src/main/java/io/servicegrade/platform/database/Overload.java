package io.servicegrade.platform.database;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;

import java.time.Duration;

/** The answer when the server cannot take more work in time: 503, with when to try again; nothing was stored. */
public final class Overload {

    private Overload() {
    }

    /** The problem for a request that found no database connection or write slot within {@code waited}. */
    public static ProblemException problem(Duration waited, Duration retryAfter) {
        long ms = waited.toMillis();
        return overloaded(m -> m.overloadedDetail(ms), retryAfter);
    }

    /**
     * The problem for a report page or a whole-board export that found no turn to be built within {@code waited}
     * (issue 21: they take turns, {@code platform/http/PageGate}); the same type as any overload, with words about
     * its turn.
     */
    public static ProblemException pageProblem(Duration waited, Duration retryAfter) {
        long ms = waited.toMillis();
        return overloaded(m -> m.pagesBusyDetail(ms), retryAfter);
    }

    /** A 503 of the overloaded type with {@code detail}, to be sent again after {@code retryAfter} (whole seconds). */
    private static ProblemException overloaded(Message detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(503, "overloaded", ProblemMessages::overloadedTitle, detail)
                .retryAfter((int) seconds);
    }

    /** The problem for a request refused under the configured bounds ({@code servicegrade.overload.*}). */
    public static ProblemException problem(ServiceGradeConfig.Overload settings) {
        return problem(settings.maxWait(), settings.retryAfter());
    }

    /**
     * Whether {@code e} is the pool's own refusal: no connection came within its connection timeout, or its wait
     * queue was full.
     */
    public static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // the pool's connection timeout: "Timeout waiting for connection" when a connection is asked for,
            // a bare "Timeout" when a statement is run on the pool
            if ((t instanceof io.vertx.core.VertxException || t instanceof io.vertx.core.impl.NoStackTraceThrowable)
                    && (message.startsWith("Timeout waiting for connection") || message.equals("Timeout"))
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }
}
