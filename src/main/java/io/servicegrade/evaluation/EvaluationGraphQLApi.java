package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.unit.Unit;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.NodeKind;
import io.servicegrade.platform.paging.Cursors;
import io.servicegrade.platform.paging.PageInfo;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.graphql.GraphQLErrors;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluations over GraphQL. They are not public: send an API key as over REST; an agency sees its own, the
 * admin all. Breakdowns, units and histories are fetched in batches.
 */
@GraphQLApi
public class EvaluationGraphQLApi {

    @Inject
    Problems problems;

    @Inject
    EvaluationService service;

    @Inject
    EvaluationQueries queries;

    @Inject
    EvaluationRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    io.servicegrade.platform.graphql.MutationCalls calls;

    @Query("evaluation")
    @Description("An evaluation by id, or null. Needs an API key.")
    public Uni<EvaluationNode> evaluation(@Id @NonNull @Description("Its global id, or the id the REST API uses")
            String id) {
        Long number = number(id);
        if (number == null) {
            return Uni.createFrom().nullItem();
        }
        return caller().flatMap(caller -> service.get(caller, number)).map(EvaluationNode::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("evaluations")
    @NonNull
    @Description("Evaluations in id order, filtered; an agency sees its own, a scoped account those of the units in its scope. Needs an API key or a token whose role reads evaluations.")
    public Uni<EvaluationNode.Connection> evaluations(@Description("Code of the evaluated unit") String unit,
            @Description("Code of a unit: its evaluations and those of every unit under it") String under,
            String source, @Description("Rubric key") String rubric,
            @Description("Conducted at or after") OffsetDateTime from,
            @Description("Conducted before") OffsetDateTime to,
            @DefaultValue("50") int first, String after) {
        if (first < 1 || first > EvaluationQueries.MAX_PAGE) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", EvaluationQueries.MAX_PAGE));
        }
        ProblemException unknownSource = queries.unknownSource(source);
        if (unknownSource != null) {
            return Uni.createFrom().failure(problem(unknownSource));
        }
        long afterId;
        try {
            List<String> cursor = Cursors.decode("evaluations", after, 1);
            afterId = cursor == null ? 0 : Cursors.number(cursor.get(0));
        } catch (ProblemException e) {
            return Uni.createFrom().failure(problem(e));
        }
        return caller().flatMap(caller -> queries.page(caller, unit, under, source, rubric, from, to, first, afterId,
                false).map(page -> {
                    List<EvaluationNode.Edge> edges = page.evaluations().stream()
                            .map(e -> new EvaluationNode.Edge(Cursors.encode("evaluations", Long.toString(e.id())),
                                    EvaluationNode.of(e))).toList();
                    return new EvaluationNode.Connection(edges,
                            PageInfo.of(edges, EvaluationNode.Edge::cursor, page.nextCursor() != null, after != null),
                            new EvaluationNode.Filter(caller, unit, under, source, rubric, from, to));
                }))
                .onFailure().transform(this::problem);
    }

    @NonNull
    @Description("The evaluations over all pages that the caller may see (counted only when asked for).")
    public Uni<Integer> totalCount(@Source EvaluationNode.Connection connection) {
        EvaluationNode.Filter f = connection.filter();
        return queries.total(f.caller(), f.unit(), f.under(), f.source(), f.rubric(), f.from(), f.to())
                .map(Long::intValue).onFailure().transform(this::problem);
    }

    @NonNull
    @Description("The unit's own evaluations in id order, a page at a time; an agency sees its own. Needs an API "
            + "key.")
    public Uni<EvaluationNode.Connection> evaluations(@Source Unit unit, @DefaultValue("50") int first,
            String after) {
        return evaluations(unit.code(), null, null, null, null, null, first, after);
    }

    @NonNull
    @Description("The evaluated unit.")
    public Uni<List<Unit>> unit(@Source List<EvaluationNode> evaluations) {
        return units.findByIds(evaluations.stream().map(EvaluationNode::unitId).distinct().toList()).map(found -> {
            Map<Long, Unit> byId = new HashMap<>();
            found.forEach(u -> byId.put(u.id(), u));
            return evaluations.stream().map(e -> byId.get(e.unitId())).toList();
        });
    }

    @NonNull
    @Description("The breakdown of the current revision, in the language asked for (zh-CN or en).")
    public Uni<List<EvaluationNode.BreakdownNode>> breakdown(@Source List<EvaluationNode> evaluations,
            @DefaultValue("en") String lang) {
        List<Uni<EvaluationNode.BreakdownNode>> each = evaluations.stream()
                .map(e -> service.breakdown(e.stored()).map(b -> EvaluationNode.BreakdownNode.of(b, lang))).toList();
        return each.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(each).andFailFast();
    }

    @NonNull
    @Description("Every revision, oldest first: who, when, why, and the score before and after.")
    public Uni<List<List<EvaluationNode.RevisionNode>>> history(@Source List<EvaluationNode> evaluations) {
        List<Long> ids = evaluations.stream().map(e -> Long.parseLong(e.id())).toList();
        return repository.histories(ids).map(all -> ids.stream()
                .map(id -> all.getOrDefault(id, List.of()).stream().map(EvaluationNode.RevisionNode::of).toList())
                .toList());
    }

    @Description("The evaluation that vetoed the unit, for a caller who may read it (an API key: the admin, or the "
            + "agency that made it); null when none vetoed it or the caller may not read it (no key, another "
            + "agency's evaluation, a unit outside the caller's scope). The board may be public, evaluations are "
            + "not.")
    public Uni<List<EvaluationNode>> vetoedBy(@Source List<io.servicegrade.standing.StandingNode> standings) {
        List<Optional<String>> ids = standings.stream()
                .map(s -> Optional.ofNullable(s.vetoEvaluation())).toList();
        List<EvaluationNode> none = java.util.Collections.nCopies(ids.size(), null);
        if (ids.stream().allMatch(Optional::isEmpty)) {
            return Uni.createFrom().item(none);
        }
        // one evaluation after the other: a request holds one pooled connection at a time (Mutiny carries no
        // nulls: each row's id travels as an Optional)
        // no key, or an account's token without a key's powers (403): read as anyone reads, without evaluations
        return caller().onFailure(e -> e instanceof ProblemException p && (p.status() == 401 || p.status() == 403))
                .recoverWithNull()
                .flatMap(caller -> caller == null ? Uni.createFrom().item(none)
                        : io.smallrye.mutiny.Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> readable(caller, id))
                                .collect().asList()
                                .map(found -> found.stream().map(o -> o.orElse(null)).toList()))
                .onFailure().transform(this::problem);
    }

    /** The evaluation an id names, if there is one and the caller may read it. */
    private Uni<Optional<EvaluationNode>> readable(Caller caller, Optional<String> id) {
        if (id.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return service.get(caller, Long.parseLong(id.get())).map(e -> Optional.of(EvaluationNode.of(e)))
                .onFailure(e -> e instanceof ProblemException p && (p.status() == 403 || p.status() == 404))
                .recoverWithItem(Optional.empty());
    }

    /** node(id:) for an evaluation: by its number, for a caller who may see it (as evaluation(id:)). */
    @jakarta.enterprise.context.ApplicationScoped
    static class Kind implements NodeKind {

        @Inject
        EvaluationGraphQLApi api;

        @Override
        public String type() {
            return "Evaluation";
        }

        @Override
        public Uni<EvaluationNode> fetch(List<String> parts) {
            return parts.size() != 1 ? Uni.createFrom().nullItem() : api.evaluation(parts.get(0));
        }
    }

    private Uni<Caller> caller() {
        return calls.caller(); // the headers, or a WebSocket's connection_init payload, as for mutations
    }

    /** The evaluation an id names: its global id or the id the REST API uses; null when it names none. */
    public static Long number(String id) {
        GlobalIds.GlobalId global = GlobalIds.decode(id);
        String key = global != null && global.type().equals("Evaluation") && global.parts().size() == 1
                ? global.parts().get(0) : id;
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The problem REST would answer (platform/graphql/GraphQLErrors makes the coded error of it). */
    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL evaluations");
    }
}
