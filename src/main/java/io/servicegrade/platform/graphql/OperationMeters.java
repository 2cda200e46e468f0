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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
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
 *
 * <p>Each execution is also a span of the trace it runs in (its HTTP request's, or its WebSocket connection's),
 * named as OpenTelemetry's GraphQL conventions say ({@code query TracedProbe}, {@code subscription}) with
 * {@code graphql.operation.type} and {@code graphql.operation.name}. The span is not made the current context:
 * a WebSocket connection's operations run at once on one Vert.x context, and a span made current there would be
 * every one's parent. SmallRye GraphQL's own tracing is off ({@code quarkus.smallrye-graphql.tracing.enabled}): it
 * keys its spans by an execution id read from a context object that operations on one thread share, and a
 * subscription's end could close another's scope and fail before its answer was written (the subscription then
 * never started and kept its place on the connection).
 */
@ApplicationScoped
public class OperationMeters extends SimplePerformantInstrumentation {

    /** How many distinct operation names an instance labels before the rest are {@code other}. */
    static final int NAMES = 100;

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    /** One execution's start, its span and, once known, its operation's type and name. */
    static final class Operation implements InstrumentationState {
        final long started = System.nanoTime();
        final Span span;
        volatile String type = "unknown";
        volatile String name;

        Operation(Span span) {
            this.span = span;
        }

        /** The type and name of the operation the document defines. */
        void of(OperationDefinition definition) {
            type = definition.getOperation().name().toLowerCase(Locale.ROOT);
            name = definition.getName();
            span.setAttribute("graphql.operation.type", type);
            if (name != null) {
                span.setAttribute("graphql.operation.name", name);
            }
            span.updateName(name == null ? type : type + " " + name);
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Operation(tracer.spanBuilder("GraphQL Operation").setSpanKind(SpanKind.INTERNAL).startSpan());
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
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            String outcome = failure != null ? "failed" : result.getErrors().isEmpty() ? "ok" : "errors";
            Timer.builder("servicegrade.graphql.operations")
                    .description("GraphQL operations executed, by name, type and outcome (ok, errors, failed)")
                    .tag("operation", label(operation.name))
                    .tag("type", operation.type)
                    .tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - operation.started, TimeUnit.NANOSECONDS);
            ended(operation.span, outcome, failure);
        });
    }

    /**
     * The operation's span, ended with its outcome: an answer with errors (a refused or invalid document, a user
     * error) is the client's matter and the span stays unset, as an HTTP server span of a 4xx does; an execution that
     * failed is an error of the server's.
     */
    private static void ended(Span span, String outcome, Throwable failure) {
        span.setAttribute("servicegrade.graphql.outcome", outcome);
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
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
