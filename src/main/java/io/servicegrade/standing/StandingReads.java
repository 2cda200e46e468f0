package io.servicegrade.standing;

import io.quarkus.runtime.ShutdownEvent;
import io.servicegrade.platform.database.ConnectionOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Where standings are read from: the primary, or, when {@code servicegrade.standings.read-url} names one, a read
 * replica (CloudNativePG's {@code -ro} service). Reads there trail the primary by the replication lag: a board may
 * miss an evaluation acknowledged a moment ago. Writes, and the reads inside them, always go to the primary.
 */
@ApplicationScoped
public class StandingReads {

    @Inject
    Pool primary;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "servicegrade.standings.read-url")
    Optional<String> readUrl;

    @Inject
    ConnectionOptions database;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "16")
    int maxSize;

    private Pool replica;

    @PostConstruct
    void connect() {
        readUrl.filter(url -> !url.isBlank()).ifPresent(url -> {
            PgConnectOptions options = database.at(url);
            // So that the replica's connections are told apart in pg_stat_activity.
            options.addProperty("application_name", "servicegrade-standings-reads");
            replica = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(maxSize));
        });
    }

    void close(@Observes ShutdownEvent event) {
        if (replica != null) {
            replica.closeAndAwait();
        }
    }

    /** The pool standings reads use. */
    public Pool pool() {
        return replica != null ? replica : primary;
    }

    /** Whether reads go to a replica. */
    public boolean replicated() {
        return replica != null;
    }
}
