package io.servicegrade.platform.graphql;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * SmallRye GraphQL's own instrumentation, trimmed before {@link GraphQLLimits} and {@link GraphQLErrors} wrap it
 * (this observer runs first): graphql-java's {@link MaxQueryComplexityInstrumentation}
 * ({@code quarkus.smallrye-graphql.instrumentation-query-complexity}) walks the whole operation again, field by
 * field, on every request, to count its fields (each counts 1). {@link DocumentCost} has already counted them, every
 * fragment spread and alias included, before validation: when {@code servicegrade.graphql.max-fields} is no more
 * than SmallRye's limit, no document that passes it can exceed SmallRye's, and the second walk is left out (issue
 * 21). With a larger {@code max-fields} it stays. What remains of SmallRye's chain (its parsed-document cache) is
 * installed on its own, so each field's instrumentation calls pass through one chain fewer.
 */
@ApplicationScoped
public class SmallRyeInstrumentation {

    @Inject
    ServiceGradeConfig config;

    @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-complexity")
    Optional<Integer> complexity;

    void trim(@Observes @Priority(1) GraphQL.Builder builder) {
        Instrumentation instrumentation = GraphQLLimits.read(builder, "instrumentation");
        if (instrumentation instanceof ChainedInstrumentation chain) {
            List<Instrumentation> kept = kept(chain.getInstrumentations());
            builder.instrumentation(kept.size() == 1 ? kept.get(0) : new ChainedInstrumentation(kept));
        }
    }

    /** {@code instrumentations} without the complexity walk when {@link DocumentCost}'s count covers it. */
    List<Instrumentation> kept(List<Instrumentation> instrumentations) {
        boolean covered = complexity.isPresent() && config.graphql().maxFields() <= complexity.get();
        List<Instrumentation> kept = instrumentations.stream()
                .filter(i -> !(covered && i instanceof MaxQueryComplexityInstrumentation)).toList();
        return kept.isEmpty() ? List.of(SimplePerformantInstrumentation.INSTANCE) : kept;
    }
}
