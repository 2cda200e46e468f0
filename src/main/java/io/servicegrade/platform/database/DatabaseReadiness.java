package io.servicegrade.platform.database;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Readiness says whether the database answers, and nothing else: it asks over a connection of its own, outside
 * the pool, so a pool full of work (which the server answers with 503 and {@code Retry-After}) does not make every
 * replica unready at once, while a database that is down or unreachable does. The answer names no host, port or
 * error text; the log has those.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    Vertx vertx;

    @Inject
    ConnectionOptions database;

    @Inject
    Transactions transactions;

    private Uni<PgConnection> connection;

    @Override
    public Uni<HealthCheckResponse> call() {
        return session().flatMap(c -> c.query("SELECT 1").execute())
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> response(true))
                .onFailure().recoverWithItem(e -> {
                    forget();
                    return response(false);
                });
    }

    private HealthCheckResponse response(boolean up) {
        Transactions.Load load = transactions.load();
        return HealthCheckResponse.named("database").status(up)
                .withData("writesRunning", load.running()).withData("writesWaiting", load.waiting()).build();
    }

    /** The check's own connection, opened when first needed and again after a failure. */
    private synchronized Uni<PgConnection> session() {
        if (connection == null) {
            Uni<PgConnection> opening = PgConnection.connect(vertx, database.primary().setConnectTimeout(
                    (int) TIMEOUT.toMillis())).memoize().indefinitely();
            connection = opening;
        }
        return connection;
    }

    private synchronized void forget() {
        Uni<PgConnection> open = connection;
        connection = null;
        if (open != null) {
            open.flatMap(PgConnection::close).subscribe().with(done -> {
            }, failure -> {
            });
        }
    }

    void close(@Observes ShutdownEvent event) {
        forget();
    }
}
