package io.servicegrade.platform.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.vertx.core.Context;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test-only: notes on which thread graphql-java fetches each field of an operation whose name starts with
 * {@value #PREFIX} (every other operation passes untouched). Installed into graphql-java's builder before
 * {@link GraphQLLimits}, which keeps it in its chain, as it keeps whatever else is there.
 */
@ApplicationScoped
public class ExecutionThreadProbe implements Instrumentation {

    static final String PREFIX = "ThreadProbe";

    /** One field fetched: its path, the thread that fetched it, and whether that was an event-loop thread. */
    record Fetch(String path, String thread, boolean onEventLoop) {
    }

    private final Map<String, Queue<Fetch>> seen = new ConcurrentHashMap<>();

    void install(@Observes @Priority(1) GraphQL.Builder builder) {
        Instrumentation previous = GraphQLLimits.read(builder, "instrumentation");
        builder.instrumentation(previous == null ? this : new ChainedInstrumentation(List.of(previous, this)));
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        String operation = parameters.getExecutionContext().getOperationDefinition().getName();
        if (operation == null || !operation.startsWith(PREFIX)) {
            return fetcher;
        }
        String path = parameters.getEnvironment().getExecutionStepInfo().getPath().toString();
        return environment -> {
            seen.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(new Fetch(path,
                    Thread.currentThread().getName(), Context.isOnEventLoopThread()));
            return fetcher.get(environment);
        };
    }

    /** The fields fetched so far for the operation of this name. */
    List<Fetch> fetches(String operation) {
        return List.copyOf(seen.getOrDefault(operation, new ConcurrentLinkedQueue<>()));
    }
}
