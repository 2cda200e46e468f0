package io.servicegrade.platform.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * GraphQL operations executed, by name, type and outcome, with their time (issue 22):
 * {@code servicegrade_graphql_operations_seconds}. An answer given from memory ({@link KeptAnswers}) is not executed
 * and is counted by its cache ({@code cache_gets_total{cache="graphql.answers"}}). Operation names are the clients'
 * choice, so the label is bounded: the first {@value #NAMES} distinct names this instance sees are kept as they
 * are, later ones are {@code other}; a request without one is {@code anonymous}.
 */
@ApplicationScoped
public class OperationMeters extends SimplePerformantInstrumentation {

    /** How many distinct operation names an instance labels before the rest are {@code other}. */
    static final int NAMES = 100;

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    @Inject
    MeterRegistry registry;

    /** One execution's start and, once known, its operation's type. */
    static final class Operation implements InstrumentationState {
        final long started = System.nanoTime();
        volatile String type = "unknown";
        volatile String name;

        /** The type and name of the operation the document defines. */
        void of(OperationDefinition definition) {
            type = definition.getOperation().name().toLowerCase(Locale.ROOT);
            name = definition.getName();
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Operation();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Operation operation) {
            // the name in the document, which a client need not repeat as operationName
            operation.of(parameters.getExecutionContext().getOperationDefinition());
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** The operation a document names, known once it is parsed: a document refused by validation has its name. */
    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(
            InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        if (state instanceof Operation operation && parameters.getDocument() != null) {
            List<OperationDefinition> operations = parameters.getDocument()
                    .getDefinitionsOfType(OperationDefinition.class);
            String asked = parameters.getOperation();
            operations.stream().filter(o -> asked == null ? operations.size() == 1 : asked.equals(o.getName()))
                    .findFirst().ifPresent(operation::of);
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (!(state instanceof Operation operation)) {
            return SimpleInstrumentationContext.noOp();
        }
        operation.name = parameters.getOperation();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> Timer
                .builder("servicegrade.graphql.operations")
                .description("GraphQL operations executed, by name, type and outcome (ok, errors, failed)")
                .tag("operation", label(operation.name))
                .tag("type", operation.type)
                .tag("outcome", failure != null ? "failed" : result.getErrors().isEmpty() ? "ok" : "errors")
                .register(registry).record(System.nanoTime() - operation.started, TimeUnit.NANOSECONDS));
    }

    /** The label of an operation name: itself while there is room, else {@code other}. */
    String label(String operation) {
        if (operation == null || operation.isEmpty()) {
            return "anonymous";
        }
        if (!NAME.matcher(operation).matches()) {
            return "other";
        }
        if (names.contains(operation)) {
            return operation;
        }
        synchronized (names) {
            if (names.size() < NAMES) {
                names.add(operation);
                return operation;
            }
        }
        return "other";
    }
}
