package io.servicegrade.rubric;

import io.servicegrade.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

/** Rubrics over GraphQL, with names in the language asked for ({@code zh-CN} or {@code en}). */
@GraphQLApi
public class RubricGraphQLApi {

    @Inject
    RubricService service;

    @Query("rubric")
    @Description("A rubric at a version (the latest when absent), or null.")
    public Uni<RubricView> rubric(@NonNull String key, Integer version,
            @Description("zh-CN or en") @DefaultValue("en") String lang) {
        return service.resolve(key, version).map(v -> RubricView.of(v.version(), lang))
                .onFailure(ProblemException.class).recoverWithNull();
    }

    /** node(id:) for a rubric: a version of it, in a language. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Kind implements io.servicegrade.platform.graphql.NodeKind {

        @Inject
        RubricService service;

        @Override
        public String type() {
            return "Rubric";
        }

        @Override
        public Uni<RubricView> fetch(List<String> parts) {
            return io.servicegrade.platform.graphql.NodeKind.versioned(parts, (key, version, lang) ->
                    service.resolve(key, version).map(v -> RubricView.of(v.version(), lang)));
        }
    }

    @Query("rubrics")
    @NonNull
    @Description("Every rubric at its latest version.")
    public Uni<List<@NonNull RubricView>> rubrics(@Description("zh-CN or en") @DefaultValue("en") String lang) {
        return service.latestOfEach().map(all -> all.stream().map(v -> RubricView.of(v.version(), lang)).toList());
    }
}
