package io.servicegrade.platform.http;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Overload;
import io.servicegrade.platform.database.WriteGate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Report pages and whole-board exports built at once (issue 21): a board page reads and tables a whole board and
 * the three before it, a CSV or JSON export writes a whole board (a board of 10,000 windows is tens of MB for the
 * moment it is built), so a crowd of readers must take turns rather than all build at once and exhaust the heap,
 * which a bounded heap answers by stopping the server (their callers build them on workers, never on an event
 * loop). At most {@code servicegrade.reports.page-concurrency} are built at once (one per processor); up to
 * {@code page-queue} wait, none longer than {@code page-wait}; beyond that the reader gets a 503 with
 * {@code Retry-After} (the error page for a report page, problem+json for an export). A waiting one holds nothing:
 * its reads start when its turn comes.
 */
@ApplicationScoped
public class PageGate {

    @Inject
    Vertx vertx;

    @Inject
    ServiceGradeConfig config;

    private WriteGate gate;

    @PostConstruct
    void init() {
        ServiceGradeConfig.Reports reports = config.reports();
        java.time.Duration retryAfter = config.overload().retryAfter();
        gate = new WriteGate(vertx, reports.pageConcurrency().orElse(Runtime.getRuntime().availableProcessors()),
                reports.pageQueue(), reports.pageWait(), waited -> Overload.pageProblem(waited, retryAfter));
    }

    /** Builds a page once its turn comes: its answer, or the problem of a page that found no turn. */
    public <T> Uni<T> turn(Supplier<Uni<T>> page) {
        return gate.admit(page);
    }

    /** How many pages wait for their turn now. */
    public int waiting() {
        return gate.waiting();
    }
}
