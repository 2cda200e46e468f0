package io.servicegrade.platform.graphql;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemMessages;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Every GraphQL operation, over HTTP (GET and POST) and over the WebSocket (both subprotocols), is parsed, costed
 * ({@link DocumentCost}) and validated on a worker thread, never on the event loop; one over the bounds of
 * {@code servicegrade.graphql.*} is refused with a coded error before it is validated or run. Execution starts on
 * that worker and goes on on workers ({@link ExecutionLimits} continues each resolver's answer on one), within the
 * time and size limits of {@link ExecutionLimits}, which this also installs.
 *
 * <p>Both are put into graphql-java's builder by observing the {@code GraphQL.Builder} event SmallRye GraphQL
 * fires; what SmallRye put there (its parsed-document cache, the depth and complexity instrumentations) keeps
 * working behind them.
 */
@ApplicationScoped
public class GraphQLLimits implements PreparsedDocumentProvider {

    private static final Logger LOG = Logger.getLogger(GraphQLLimits.class);
    /** Where a subscription's place on its connection travels from here to {@link ExecutionLimits}. */
    static final String SUBSCRIPTION_SLOT = GraphQLLimits.class.getName() + ".slot";
    /** What SmallRye GraphQL puts into the GraphQL context: the request's (or WebSocket upgrade's) headers. */
    static final String HEADERS = "httpHeaders";

    @Inject
    ServiceGradeConfig config;

    @Inject
    Languages languages;

    @Inject
    Instance<GraphQLSchema> schemas;

    @Inject
    ExecutionLimits executionLimits;

    @Inject
    SubscriptionSlots slots;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    OperationMeters operationMeters;

    private volatile PreparsedDocumentProvider next = graphql.execution.preparsed.NoOpPreparsedDocumentProvider.INSTANCE;

    void install(@Observes GraphQL.Builder builder) {
        PreparsedDocumentProvider previous = read(builder, "preparsedDocumentProvider");
        if (previous != null && previous != this) {
            next = previous;
        }
        Instrumentation instrumentation = read(builder, "instrumentation");
        builder.preparsedDocumentProvider(this);
        List<Instrumentation> chain = instrumentation == null ? List.of(operationMeters, executionLimits)
                : List.of(operationMeters, executionLimits, instrumentation);
        // outermost: the future graphql-java gets for the answer is the one handOver completes in order
        builder.instrumentation(new ChainedInstrumentation(chain) {
            @Override
            public CompletableFuture<graphql.ExecutionResult> instrumentExecutionResult(graphql.ExecutionResult result,
                    graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters parameters,
                    graphql.execution.instrumentation.InstrumentationState state) {
                // the final answer: its bytes are kept when its request may be (issue 21, KeptAnswers)
                return executionLimits.handOver(super.instrumentExecutionResult(result, parameters, state)
                        .thenApply(last -> keptAnswers.executed(last, parameters.getGraphQLContext())),
                        parameters.getGraphQLContext());
            }
        });
    }

    @SuppressWarnings("unchecked")
    static <T> T read(GraphQL.Builder builder, String field) {
        try {
            java.lang.reflect.Field f = GraphQL.Builder.class.getDeclaredField(field);
            f.setAccessible(true);
            return (T) f.get(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Cannot keep SmallRye GraphQL's %s (%s); it is replaced", field, e);
            return null;
        }
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return prepare(input, parseAndValidate);
        }
        // Off the event loop for parsing, costing and validation, and execution starts on that worker too: the
        // future is completed there, so graphql-java goes on on the thread that completes it. The worker is set
        // going from a task queued on the event loop, which runs only after this one (in which graphql-java
        // attaches what follows to the future) has finished: a future completed before that would run the
        // execution on the event loop, in the attaching thread.
        CompletableFuture<PreparsedDocumentEntry> prepared = new CompletableFuture<>();
        context.runOnContext(queued -> context.executeBlocking(() -> {
            PreparsedDocumentEntry entry;
            try {
                entry = prepare(input, parseAndValidate).join();
            } catch (CompletionException e) {
                prepared.completeExceptionally(e.getCause() == null ? e : e.getCause());
                return null;
            } catch (RuntimeException e) {
                prepared.completeExceptionally(e);
                return null;
            }
            prepared.complete(entry);
            return null;
        }, false));
        return prepared;
    }

    private CompletableFuture<PreparsedDocumentEntry> prepare(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        GraphQLRefusal refusal = check(input);
        if (refusal != null) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(
                    refusal.toError(messages(input.getGraphQLContext()))));
        }
        return next.getDocumentAsync(input, parseAndValidate);
    }

    /** Why {@code input} is refused, or null when it may be validated and run. */
    GraphQLRefusal check(ExecutionInput input) {
        String query = input.getQuery();
        if (query == null || query.isBlank()) {
            return null; // graphql-java answers that
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (RuntimeException e) {
            return null; // a syntax error: graphql-java reports it as it always does
        }
        ServiceGradeConfig.Graphql limits = config.graphql();
        DocumentCost.Cost cost;
        try {
            cost = DocumentCost.of(document, input.getRawVariables().toMap(), input.getOperationName(), schema());
        } catch (DocumentCost.Refusal refused) {
            return switch (refused.code) {
                case GraphQLRefusal.CONTROL_CHARACTER -> new GraphQLRefusal(refused.code,
                        m -> m.graphqlControlCharacter(refused.path));
                case GraphQLRefusal.BAD_ARGUMENT -> new GraphQLRefusal(refused.code,
                        m -> m.graphqlNullPageSize(refused.path));
                default -> new GraphQLRefusal(refused.code, ProblemMessages::graphqlFragmentsTooDeep);
            };
        }
        if (cost.fields() > limits.maxFields()) {
            return new GraphQLRefusal(GraphQLRefusal.TOO_MANY_FIELDS,
                    m -> m.graphqlTooManyFields(cost.fields(), limits.maxFields()));
        }
        if (cost.cost() > limits.maxCost()) {
            return new GraphQLRefusal(GraphQLRefusal.TOO_COSTLY,
                    m -> m.graphqlTooCostly(cost.cost(), limits.maxCost()));
        }
        if (cost.depth() > limits.maxDepth()) {
            return new GraphQLRefusal(GraphQLRefusal.TOO_DEEP, m -> m.graphqlTooDeep(cost.depth(), limits.maxDepth()));
        }
        if (cost.subscription()) {
            Object connection = input.getGraphQLContext().get(HEADERS);
            if (connection != null) {
                SubscriptionSlots.Slot slot = slots.take(connection, limits.subscriptionsPerConnection());
                if (slot == null) {
                    return new GraphQLRefusal(GraphQLRefusal.TOO_MANY_SUBSCRIPTIONS,
                            m -> m.graphqlTooManySubscriptions(limits.subscriptionsPerConnection()));
                }
                input.getGraphQLContext().put(SUBSCRIPTION_SLOT, slot);
            }
        }
        return null;
    }

    private GraphQLSchema schema() {
        return schemas.isResolvable() ? schemas.get() : null;
    }

    /** The texts in the language of the request's Accept-Language. */
    ProblemMessages messages(GraphQLContext context) {
        return languages.problemMessages(header(context, "Accept-Language"));
    }

    @SuppressWarnings("unchecked")
    static String header(GraphQLContext context, String name) {
        Object headers = context == null ? null : context.get(HEADERS);
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (name.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                    Object value = entry.getValue();
                    if (value instanceof List<?> list) {
                        return list.isEmpty() ? null : String.valueOf(list.get(0));
                    }
                    return value == null ? null : String.valueOf(value);
                }
            }
        }
        return null;
    }
}
