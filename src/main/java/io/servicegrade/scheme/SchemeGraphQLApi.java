package io.servicegrade.scheme;

import io.servicegrade.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

/** Schemes over GraphQL (a scheme's periods and standings: standing/StandingGraphQLApi). */
@GraphQLApi
public class SchemeGraphQLApi {

    @Inject
    SchemeService schemes;

    @Query("schemes")
    @NonNull
    @Description("Every scheme at its latest version.")
    public Uni<List<@NonNull SchemeNode>> schemes(@DefaultValue("en") String lang) {
        return schemes.latestOfEach().map(all -> all.stream().map(v -> SchemeNode.of(v, lang)).toList());
    }

    /** node(id:) for a scheme: a version of it, in a language. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Kind implements io.servicegrade.platform.graphql.NodeKind {

        @Inject
        SchemeService schemes;

        @Override
        public String type() {
            return "Scheme";
        }

        @Override
        public Uni<SchemeNode> fetch(List<String> parts) {
            return io.servicegrade.platform.graphql.NodeKind.versioned(parts, (key, version, lang) ->
                    schemes.version(key, version).map(v -> SchemeNode.of(v, lang)));
        }
    }

    @Query("scheme")
    @Description("A scheme at its latest version, or null.")
    public Uni<SchemeNode> scheme(@NonNull String key, @DefaultValue("en") String lang) {
        return schemes.latest(key).map(v -> SchemeNode.of(v, lang)).onFailure(ProblemException.class)
                .recoverWithNull();
    }
}
