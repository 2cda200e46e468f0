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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inspection coverage kept at write time as the figure {@code inspectionCoverage} (issue 19): one sample per plan,
 * selected unit and interval (100 covered, 0 ended uncovered, none while in progress and uncovered), written with
 * the standing inputs of every scheme source on the figure: in the transaction of the evaluation write that changed
 * it, or by a plan's recount (after its put or delete) and the sweep in short transactions of about {@link #CELLS}
 * cells. Every writer locks the units it counts first, in id order; none locks them all. Which unit-intervals are
 * covered is {@link CoverageRepository}'s one rule.
 */
@ApplicationScoped
public class CoverageKeeper {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CoverageKeeper.class);

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

    /**
     * Queues plan {@code key}'s recount over the caller's transaction (its put or delete) and tells every instance of
     * the change at commit. The recount itself is {@link #recount}'s, after the commit, in ranges of units.
     */
    Uni<Void> queue(SqlClient connection, String key) {
        return repository.queueRecount(connection, key)
                .call(queued -> repository.announcePlan(connection, PLANS_CHANNEL, key));
    }

    /** About this many cells are counted per transaction of a recount or sweep. */
    static final int CELLS = 500;

    /** At most this many units are locked per transaction of a recount (the lock table is shared and finite). */
    static final int UNITS = 100;

    /** At most this many transactions per recount or sweep step in one run (the next run goes on from there). */
    static final int ROUNDS = 100_000;

    /**
     * Recounts plan {@code key}'s kept coverage after its put or delete: range after range of its selected units, each
     * in its own short transaction under those units' locks, until its queue row is gone. A range another instance
     * is counting is waited for, not skipped, so this returns once the whole plan is counted.
     */
    Uni<Void> recount(String key) {
        return samples.schemes().flatMap(schemes -> repeat(() -> recountRange(schemes, key)));
    }

    /**
     * How long a put, delete or file import waits for its recounts before it answers. A plan over every unit of a
     * large tree has millions of cells to count (minutes): the answer must not wait for them all, and a client's
     * read timeout must not cut a committed change off mid-answer. Past this wait the recounts go on after the answer,
     * and the coverage figures follow when they are done (the sweep finishes any that do not).
     */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    /**
     * {@link #recount} of plans {@code keys}, one after the other, after a committed put, delete or import, which it
     * never fails: should a range not get its turn (the server overloaded) or fail, the change stands and the sweep
     * of any instance finishes the queued recount. Answers when they are done or after {@link #ANSWER_WAIT},
     * whichever comes first; they go on either way, in the caller's Mutiny context (already admitted).
     */
    Uni<Void> recountAfter(Collection<String> keys) {
        List<String> plans = List.copyOf(new java.util.LinkedHashSet<>(keys));
        return Uni.createFrom().voidItem().withContext((start, context) -> {
            Uni<Void> all = Multi.createFrom().iterable(plans).onItem()
                    .transformToUniAndConcatenate(key -> recount(key).onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Coverage plan %s: recount left to the sweep (%s)", key, failure.getMessage());
                        return null;
                    }))
                    .collect().last().replaceWithVoid().memoize().indefinitely();
            all.subscribe().with(context, done -> { }, failure -> { });
            io.vertx.core.Context vertx = io.vertx.core.Vertx.currentContext();
            Uni<Void> waited = all.ifNoItem().after(ANSWER_WAIT).recoverWithUni(() -> {
                LOG.infof("Coverage plans %s: answered before the recount is done; it goes on", plans);
                return Uni.createFrom().voidItem();
            });
            // the answer goes on where the request was (a timeout fires on another thread)
            return vertx == null ? waited : waited.emitOn(task -> vertx.runOnContext(v -> task.run()));
        });
    }

    /**
     * One range of a queued recount ({@code key}'s, or with null the oldest nobody holds), in one transaction:
     * the next selected units counted and the range recorded done, or past the last one the plan's remaining rows
     * dropped. Answers whether a recount is left to go on with.
     */
    private Uni<Boolean> recountRange(List<SchemeHistory> schemes, String key) {
        return transactions.write(c -> repository.claimRecount(c, key).flatMap(recount -> {
            if (recount == null) {
                return Uni.createFrom().item(false);
            }
            return repository.nextRange(c, zone(), recount, CELLS, UNITS)
                    .flatMap(last -> last == null ? repository.endRecount(c, recount, CELLS)
                            : repository.keepRange(c, zone(), recount, last))
                    .call(kept -> put(c, schemes, kept))
                    .replaceWith(true);
        }));
    }

    /**
     * One sweep, on every instance every minute, each step in transactions of about {@link #CELLS} cells under their
     * units' locks (an evaluation write waits at most for one of them): the queued recounts nobody is counting; the
     * intervals begun (or units newly selected) that have no row yet; the rows still undecided whose interval has
     * ended (0 when uncovered). Answers the unit-intervals whose samples the opening and ending steps changed.
     */
    public Uni<List<Kept>> sweep() {
        List<Kept> kept = new java.util.ArrayList<>();
        return samples.schemes().flatMap(schemes -> repeat(() -> recountRange(schemes, null))
                .flatMap(recounted -> repeat(() -> keepCells(schemes, true, kept)))
                .flatMap(opened -> repeat(() -> keepCells(schemes, false, kept))))
                .map(done -> kept);
    }

    /** One transaction of the sweep's opening or ending step; answers whether a full batch was found (more may be). */
    private Uni<Boolean> keepCells(List<SchemeHistory> schemes, boolean opening, List<Kept> into) {
        return transactions.write(c -> (opening ? repository.opening(c, zone(), CELLS)
                        : repository.ending(c, zone(), CELLS))
                .flatMap(cells -> cells.size() == 0 ? Uni.createFrom().item(false)
                        : repository.keepCells(c, zone(), cells).call(kept -> put(c, schemes, kept))
                                .invoke(into::addAll).replaceWith(cells.size() >= CELLS)));
    }

    /** Runs {@code step} again while it answers true (at most {@link #ROUNDS} times), without deepening the stack. */
    private static Uni<Void> repeat(java.util.function.Supplier<Uni<? extends Boolean>> step) {
        return Multi.createBy().repeating().uni(step).until(more -> !more).select().first(ROUNDS).collect().last()
                .replaceWithVoid();
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
