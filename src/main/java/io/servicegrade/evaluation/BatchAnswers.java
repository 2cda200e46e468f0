package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.idempotency.IdempotencyStore;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemRenderer;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A batch posted with an idempotency key, by REST ({@code POST /api/v1/evaluations}) or GraphQL
 * ({@code postEvaluations}) alike: one store, one scope per caller, one kept answer (the REST status and body),
 * so the same key sent over either gets the first answer again, whichever way it came.
 */
@ApplicationScoped
public class BatchAnswers {

    /** Where the kept answers' problems say they came from: the REST twin, whichever edge was first. */
    public static final String PATH = "/api/v1/evaluations";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    EvaluationService service;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Transactions transactions;

    @Inject
    ProblemRenderer problems;

    @Inject
    ObjectMapper json;

    /** The refusal of an idempotency key that is not 1-255 visible ASCII characters, or null when it is. */
    public static ProblemException badKey(String key) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            return ProblemException.invalid(List.of(Violation.at("/Idempotency-Key", m -> m.tooLong(255))));
        }
        return null;
    }

    /** Posts a batch without a key: its outcomes, or the refusal as a failure. */
    public Uni<List<Outcome>> submit(Caller caller, JsonNode body) {
        return submit(caller, () -> Uni.createFrom().item(body));
    }

    /**
     * Posts a batch without a key whose body is read ({@code body}: the parse of the bytes) only once admitted:
     * requests waiting for their turn hold their bytes, not their trees (issue 21: 256 writers' batches read at
     * once while they waited, and a 256 MB heap ran out).
     */
    public Uni<List<Outcome>> submit(Caller caller, Supplier<Uni<JsonNode>> body) {
        return transactions.admit(() -> body.get().flatMap(tree -> service.submit(caller, tree)));
    }

    /**
     * Posts a batch under {@code key}: the answer as REST sends it (201 and the outcomes, or a refusal's
     * problem+json in the language of {@code acceptLanguage}), kept for the key, or the kept one replayed.
     */
    public Uni<IdempotencyStore.Reply> submit(Caller caller, JsonNode body, String key, String acceptLanguage) {
        return submit(caller, () -> Uni.createFrom().item(body), key, acceptLanguage);
    }

    /**
     * Posts a batch under {@code key} whose body is read only once admitted (as {@link #submit(Caller, Supplier)});
     * a body that does not read is refused as before, without claiming the key.
     */
    public Uni<IdempotencyStore.Reply> submit(Caller caller, Supplier<Uni<JsonNode>> body, String key,
            String acceptLanguage) {
        // Admitted before the key is claimed: a refused request leaves no claim behind to block its resend.
        // A refusal of the server's (5xx: too busy, database unreachable) is not the request's answer and is not
        // kept: it reaches the client as itself, with Retry-After, and a resend runs again.
        return transactions.admit(() -> body.get().flatMap(tree -> idempotency.run(caller.scope(), key,
                IdempotencyStore.requestHash(tree), () -> service.submit(caller, tree)
                        .map(outcomes -> new IdempotencyStore.Reply(201, write(Map.of("evaluations", outcomes)), false))
                        .onFailure(e -> e instanceof ProblemException p && p.status() < 500).recoverWithItem(e ->
                                new IdempotencyStore.Reply(((ProblemException) e).status(),
                                        problems.render((ProblemException) e, acceptLanguage, PATH), false)))));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
