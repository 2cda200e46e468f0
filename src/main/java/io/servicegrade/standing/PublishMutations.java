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
 * A period's lifecycle over GraphQL (issue 18): publishing, closing and reopening, the twins of
 * {@code POST /api/v1/schemes/{key}/periods/{period}/publish}, {@code …/close} and {@code …/reopen}.
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

    @Mutation("closePeriod")
    @NonNull
    @Description("Close a published period whose objection window is over: its boards are frozen as they stand (tree, "
            + "values, ranks, grades, group figures), and writes that would change it are refused (CONFLICT, problem "
            + "type period-closed) until an administrator reopens it; closing again changes nothing (REST: POST "
            + "/api/v1/schemes/{key}/periods/{period}/close). Needs the admin or an analyst.")
    public Uni<PublishPayload> closePeriod(@NonNull String scheme,
            @NonNull @Description("e.g. 2025-Q3") String period) {
        return calls.payload(calls.publisher()
                .flatMap(caller -> standings.close(scheme, period, caller.actor()))
                .map(state -> new PublishPayload(PeriodNode.of(scheme, state), List.of())),
                errors -> new PublishPayload(null, errors), "GraphQL closePeriod");
    }

    @Mutation("reopenPeriod")
    @NonNull
    @Description("Reopen a closed period, with a reason: its closing stays on record with who reopened it and why, "
            + "and its boards are live again until it is closed anew (REST: POST "
            + "/api/v1/schemes/{key}/periods/{period}/reopen). Needs the admin.")
    public Uni<PublishPayload> reopenPeriod(@NonNull String scheme,
            @NonNull @Description("e.g. 2025-Q3") String period,
            @NonNull @Description("Why it is reopened (up to 2000 characters)") String reason) {
        return calls.payload(calls.admin().flatMap(caller -> {
            List<io.servicegrade.platform.problem.Violation> problems = new java.util.ArrayList<>();
            io.servicegrade.platform.json.Reasons.required(reason, "/reason", problems);
            if (!problems.isEmpty()) {
                return Uni.createFrom().<StandingService.PeriodState>failure(
                        io.servicegrade.platform.problem.ProblemException.invalid(problems));
            }
            return standings.reopen(scheme, period, caller.actor(), reason);
        }).map(state -> new PublishPayload(PeriodNode.of(scheme, state), List.of())),
                errors -> new PublishPayload(null, errors), "GraphQL reopenPeriod");
    }
}
