package io.servicegrade.platform.database;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Quiets one known false alarm of the Vert.x SQL client: when a connection cannot be made (the database is down),
 * the pool answers the request at once but leaves its connection-timeout timer running, and when that fires it
 * fails the answered request again: "IllegalStateException: Result is already complete", logged as an uncaught
 * ERROR for every request of an outage (eclipse-vertx/vertx-sql-client#1706; no answer is affected). That one
 * is logged at DEBUG; every other uncaught exception goes to the handler that was there before.
 */
@ApplicationScoped
public class PoolTimerRace {

    private static final Logger LOG = Logger.getLogger(PoolTimerRace.class);

    void install(@Observes @Priority(1) StartupEvent event, Vertx vertx) {
        Handler<Throwable> previous = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isTimerRace(failure)) {
                LOG.debugf("The SQL pool's connection timeout fired after its request was answered: %s", failure);
            } else if (previous != null) {
                previous.handle(failure);
            } else {
                LOG.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    static boolean isTimerRace(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(
                failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return true;
            }
        }
        return false;
    }
}
