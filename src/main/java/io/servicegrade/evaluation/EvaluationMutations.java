package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.idempotency.IdempotencyStore;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;

/**
 * The evaluation writes over GraphQL, each the twin of a REST method and calling what it calls: a batch
 * ({@code POST /api/v1/evaluations}, with the same idempotency store), a revision and a void. Who may call them is
 * what REST allows ({@code @Access(AGENCY)}): any live key, sent as over REST; an agency changes only its own. A
 * refusal of the input comes back in the payload's {@code userErrors}, from the very problem REST answers with.
 */
@GraphQLApi
public class EvaluationMutations {

    @Inject
    EvaluationService service;

    @Inject
    BatchAnswers batches;

    @Inject
    Transactions transactions;


    @Inject
    UserErrors userErrors;

    @Inject
    MutationCalls calls;

    @Inject
    ObjectMapper json;

    @Inject
    EvaluationRepository repository;

    /** What became of one evaluation of a batch. */
    @Type("EvaluationOutcome")
    @Description("What became of one evaluation of a batch, in request order.")
    public record OutcomeNode(@NonNull String externalId, @Id @NonNull String id, @NonNull BigDecimal score,
            boolean vetoed, @NonNull @Description("created, existing (an identical resend) or revised") String outcome) {
    }

    @Type("PostEvaluationsPayload")
    @Description("A batch's answer: its evaluations' outcomes, or why nothing was stored.")
    public record PostPayload(
            @Description("One per evaluation, in request order; null when the batch was refused.")
            List<@NonNull OutcomeNode> evaluations,
            @Description("True when this is the answer kept for the idempotency key, given again.") boolean replayed,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("EvaluationPayload")
    @Description("An evaluation after a revision or a void, or why it was not changed.")
    public record ChangePayload(@Description("Null when refused.") EvaluationNode evaluation,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    /** Each outcome's evaluation as stored now, fetched for the whole batch in one query. */
    @NonNull
    @Description("The evaluation as stored now: the one created, the existing one an identical resend found, or "
            + "the one revised.")
    public Uni<List<@NonNull EvaluationNode>> evaluation(@Source List<OutcomeNode> outcomes) {
        List<Long> ids = outcomes.stream().map(o -> Long.parseLong(o.id())).toList();
        return repository.findByIds(ids).map(found -> {
            Map<Long, StoredEvaluation> byId = new HashMap<>();
            found.forEach(e -> byId.put(e.id(), e));
            return ids.stream().map(id -> EvaluationNode.of(byId.get(id))).toList();
        });
    }

    @Mutation("postEvaluations")
    @NonNull
    @Description("Post up to 5,000 evaluations, all or nothing (REST: POST /api/v1/evaluations). With an "
            + "idempotencyKey, a retry, over GraphQL or REST, gets the first answer again. Needs an API key.")
    public Uni<PostPayload> postEvaluations(@NonNull EvaluationInputs.Batch input,
            @Description("1-255 visible ASCII characters; the REST Idempotency-Key, sharing its store.")
            String idempotencyKey) {
        JsonNode body = input.toJson();
        String language = userErrors.acceptLanguage();
        return calls.payload(calls.caller().flatMap(caller -> {
            ProblemException badKey = BatchAnswers.badKey(idempotencyKey);
            if (badKey != null) {
                return Uni.createFrom().failure(badKey);
            }
            RequestBodies.check(body);
            if (idempotencyKey == null) {
                return batches.submit(caller, body).map(outcomes -> new PostPayload(
                        outcomes.stream().map(EvaluationMutations::node).toList(), false, List.of()));
            }
            return batches.submit(caller, body, idempotencyKey, language).map(this::payload);
        }), errors -> new PostPayload(null, false, errors), "GraphQL postEvaluations");
    }

    @Mutation("reviseEvaluation")
    @NonNull
    @Description("Correct an evaluation: new answers (evidence, comment) and a reason make a new revision "
            + "(REST: POST /api/v1/evaluations/{id}/revisions). Needs an API key; an agency revises its own.")
    public Uni<ChangePayload> reviseEvaluation(@Id @NonNull String id, @NonNull EvaluationInputs.Revision input,
            @NonNull String reason) {
        JsonNode body = input.toJson(reason);
        return change(id, (caller, number) -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.revise(caller, number, body));
        });
    }

    @Mutation("voidEvaluation")
    @NonNull
    @Description("Void an evaluation, with a reason: it stays readable and counts no more "
            + "(REST: POST /api/v1/evaluations/{id}/void). Needs an API key; an agency voids its own.")
    public Uni<ChangePayload> voidEvaluation(@Id @NonNull String id, @NonNull String reason) {
        JsonNode body = EvaluationInputs.voidBody(reason);
        return change(id, (caller, number) -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.voidIt(caller, number, body));
        });
    }

    private interface Change {
        Uni<StoredEvaluation> apply(Caller caller, long id);
    }

    private Uni<ChangePayload> change(String id, Change change) {
        return calls.payload(calls.caller().flatMap(caller -> {
            Long number = EvaluationGraphQLApi.number(id); // its global id, or the id REST uses
            if (number == null) {
                // REST: a path that names no evaluation
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.evaluationIdNotFound(id)));
            }
            return change.apply(caller, number);
        }).map(stored -> new ChangePayload(EvaluationNode.of(stored), List.of())),
                errors -> new ChangePayload(null, errors), "GraphQL evaluation change");
    }

    /** The payload of a batch's answer as REST keeps it: its outcomes, or its problem's user errors. */
    private PostPayload payload(IdempotencyStore.Reply reply) {
        JsonNode answer;
        try {
            answer = json.readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A kept answer is not JSON", e);
        }
        if (reply.status() >= 400) {
            return new PostPayload(null, reply.replayed(), UserErrors.ofDocument(answer));
        }
        List<OutcomeNode> outcomes = new ArrayList<>();
        answer.path("evaluations").forEach(o -> outcomes.add(new OutcomeNode(o.path("externalId").asText(),
                o.path("id").asText(), o.path("score").decimalValue(), o.path("vetoed").asBoolean(),
                o.path("outcome").asText())));
        return new PostPayload(outcomes, reply.replayed(), List.of());
    }

    private static OutcomeNode node(Outcome o) {
        return new OutcomeNode(o.externalId(), Long.toString(o.id()), o.score(), o.vetoed(), o.outcome());
    }

}
