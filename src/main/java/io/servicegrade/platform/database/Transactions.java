package io.servicegrade.platform.database;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place write transactions on the datasource's pool begin. A transaction holds exactly one pooled
 * connection, the one handed to {@code work}: everything it reads or writes goes over that connection (repositories
 * take the connection they are given), and what it needs from elsewhere is read before it begins. So no request
 * ever holds two pooled connections, and a full pool cannot deadlock on itself.
 *
 * <p>Writes are admitted by a {@link WriteGate}: a bounded number run at once, a bounded number wait, none waits
 * longer than {@code servicegrade.overload.wait}; the rest are answered 503 with {@code Retry-After}
 * ({@link Overload}), having written nothing.
 */
@ApplicationScoped
public class Transactions {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ServiceGradeConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "16")
    int poolSize;

    /** Marks, in Mutiny's subscription context, work that runs within an admitted action. */
    private static final String ADMITTED = "servicegrade.admitted";

    private WriteGate gate;

    @PostConstruct
    void init() {
        ServiceGradeConfig.Overload overload = config.overload();
        gate = new WriteGate(vertx, overload.writeConcurrency().orElse(Math.max(1, poolSize / 2)),
                overload.writeQueue(), overload.maxWait(), overload.retryAfter());
    }

    /**
     * Runs {@code work} in one transaction on one connection, once admitted (at once when it is part of an action
     * already admitted); commits when it succeeds.
     */
    public <T> Uni<T> write(Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom().context(context -> context.contains(ADMITTED) ? pool.withTransaction(work)
                : admit(() -> pool.withTransaction(work)));
    }

    /**
     * Admits a whole write action (a request that reads, scores and then writes), so that it waits once, here,
     * before it takes any connection: refused within {@code servicegrade.overload.wait} when the server is full,
     * however slow the database is. The transactions it opens are part of it and are not admitted again.
     */
    public <T> Uni<T> admit(Supplier<Uni<T>> action) {
        return gate.admit(() -> action.get().withContext((uni, context) -> {
            context.put(ADMITTED, Boolean.TRUE);
            return uni;
        }));
    }

    /** Write transactions running now, and waiting for their turn. */
    public int[] load() {
        return new int[] {gate.running(), gate.waiting()};
    }
}
