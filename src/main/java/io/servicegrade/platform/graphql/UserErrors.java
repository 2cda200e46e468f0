package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * The user errors of a GraphQL mutation's payload, made from the very problem the REST edge answers with
 * (problem+json): one per bad field, with the same JSON pointer and message, in the language of the request's
 * {@code Accept-Language}. A mutation calls the same service as its REST twin; what that service refuses because
 * of the request's input becomes {@code userErrors}, so a frontend reads one error model for both.
 *
 * <p>Which refusals are the input's: {@link #isInput}. The others (no key, another's evaluation, not found, the
 * server too busy) are not answers about the input and stay top-level GraphQL errors.
 */
@ApplicationScoped
public class UserErrors {

    /** The problem type URN's prefix, as {@code ProblemDocument} writes it. */
    private static final String TYPE_PREFIX = "urn:servicegrade:problem:";

    @Inject
    Languages languages;

    @Inject
    Context context;

    /** One thing wrong with a mutation's input. */
    @Type("UserError")
    @Description("Something wrong with a mutation's input, as REST's problem+json names it: nothing was changed.")
    public record UserError(
            @Description("JSON pointer to the bad field in the REST twin's body, e.g. /evaluations/0/unit; null "
                    + "when the refusal is about the request as a whole.") String pointer,
            @NonNull @Description("BAD_USER_INPUT, CONFLICT or FORBIDDEN, as extensions.code of an error.") String code,
            @NonNull @Description("What is wrong, in the language of Accept-Language (zh or en).") String message,
            @NonNull @Description("The REST problem type, e.g. urn:servicegrade:problem:validation.")
            String problemType) {
    }

    /**
     * Whether {@code problem} is a refusal of the request's input, answered in the payload: a 4xx that names
     * bad fields, or a 400, 409, 413 or 422 (a conflict with what is stored is the input's too: a code taken, a
     * voided evaluation). No key (401), another's data (403 without fields) and not found (404) are not.
     */
    public static boolean isInput(ProblemException problem) {
        int status = problem.status();
        if (status >= 500 || status < 400) {
            return false;
        }
        return !problem.violations().isEmpty() || status == 400 || status == 409 || status == 413 || status == 422;
    }

    /** The user errors of {@code problem}, in the request's language. */
    public List<UserError> of(ProblemException problem) {
        ProblemMessages messages = messages();
        String type = TYPE_PREFIX + problem.type();
        String code = code(problem.status());
        if (problem.violations().isEmpty()) {
            return List.of(new UserError(null, code, problem.detail().in(messages), type));
        }
        return problem.violations().stream()
                .map(v -> new UserError(v.pointer(), code, v.message().in(messages), type)).toList();
    }

    /**
     * The user errors of a problem document as REST wrote it (a kept answer replayed: its texts are in the
     * language of the request that was first answered, as REST replays them).
     */
    public static List<UserError> ofDocument(JsonNode problem) {
        String type = problem.path("type").asText("");
        String code = code(problem.path("status").asInt(422));
        JsonNode errors = problem.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return List.of(new UserError(null, code, problem.path("detail").asText(""), type));
        }
        List<UserError> found = new ArrayList<>();
        errors.forEach(e -> found.add(new UserError(e.hasNonNull("pointer") ? e.get("pointer").asText() : null,
                code, e.path("message").asText(""), type)));
        return found;
    }

    /** The code of a refusal of the input, in the words of the GraphQL errors' codes (one mapping for both). */
    static String code(int status) {
        return GraphQLErrors.code(status, null);
    }

    /** The texts in the language of the request's {@code Accept-Language}, as the GraphQL limits read it. */
    public ProblemMessages messages() {
        return languages.problemMessages(acceptLanguage());
    }

    /** The request's {@code Accept-Language} (for a WebSocket, its upgrade request's), or null. */
    public String acceptLanguage() {
        return GraphQLLimits.header(graphqlContext(), "Accept-Language");
    }

    /**
     * The GraphQL context of the operation whose field is being fetched: the request's headers (for a WebSocket,
     * its upgrade's) and a WebSocket's {@code connection_init} payload; null outside a field's fetching.
     */
    GraphQLContext graphqlContext() {
        try {
            DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
            return environment == null ? null : environment.getGraphQlContext();
        } catch (RuntimeException e) {
            return null; // not inside a field's fetching
        }
    }
}
