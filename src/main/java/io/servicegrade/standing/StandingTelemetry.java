package io.servicegrade.standing;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;

/**
 * What standings tell an operator (issue 22): on {@code /q/metrics}, each board computed (time and rows), how long
 * after a write this instance heard of the change, and how long after it a subscriber got the board that shows it
 * (the freshness the product promises: under a second); in a trace, the hop of a change from its writer's request
 * to the subscribers' update ({@link io.servicegrade.platform.observe.TraceHop}). The kept boards' hits and misses are the caches' own
 * series ({@code cache_gets_total{cache="standings.boards"}}, {@link StandingService}).
 */
@ApplicationScoped
class StandingTelemetry {

    @Inject
    MeterRegistry registry;

    @Inject
    io.servicegrade.platform.observe.TraceHop hops;

    private Timer computations;
    private DistributionSummary rows;
    private Timer recomputes;
    private Timer lag;
    private Timer freshness;

    /** Made at start ({@link #start}), so every series is there at zero: an alert sees a quiet server, not none. */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        // nothing more: observing the start creates the bean, and its series with it
    }

    @jakarta.annotation.PostConstruct
    void register() {
        computations = Timer.builder("servicegrade.standings.board.computations")
                .description("Standings boards computed (once per change of what a board shows)").register(registry);
        rows = DistributionSummary.builder("servicegrade.standings.board.rows")
                .description("Rows of each standings board computed").baseUnit("rows").register(registry);
        recomputes = Timer.builder("servicegrade.standings.recomputes")
                .description("Rebuilds of a scheme's standing inputs from the evaluations (a new version, a recompute)")
                .register(registry);
        lag = Timer.builder("servicegrade.standings.change.lag")
                .description("From a write that changed standings to this instance hearing of it").register(registry);
        freshness = Timer.builder("servicegrade.standings.freshness")
                .description("From a write that changed standings to a subscriber given the board that shows it")
                .register(registry);
    }

    /** A board's computation, timed and its rows counted: a board is computed once per change of what it shows. */
    Uni<StandingService.Board> computed(Uni<StandingService.Board> computation) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return computation.invoke(board -> {
                computations.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                rows.record(board.size());
            });
        });
    }

    /** A rebuild of a scheme's inputs from the evaluations (a new scheme version, an admin's recompute), timed. */
    Uni<Void> recomputed(Uni<Void> rebuild) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return rebuild.invoke(() -> recomputes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        });
    }

    /** A change heard from the database: the time from its write (the database's clock) to now. */
    void heard(StandingChanges.Change change) {
        since(change, lag);
    }

    /**
     * A subscriber given the board of {@code change}: the freshness of what it reads, and a span of the writer's
     * trace (the announcement's hop to this instance's subscriber).
     */
    void delivered(StandingChanges.Change change) {
        since(change, freshness);
        hops.hop(change.traceparent(), "standings update delivered", "servicegrade.scheme", change.scheme(),
                "servicegrade.period", change.period(), "servicegrade.revision", Long.toString(change.revision()));
    }

    private static void since(StandingChanges.Change change, Timer timer) {
        if (change.writtenAt() <= 0) {
            return;
        }
        // clocks of different machines: a change heard "before" it was written is heard at once
        long millis = Math.max(0, System.currentTimeMillis() - change.writtenAt());
        timer.record(millis, TimeUnit.MILLISECONDS);
    }
}
