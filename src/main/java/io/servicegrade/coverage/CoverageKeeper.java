package io.servicegrade.coverage;

import io.servicegrade.coverage.CoverageRepository.Kept;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.scheme.Figure;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.standing.FigureSamples;
import io.servicegrade.standing.StandingInputs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inspection coverage kept at write time as the figure {@code inspectionCoverage} (issue 19): one sample per plan,
 * selected unit and interval (100 covered, 0 ended uncovered, none while in progress and uncovered), written in the
 * transaction of the evaluation write, plan change or sweep that changed it, with the standing inputs of every
 * scheme source on the figure. Which unit-intervals are covered is {@link CoverageRepository}'s one rule.
 */
@ApplicationScoped
public class CoverageKeeper {

    @Inject
    CoverageRepository repository;

    @Inject
    FigureSamples samples;

    @Inject
    Transactions transactions;

    @Inject
    ServiceGradeConfig config;

    /** The sources plans in force cover, read before a write's transaction opens (like the schemes). */
    public record Covered(Set<String> sources) {
        /** Whether an evaluation of {@code source} may change coverage. */
        public boolean covers(String source) {
            return sources.contains(source);
        }
    }

    /** Plan puts and deletes, from any instance: each forgets the covered sources kept here. */
    static final String PLANS_CHANNEL = "servicegrade_coverage_plans";

    @Inject
    Notifications notifications;

    private volatile Covered cached;
    private final AtomicLong generation = new AtomicLong();

    void listen(@Observes @Priority(50) StartupEvent event) {
        // (re)listening may have missed a notification: forget then too
        notifications.listen(PLANS_CHANNEL, key -> forget(), this::forget);
    }

    /**
     * The sources plans cover now; read it before the transaction. Kept here like the schemes, forgotten when any
     * instance puts or deletes a plan, so an evaluation write of a source no plan covers runs no statement at all.
     */
    public Uni<Covered> covered() {
        Covered known = cached;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long seen = generation.get();
        return repository.coveredSources().map(sources -> {
            Covered read = new Covered(Set.copyOf(sources));
            // a plan changed while this was read: use it once, keep nothing
            if (generation.get() == seen) {
                cached = read;
            }
            return read;
        });
    }

    /** Forgets the covered sources (a plan was put or deleted); the next write reads them again. */
    void forget() {
        generation.incrementAndGet();
        cached = null;
    }

    /**
     * Keeps, over the caller's transaction, the unit-intervals the touched evaluations (as they were and as they are)
     * fall in, after {@link #lock}. Nothing when none is of a covered source: a batch no plan is about costs no
     * statement.
     */
    public Uni<Void> evaluations(SqlClient connection, Covered covered, List<SchemeHistory> schemes,
            List<StandingInputs.Touch> touches) {
        List<StandingInputs.Touch> relevant = relevant(covered, touches);
        if (relevant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.keepTouched(connection, zone(),
                        relevant.stream().map(StandingInputs.Touch::unitId).toArray(Long[]::new),
                        relevant.stream().map(StandingInputs.Touch::source).toArray(String[]::new),
                        relevant.stream().map(StandingInputs.Touch::conductedAt).toArray(OffsetDateTime[]::new))
                .flatMap(kept -> put(connection, schemes, kept));
    }

    /**
     * Locks what the touched evaluations' coverage needs, over the caller's transaction, BEFORE its standing inputs
     * are refreshed (the plan lock, then the selected units); nothing when none is of a covered source.
     */
    public Uni<Void> lock(SqlClient connection, Covered covered, List<StandingInputs.Touch> touches) {
        List<StandingInputs.Touch> relevant = relevant(covered, touches);
        if (relevant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockTouched(connection,
                relevant.stream().map(StandingInputs.Touch::unitId).toArray(Long[]::new),
                relevant.stream().map(StandingInputs.Touch::source).toArray(String[]::new));
    }

    private static List<StandingInputs.Touch> relevant(Covered covered, List<StandingInputs.Touch> touches) {
        return touches.stream().filter(t -> t.source() != null && covered.covers(t.source())).toList();
    }

    /** Recomputes plan {@code key}'s unit-intervals over the caller's transaction (a retired plan's are dropped). */
    Uni<List<Kept>> plan(SqlClient connection, List<SchemeHistory> schemes, String key) {
        return repository.keepPlan(connection, zone(), key).call(kept -> put(connection, schemes, kept))
                .call(kept -> repository.announcePlan(connection, PLANS_CHANNEL, key));
    }

    /** The schemes, as {@link #plan} needs them; read before the transaction. */
    Uni<List<SchemeHistory>> schemes() {
        return samples.schemes();
    }

    /**
     * One sweep: the unit-intervals that ended uncovered get their 0 sample, each once whichever instance sweeps
     * first (one conditional statement); answers them.
     */
    public Uni<List<Kept>> sweep() {
        return samples.schemes().flatMap(schemes -> transactions.write(connection ->
                repository.keepEnded(connection, zone()).call(kept -> put(connection, schemes, kept))));
    }

    private Uni<Void> put(SqlClient connection, List<SchemeHistory> schemes, List<Kept> kept) {
        return samples.put(connection, schemes, kept.stream().map(k -> new FigureSamples.Sample(
                Figure.INSPECTION_COVERAGE, k.id(), k.unitId(), k.start().atStartOfDay(config.timeZone()).toInstant(),
                k.value())).toList());
    }

    private String zone() {
        return config.timeZone().getId();
    }

    /** Whether a kept sample value means covered. */
    static boolean covered(BigDecimal value) {
        return value != null && value.signum() > 0;
    }
}
