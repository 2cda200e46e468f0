package io.servicegrade.standing;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.CursorProblems;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingsEngine.GroupRank;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.standing.StandingsEngine.UnitAggregates;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Standings of a scheme for a period: the units it grades (filtered), their prepared inputs for the period,
 * through the standings engine, with the previous period's beside them. Ranks are among the units asked for.
 * A computed board is kept in memory under a stamp read from the database (the revisions of both periods and
 * of the tree, and the scheme's latest version), so a board is computed once per change, and every instance
 * sees a change as soon as it is committed.
 */
@ApplicationScoped
public class StandingService {

    /** Where boards are computed: the engine over up to every unit of a board is CPU work, off the event loop. */
    private static final java.util.concurrent.Executor COMPUTING = command -> io.smallrye.mutiny.infrastructure
            .Infrastructure.getDefaultWorkerPool().execute(command);

    @Inject
    SchemeService schemes;

    @Inject
    UnitRepository units;

    @Inject
    UnitService unitService;

    @Inject
    Transactions transactions;

    @Inject
    StandingInputs inputs;

    @Inject
    StandingInputRepository repository;

    @Inject
    ServiceGradeConfig config;

    @Inject
    StandingReads reads;

    @Inject
    BoardVetoes vetoes;

    /** Computed boards, by what they were asked for and the stamp they were computed at. */
    private AsyncCache<BoardKey, Board> boards;

    /** The units boards are made of, by filter and tree revision. */
    private AsyncCache<UnitsKey, List<Unit>> unitLists;

    /** Each period's inputs, by the unit they name, by scheme, period and version. */
    private Cache<String, PeriodInputs> periodInputs;

    @PostConstruct
    void init() {
        long rows = config.standings().cachedRows();
        Duration idle = Duration.ofMinutes(10);
        boards = Caffeine.newBuilder().maximumWeight(rows).expireAfterAccess(idle)
                .weigher((BoardKey key, Board board) -> 1 + board.units().size() + board.groups().size())
                .buildAsync();
        unitLists = Caffeine.newBuilder().maximumWeight(rows).expireAfterAccess(idle)
                .weigher((UnitsKey key, List<Unit> list) -> 1 + list.size()).buildAsync();
        periodInputs = Caffeine.newBuilder().maximumWeight(rows).expireAfterAccess(idle)
                .weigher((String key, PeriodInputs p) -> 1 + p.byUnit().size()).build();
    }

    /**
     * The standings of one period with the previous period's beside them, for the units asked for. For a group
     * kind (a kind the scheme does not grade, e.g. branch), {@code groups} holds the groups ranked by the mean of
     * their graded units, with their figures; {@code units} and {@code standings} are then the graded units under
     * them. {@code previousScheme} is the version that computed the previous period (null when none covers it).
     */
    public record Board(long revision, SchemeService.Version scheme, Period period, OffsetDateTime publishedAt,
            SchemeService.Version previousScheme, List<Unit> units, List<Standing> standings,
            Map<Long, Standing> previous, List<Unit> groups, List<GroupRank> groupRanks,
            Map<Long, Unit> byId, Map<Long, Standing> current, Map<Long, GroupRank> groupById,
            Map<String, BigDecimal> parentMeans, Stamp stamp) {

        static Board of(long revision, SchemeService.Version scheme, Period period, OffsetDateTime publishedAt,
                SchemeService.Version previousScheme, List<Unit> units, List<Standing> standings,
                Map<Long, Standing> previous, List<Unit> groups, List<GroupRank> groupRanks, Stamp stamp) {
            Map<Long, Unit> byId = new HashMap<>();
            units.forEach(u -> byId.put(u.id(), u));
            groups.forEach(u -> byId.put(u.id(), u));
            Map<Long, Standing> current = new HashMap<>();
            standings.forEach(s -> current.put(s.unitId(), s));
            Map<Long, GroupRank> groupById = new HashMap<>();
            groupRanks.forEach(g -> groupById.put(g.stats().unitId(), g));
            Map<String, BigDecimal> sums = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Standing s : standings) {
                BigDecimal value = StandingsEngine.value(scheme.scheme(), s);
                if (value != null) {
                    String parent = Objects.toString(byId.get(s.unitId()).parentCode(), "");
                    sums.merge(parent, value, BigDecimal::add);
                    counts.merge(parent, 1, Integer::sum);
                }
            }
            Map<String, BigDecimal> parentMeans = new HashMap<>();
            sums.forEach((parent, sum) -> parentMeans.put(parent,
                    sum.divide(BigDecimal.valueOf(counts.get(parent)), StandingsEngine.EXACT)));
            return new Board(revision, scheme, period, publishedAt, previousScheme, units, standings, previous,
                    groups, groupRanks, byId, current, groupById, parentMeans, stamp);
        }

        public Unit unit(long id) {
            Unit found = byId.get(id);
            if (found == null) {
                throw new IllegalStateException("no unit " + id + " on this board");
            }
            return found;
        }

        /** The mean ranking value of the units on this board that share the unit's parent. */
        public BigDecimal parentMean(Unit unit) {
            return parentMeans.get(Objects.toString(unit.parentCode(), ""));
        }

        /** Whether the board's rows are groups (a group kind was asked for). */
        public boolean groupMode() {
            return !groups.isEmpty();
        }

        /** The number of rows: groups, or graded units. */
        public int size() {
            return groupMode() ? groups.size() : units.size();
        }
    }

    /**
     * What a kept board was computed from; any change in the database gives another stamp. Revisions are null
     * for a period that never had inputs; {@code rebuilt} is the revision of its last whole rebuild.
     */
    record Stamp(long tree, Long revision, Long rebuilt, Long previousRevision, Long previousRebuilt,
            int latestVersion, Integer published, Integer previousPublished, OffsetDateTime publishedAt) {

        /** This stamp as text (a standings cursor carries it): its fields in order, an empty field for null. */
        String token() {
            return java.util.stream.Stream.of(tree, revision, rebuilt, previousRevision, previousRebuilt,
                    latestVersion, published, previousPublished, publishedAt)
                    .map(v -> v == null ? "" : v.toString()).collect(java.util.stream.Collectors.joining("~"));
        }

        /** The stamp {@link #token()} wrote; IllegalArgumentException (or a parse exception) when it is not one. */
        static Stamp parse(String token) {
            String[] f = token.split("~", -1);
            if (f.length != 9) {
                throw new IllegalArgumentException("not a stamp");
            }
            return new Stamp(Long.parseLong(f[0]), longOrNull(f[1]), longOrNull(f[2]), longOrNull(f[3]),
                    longOrNull(f[4]), Integer.parseInt(f[5]), f[6].isEmpty() ? null : Integer.valueOf(f[6]),
                    f[7].isEmpty() ? null : Integer.valueOf(f[7]),
                    f[8].isEmpty() ? null : OffsetDateTime.parse(f[8]));
        }

        private static Long longOrNull(String text) {
            return text.isEmpty() ? null : Long.valueOf(text);
        }
    }

    /**
     * {@code scope}: the unit ids a scoped reader's board is bounded to (issue 16), null for the whole tree;
     * {@code tag}: only graded units carrying it (issue 17), null for any.
     */
    record BoardKey(String scheme, String period, String kind, String under, String serviceLine, String area,
            String tag, Stamp stamp, List<Long> scope) {
    }

    record UnitsKey(String under, List<String> kinds, String serviceLine, String area, String tag, long tree,
            List<Long> scope) {
    }

    /** A period's inputs by the unit they name, as of a revision of the period. */
    record PeriodInputs(long revision, Map<Long, List<Counting.Input>> byUnit) {
    }

    /**
     * What a board shows: a period of the scheme, or a bulletin part of one ({@code part}, e.g. the month
     * 2023-05 of the quarter 2023-Q2: the same board over the evaluations of that month).
     */
    record View(Period period, Period part) {

        /** The period shown: the part, or the whole period. */
        Period shown() {
            return part == null ? period : part;
        }

        /** The view before this one: the previous part (perhaps in the previous period), or the previous period. */
        View previous() {
            if (part == null) {
                return new View(period.previous(), null);
            }
            Period before = part.previous();
            return new View(before.within(period.kind()), before);
        }
    }

    public Uni<Board> board(String schemeKey, String periodId, String kind, String under, String serviceLine,
            String area) {
        return board(schemeKey, periodId, kind, under, serviceLine, area, null);
    }

    /**
     * The board of the units in {@code scope} (issue 16: a scoped reader's, {@link BoardAccess}): its units ranked
     * among themselves, its groups' figures over them; null: the whole tree's board.
     */
    public Uni<Board> board(String schemeKey, String periodId, String kind, String under, String serviceLine,
            String area, List<Long> scope) {
        return board(schemeKey, periodId, kind, under, serviceLine, area, null, scope);
    }

    /** As above, graded units carrying {@code tag} only (issue 17: the boards' tag filter; null: any). */
    public Uni<Board> board(String schemeKey, String periodId, String kind, String under, String serviceLine,
            String area, String tag, List<Long> scope) {
        return schemes.known(schemeKey).flatMap(history -> {
            // the stamp is read over the periods of the scheme that hold the view (a month's quarter)
            View asked = history == null ? null : viewOrNull(history, periodId);
            String currentId = asked == null ? periodId : asked.period().id();
            String previousId = asked == null ? null : asked.previous().period().id();
            return stamp(schemeKey, currentId, previousId);
        }).flatMap(stamp -> {
            BoardKey key = new BoardKey(schemeKey, periodId, kind, under, serviceLine, area, tag, stamp, scope);
            return Uni.createFrom().completionStage(() -> boards.get(key, (k, executor) ->
                    compute(k).subscribeAsCompletionStage()));
        });
    }

    /**
     * The board these filters gave at {@code stamp} (a cursor names it), so that paging goes on over the rows the
     * first page was cut from: {@code current} (the board of these filters now) when nothing changed since, else the board computed then while it
     * is still kept (boards stay kept while they are read, up to {@code servicegrade.standings.cached-rows}). A board
     * no longer kept cannot be computed again (inputs are kept only as of now): 409 {@code stale-cursor}.
     */
    public Uni<Board> boardAt(Board current, String schemeKey, String periodId, String kind, String under,
            String serviceLine, String area, Stamp stamp, List<Long> scope) {
        return boardAt(current, schemeKey, periodId, kind, under, serviceLine, area, null, stamp, scope);
    }

    /** As above, for a board filtered by {@code tag} (issue 17; null: none). */
    public Uni<Board> boardAt(Board current, String schemeKey, String periodId, String kind, String under,
            String serviceLine, String area, String tag, Stamp stamp, List<Long> scope) {
        if (current.stamp().equals(stamp)) {
            return Uni.createFrom().item(current);
        }
        java.util.concurrent.CompletableFuture<Board> kept = boards.getIfPresent(
                new BoardKey(schemeKey, periodId, kind, under, serviceLine, area, tag, stamp, scope));
        // the refusal of a cursor into a board that changed and is no longer kept: read again from the first page
        return kept == null ? Uni.createFrom().failure(CursorProblems.stale("after",
                stamp.revision() == null ? 0 : stamp.revision(), current.revision()))
                : Uni.createFrom().completionStage(kept);
    }

    /**
     * A board that includes at least the given revision of its period: a change announced by another instance can
     * be heard a moment before this instance's queries see it, so the board is read again, briefly, until they do.
     */
    public Uni<Board> boardAtLeast(String schemeKey, String periodId, String kind, long revision) {
        return boardAtLeast(schemeKey, periodId, kind, revision, null);
    }

    /** As {@link #boardAtLeast(String, String, String, long)}, bounded to {@code scope} (null: none). */
    public Uni<Board> boardAtLeast(String schemeKey, String periodId, String kind, long revision,
            List<Long> scope) {
        return board(schemeKey, periodId, kind, null, null, null, scope)
                .flatMap(board -> board.revision() >= revision ? Uni.createFrom().item(board)
                        : Uni.createFrom().<Board>failure(new StaleBoard()))
                .onFailure(StaleBoard.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .atMost(40)
                // a lagging replica that has not caught up in seconds: the freshest board there is
                .onFailure(StaleBoard.class).recoverWithUni(() -> board(schemeKey, periodId, kind, null, null, null,
                        scope));
    }

    /**
     * Issue 16: whether a scoped reader ({@code scope}, the unit ids of its subtrees) is told of the change that
     * brought a period to {@code revision}: not when the change wrote the inputs of units outside the scope only
     * (its board is then as it was). Like {@link #boardAtLeast}, it waits briefly for this instance's reads to see
     * the revision; a replica that has not caught up in seconds: not told (nothing about other units is let through
     * on a guess).
     */
    public Uni<Boolean> concerns(String schemeKey, String periodId, long revision, List<Long> scope) {
        if (scope == null) {
            return Uni.createFrom().item(true);
        }
        return repository.outsideScopeOnly(reads.pool(), schemeKey, periodId, revision, scope.toArray(Long[]::new))
                .flatMap(outside -> outside == null ? Uni.createFrom().<Boolean>failure(new StaleBoard())
                        : Uni.createFrom().item(!outside))
                .onFailure(StaleBoard.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .atMost(40)
                .onFailure(StaleBoard.class).recoverWithItem(false);
    }

    /** A board older than the revision asked for. */
    private static final class StaleBoard extends RuntimeException {
        StaleBoard() {
            super(null, null, false, false);
        }
    }

    private Uni<Stamp> stamp(String schemeKey, String periodId, String previousId) {
        return repository.stamp(reads.pool(), schemeKey, periodId, previousId).map(stamp -> {
            if (stamp == null) {
                throw ProblemException.notFound(m -> m.schemeNotFound(schemeKey));
            }
            return stamp;
        });
    }

    private Uni<Board> compute(BoardKey key) {
        return schemes.history(key.scheme(), key.stamp().latestVersion()).flatMap(history -> {
            View view = view(history, key.period());
            Period period = view.period();
            SchemeService.Version version = history.forPeriod(period, key.stamp().published());
            if (version == null) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.periodNotCovered(period.id()))));
            }
            Scheme scheme = version.scheme();
            View previousView = view.previous();
            SchemeService.Version previousVersion = history.forPeriod(previousView.period(),
                    key.stamp().previousPublished());
            boolean groupMode = key.kind() != null && !scheme.kinds().contains(key.kind());
            List<String> kinds = key.kind() == null || groupMode ? scheme.kinds() : List.of(key.kind());
            Stamp stamp = key.stamp();
            return Uni.combine().all().unis(
                    units(new UnitsKey(key.under(), kinds, key.serviceLine(), key.area(), key.tag(), stamp.tree(),
                            key.scope())),
                    groupMode ? units(new UnitsKey(key.under(), List.of(key.kind()), null, null, null, stamp.tree(),
                            key.scope()))
                            : Uni.createFrom().item(List.<Unit>of()),
                    counting(version, view, stamp.revision(), stamp.rebuilt()),
                    previousVersion == null ? Uni.createFrom().item((Counting) null)
                            : counting(previousVersion, previousView, stamp.previousRevision(),
                                    stamp.previousRebuilt()),
                    // issue 18: veto events change the period's revision when confirmed or exempted, so the stamp
                    // this board is kept under covers them too
                    vetoes.inEffect(history.latest().scheme(), period),
                    previousVersion == null ? Uni.createFrom().item(Map.<Long, StandingsEngine.EventVeto>of())
                            : vetoes.inEffect(history.latest().scheme(), previousView.period()))
                    .asTuple().emitOn(COMPUTING).map(t -> {
                        // counting, ranking and grouping up to a whole board: CPU work, off the event loop
                        List<Unit> graded = t.getItem1();
                        List<Unit> groups = t.getItem2();
                        List<Standing> standings = ranked(scheme, graded, t.getItem3(), t.getItem5());
                        Map<Long, Standing> previous = new HashMap<>();
                        if (previousVersion != null) {
                            ranked(previousVersion.scheme(), graded, t.getItem4(), t.getItem6())
                                    .forEach(s -> previous.put(s.unitId(), s));
                        }
                        return Board.of(stamp.revision() == null ? 0 : stamp.revision(), version, view.shown(),
                                stamp.publishedAt(), previousVersion, graded, standings, previous, groups,
                                // a target's dated step is the one of the shown period's last day (a month's)
                                groups(scheme, key.kind(), groups, graded, standings,
                                        view.shown().endDay().minusDays(1)), stamp);
                    });
        });
    }

    /** The active units of the kinds asked for under a unit, ordered by code; kept per tree revision. */
    private Uni<List<Unit>> units(UnitsKey key) {
        return Uni.createFrom().completionStage(() -> unitLists.get(key, (k, executor) -> {
            Uni<String> path = k.under() == null ? Uni.createFrom().nullItem()
                    : unitService.get(k.under()).map(Unit::pathText);
            return path.flatMap(p -> units.graded(p, k.kinds(), k.serviceLine(), k.area(), k.tag(), k.scope()))
                    .subscribeAsCompletionStage();
        }));
    }

    /**
     * What counts for each unit in a view of a period under a version: the period's inputs, kept between calls and
     * brought up to date by reading only the units whose inputs changed since (unless the period was rebuilt whole
     * since), with the units they name when the scheme chooses rubrics by unit or rolls evaluations up or down.
     */
    private Uni<Counting> counting(SchemeService.Version version, View view, Long revision, Long rebuilt) {
        Scheme scheme = version.scheme();
        String part = view.part() == null ? null : view.part().id();
        return inputs(version, view.period(), revision, rebuilt).flatMap(byUnit -> {
            if (!scheme.readsTree() || byUnit.isEmpty()) {
                return Uni.createFrom().item(new Counting(scheme, byUnit, Map.of(), part));
            }
            return units.findByIds(byUnit.keySet()).map(named -> {
                Map<Long, Unit> tree = new HashMap<>();
                named.forEach(u -> tree.put(u.id(), u));
                return new Counting(scheme, byUnit, tree, part);
            });
        });
    }

    /** A period's inputs by the unit they name, as of {@code revision} at least. */
    private Uni<Map<Long, List<Counting.Input>>> inputs(SchemeService.Version version, Period period,
            Long revision, Long rebuilt) {
        if (revision == null) {
            return Uni.createFrom().item(Map.of());
        }
        String key = version.scheme().key() + "|" + period.id() + "|" + version.version();
        PeriodInputs held = periodInputs.getIfPresent(key);
        if (held != null && held.revision() >= revision) {
            return Uni.createFrom().item(held.byUnit());
        }
        boolean changesOnly = held != null && held.revision() >= rebuilt;
        // copying up to a whole period's inputs: off the event loop
        return inputs.read(version.scheme().key(), period, changesOnly ? held.revision() : null)
                .emitOn(COMPUTING).map(read -> {
                    Map<Long, List<Counting.Input>> byUnit = changesOnly ? new HashMap<>(held.byUnit())
                            : new HashMap<>();
                    read.forEach((id, rows) -> {
                        if (rows.isEmpty()) {
                            byUnit.remove(id);
                        } else {
                            byUnit.put(id, List.copyOf(rows));
                        }
                    });
                    PeriodInputs fresh = new PeriodInputs(revision, Collections.unmodifiableMap(byUnit));
                    periodInputs.asMap().merge(key, fresh, (a, b) -> a.revision() >= b.revision() ? a : b);
                    return fresh.byUnit();
                });
    }

    /** The graded units' standings from what counts for each and the veto events in effect, ranked among them. */
    private static List<Standing> ranked(Scheme scheme, List<Unit> graded, Counting counting,
            Map<Long, StandingsEngine.EventVeto> events) {
        List<Standing> unranked = new ArrayList<>(graded.size());
        for (Unit unit : graded) {
            unranked.add(StandingsEngine.standing(scheme, counting == null
                    ? new UnitAggregates(unit.id(), Map.of()) : counting.of(unit), events.get(unit.id())));
        }
        return StandingsEngine.rank(scheme.rankBy(), unranked);
    }

    /**
     * The asked view: a period of the scheme's kind, or a part of one of its bulletin kind (a month of a quarterly
     * scheme with monthly bulletins); refused otherwise.
     */
    private static View view(SchemeHistory history, String periodId) {
        View view = viewOrNull(history, periodId);
        return view != null ? view : new View(period(history, periodId), null);
    }

    private static View viewOrNull(SchemeHistory history, String periodId) {
        Scheme frame = history.latest().scheme();
        Period period = Period.parse(frame.period(), periodId);
        if (period != null) {
            return new View(period, null);
        }
        Period part = frame.bulletin() == null ? null : Period.parse(frame.bulletin(), periodId);
        return part == null ? null : new View(part.within(frame.period()), part);
    }

    /** The asked period, which must be of the scheme's period kind. */
    private static Period period(SchemeHistory history, String periodId) {
        Scheme frame = history.latest().scheme();
        Period period = Period.parse(frame.period(), periodId);
        if (period == null) {
            String example = Period.of(frame.period(), LocalDate.now(frame.timeZone())).id();
            throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                    m -> m.periodFormat(frame.period().token(), example))));
        }
        return period;
    }

    /**
     * Each group's figures from the graded units under it, ranked by their mean (competition ranking); targets
     * take the dated step of the period ending on {@code lastDay}.
     */
    static List<GroupRank> groups(Scheme scheme, String level, List<Unit> groups, List<Unit> graded,
            List<Standing> standings, LocalDate lastDay) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<Long, Standing> byUnit = new HashMap<>();
        standings.forEach(s -> byUnit.put(s.unitId(), s));
        // A path is the ids from the root down: each graded unit counts for the groups among its ancestors.
        Map<String, Unit> groupById = new HashMap<>();
        groups.forEach(g -> groupById.put(Long.toString(g.id()), g));
        Map<Long, List<Unit>> members = new HashMap<>();
        for (Unit unit : graded) {
            String[] ids = unit.pathText().split("\\.");
            for (int i = 0; i < ids.length - 1; i++) {
                Unit group = groupById.get(ids[i]);
                if (group != null) {
                    members.computeIfAbsent(group.id(), id -> new ArrayList<>()).add(unit);
                }
            }
        }
        List<GroupStats> stats = new ArrayList<>();
        for (Unit group : groups) {
            stats.add(GroupStats.of(scheme, group, level, members.getOrDefault(group.id(), List.of()), byUnit,
                    lastDay));
        }
        return StandingsEngine.rankGroups(stats);
    }

    /**
     * A period of a scheme that has standings: the version it keeps once published, the version that computes it
     * (the kept one, or the one in force for its dates until then) and its revision (it grows with every change
     * of the period's standings).
     */
    public record PeriodState(Period period, Integer publishedVersion, OffsetDateTime publishedAt, int schemeVersion,
            long revision, List<String> bulletins) {
    }

    /** The periods of a scheme that have standings data, newest first. */
    public Uni<List<PeriodState>> periods(String schemeKey) {
        return schemes.history(schemeKey).flatMap(history -> repository.periods(reads.pool(), schemeKey)
                .map(rows -> {
                    List<PeriodState> periods = new ArrayList<>();
                    for (StandingInputRepository.PeriodRow row : rows) {
                        Period period = Period.parse(history.latest().scheme().period(), row.periodId());
                        if (period != null) {
                            periods.add(state(history, period, row));
                        }
                    }
                    periods.sort((a, b) -> b.period().firstDay().compareTo(a.period().firstDay()));
                    return periods;
                }));
    }

    /** A period of a scheme that has standings data; null when it has none. */
    public Uni<PeriodState> period(String schemeKey, String periodId) {
        return periods(schemeKey).map(all -> all.stream().filter(p -> p.period().id().equals(periodId)).findFirst()
                .orElse(null));
    }

    /**
     * Publishes a period's standings: from now on the period keeps the scheme version that computes it now,
     * whatever versions come later. Publishing a published period changes nothing.
     */
    public Uni<PeriodState> publish(String schemeKey, String periodId) {
        return schemes.history(schemeKey).flatMap(history -> {
            Period period = period(history, periodId);
            SchemeService.Version version = history.forPeriod(period, null);
            if (version == null) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.periodNotCovered(period.id()))));
            }
            return transactions.write(connection -> repository.publish(connection, schemeKey, period.id(),
                    version.version())).map(row -> state(history, period, row));
        });
    }

    private static PeriodState state(SchemeHistory history, Period period,
            StandingInputRepository.PeriodRow row) {
        SchemeService.Version computing = history.forPeriod(period, row.publishedVersion());
        int version = computing == null ? history.latest().version() : computing.version();
        Period.Kind bulletin = (computing == null ? history.latest() : computing).scheme().bulletin();
        List<String> bulletins = new ArrayList<>();
        if (bulletin != null) {
            for (Period part = Period.of(bulletin, period.firstDay()); part.firstDay().isBefore(period.endDay());
                    part = Period.of(bulletin, part.endDay())) {
                bulletins.add(part.id());
            }
        }
        return new PeriodState(period, row.publishedVersion(), row.publishedAt(), version, row.revision(),
                List.copyOf(bulletins));
    }
}
