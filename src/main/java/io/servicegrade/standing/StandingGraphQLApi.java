package io.servicegrade.standing;

import io.servicegrade.scheme.SchemeNode;
import io.servicegrade.unit.UnitConnection;
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
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.util.ArrayList;
import java.util.List;

/** Standings over GraphQL (the schemes themselves: scheme/SchemeGraphQLApi). */
@GraphQLApi
public class StandingGraphQLApi {

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
            String under, String serviceLine, String area, @DefaultValue("50") int first, String after,
            @DefaultValue("RANK") StandingOrder orderBy, @DefaultValue("en") String lang) {
        if (first < 1 || first > 500) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", 500));
        }
        int offset;
        try {
            offset = after == null ? 0 : Integer.parseInt(after);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(GraphQLErrors.malformedCursor("after"));
        }
        if (offset < 0) {
            return Uni.createFrom().failure(GraphQLErrors.malformedCursor("after"));
        }
        return StandingFilters.board(standings, units, scheme, period, kind, under, serviceLine, area)
                .onFailure().transform(this::problem)
                .map(board -> {
                    List<StandingNode> nodes = StandingNode.nodes(board, lang, orderBy, offset, first);
                    List<StandingNode.Edge> edges = new ArrayList<>();
                    for (int i = 0; i < nodes.size(); i++) {
                        edges.add(new StandingNode.Edge(Integer.toString(offset + i + 1), nodes.get(i)));
                    }
                    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                    return new StandingNode.Connection(edges,
                            new UnitConnection.PageInfo(offset + first < board.size(), end), board.size(),
                            board.scheme().version(), board.publishedAt());
                });
    }

    @Query("standing")
    @Description("One unit's standing in a scheme's period, ranked among the units of its kind (a group among "
            + "its kind's groups), or null when the scheme has no standing for it.")
    public Uni<StandingNode> standing(@NonNull String scheme, @NonNull String period, @NonNull String unit,
            @DefaultValue("en") String lang) {
        return units.get(unit).flatMap(found -> standings.board(scheme, period, found.kind(), null, null, null)
                        .map(board -> StandingNode.node(board, found.id(), lang)))
                .onFailure().transform(this::problem);
    }

    @Subscription("standingUpdates")
    @Description("A unit's standing in a scheme's period now, then again after each change of that period's "
            + "standings, whichever instance the change came through.")
    public Multi<StandingNode> standingUpdates(@NonNull String scheme, @NonNull String period, @NonNull String unit,
            @DefaultValue("en") String lang) {
        Multi<StandingChanges.Change> relevant = changes.stream()
                .filter(c -> c.scheme().equals(scheme) && c.period().equals(period))
                .emitOn(Infrastructure.getDefaultWorkerPool());
        return units.get(unit).onFailure().transform(this::problem).toMulti()
                .flatMap(found -> Multi.createBy().concatenating()
                        .streams(Multi.createFrom().item(new StandingChanges.Change(scheme, period, 0)), relevant)
                        .onItem().transformToUniAndConcatenate(c -> standings.boardAtLeast(scheme, period,
                                found.kind(), c.revision()).map(board -> StandingNode.node(board, found.id(), lang))
                                .onFailure().transform(this::problem)))
                .filter(java.util.Objects::nonNull);
    }

    @Subscription("standingChanges")
    @Description("The periods of a scheme whose standings change, as they change (re-read the board on each).")
    public Multi<StandingChange> standingChanges(@NonNull String scheme) {
        return changes.stream().filter(c -> c.scheme().equals(scheme))
                .map(c -> new StandingChange(c.scheme(), c.period(), c.revision()));
    }

    /** A change of a scheme's standings in a period. */
    @org.eclipse.microprofile.graphql.Type("StandingChange")
    public record StandingChange(@NonNull String scheme, @NonNull String period,
            @Description("The period's revision after the change") long revision) {
    }

    @Query("periods")
    @NonNull
    @Description("The periods of a scheme that have evaluations, newest first.")
    public Uni<List<@NonNull String>> periods(@NonNull String scheme) {
        return standings.periods(scheme).onFailure().transform(this::problem)
                .map(list -> list.stream().map(p -> p.period().id()).toList());
    }

    @NonNull
    @Description("The periods that have evaluations, newest first.")
    public Uni<List<@NonNull String>> periods(@Source SchemeNode scheme) {
        return periods(scheme.key());
    }

    /** The problem REST would answer (platform/graphql/GraphQLErrors makes the coded error of it). */
    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL standings");
    }
}
