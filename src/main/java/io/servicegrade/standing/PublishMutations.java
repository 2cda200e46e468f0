package io.servicegrade.standing;

import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

/**
 * Publishing a period over GraphQL, the twin of {@code POST /api/v1/schemes/{key}/periods/{period}/publish}:
 * {@link StandingService#publish}, for the admin.
 */
@GraphQLApi
public class PublishMutations {

    @Inject
    StandingService standings;

    @Inject
    MutationCalls calls;

    @Type("PublishPeriodPayload")
    @Description("The published period, or why it was not published.")
    public record PublishPayload(@Description("The period, published; null when refused.") PeriodNode period,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("publishPeriod")
    @NonNull
    @Description("Publish a period's standings: it keeps the scheme version that computes it now, whatever "
            + "versions come later; publishing again changes nothing (REST: POST "
            + "/api/v1/schemes/{key}/periods/{period}/publish). Needs the admin or an analyst.")
    public Uni<PublishPayload> publishPeriod(@NonNull String scheme,
            @NonNull @Description("e.g. 2025-Q3") String period) {
        return calls.payload(calls.publisher()
                .flatMap(admin -> standings.publish(scheme, period))
                .map(state -> new PublishPayload(PeriodNode.of(scheme, state), List.of())),
                errors -> new PublishPayload(null, errors), "GraphQL publishPeriod");
    }
}
