package io.servicegrade.platform.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.servicegrade.platform.problem.ProblemMessages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Why the server refused (part of) a GraphQL operation: a code a program can branch on ({@code extensions.code})
 * and a message a person can read, in the language the request asked for.
 */
public record GraphQLRefusal(String code, Function<ProblemMessages, String> message) {

    /** The document would expand to more fields than allowed. */
    public static final String TOO_MANY_FIELDS = "QUERY_TOO_LARGE";
    /** The document would cost more than allowed (fields times page sizes). */
    public static final String TOO_COSTLY = "QUERY_TOO_COSTLY";
    /** Fragments nested too deeply, or in a cycle. */
    public static final String FRAGMENTS_TOO_DEEP = "QUERY_TOO_COMPLEX";
    /** Data fields nested deeper than allowed (introspection not counted). */
    public static final String TOO_DEEP = "QUERY_TOO_COMPLEX";
    /** The operation ran longer than allowed. */
    public static final String TIMEOUT = "QUERY_TIMEOUT";
    /** The answer would be larger than allowed. */
    public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";
    /** The WebSocket connection already holds as many subscriptions as allowed. */
    public static final String TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";
    /** A subscription's events came faster than its client read them, past what is kept for it: it was ended. */
    public static final String SUBSCRIBER_TOO_SLOW = "SUBSCRIBER_TOO_SLOW";
    /** A string argument or variable holds a control character. */
    public static final String CONTROL_CHARACTER = "CONTROL_CHARACTER";
    /** An argument has a value it cannot take (e.g. a null page size). */
    public static final String BAD_ARGUMENT = "BAD_USER_INPUT";
    /** The HTTP request is not a GraphQL request (not an object, variables not an object, ...). */
    public static final String BAD_REQUEST = "BAD_REQUEST";

    /** Raised where a refusal must leave a computation at once (validation, a data fetcher). */
    public static final class Refused extends RuntimeException {
        private final transient GraphQLRefusal refusal;

        public Refused(GraphQLRefusal refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }

        public GraphQLRefusal refusal() {
            return refusal;
        }
    }

    private enum Classification implements ErrorClassification {
        Refused
    }

    /** The GraphQL error, in {@code messages}' language. */
    public GraphQLError toError(ProblemMessages messages) {
        return GraphqlErrorBuilder.newError().message(message.apply(messages))
                .errorType(Classification.Refused).extensions(Map.of("code", code)).build();
    }

    /** The GraphQL-over-HTTP body of this refusal alone: {@code {"errors": [...]}}. */
    public Map<String, Object> toBody(ProblemMessages messages) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message.apply(messages));
        error.put("extensions", Map.of("code", code));
        return Map.of("errors", List.of(error));
    }
}
