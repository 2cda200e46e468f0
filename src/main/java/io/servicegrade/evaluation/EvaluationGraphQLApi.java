package io.servicegrade.evaluation;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CallerResolver;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitConnection;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.graphql.GraphQLErrors;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    CallerResolver callers;

    @Inject
    CurrentVertxRequest request;

    @Query("evaluation")
    @Description("An evaluation by id, or null. Needs an API key.")
    public Uni<EvaluationNode> evaluation(@NonNull String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Uni.createFrom().nullItem();
        }
        return caller().flatMap(caller -> service.get(caller, number)).map(EvaluationNode::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("evaluations")
    @NonNull
    @Description("Evaluations in id order, filtered; an agency sees its own. Needs an API key.")
    public Uni<EvaluationNode.Connection> evaluations(@Description("Code of the evaluated unit") String unit,
            @Description("Code of a unit: its evaluations and those of every unit under it") String under,
            String source, @Description("Rubric key") String rubric,
            @Description("Conducted at or after") OffsetDateTime from,
            @Description("Conducted before") OffsetDateTime to,
            @DefaultValue("50") int first, String after) {
        if (first < 1 || first > EvaluationQueries.MAX_PAGE) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", EvaluationQueries.MAX_PAGE));
        }
        long afterId;
        try {
            afterId = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(GraphQLErrors.malformedCursor("after"));
        }
        return caller().flatMap(caller -> queries.page(caller, unit, under, source, rubric, from, to, first, afterId,
                false))
                .onFailure().transform(this::problem)
                .map(page -> {
                    List<EvaluationNode.Edge> edges = page.evaluations().stream()
                            .map(e -> new EvaluationNode.Edge(Long.toString(e.id()), EvaluationNode.of(e))).toList();
                    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                    return new EvaluationNode.Connection(edges,
                            new UnitConnection.PageInfo(page.nextCursor() != null, end));
                });
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

    private Uni<Caller> caller() {
        HttpServerRequest http = request.getCurrent().request();
        return callers.requireFromHeaders(http.getHeader("X-Api-Key"), http.getHeader("Authorization"));
    }

    /** The problem REST would answer (platform/graphql/GraphQLErrors makes the coded error of it). */
    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL evaluations");
    }
}
