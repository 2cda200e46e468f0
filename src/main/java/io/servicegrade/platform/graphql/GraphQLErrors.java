package io.servicegrade.platform.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.servicegrade.platform.problem.CursorProblems;
import io.servicegrade.platform.problem.InternalProblem;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home that turns a failure into a GraphQL error. A resolver fails with the {@link ProblemException} the
 * REST edge would answer with (or with anything else: that is an internal error); every answer, over HTTP and the
 * WebSocket, passes through here before it is written, and each error of a failed field becomes:
 * <ul>
 * <li>{@code extensions.code}: {@code UNAUTHENTICATED} (401), {@code FORBIDDEN} (403), {@code NOT_FOUND} (404),
 * {@code BAD_USER_INPUT} (400, 422 and other 4xx), {@code CONFLICT} (409, 412), {@code STALE_CURSOR} (problem type
 * {@code stale-cursor}), {@code UNAVAILABLE} (503, 429; with {@code retryAfter} in seconds), {@code INTERNAL}
 * (5xx; with the {@code errorId} of the log line, nothing else of the failure);</li>
 * <li>{@code extensions.problemType}: the URN of the REST problem, and {@code extensions.status} its HTTP
 * status;</li>
 * <li>one error per bad field, each with {@code extensions.pointer} (a JSON pointer into the field's arguments,
 * e.g. {@code /kind} or {@code /filter/kind});</li>
 * <li>the message in the language of the request's {@code Accept-Language} (zh-CN or en).</li>
 * </ul>
 * The "non null" error graphql-java adds when a failed non-null field bubbles up is dropped: the failure itself
 * is already reported at that path. Errors graphql-java raises itself get a code too: {@code GRAPHQL_PARSE_FAILED},
 * {@code GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT} for variables of the wrong type.
 */
@ApplicationScoped
public class GraphQLErrors extends SimplePerformantInstrumentation {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String BAD_USER_INPUT = GraphQLRefusal.BAD_ARGUMENT;
    public static final String CONFLICT = "CONFLICT";
    public static final String STALE_CURSOR = "STALE_CURSOR";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String INTERNAL = "INTERNAL";
    public static final String PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    public static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";

    /** How graphql-java and SmallRye name the argument whose value they refuse. */
    private static final Pattern ARGUMENT = Pattern.compile("argument '([A-Za-z_][A-Za-z0-9_]*)'");

    @Inject
    GraphQLLimits limits;

    @Inject
    Problems problems;

    private enum Classification implements ErrorClassification {
        Problem
    }

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation instrumentation = GraphQLLimits.read(builder, "instrumentation");
        builder.instrumentation(instrumentation == null ? this
                : new ChainedInstrumentation(List.of(this, instrumentation)));
    }

    // What resolvers (and the other GraphQL homes) fail with.

    /**
     * A bad argument: {@code BAD_USER_INPUT} with {@code pointer} (e.g. {@code /first}, {@code /filter/kind});
     * the message names the argument, then says {@code message}.
     */
    public static ProblemException badArgument(String pointer, Message message) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        return ProblemException.invalid(List.of(new Violation(pointer, null, null, field, message)));
    }

    /** A page size outside 1..{@code max} given as {@code argument}. */
    public static ProblemException pageSize(String argument, int max) {
        return badArgument("/" + argument, m -> m.numberRange(1, max));
    }

    /** A cursor given as {@code argument} that this server did not write: {@code BAD_USER_INPUT}. */
    public static ProblemException malformedCursor(String argument) {
        return CursorProblems.malformed(argument);
    }

    /** A cursor read from an older revision of the list: {@code STALE_CURSOR}. */
    public static ProblemException staleCursor(String argument, long cursorRevision, long currentRevision) {
        return CursorProblems.stale(argument, cursorRevision, currentRevision);
    }

    // The answer, rewritten.

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        ProblemMessages messages = limits.messages(parameters.getGraphQLContext());
        List<GraphQLError> errors = rewrite(result.getErrors(), messages, result.isDataPresent());
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().from(result)
                .errors(errors).build());
    }

    /**
     * {@code errors} as coded errors in {@code messages}' language; {@code executed} when the operation ran (it has
     * data), so that a validation error among them is an argument value refused while running.
     */
    List<GraphQLError> rewrite(List<GraphQLError> errors, ProblemMessages messages, boolean executed) {
        List<GraphQLError> rewritten = new ArrayList<>();
        for (GraphQLError error : errors) {
            if (error instanceof NonNullableFieldWasNullError && isFallout(error.getPath(), errors)) {
                continue; // the failure that nulled the field says why already
            }
            rewritten.addAll(rewrite(error, messages, executed));
        }
        return rewritten;
    }

    /**
     * Whether a "non null" error at {@code path} only follows from another error: a failure at or under that path,
     * or an argument refused while running (SmallRye reports it without a path, and the field then is null).
     */
    private static boolean isFallout(List<Object> path, List<GraphQLError> errors) {
        if (path == null) {
            return false;
        }
        for (GraphQLError other : errors) {
            if (other instanceof NonNullableFieldWasNullError) {
                continue;
            }
            List<Object> at = other.getPath();
            if (at == null ? other.getErrorType() == ErrorType.ValidationError
                    : at.size() >= path.size() && at.subList(0, path.size()).equals(path)) {
                return true;
            }
        }
        return false;
    }

    private List<GraphQLError> rewrite(GraphQLError error, ProblemMessages messages, boolean executed) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable failure = unwrap(fetching.getException());
            if (failure instanceof GraphQLRefusal.Refused refused) {
                return List.of(GraphqlErrorBuilder.newError().message("%s", refused.refusal().message()
                                .apply(messages)).path(error.getPath()).locations(error.getLocations())
                        .errorType(Classification.Problem).extensions(Map.of("code", refused.refusal().code()))
                        .build());
            }
            if (failure instanceof org.eclipse.microprofile.graphql.GraphQLException legacy) {
                // a resolver that still says what is wrong in English words: bad input, as before
                return List.of(coded(error, legacy.getMessage(), BAD_USER_INPUT, Map.of()));
            }
            String what = "GraphQL " + (error.getPath() == null ? "operation" : String.join("/",
                    error.getPath().stream().map(String::valueOf).toList()));
            return problem(problems.of(failure, what), error, messages);
        }
        if (hasCode(error)) {
            return List.of(error);
        }
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.InvalidSyntax) {
            return List.of(coded(error, error.getMessage(), PARSE_FAILED, Map.of()));
        }
        if (type == ErrorType.ValidationError && (executed || !(error instanceof graphql.validation.ValidationError))) {
            // an argument or variable value that cannot be taken as its declared type (refused while running, or
            // while the variables were coerced)
            Matcher argument = ARGUMENT.matcher(String.valueOf(error.getMessage()));
            return List.of(coded(error, error.getMessage(), BAD_USER_INPUT,
                    argument.find() ? Map.of("pointer", "/" + argument.group(1)) : Map.of()));
        }
        if (error instanceof graphql.validation.ValidationError) {
            return List.of(coded(error, error.getMessage(), VALIDATION_FAILED, Map.of()));
        }
        if (error instanceof NonNullableFieldWasNullError) {
            return List.of(coded(error, error.getMessage(), INTERNAL, Map.of()));
        }
        return List.of(error);
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") != null;
    }

    /** The errors of {@code problem} at {@code error}'s place: one per bad field, else one. */
    private static List<GraphQLError> problem(ProblemException problem, GraphQLError error,
            ProblemMessages messages) {
        ProblemDocument document = ProblemDocument.of(problem, messages, null);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("problemType", document.type());
        extensions.put("status", problem.status());
        if (problem.retryAfterSeconds() != null) {
            extensions.put("retryAfter", problem.retryAfterSeconds());
        }
        if (problem instanceof InternalProblem internal) {
            extensions.put("errorId", internal.errorId());
        }
        String code = code(problem);
        if (document.errors() == null || document.errors().isEmpty()) {
            return List.of(coded(error, document.detail(), code, extensions));
        }
        List<GraphQLError> each = new ArrayList<>();
        for (ProblemDocument.Error field : document.errors()) {
            Map<String, Object> at = new LinkedHashMap<>(extensions);
            at.put("pointer", field.pointer());
            String name = field.field() != null ? field.field()
                    : field.pointer() == null || field.pointer().isEmpty() ? null : field.pointer().substring(1);
            each.add(coded(error, name == null ? field.message() : name + " " + field.message(), code, at));
        }
        return each;
    }

    private static GraphQLError coded(GraphQLError error, String message, String code, Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.putAll(more);
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message("%s", message)
                .locations(error.getLocations()).extensions(extensions)
                .errorType(error instanceof ExceptionWhileDataFetching ? Classification.Problem : error.getErrorType());
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    /** The {@code extensions.code} of {@code problem}. */
    public static String code(ProblemException problem) {
        return code(problem.status(), problem.type());
    }

    /** The code of a problem of this HTTP status and type (its slug; null when unknown). */
    public static String code(int status, String type) {
        if (CursorProblems.STALE_TYPE.equals(type)) {
            return STALE_CURSOR;
        }
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404, 410 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            case 429, 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_USER_INPUT;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
