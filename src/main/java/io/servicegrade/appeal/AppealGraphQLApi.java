package io.servicegrade.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.EvaluationGraphQLApi;
import io.servicegrade.evaluation.EvaluationInputs;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Scope;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static io.servicegrade.platform.graphql.GraphQLArguments.putText;
import static io.servicegrade.platform.graphql.GraphQLArguments.putTexts;

/**
 * Appeals over GraphQL (issue 18), the twins of {@code /api/v1/appeals}: the same service, with each mutation's
 * input made into the JSON body REST reads, so a refusal names the same fields.
 */
@GraphQLApi
public class AppealGraphQLApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    AppealService service;

    @Inject
    AppealChanges changes;

    @Inject
    MutationCalls calls;

    @Inject
    Transactions transactions;

    @Inject
    Problems problems;

    @Type("Appeal")
    @Description("An appeal (申诉) against an evaluation, or named items of it, or against a unit's standing in a "
            + "period; filed in the period's objection window, then upheld or rejected.")
    public record AppealNode(@NonNull @Description("The appeal's number, as REST shows it") String id,
            @NonNull String scheme, @NonNull @Description("e.g. 2025-Q3") String period,
            @NonNull @Description("The unit's code") String unit, @NonNull String unitName,
            @Id @Description("The evaluation appealed against (its global id); null for a standing's appeal")
            String evaluation,
            @Description("The code of the agency whose evaluation it is") String agency,
            @NonNull @Description("Item keys of the evaluation's rubric; empty for the whole") List<@NonNull String> items,
            @NonNull String reasons, @NonNull @Description("Links to the evidence") List<@NonNull String> evidence,
            @NonNull @Description("filed, upheld or rejected") String state,
            @Description("The end of the period's objection window (exclusive)") OffsetDateTime deadline,
            @NonNull OffsetDateTime filedAt, OffsetDateTime decidedAt, String decisionReason,
            @Description("The correction an upheld appeal made: revision or void") String correction,
            @Description("The evaluation's revision that correction wrote") Integer correctionRevision) {

        static AppealNode of(AppealService.View view) {
            AppealView v = AppealView.of(view);
            return new AppealNode(String.valueOf(v.id()), v.scheme(), v.period(), v.unit(), v.unitName(),
                    v.evaluation() == null ? null : GlobalIds.encode("Evaluation", String.valueOf(v.evaluation())),
                    v.agency(), v.items(), v.reasons(), v.evidence(), v.state(), v.deadline(), v.filedAt(),
                    v.decidedAt(), v.decisionReason(), v.correction(), v.correctionRevision());
        }
    }

    @Type("AgencyAppeals")
    @Description("Appeals against an agency's evaluations in a period of a scheme, and the share upheld.")
    public record AgencyAppeals(@NonNull String scheme, @NonNull String period, @NonNull String agency,
            int filed, int upheld, int rejected, int pending,
            @NonNull @Description("upheld / filed, to four decimal places (half up)") BigDecimal upheldShare) {
    }

    @Type("AppealPayload")
    @Description("The appeal, or why the action was refused.")
    public record AppealPayload(@Description("The appeal; null when refused") AppealNode appeal,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Input("FileAppealInput")
    @Description("An appeal: against an evaluation (optionally named items of it), or a unit's standing in a period.")
    public static class Filing {
        @NonNull
        public String scheme;
        @Description("Needed with unit; with evaluation, it must be the evaluation's")
        public String period;
        @Id
        @Description("The evaluation's id")
        public String evaluation;
        @Description("A unit's code (a standing's appeal)")
        public String unit;
        public List<@NonNull String> items;
        @NonNull
        public String reasons;
        @Description("http(s) links")
        public List<@NonNull String> evidence;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("scheme", scheme);
            putText(node, "period", period);
            if (evaluation != null) {
                Long number = EvaluationGraphQLApi.number(evaluation);
                if (number == null) {
                    node.put("evaluation", evaluation);
                } else {
                    node.put("evaluation", number);
                }
            }
            putText(node, "unit", unit);
            putTexts(node, "items", items);
            putText(node, "reasons", reasons);
            putTexts(node, "evidence", evidence);
            return node;
        }
    }

    @Input("DecideAppealInput")
    @Description("upheld or rejected, with a reason; an upheld appeal against an evaluation carries its correction.")
    public static class Decision {
        @NonNull
        @Description("upheld or rejected")
        public String outcome;
        @NonNull
        public String reason;
        public Correction correction;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("outcome", outcome);
            node.put("reason", reason);
            if (correction != null) {
                ObjectNode c = correction.revision == null ? JSON.objectNode()
                        : (ObjectNode) correction.revision.toJson(null);
                c.put("kind", correction.kind);
                node.set("correction", c);
            }
            return node;
        }
    }

    @Input("AppealCorrectionInput")
    @Description("The correction an upheld appeal applies: kind revision (with its new answers, evidence or "
            + "comment) or void.")
    public static class Correction {
        @NonNull
        @Description("revision or void")
        public String kind;
        public EvaluationInputs.Revision revision;
    }

    @Query("appeals")
    @Description("Appeals the caller may see (a manager: its scope's; an analyst or the admin: all), newest first "
            + "(REST: GET /api/v1/appeals).")
    public Uni<@NonNull List<@NonNull AppealNode>> appeals(String scheme, String period,
            @Description("filed, upheld or rejected") String state,
            @Description("A unit's code: its appeals and those below it") String unit,
            @Description("1 to 500, default 100") Integer limit) {
        return calls.caller().flatMap(caller -> service.list(caller, scheme, period, state, unit, limit))
                .map(all -> all.stream().map(AppealNode::of).toList())
                .onFailure().transform(this::problem);
    }

    @Query("appeal")
    @Description("An appeal; null when there is none the caller may see (REST: GET /api/v1/appeals/{id}).")
    public Uni<AppealNode> appeal(@NonNull String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Uni.createFrom().nullItem();
        }
        return calls.caller().flatMap(caller -> service.read(caller, number)).map(AppealNode::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("appealsByAgency")
    @Description("Appeals against each agency's evaluations and the share upheld, per period of a scheme (analyst "
            + "or admin; REST: GET /api/v1/appeals/agencies).")
    public Uni<@NonNull List<@NonNull AgencyAppeals>> appealsByAgency(@NonNull String scheme, String period) {
        return calls.caller().flatMap(caller -> service.agencyCounts(caller, scheme, period))
                .map(all -> all.stream().map(c -> new AgencyAppeals(c.scheme(), c.period(), c.agency(),
                        (int) c.filed(), (int) c.upheld(), (int) c.rejected(), (int) c.pending(), c.upheldShare()))
                        .toList())
                .onFailure().transform(this::problem);
    }

    @Mutation("fileAppeal")
    @NonNull
    @Description("File an appeal within the period's objection window (a manager for units in scope, or the "
            + "admin; REST: POST /api/v1/appeals).")
    public Uni<AppealPayload> fileAppeal(@NonNull Filing input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.file(caller, body));
        }).map(view -> new AppealPayload(AppealNode.of(view), List.of())),
                errors -> new AppealPayload(null, errors), "GraphQL fileAppeal");
    }

    @Mutation("decideAppeal")
    @NonNull
    @Description("Uphold or reject an appeal with a reason (an analyst or the admin); an upheld appeal against an "
            + "evaluation applies its revision or void in the same transaction (REST: POST "
            + "/api/v1/appeals/{id}/decision).")
    public Uni<AppealPayload> decideAppeal(@NonNull String id, @NonNull Decision input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            long number;
            try {
                number = Long.parseLong(id);
            } catch (NumberFormatException e) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.appealNotFound(-1)));
            }
            return transactions.admit(() -> service.decide(caller, number, body));
        }).map(view -> new AppealPayload(AppealNode.of(view), List.of())),
                errors -> new AppealPayload(null, errors), "GraphQL decideAppeal");
    }

    @Subscription("appealChanges")
    @Description("Appeals as they are filed and decided, whichever instance they came through: each one the "
            + "caller may see (a manager: its scope's), in its state after the change.")
    public Multi<AppealNode> appealChanges(@Description("Only this scheme's") String scheme) {
        return calls.caller().map(caller -> {
            Scope.requireAppealReads(caller);
            // a Uni of null would end the stream: the scope travels in a list (empty: no bound)
            Long[] scope = Scope.parameter(caller);
            return Optional.ofNullable(scope);
        }).onFailure().transform(this::problem).toMulti().flatMap(scope -> changes.stream()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(c -> service.announced(scope.orElse(null), c.id(), c.state())
                        .map(Optional::ofNullable)
                        // a change that cannot be read is not passed on: nothing leaks on a guess
                        .onFailure().recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent).map(Optional::get)
                .filter(view -> scheme == null || view.appeal().scheme().equals(scheme))
                .map(AppealNode::of));
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL appeals");
    }
}
