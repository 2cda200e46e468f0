package io.servicegrade.standing;

import io.servicegrade.scheme.SchemeNode;
import io.servicegrade.platform.graphql.NodeKind;
import io.servicegrade.platform.paging.PageInfo;
import io.servicegrade.unit.UnitService;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.graphql.GraphQLErrors;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Standings over GraphQL (the schemes themselves: scheme/SchemeGraphQLApi). */
@GraphQLApi
public class StandingGraphQLApi {

    @Inject
    BoardAccess access;

    @Inject
    StandingTelemetry meters;

    @Inject
    io.servicegrade.platform.graphql.MutationCalls calls;

    @Inject
    Problems problems;

    @Inject
    StandingService standings;

    @Inject
    UnitService units;

    @Inject
    StandingChanges changes;

    /** How a page of standings is ordered: by rank (unranked last), or by unit code. */
    public enum StandingOrder { RANK, CODE }

    @Query("standings")
    @NonNull
    @Description("Standings of a scheme's period, ranked among the units asked for. A kind the scheme does not "
            + "grade (e.g. branch) gives its groups, ranked by the mean of their graded units.")
    public Uni<StandingNode.Connection> standings(@NonNull String scheme, @NonNull String period, String kind,
            String under, String serviceLine, @Name("area") io.servicegrade.unit.Area areaValue,
            @Description("Only graded units carrying this tag, e.g. model-candidate (a tag no unit carries gives "
                    + "an empty board).") String tag,
            @DefaultValue("50") int first, String after,
            @DefaultValue("RANK") StandingOrder orderBy, @DefaultValue("en") String lang) {
        if (first < 1 || first > 500) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", 500));
        }
        String area = io.servicegrade.unit.Area.token(areaValue);
        String query = StandingCursor.query(scheme, period, kind, under, serviceLine, area, tag, orderBy);
        StandingCursor cursor;
        try {
            cursor = StandingCursor.decode(after, query);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(problem(e));
        }
        Uni<StandingService.Board> read = reading(calls, access).flatMap(reader -> {
            List<Long> bound = reader.scope();
            Uni<StandingService.Board> now = StandingFilters.board(standings, units, scheme, period, kind, under,
                    serviceLine, area, tag, bound);
            return (cursor == null ? now : now.flatMap(current -> standings.boardAt(current,
                    scheme, period, kind, under, serviceLine, area, tag, cursor.stamp(), bound)))
                    .flatMap(board -> access.readable(board, reader.caller()));
        });
        int offset = cursor == null ? 0 : cursor.position();
        return read.onFailure().transform(this::problem).map(board -> {
            List<StandingNode> nodes = StandingNode.nodes(board, lang, orderBy, offset, first);
            List<StandingNode.Edge> edges = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                edges.add(new StandingNode.Edge(new StandingCursor(query, board.stamp(), offset + i + 1).encode(),
                        nodes.get(i).identified(scheme, period, kind, under, serviceLine, area, tag, lang)));
            }
            return new StandingNode.Connection(edges,
                    PageInfo.of(edges, StandingNode.Edge::cursor, offset + first < board.size(), offset > 0),
                    board.size(), board.revision(), board.scheme().version(), board.publishedAt(),
                    board.closing(), board.closedAt());
        });
    }

    @Query("standing")
    @Description("One unit's standing in a scheme's period, ranked among the units of its kind (a group among "
            + "its kind's groups), or null when the scheme has no standing for it.")
    public Uni<StandingNode> standing(@NonNull String scheme, @NonNull String period, @NonNull String unit,
            @DefaultValue("en") String lang) {
        return row(scheme, period, unit, lang).onFailure().transform(this::problem);
    }

    @Subscription("standingUpdates")
    @Description("A unit's standing in a scheme's period now, then again after each change of that period's "
            + "standings, whichever instance the change came through.")
    public Multi<StandingNode> standingUpdates(@NonNull String scheme, @NonNull String period, @NonNull String unit,
            @DefaultValue("en") String lang) {
        Multi<StandingChanges.Change> relevant = changes.stream()
                // a bulletin part (2023-05) changes with the period that holds it (2023-Q2)
                .filter(c -> c.scheme().equals(scheme) && io.servicegrade.scheme.Period.holds(c.period(), period))
                .emitOn(Infrastructure.getDefaultWorkerPool());
        // a Uni of null would end the stream at once: the scope travels in a list (empty: the whole tree)
        return reading(calls, access).flatMap(reader -> units.get(unit).map(found -> java.util.Arrays.asList(
                        found, reader)))
                .onFailure().transform(this::problem).toMulti()
                .flatMap(both -> {
                    io.servicegrade.unit.Unit found = (io.servicegrade.unit.Unit) both.get(0);
                    Reader reader = (Reader) both.get(1);
                    Multi<StandingNode> nodes = Multi.createBy().concatenating()
                            .streams(Multi.createFrom().item(new StandingChanges.Change(scheme, period, 0)), relevant)
                            .onItem().transformToUniAndConcatenate(c -> standings.boardAtLeast(scheme, period,
                                    found.kind(), c.revision(), reader.scope())
                                    .invoke(board -> meters.delivered(c))
                                    .flatMap(board -> access.readable(board, reader.caller()))
                                    .map(board -> Optional.ofNullable(identified(StandingNode.node(board, found.id(),
                                            lang), scheme, period, found.kind(), lang)))
                                    .onFailure().transform(this::problem))
                            .filter(Optional::isPresent).map(Optional::get);
                    // issue 16: a scoped reader hears of its unit when its row changes, not each time a unit
                    // outside its scope changes the period (that would tell how often others are evaluated)
                    return reader.scope() == null ? nodes : nodes.skip().repetitions();
                });
    }

    @Subscription("standingChanges")
    @Description("The periods of a scheme whose standings change, as they change (re-read the board on each).")
    public Multi<StandingChange> standingChanges(@NonNull String scheme) {
        return reading(calls, access).onFailure().transform(this::problem).toMulti().flatMap(reader -> {
            Multi<StandingChanges.Change> ofScheme = changes.stream().filter(c -> c.scheme().equals(scheme));
            if (reader.scope() == null) {
                return ofScheme.map(c -> new StandingChange(c.scheme(), c.period(), c.revision()));
            }
            return scopedChanges(reader.scope(), ofScheme);
        });
    }

    /**
     * Issue 16: the changes a scoped reader hears of: those that wrote the standings of a unit in its scope (and so
     * may change its board, its groups' figures included), or that wrote none (a publication). A change of units
     * outside its scope only is not passed on: it would tell when and how often others are evaluated.
     */
    private Multi<StandingChange> scopedChanges(List<Long> scope, Multi<StandingChanges.Change> ofScheme) {
        return ofScheme.emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(c -> standings.concerns(c.scheme(), c.period(), c.revision(),
                                scope)
                        .map(told -> told ? Optional.of(new StandingChange(c.scheme(), c.period(), c.revision()))
                                : Optional.<StandingChange>empty())
                        // a change that cannot be checked is not passed on: nothing leaks on a guess
                        .onFailure().recoverWithItem(Optional.<StandingChange>empty()))
                .filter(Optional::isPresent).map(Optional::get);
    }

    /** A change of a scheme's standings in a period. */
    @org.eclipse.microprofile.graphql.Type("StandingChange")
    public record StandingChange(@NonNull String scheme, @NonNull String period,
            @Description("The period's revision after the change") long revision) {
    }

    @Query("periods")
    @NonNull
    @Description("The periods of a scheme that have standings, newest first.")
    public Uni<List<@NonNull PeriodNode>> periods(@NonNull String scheme) {
        // issue 16: a period's state and revision are the boards' own: closed boards need a sign-in for them too
        return boardScope(calls, access).flatMap(bound -> standings.periods(scheme)).onFailure()
                .transform(this::problem)
                .map(list -> list.stream().map(p -> PeriodNode.of(scheme, p)).toList());
    }

    @NonNull
    @Description("The periods that have standings, newest first.")
    public Uni<List<@NonNull PeriodNode>> periods(@Source SchemeNode scheme) {
        return periods(scheme.key());
    }

    /** A closing of a period (issue 18), and its reopening once reopened. */
    @org.eclipse.microprofile.graphql.Type("PeriodClosing")
    @Description("A closing of a period (issue 18): when and by whom, the scheme version that computed it, and once "
            + "reopened, when, by whom and why.")
    public record ClosingNode(@Description("1, 2 … in order") int closing, @NonNull java.time.OffsetDateTime closedAt,
            @NonNull @Description("account:<id> or key:<id>") String closedBy, int schemeVersion,
            java.time.OffsetDateTime reopenedAt, String reopenedBy, String reopenReason) {
    }

    @Description("Issue 18: the period's closings, latest first; empty when it was never closed.")
    public Uni<List<@NonNull List<@NonNull ClosingNode>>> closings(@Source List<PeriodNode> periods) {
        return standings.closings(periods.stream().map(p -> List.of(p.scheme(), p.key())).toList())
                .map(byPeriod -> periods.stream().map(p -> byPeriod.getOrDefault(List.of(p.scheme(), p.key()),
                        List.of()).stream().map(c -> new ClosingNode(c.closing(), c.closedAt(), c.closedBy(),
                                c.version(), c.reopenedAt(), c.reopenedBy(), c.reopenReason())).toList()).toList());
    }

    @Query("period")
    @Description("A period of a scheme that has standings, or null.")
    public Uni<PeriodNode> period(@NonNull String scheme, @NonNull @Description("2023, 2023-H1, 2023-Q2 or 2023-05")
            String period) {
        return boardScope(calls, access).flatMap(bound -> standings.period(scheme, period)).onFailure()
                .transform(this::problem)
                .map(p -> p == null ? null : PeriodNode.of(scheme, p));
    }

    @NonNull
    @Description("The unit's standing in each period of a scheme that has standings, newest first: a trend. Each "
            + "is ranked among the units of its kind, as standing(...) answers it.")
    public Uni<List<@NonNull StandingNode>> standings(@Source io.servicegrade.unit.Unit unit, @NonNull String scheme,
            @DefaultValue("en") String lang) {
        // one period after the other: a request holds one pooled connection at a time
        return standings.periods(scheme).onItem().transformToMulti(periods -> Multi.createFrom().iterable(periods))
                .onItem().transformToUniAndConcatenate(p -> row(scheme, p.period().id(), unit.code(), lang)
                        .onFailure(io.servicegrade.platform.problem.ProblemException.class).recoverWithNull())
                .filter(java.util.Objects::nonNull).collect().asList()
                .onFailure().transform(this::problem);
    }

    /** A unit's row on the board of its kind, as standing(...) answers it (null when it has none). */
    Uni<StandingNode> row(String scheme, String period, String unit, String lang) {
        return reading(calls, access).flatMap(reader -> units.get(unit).flatMap(found -> standings.board(scheme,
                period, found.kind(), null, null, null, reader.scope())
                .flatMap(board -> access.readable(board, reader.caller()))
                .map(board -> identified(StandingNode.node(board, found.id(), lang), scheme, period, found.kind(),
                        lang))));
    }

    /**
     * The scope of the calling operation's boards (issue 16, {@link BoardAccess}): null for the whole tree; a 401
     * when boards are not public and no one signed in.
     */
    static Uni<List<Long>> boardScope(io.servicegrade.platform.graphql.MutationCalls calls, BoardAccess access) {
        if (access.open()) {
            return Uni.createFrom().nullItem();
        }
        return calls.optionalCaller().map(access::scope);
    }

    /** Who reads the boards of the calling operation, and the scope they are bounded to (null: none). */
    record Reader(io.servicegrade.platform.security.Caller caller, List<Long> scope) {
    }

    /**
     * The reader of the calling operation's boards: its caller (null when none, or when a public board is read
     * with a credential that names no one: the board is then read as anyone reads it) and its scope
     * ({@link #boardScope}); a 401 when boards are not public and no one signed in.
     */
    static Uni<Reader> reading(io.servicegrade.platform.graphql.MutationCalls calls, BoardAccess access) {
        if (access.open()) {
            return calls.optionalCaller().onFailure().recoverWithNull().map(caller -> new Reader(caller, null));
        }
        return calls.optionalCaller().map(caller -> new Reader(caller, access.scope(caller)));
    }

    private static StandingNode identified(StandingNode node, String scheme, String period, String kind,
            String lang) {
        return node == null ? null : node.identified(scheme, period, kind, null, null, null, lang);
    }

    /** node(id:) for a period: the scheme's period its id names. */
    @jakarta.enterprise.context.ApplicationScoped
    static class PeriodKind implements NodeKind {

        @Inject
        StandingService standings;

        @Inject
        BoardAccess access;

        @Inject
        io.servicegrade.platform.graphql.MutationCalls calls;

        @Override
        public String type() {
            return "Period";
        }

        @Override
        public Uni<PeriodNode> fetch(List<String> parts) {
            if (parts.size() != 2) {
                return Uni.createFrom().nullItem();
            }
            // closed boards without a sign-in: no period (null, as node answers what is not the caller's to see)
            return boardScope(calls, access).flatMap(bound -> standings.period(parts.get(0), parts.get(1)))
                    .map(p -> p == null ? null : PeriodNode.of(parts.get(0), p))
                    .onFailure(io.servicegrade.platform.problem.ProblemException.class).recoverWithNull();
        }
    }

    /** node(id:) for a standing: the row of the board its id names. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Kind implements NodeKind {

        @Inject
        StandingService standings;

        @Inject
        UnitService units;

        @Inject
        BoardAccess access;

        @Inject
        io.servicegrade.platform.graphql.MutationCalls calls;

        @Override
        public String type() {
            return "Standing";
        }

        @Override
        public Uni<StandingNode> fetch(List<String> parts) {
            if (parts.size() != 8 && parts.size() != 9) {
                return Uni.createFrom().nullItem();
            }
            List<String> p = parts.stream().map(s -> s.isEmpty() ? null : s).toList();
            String lang = p.get(6) == null ? "en" : p.get(6);
            // issue 17: a ninth part is the board's tag filter
            String tag = parts.size() == 9 ? p.get(8) : null;
            return reading(calls, access).flatMap(reader -> StandingFilters.board(standings, units, p.get(0),
                            p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), tag, reader.scope())
                            .flatMap(board -> access.readable(board, reader.caller())))
                    .flatMap(board -> units.get(p.get(7)).map(unit -> {
                        StandingNode node = StandingNode.node(board, unit.id(), lang);
                        return node == null ? null
                                : node.identified(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), tag,
                                        lang);
                    }))
                    .onFailure(io.servicegrade.platform.problem.ProblemException.class).recoverWithNull();
        }
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL standings");
    }
}
