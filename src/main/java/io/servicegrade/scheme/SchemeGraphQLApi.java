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

    @Query("scheme")
    @Description("A scheme at its latest version, or null.")
    public Uni<SchemeNode> scheme(@NonNull String key, @DefaultValue("en") String lang) {
        return schemes.latest(key).map(v -> SchemeNode.of(v, lang)).onFailure(ProblemException.class)
                .recoverWithNull();
    }
}
