package io.servicegrade.platform.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H1: a GraphQL document is parsed, costed and validated on a worker thread, and its execution goes on on the
 * event loop it came from (the resolvers are non-blocking): a document that is slow to validate holds up no other
 * request that loop serves.
 */
@QuarkusTest
class GraphQLOffTheEventLoopTest {

    @Inject
    GraphQLLimits limits;

    @Inject
    Vertx vertx;

    /** H1: parsing and validation asked for on the event loop run on a worker; execution resumes on the loop. */
    @Test
    void parsingAndValidationRunOnAWorkerAndExecutionResumesOnTheEventLoop() throws Exception {
        // unique, so that no cached document stands in for parsing
        String query = "{ __typename } # " + UUID.randomUUID();
        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            boolean askedOnLoop = Context.isOnEventLoopThread();
            boolean[] validatedOnLoop = {true};
            limits.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
                validatedOnLoop[0] = Context.isOnEventLoopThread();
                return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
            }).whenComplete((entry, failure) -> {
                if (failure != null) {
                    seen.completeExceptionally(failure);
                } else {
                    seen.complete(new boolean[] {askedOnLoop, validatedOnLoop[0], Context.isOnEventLoopThread()});
                }
            });
        });
        boolean[] observed = seen.get(30, TimeUnit.SECONDS);
        assertThat(observed[0]).as("asked for on the event loop").isTrue();
        assertThat(observed[1]).as("parsed and validated on the event loop").isFalse();
        assertThat(observed[2]).as("execution resumes on the event loop").isTrue();
    }
}
