package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeInputs;
import io.servicegrade.scheme.SchemeService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The prepared inputs of standings ({@code standing_input}): per scheme, period, unit and source, the count,
 * total, lowest, latest and first veto of the unit's active evaluations, under the scheme version that computes
 * the period. Every write of evaluations refreshes the groups it touches, from the evaluations themselves, in
 * its own transaction, and bumps the revision of each period it touched ({@code standing_period}); so standings
 * read a few rows per unit, and are fresh as soon as the write is acknowledged.
 */
@ApplicationScoped
public class StandingInputs implements SchemeInputs {

    @Inject
    SchemeService schemes;

    @Inject
    StandingTelemetry meters;

    @Inject
    StandingInputRepository repository;

    @Inject
    StandingReads reads;

    /**
     * An evaluation written (or as it was before a revision): enough to find the groups it belongs to. A figure's
     * sample (issue 19) has no source and the figure's {@link io.servicegrade.scheme.Figure#rubricKey()}.
     */
    public record Touch(long unitId, String source, String rubricKey, OffsetDateTime conductedAt) {
    }

    /**
     * The schemes, as {@link #refresh} needs them. Read them before the writing transaction opens: reading them
     * takes a connection of its own, and a transaction that waits for a second connection while holding one can
     * wait forever once every connection of the pool is held that way.
     */
    public Uni<List<SchemeHistory>> schemes() {
        return schemes.histories();
    }

    /**
     * Refreshes, within the caller's transaction, every group of the schemes {@code all} (from {@link #schemes})
     * the touched evaluations belong to. A scheme that got a version since {@code all} was read is read again
     * over the transaction's connection, under the lock a new version holds alone
     * ({@link SchemeService#current}): the groups are never refreshed under a version that is no longer the
     * latest, and a version stored meanwhile either sees this write's evaluations or is seen by it.
     */
    public Uni<Void> refresh(SqlClient connection, List<SchemeHistory> all, List<Touch> touches) {
        if (touches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return schemes.current(connection, all).flatMap(current -> refreshAll(connection, current, touches));
    }

    /**
     * Issue 18: a change outside the evaluations (a unit veto event confirmed or exempted) alters the boards of
     * {@code periodIds}: within the caller's transaction, bumps their revisions in id order (making missing rows)
     * and announces them at commit, as an evaluation's write does, so kept boards and subscribers follow. A closed
     * one among them fails the caller's transaction whole, naming it (409 period-closed).
     */
    public Uni<Void> touch(SqlClient connection, String schemeKey, Set<String> periodIds) {
        if (periodIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockPeriods(connection, schemeKey, periodIds, false).map(locked -> {
            if (!locked.closed().isEmpty()) {
                throw PeriodProblems.closed(schemeKey, locked.closed().get(0));
            }
            return null;
        });
    }

    /**
     * Issue 19: refreshes, within the caller's transaction, the groups of figure sources the touched samples belong
     * to ({@link Touch#source()} null, {@link Touch#rubricKey()} the figure's); see {@link FigureSamples#put}. A
     * closed period is refreshed like an open one: its board reads its closing's copy, so a late reply to an old
     * case is recorded without changing what was closed.
     */
    Uni<Void> refreshFigures(SqlClient connection, List<SchemeHistory> all, List<Touch> touches) {
        if (touches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return schemes.current(connection, all).flatMap(current -> refreshAll(connection, current, touches, false));
    }

    private Uni<Void> refreshAll(SqlClient connection, List<SchemeHistory> all, List<Touch> touches) {
        return refreshAll(connection, all, touches, true);
    }

    private Uni<Void> refreshAll(SqlClient connection, List<SchemeHistory> all, List<Touch> touches,
            boolean refuseClosed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        // Schemes in key order and periods in id order: concurrent writers lock periods in the same order.
        for (SchemeHistory history : all) {
            Scheme frame = history.latest().scheme();
            Map<String, List<Touch>> byPeriod = new TreeMap<>();
            for (Touch t : touches) {
                // An evaluation no version counts leaves the scheme's periods (revisions, locks, subscribers) alone.
                if (!history.counts(t.source(), t.rubricKey())) {
                    continue;
                }
                Period period = Period.of(frame.period(), t.conductedAt().toInstant(), frame.timeZone());
                if (history.forPeriod(period, null) != null) {
                    byPeriod.computeIfAbsent(period.id(), id -> new ArrayList<>()).add(t);
                }
            }
            if (!byPeriod.isEmpty()) {
                chain = chain.flatMap(done -> repository.lockPeriods(connection, history.key(), byPeriod.keySet(),
                                false))
                        .flatMap(locked -> {
                            // issue 18: a write that would change a closed period fails whole, naming it
                            if (refuseClosed && !locked.closed().isEmpty()) {
                                throw PeriodProblems.closed(history.key(), locked.closed().get(0));
                            }
                            return refresh(connection, history, byPeriod, locked.published());
                        });
            }
        }
        return chain;
    }

    private Uni<Void> refresh(SqlClient connection, SchemeHistory history, Map<String, List<Touch>> byPeriod,
            Map<String, Integer> published) {
        Map<Integer, Groups> byVersion = new TreeMap<>();
        byPeriod.forEach((periodId, touches) -> {
            Period period = Period.parse(history.latest().scheme().period(), periodId);
            SchemeService.Version version = history.forPeriod(period, published.get(periodId));
            Scheme scheme = version.scheme();
            Groups groups = byVersion.computeIfAbsent(version.version(), v -> new Groups(scheme));
            for (Touch t : touches) {
                if (scheme.counts(t.source(), t.rubricKey())) {
                    String part = scheme.bulletin() == null ? ""
                            : Period.of(scheme.bulletin(), t.conductedAt().toInstant(), scheme.timeZone()).id();
                    if (t.source() != null) {
                        groups.groups.add(new StandingInputRepository.Group(t.unitId(), t.source(), t.rubricKey(),
                                periodId, part));
                        continue;
                    }
                    // a figure's sample: a group of each source on the figure
                    for (Scheme.Source source : scheme.sources()) {
                        if (source.takes(t.rubricKey())) {
                            groups.groups.add(new StandingInputRepository.Group(t.unitId(), source.source(),
                                    t.rubricKey(), periodId, part));
                        }
                    }
                }
            }
        });
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Groups groups : byVersion.values()) {
            if (!groups.groups.isEmpty()) {
                chain = chain.flatMap(done -> repository.writeGroups(connection, groups.scheme,
                        List.copyOf(groups.groups)));
            }
        }
        return chain;
    }

    /** The groups of one scheme version to refresh, each once. */
    private static final class Groups {
        final Scheme scheme;
        final Set<StandingInputRepository.Group> groups = new LinkedHashSet<>();

        Groups(Scheme scheme) {
            this.scheme = scheme;
        }
    }

    /**
     * Rebuilds every input of a scheme from the evaluations, within the caller's transaction: each period with
     * data, or with standings before, under the version that computes it. The scheme's new version and its
     * rebuilt inputs commit together ({@link SchemeService#put}), as does an admin's recompute.
     */
    @Override
    public Uni<Void> rebuild(SqlConnection connection, SchemeHistory history) {
        Scheme frame = history.latest().scheme();
        Map<String, String> pairs = new TreeMap<>();
        history.versions().forEach(v -> v.scheme().sources().forEach(s -> s.rubrics().forEach(c -> pairs.put(
                s.source() + "\n" + c.rubric(), c.rubric()))));
        String[] sources = pairs.keySet().stream().map(k -> k.substring(0, k.indexOf('\n')))
                .toArray(String[]::new);
        String[] rubrics = pairs.values().toArray(String[]::new);
        return meters.recomputed(repository.periodsWithData(connection, frame, sources, rubrics).flatMap(ids -> {
            Set<String> periods = new TreeSet<>();
            for (String id : ids) {
                Period period = Period.parse(frame.period(), id);
                if (period != null && history.forPeriod(period, null) != null) {
                    periods.add(period.id());
                }
            }
            // a closed period's inputs are rebuilt too: its boards read the closing's copy, not these
            return repository.lockPeriods(connection, history.key(), periods, true)
                    .call(locked -> repository.rebuilt(connection, history.key()))
                    .flatMap(locked -> repository.deleteInputs(connection, history.key())
                            .flatMap(deleted -> rebuild(connection, history, periods, locked.published())));
        }));
    }

    @Override
    public Uni<Boolean> prepared(String schemeKey) {
        return repository.prepared(reads.pool(), schemeKey);
    }

    @Override
    public Uni<List<String>> pending() {
        return repository.pending(reads.pool());
    }

    private Uni<Void> rebuild(SqlClient connection, SchemeHistory history, Set<String> periods,
            Map<String, Integer> published) {
        Map<Integer, List<String>> byVersion = new TreeMap<>();
        Map<Integer, Scheme> schemes = new HashMap<>();
        for (String id : periods) {
            SchemeService.Version version = history.forPeriod(Period.parse(history.latest().scheme().period(), id),
                    published.get(id));
            byVersion.computeIfAbsent(version.version(), v -> new ArrayList<>()).add(id);
            schemes.put(version.version(), version.scheme());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Integer, List<String>> e : byVersion.entrySet()) {
            chain = chain.flatMap(done -> repository.writePeriods(connection, schemes.get(e.getKey()),
                    e.getValue()));
        }
        return chain;
    }

    /**
     * The inputs of one period, by unit, as the standings engine takes them: all of them, or with
     * {@code since}, those of the units with an input written after that revision (a group emptied since
     * reads as no samples).
     */
    Uni<Map<Long, List<Counting.Input>>> read(String schemeKey, Period period, Long since) {
        return repository.read(reads.pool(), schemeKey, period.id(), since);
    }
}
