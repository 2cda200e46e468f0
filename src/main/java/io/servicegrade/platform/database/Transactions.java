package io.servicegrade.platform.database;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>The audit log's row of the action being served is appended in the same transaction
 * ({@code platform/audit/AuditIntents}), so a write that commits has its row, and one that does not, none.
 */
@ApplicationScoped
public class Transactions {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ServiceGradeConfig config;

    @Inject
    io.servicegrade.platform.audit.AuditIntents audit;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "16")
    int poolSize;

    /** Marks, in Mutiny's subscription context, work that runs within an admitted action. */
    private static final String ADMITTED = "servicegrade.admitted";

    private static final String ARRIVED = "servicegrade.arrived";

    @Inject
    InjectableInstance<CurrentVertxRequest> currentRequest;

    private WriteGate gate;

    /** Write transactions this instance committed ({@link #committed()}). */
    private final AtomicLong committed = new AtomicLong();

    @PostConstruct
    void init() {
        ServiceGradeConfig.Overload overload = config.overload();
        gate = new WriteGate(vertx, overload.writeConcurrency().orElse(Math.max(1, poolSize / 2)),
                overload.writeQueue(), overload.maxWait(), overload.retryAfter());
    }

    /**
     * Runs {@code work} in one transaction on one connection, once admitted (at once when it is part of an action
     * already admitted); commits when it succeeds. A transaction PostgreSQL ended as the loser of a deadlock or a
     * serialization conflict wrote nothing, and is run again, from the start, on a fresh connection, up to
     * {@value #CONTENTION_ATTEMPTS} times in all (the connection of the lost attempt is returned first, so the
     * request still holds one at a time).
     */
    public <T> Uni<T> write(Function<SqlConnection, Uni<T>> work) {
        // the audit row of the action being served, when it has none yet, is written over the same connection
        return Uni.createFrom().context(context -> audit.inTransaction(context, audited ->
                context.contains(ADMITTED) ? again(audited) : admit(() -> again(audited)), work));
    }

    /** Attempts of a transaction that keeps losing to deadlocks or serialization conflicts (issue 19). */
    static final int CONTENTION_ATTEMPTS = 4;

    private <T> Uni<T> again(Function<SqlConnection, Uni<T>> work) {
        // issue 22: a traced request names its trace in the transaction, for the announcements it makes
        return Uni.createFrom().deferred(() -> {
            String traceparent = io.servicegrade.platform.observe.TraceHop.traceparent();
            return pool.withTransaction(connection -> io.servicegrade.platform.observe.TraceHop
                    .name(connection, traceparent).flatMap(named -> work.apply(connection)));
        })
                .onFailure(Contention::is).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .withJitter(0.5).atMost(CONTENTION_ATTEMPTS - 1)
                .invoke(committed::incrementAndGet);
    }

    /**
     * How many write transactions this instance has committed. It moves after each commit, before the transaction's
     * caller goes on, so what this instance keeps in memory of data a write may have changed (the standings stamps,
     * issue 21) can be checked against it and is not read stale by the request that wrote, nor by the next one.
     */
    public long committed() {
        return committed.get();
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
        }), patience());
    }

    /**
     * {@code work} that a request does before it is admitted (finding its caller), bounded by what is left of the
     * request's wait: past it the request is refused as too busy, as it would be while waiting for its turn.
     */
    public <T> Uni<T> inTime(Uni<T> work) {
        Duration left = patience();
        if (left.toMillis() <= 0) {
            left = Duration.ofMillis(1);
        }
        // memoized: the refusal leaves the work itself to finish (a lookup cut off mid-way could leave its
        // session's connection unreturned); only the answer stops waiting for it
        return work.memoize().indefinitely().ifNoItem().after(left)
                .failWith(() -> Overload.problem(config.overload()));
    }

    /**
     * What is left of the wait for the request being served: {@code servicegrade.overload.wait} counts from when
     * the request arrived, so time spent before admission (finding the caller, say) is not waited again.
     */
    private Duration patience() {
        Duration wait = config.overload().maxWait();
        RoutingContext request = io.quarkus.arc.Arc.container().requestContext().isActive()
                ? currentRequest.get().getCurrent() : null;
        Long arrived = request == null ? null : request.get(ARRIVED);
        return arrived == null ? wait : wait.minusNanos(System.nanoTime() - arrived);
    }

    /**
     * Notes when each request arrived, before anything else handles it. Not a WebSocket's upgrade: the GraphQL
     * operations of that connection see its routing context, and each arrives later with the whole wait before it.
     */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (!"websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
                context.put(ARRIVED, System.nanoTime());
            }
            context.next();
        });
    }

    /** Write actions running now, and waiting for their turn. */
    public record Load(int running, int waiting) {
    }

    public Load load() {
        return new Load(gate.running(), gate.waiting());
    }
}
