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

/** Standings over GraphQL (the schemes themselves: scheme/SchemeGraphQLApi). */
@GraphQLApi
public class StandingGraphQLApi {

    @Inject
    BoardAccess access;

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
            @DefaultValue("50") int first, String after,
            @DefaultValue("RANK") StandingOrder orderBy, @DefaultValue("en") String lang) {
        if (first < 1 || first > 500) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", 500));
        }
        String area = io.servicegrade.unit.Area.token(areaValue);
        String query = StandingCursor.query(scheme, period, kind, under, serviceLine, area, orderBy);
        StandingCursor cursor;
        try {
            cursor = StandingCursor.decode(after, query);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(problem(e));
        }
        Uni<List<Long>> scope = boardScope(calls, access);
        Uni<StandingService.Board> read = scope.flatMap(bound -> {
            Uni<StandingService.Board> now = StandingFilters.board(standings, units, scheme, period, kind, under,
                    serviceLine, area, bound);
            return cursor == null ? now : now.flatMap(current -> standings.boardAt(current,
                    scheme, period, kind, under, serviceLine, area, cursor.stamp(), bound));
        });
        int offset = cursor == null ? 0 : cursor.position();
        return read.onFailure().transform(this::problem).map(board -> {
            List<StandingNode> nodes = StandingNode.nodes(board, lang, orderBy, offset, first);
            List<StandingNode.Edge> edges = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                edges.add(new StandingNode.Edge(new StandingCursor(query, board.stamp(), offset + i + 1).encode(),
                        nodes.get(i).identified(scheme, period, kind, under, serviceLine, area, lang)));
            }
            return new StandingNode.Connection(edges,
                    PageInfo.of(edges, StandingNode.Edge::cursor, offset + first < board.size(), offset > 0),
                    board.size(), board.revision(), board.scheme().version(), board.publishedAt());
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
                .filter(c -> c.scheme().equals(scheme) && c.period().equals(period))
                .emitOn(Infrastructure.getDefaultWorkerPool());
        // a Uni of null would end the stream at once: the scope travels in a list (empty: the whole tree)
        return boardScope(calls, access).flatMap(bound -> units.get(unit).map(found -> java.util.Arrays.asList(
                        found, bound)))
                .onFailure().transform(this::problem).toMulti()
                .flatMap(both -> {
                    io.servicegrade.unit.Unit found = (io.servicegrade.unit.Unit) both.get(0);
                    @SuppressWarnings("unchecked")
                    List<Long> bound = (List<Long>) both.get(1);
                    return Multi.createBy().concatenating()
                            .streams(Multi.createFrom().item(new StandingChanges.Change(scheme, period, 0)), relevant)
                            .onItem().transformToUniAndConcatenate(c -> standings.boardAtLeast(scheme, period,
                                    found.kind(), c.revision(), bound).map(board -> identified(StandingNode.node(
                                            board, found.id(), lang), scheme, period, found.kind(), lang))
                                    .onFailure().transform(this::problem));
                })
                .filter(java.util.Objects::nonNull);
    }

    @Subscription("standingChanges")
    @Description("The periods of a scheme whose standings change, as they change (re-read the board on each).")
    public Multi<StandingChange> standingChanges(@NonNull String scheme) {
        return boardScope(calls, access).map(bound -> "signed in or open").onFailure().transform(this::problem)
                .toMulti().flatMap(allowed -> changes.stream().filter(c -> c.scheme().equals(scheme))
                        .map(c -> new StandingChange(c.scheme(), c.period(), c.revision())));
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
        return standings.periods(scheme).onFailure().transform(this::problem)
                .map(list -> list.stream().map(p -> PeriodNode.of(scheme, p)).toList());
    }

    @NonNull
    @Description("The periods that have standings, newest first.")
    public Uni<List<@NonNull PeriodNode>> periods(@Source SchemeNode scheme) {
        return periods(scheme.key());
    }

    @Query("period")
    @Description("A period of a scheme that has standings, or null.")
    public Uni<PeriodNode> period(@NonNull String scheme, @NonNull @Description("2023, 2023-H1, 2023-Q2 or 2023-05")
            String period) {
        return standings.period(scheme, period).onFailure().transform(this::problem)
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
        return boardScope(calls, access).flatMap(bound -> units.get(unit).flatMap(found -> standings.board(scheme,
                period, found.kind(), null, null, null, bound)
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

    private static StandingNode identified(StandingNode node, String scheme, String period, String kind,
            String lang) {
        return node == null ? null : node.identified(scheme, period, kind, null, null, null, lang);
    }

    /** node(id:) for a period: the scheme's period its id names. */
    @jakarta.enterprise.context.ApplicationScoped
    static class PeriodKind implements NodeKind {

        @Inject
        StandingService standings;

        @Override
        public String type() {
            return "Period";
        }

        @Override
        public Uni<PeriodNode> fetch(List<String> parts) {
            if (parts.size() != 2) {
                return Uni.createFrom().nullItem();
            }
            return standings.period(parts.get(0), parts.get(1)).map(p -> p == null ? null : PeriodNode.of(parts.get(0), p))
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
            if (parts.size() != 8) {
                return Uni.createFrom().nullItem();
            }
            List<String> p = parts.stream().map(s -> s.isEmpty() ? null : s).toList();
            String lang = p.get(6) == null ? "en" : p.get(6);
            return boardScope(calls, access).flatMap(bound -> StandingFilters.board(standings, units, p.get(0),
                            p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), bound))
                    .flatMap(board -> units.get(p.get(7)).map(unit -> {
                        StandingNode node = StandingNode.node(board, unit.id(), lang);
                        return node == null ? null
                                : node.identified(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), lang);
                    }))
                    .onFailure(io.servicegrade.platform.problem.ProblemException.class).recoverWithNull();
        }
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL standings");
    }
}
