package io.servicegrade.standing;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.InTurn;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
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
import io.vertx.core.json.JsonObject;
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
    OutboundEvents events;

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
    StampCache stamps;

    @Inject
    BoardVetoes vetoes;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    StandingTelemetry meters;

    @Inject
    jakarta.enterprise.inject.Instance<PublicationStep> publicationSteps;

    /** What must be settled before a period closes (issue 18), each asked in the closing's transaction. */
    @Inject
    jakarta.enterprise.inject.Instance<ClosingCheck> closingChecks;

    /** Computed boards, by what they were asked for and the stamp they were computed at. */
    private AsyncCache<BoardKey, Board> boards;

    /** The units boards are made of, by filter and tree revision. */
    private AsyncCache<UnitsKey, List<Unit>> unitLists;

    /** Each period's inputs, by the unit they name, by scheme, period and version. */
    private Cache<String, PeriodInputs> periodInputs;

    @PostConstruct
    void init() {
        long kb = cacheKb(config.standings().cacheMb(), Runtime.getRuntime().maxMemory());
        Duration idle = Duration.ofMinutes(10);
        // one budget for the three (ServiceGradeConfig.Standings#cacheMb): five eighths for boards, a quarter for
        // periods' inputs, an eighth for unit lists; each weighed in KB by what it was measured to hold
        boards = Caffeine.newBuilder().maximumWeight(kb * 5 / 8).expireAfterAccess(idle)
                .weigher((BoardKey key, Board board) -> kb(BOARD_ROW_BYTES, board.units().size()
                        + board.groups().size()))
                .recordStats().buildAsync();
        unitLists = Caffeine.newBuilder().maximumWeight(kb / 8).expireAfterAccess(idle)
                .weigher((UnitsKey key, List<Unit> list) -> kb(UNIT_BYTES, list.size())).recordStats().buildAsync();
        periodInputs = Caffeine.newBuilder().maximumWeight(kb / 4).expireAfterAccess(idle)
                .weigher((String key, PeriodInputs p) -> kb(INPUT_BYTES, p.byUnit().values().stream()
                        .mapToInt(List::size).sum()))
                .recordStats().build();
        // issue 22: cache_gets_total{cache, result=hit|miss}, cache_evictions_total … per kept kind
        CaffeineCacheMetrics.monitor(registry, boards, "standings.boards");
        CaffeineCacheMetrics.monitor(registry, unitLists, "standings.units");
        CaffeineCacheMetrics.monitor(registry, periodInputs, "standings.inputs");
    }

    /*
     * What each kept thing weighs, measured on the benchmark's data (issue 21: heap histograms after a full
     * collection, 2,000 windows with two sources and two composites): a second board over the same inputs added
     * 3.43 MB, its 2,000 rows (1.05 KB each) and its own unit list (about 0.65 KB a unit); the first board's inputs,
     * 8,000 of them over two periods, added 4.3 MB (0.54 KB each).
     */

    /**
     * A board row: its standing, the previous period's value, rank and grade, its entries in the maps (1.05 KB), and
     * its unit (0.7 KB), which the board holds whether or not the list it came from stays kept.
     */
    static final int BOARD_ROW_BYTES = 1_800;

    /** A unit in a kept list: its strings and times. */
    static final int UNIT_BYTES = 700;

    /** A period's input of a unit (a source's aggregate of one rubric and part) with its place in the map. */
    static final int INPUT_BYTES = 550;

    /** The weight in KB of {@code count} things of {@code bytes} each, at least 1. */
    static int kb(int bytes, int count) {
        return (int) (1 + (long) bytes * count / 1024);
    }

    /**
     * The KB kept standings (boards, their unit lists and periods' inputs) may take:
     * {@code servicegrade.standings.cache-mb} as set, else 40 % of the heap ({@code maxHeap} bytes). A weight bound in
     * rows (100,000 by default before) let a 256 MB heap keep boards of about 490 MB, and the server ran out of
     * memory.
     */
    static long cacheKb(java.util.Optional<Integer> mb, long maxHeap) {
        return mb.map(m -> m * 1024L).orElse(maxHeap / 1024 * 4 / 10);
    }

    /**
     * The standings of one period with the previous period's beside them, for the units asked for. For a group
     * kind (a kind the scheme does not grade, e.g. branch), {@code groups} holds the groups ranked by the mean of
     * their graded units, with their figures; {@code units} and {@code standings} are then the graded units under
     * them. {@code previousScheme} is the version that computed the previous period (null when none covers it).
     */
    public record Board(long revision, SchemeService.Version scheme, Period period, OffsetDateTime publishedAt,
            SchemeService.Version previousScheme, List<Unit> units, List<Standing> standings,
            Map<Long, StandingsEngine.Prior> previous, List<Unit> groups, List<GroupRank> groupRanks,
            Map<Long, Unit> byId, Map<Long, Standing> current, Map<Long, GroupRank> groupById,
            Map<String, BigDecimal> parentMeans, Stamp stamp) {

        static Board of(long revision, SchemeService.Version scheme, Period period, OffsetDateTime publishedAt,
                SchemeService.Version previousScheme, List<Unit> units, List<Standing> standings,
                Map<Long, StandingsEngine.Prior> previous, List<Unit> groups, List<GroupRank> groupRanks,
                Stamp stamp) {
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

        /** The closing this board shows (issue 18: closed v1, v2 …), null while its period is not closed. */
        public Integer closing() {
            return stamp.closing();
        }

        /** The end (exclusive) of its period's objection window (issue 18); null while the period is open. */
        public OffsetDateTime objectionUntil() {
            return stamp.objectionUntil();
        }

        /** Its period's stage (issue 18): open, published (公示) or closed. */
        public Stage stage() {
            return stamp.closing() != null ? Stage.CLOSED : publishedAt != null ? Stage.PUBLISHED : Stage.OPEN;
        }

        /** When the closing it shows was made; null while its period is not closed. */
        public OffsetDateTime closedAt() {
            return stamp.closedAt();
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
     * for a period that never had inputs; {@code rebuilt} is the revision of its last whole rebuild. A closed
     * period's ({@code closing}, issue 18) are its closing's; {@code previousClosing}: the closing of the previous
     * period when it is closed and this one is not.
     */
    record Stamp(long tree, Long revision, Long rebuilt, Long previousRevision, Long previousRebuilt,
            int latestVersion, Integer published, Integer previousPublished, OffsetDateTime publishedAt,
            Integer closing, OffsetDateTime closedAt, Integer previousClosing, OffsetDateTime objectionUntil) {

        /** This stamp as text (a standings cursor carries it): its fields in order, an empty field for null. */
        String token() {
            return java.util.stream.Stream.of(tree, revision, rebuilt, previousRevision, previousRebuilt,
                    latestVersion, published, previousPublished, publishedAt, closing, closedAt, previousClosing,
                    objectionUntil)
                    .map(v -> v == null ? "" : v.toString()).collect(java.util.stream.Collectors.joining("~"));
        }

        /** The stamp {@link #token()} wrote; IllegalArgumentException (or a parse exception) when it is not one. */
        static Stamp parse(String token) {
            String[] f = token.split("~", -1);
            if (f.length != 13) {
                throw new IllegalArgumentException("not a stamp");
            }
            return new Stamp(Long.parseLong(f[0]), longOrNull(f[1]), longOrNull(f[2]), longOrNull(f[3]),
                    longOrNull(f[4]), Integer.parseInt(f[5]), intOrNull(f[6]), intOrNull(f[7]),
                    f[8].isEmpty() ? null : OffsetDateTime.parse(f[8]), intOrNull(f[9]),
                    f[10].isEmpty() ? null : OffsetDateTime.parse(f[10]), intOrNull(f[11]),
                    f[12].isEmpty() ? null : OffsetDateTime.parse(f[12]));
        }

        private static Integer intOrNull(String text) {
            return text.isEmpty() ? null : Integer.valueOf(text);
        }

        /** The tree a board at this stamp is read over: its closing's when its period is closed, else as it is. */
        UnitRepository.TreeAt tree(String scheme, String period) {
            return closing == null ? null : new UnitRepository.TreeAt(scheme, period, closing);
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
            List<Long> scope, UnitRepository.TreeAt at) {
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
        return stampRead(schemeKey, periodId).map(StampRead::stamp).flatMap(stamp -> {
            BoardKey key = new BoardKey(schemeKey, periodId, kind, under, serviceLine, area, tag, stamp, scope);
            return Uni.createFrom().completionStage(() -> boards.get(key, (k, executor) ->
                    meters.computed(compute(k)).subscribeAsCompletionStage()));
        });
    }

    /**
     * The board these filters gave at {@code stamp} (a cursor names it), so that paging goes on over the rows the
     * first page was cut from: {@code current} (the board of these filters now) when nothing changed since, else the board computed then while it
     * is still kept (boards stay kept while they are read, up to {@code servicegrade.standings.cache-mb}). A board
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

    /**
     * The stamp of the boards of a scheme's period, and the tree's revision now: one read. Issue 21: a request whose
     * answer may be kept ({@link io.servicegrade.platform.graphql.KeptReads}) read it before it ran, and takes that
     * read here, so that its answer is the one of the stamp it is kept under.
     */
    Uni<StampRead> stampRead(String schemeKey, String periodId) {
        return stampAt(schemeKey, periodId).flatMap(at -> {
            io.servicegrade.platform.graphql.KeptReads kept = io.servicegrade.platform.graphql.KeptReads.current();
            if (kept != null && kept.take(at) instanceof StampRead read) {
                return Uni.createFrom().item(read);
            }
            return stamp(schemeKey, at.get(1), at.get(2));
        });
    }

    /**
     * As {@link #stampRead}, seeded for the request's execution when its answer may be kept (issue 21); the stamp
     * this instance keeps ({@link StampCache}) when it has one, so that an answer given from memory costs no query.
     */
    Uni<StampRead> keptStampRead(String schemeKey, String periodId) {
        return stampAt(schemeKey, periodId).flatMap(at -> keptStamp(at).invoke(read -> {
            io.servicegrade.platform.graphql.KeptReads kept = io.servicegrade.platform.graphql.KeptReads.current();
            if (kept != null) {
                kept.seed(at, read);
            }
        }));
    }

    private Uni<StampRead> keptStamp(List<String> at) {
        StampRead known = stamps.get(at);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        StampCache.Asked asked = stamps.now();
        return stamp(at.get(0), at.get(1), at.get(2)).invoke(read -> stamps.keep(at, read, asked));
    }

    /** Scheme, period and previous period whose rows stamp a board of {@code periodId}. */
    private Uni<List<String>> stampAt(String schemeKey, String periodId) {
        return schemes.known(schemeKey).map(history -> {
            // the stamp is read over the periods of the scheme that hold the view (a month's quarter)
            View asked = history == null ? null : viewOrNull(history, periodId);
            String currentId = asked == null ? periodId : asked.period().id();
            String previousId = asked == null ? null : asked.previous().period().id();
            return java.util.Arrays.asList(schemeKey, currentId, previousId);
        });
    }

    /** A stamp as read, with the tree's revision now (what a board's unit fields other than its own may read). */
    record StampRead(Stamp stamp, long liveTree) {
    }

    private Uni<StampRead> stamp(String schemeKey, String periodId, String previousId) {
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
            // issue 18: a closed period is read over its closing's tree and copies of its inputs and the previous
            // period's; an open period after a closed one reads the closed one's own copy for its change column
            UnitRepository.TreeAt at = stamp.tree(key.scheme(), period.id());
            Frozen current = at == null ? null : new Frozen(period.id(), at.closing());
            Frozen before = at != null ? current : stamp.previousClosing() == null ? null
                    : new Frozen(previousView.period().id(), stamp.previousClosing());
            // one read after the other: a request holds one pooled connection at a time (InTurn)
            return InTurn.all(
                    units(new UnitsKey(key.under(), kinds, key.serviceLine(), key.area(), key.tag(), stamp.tree(),
                            key.scope(), at)),
                    groupMode ? units(new UnitsKey(key.under(), List.of(key.kind()), null, null, null, stamp.tree(),
                            key.scope(), at))
                            : Uni.createFrom().item(List.<Unit>of()),
                    counting(version, view, stamp.revision(), stamp.rebuilt(), current, at),
                    previousVersion == null ? Uni.createFrom().item((Counting) null)
                            : counting(previousVersion, previousView, stamp.previousRevision(),
                                    stamp.previousRebuilt(), before, at),
                    // issue 18: veto events change the period's revision when confirmed or exempted (and are refused
                    // into a closed period), so the stamp this board is kept under covers them too
                    vetoes.inEffect(scheme, period),
                    previousVersion == null ? Uni.createFrom().item(Map.<Long, StandingsEngine.EventVeto>of())
                            : vetoes.inEffect(previousVersion.scheme(), previousView.period()))
                    .emitOn(COMPUTING).map(t -> {
                        // counting, ranking and grouping up to a whole board: CPU work, off the event loop
                        List<Unit> graded = t.getItem1();
                        List<Unit> groups = t.getItem2();
                        List<Standing> standings = ranked(scheme, graded, t.getItem3(), t.getItem5());
                        Map<Long, StandingsEngine.Prior> previous = new HashMap<>();
                        if (previousVersion != null) {
                            ranked(previousVersion.scheme(), graded, t.getItem4(), t.getItem6()).forEach(s ->
                                    previous.put(s.unitId(), StandingsEngine.Prior.of(previousVersion.scheme(), s)));
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
                    : units.findByCode(k.at(), k.under()).onItem().ifNull()
                            .failWith(() -> ProblemException.notFound(m -> m.unitNotFound(k.under())))
                            .map(Unit::pathText);
            return path.flatMap(p -> units.graded(k.at(), p, k.kinds(), k.serviceLine(), k.area(), k.tag(),
                    k.scope())).subscribeAsCompletionStage();
        }));
    }

    /** The copy a closing of {@code period} made (issue 18): its inputs are read from it, not as they are now. */
    record Frozen(String period, int closing) {
    }

    /**
     * What counts for each unit in a view of a period under a version: the period's inputs, kept between calls and
     * brought up to date by reading only the units whose inputs changed since (unless the period was rebuilt whole
     * since), with the units they name when the scheme chooses rubrics by unit or rolls evaluations up or down.
     */
    private Uni<Counting> counting(SchemeService.Version version, View view, Long revision, Long rebuilt,
            Frozen frozen, UnitRepository.TreeAt at) {
        Scheme scheme = version.scheme();
        String part = view.part() == null ? null : view.part().id();
        Uni<Map<Long, List<Counting.Input>>> read = frozen == null ? inputs(version, view.period(), revision, rebuilt)
                : frozenInputs(version, frozen, view.period());
        return read.flatMap(byUnit -> {
            if (!scheme.readsTree() || byUnit.isEmpty()) {
                return Uni.createFrom().item(new Counting(scheme, byUnit, Map.of(), part));
            }
            return units.findByIds(at, byUnit.keySet()).map(named -> {
                Map<Long, Unit> tree = new HashMap<>();
                named.forEach(u -> tree.put(u.id(), u));
                return new Counting(scheme, byUnit, tree, part);
            });
        });
    }

    /** The inputs of {@code period} as the closing {@code frozen} copied them; they never change, so kept whole. */
    private Uni<Map<Long, List<Counting.Input>>> frozenInputs(SchemeService.Version version, Frozen frozen,
            Period period) {
        String key = version.scheme().key() + "|" + period.id() + "|" + version.version() + "|closed "
                + frozen.period() + "#" + frozen.closing();
        PeriodInputs held = periodInputs.getIfPresent(key);
        if (held != null) {
            return Uni.createFrom().item(held.byUnit());
        }
        return repository.readClosed(reads.pool(), version.scheme().key(), frozen.period(), frozen.closing(),
                period.id()).emitOn(COMPUTING).map(read -> {
                    Map<Long, List<Counting.Input>> byUnit = new HashMap<>();
                    read.forEach((id, rows) -> {
                        if (!rows.isEmpty()) {
                            byUnit.put(id, List.copyOf(rows));
                        }
                    });
                    periodInputs.put(key, new PeriodInputs(0, Collections.unmodifiableMap(byUnit)));
                    return Collections.unmodifiableMap(byUnit);
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
     * of the period's standings); issue 18: its stage, the end of its objection window (exclusive; null while
     * open) and the closing in force (null unless closed).
     */
    public record PeriodState(Period period, Integer publishedVersion, OffsetDateTime publishedAt, int schemeVersion,
            long revision, List<String> bulletins, Stage stage, OffsetDateTime objectionUntil, Integer closing,
            OffsetDateTime closedAt) {
    }

    /** Where a period is in its life (issue 18). */
    @org.eclipse.microprofile.graphql.Enum("PeriodState")
    @org.eclipse.microprofile.graphql.Description("OPEN: its standings change as evaluations arrive, under the scheme "
            + "version in force for its dates. PUBLISHED (公示): it keeps the scheme version it was published with, and "
            + "objections are heard until objectionUntil. CLOSED: final; its boards stay as they stood at the closing, "
            + "and writes that would change it are refused until an administrator reopens it.")
    public enum Stage { OPEN, PUBLISHED, CLOSED }

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
            Scheme scheme = version.scheme();
            // issue 18: the objection window is the publishing version's, fixed now; what else publishing writes
            // (the nominations) is prepared before the transaction and written in it
            // issue 19: period.published is told once, by the transaction that publishes it
            return publicationSteps(schemeKey, period.id()).flatMap(steps -> transactions.write(connection ->
                    repository.lockPeriod(connection, schemeKey, period.id()).flatMap(before ->
                    repository.publish(connection, schemeKey, period.id(), version.version(),
                            scheme.timeZone().getId(), scheme.lifecycle().objectionDays())
                            .call(row -> steps.apply(connection))
                            .call(row -> before != null && before.publishedAt() != null ? Uni.createFrom().nullItem()
                                    : events.emit(connection, EventKind.PERIOD_PUBLISHED,
                                            "period/" + schemeKey + "/" + period.id(), new JsonObject()
                                                    .put("scheme", schemeKey).put("period", period.id())
                                                    .put("version", row.publishedVersion())
                                                    .put("objectionUntil", row.objectionUntil() == null ? null
                                                            : row.objectionUntil().toString()))))))
                    .map(row -> state(history, period, row));
        });
    }

    /**
     * What else publishing writes (issue 18: nominations), prepared before the transaction by each
     * {@link PublicationStep} and written in it, one after the other, over its connection.
     */
    private Uni<java.util.function.Function<io.vertx.mutiny.sqlclient.SqlConnection, Uni<Void>>> publicationSteps(
            String schemeKey, String periodId) {
        List<PublicationStep> all = publicationSteps.stream().toList();
        if (all.isEmpty()) {
            return Uni.createFrom().item(connection -> Uni.createFrom().voidItem());
        }
        return Uni.join().all(all.stream().map(step -> step.prepare(schemeKey, periodId)).toList()).andFailFast()
                .map(prepared -> connection -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var write : prepared) {
                        chain = chain.flatMap(done -> write.apply(connection));
                    }
                    return chain;
                });
    }

    /**
     * Closes a published period whose objection window is over (issue 18): its boards are frozen as they stand —
     * the tree, its inputs and the previous period's, the versions that compute them — as the next closing (v1, v2
     * …). Closing a closed period changes nothing; an open period, or one still hearing objections, is refused
     * (409). {@code actor}: who closes it, as the closing keeps it.
     */
    public Uni<PeriodState> close(String schemeKey, String periodId, String actor) {
        return schemes.history(schemeKey).flatMap(history -> {
            Period period = period(history, periodId);
            Period previous = period.previous();
            return transactions.write(connection -> repository.lockPeriod(connection, schemeKey, period.id())
                    .flatMap(row -> {
                        if (row == null || row.publishedAt() == null) {
                            throw PeriodProblems.notPublished(schemeKey, period.id());
                        }
                        if (row.closing() != null) {
                            return Uni.createFrom().item(row);
                        }
                        if (row.objectionUntil() != null && OffsetDateTime.now().isBefore(row.objectionUntil())) {
                            throw PeriodProblems.objectionsOpen(schemeKey, period.id(), row.objectionUntil());
                        }
                        Uni<Void> settled = Uni.createFrom().voidItem();
                        for (ClosingCheck check : closingChecks) {
                            settled = settled.call(() -> check.check(connection, schemeKey, period.id()));
                        }
                        return settled.flatMap(ok -> repository.period(connection, schemeKey, previous.id()))
                                .flatMap(before -> {
                                    SchemeService.Version version = history.forPeriod(period,
                                            row.publishedVersion());
                                    SchemeService.Version previousVersion = history.forPeriod(previous,
                                            before == null ? null : before.publishedVersion());
                                    return repository.close(connection, schemeKey, period.id(), previous.id(),
                                            actor, version.version(),
                                            previousVersion == null ? null : previousVersion.version())
                                            .call(closed -> events.emit(connection, EventKind.PERIOD_CLOSED,
                                                    "period/" + schemeKey + "/" + period.id(), new JsonObject()
                                                            .put("scheme", schemeKey).put("period", period.id())
                                                            .put("closing", closed.closing())));
                                });
                    })).map(row -> state(history, period, row));
        });
    }

    /**
     * Reopens a closed period (issue 18: an administrator's act, with a reason): its closing stays on record with
     * who reopened it and why, and the period is published again, its boards live, until it is closed anew.
     */
    public Uni<PeriodState> reopen(String schemeKey, String periodId, String actor, String reason) {
        return schemes.history(schemeKey).flatMap(history -> {
            Period period = period(history, periodId);
            return transactions.write(connection -> repository.lockPeriod(connection, schemeKey, period.id())
                    .flatMap(row -> {
                        if (row == null || row.closing() == null) {
                            throw PeriodProblems.notClosed(schemeKey, period.id());
                        }
                        return repository.reopen(connection, schemeKey, period.id(), actor, reason);
                    })).map(row -> state(history, period, row));
        });
    }

    /** A period's closings, latest first (issue 18); empty when it was never closed. */
    public Uni<List<StandingInputRepository.Closing>> closings(String schemeKey, String periodId) {
        return closings(List.of(List.of(schemeKey, periodId))).map(all -> all.getOrDefault(
                List.of(schemeKey, periodId), List.of()));
    }

    /** The closings of each period given as [scheme, period], latest first, in one query. */
    public Uni<Map<List<String>, List<StandingInputRepository.Closing>>> closings(List<List<String>> periods) {
        return repository.closings(reads.pool(), periods.stream().map(p -> p.get(0)).toArray(String[]::new),
                periods.stream().map(p -> p.get(1)).toArray(String[]::new));
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
        Stage stage = row.closing() != null ? Stage.CLOSED : row.publishedAt() != null ? Stage.PUBLISHED : Stage.OPEN;
        return new PeriodState(period, row.publishedVersion(), row.publishedAt(), version, row.revision(),
                List.copyOf(bulletins), stage, row.objectionUntil(), row.closing(), row.closedAt());
    }
}
