package io.servicegrade.nomination;

import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

/** Nominations and benchmark units over GraphQL (issue 18), the twins of {@link NominationResource}. */
@GraphQLApi
public class NominationGraphQLApi {

    @Inject
    NominationService service;

    @Inject
    MutationCalls calls;

    @Inject
    Problems problems;

    @Type("NominationPayload")
    @Description("The nomination as the mutation left it, or why it was refused.")
    public record NominationPayload(@Description("Null when refused.") Nomination nomination,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("ForwardNominationsPayload")
    @Description("The receiving group's nominations for the service line, or why they were refused.")
    public record ForwardPayload(@Description("Null when refused.") List<@NonNull Nomination> nominations,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("BenchmarkPayload")
    @Description("The line's benchmark unit designation, or why it was refused.")
    public record BenchmarkPayload(@Description("Null when refused.") Benchmark benchmark,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Query("nominations")
    @NonNull
    @Description("A period's nominations (推荐) by level, group and service line, with their state (REST: GET "
            + "/api/v1/schemes/{key}/periods/{period}/nominations). Read like the boards.")
    public Uni<List<@NonNull Nomination>> nominations(@NonNull String scheme, @NonNull String period) {
        return calls.optionalCaller().flatMap(caller -> service.list(caller, scheme, period))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL nominations"));
    }

    @Query("benchmarks")
    @NonNull
    @Description("A period's benchmark units (标杆) by service line, the current ones and those they replaced.")
    public Uni<List<@NonNull Benchmark>> benchmarks(@NonNull String scheme, @NonNull String period) {
        return calls.optionalCaller().flatMap(caller -> service.benchmarks(caller, scheme, period))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL benchmarks"));
    }

    @Mutation("confirmNomination")
    @NonNull
    @Description("The group's manager (or the admin) confirms a proposed nomination; the reason is an optional note.")
    public Uni<NominationPayload> confirmNomination(@NonNull String scheme, @NonNull String period, long nomination,
            String reason) {
        return calls.payload(calls.caller().flatMap(caller -> service.confirm(caller, scheme, period, nomination,
                reason)).map(n -> new NominationPayload(n, List.of())),
                errors -> new NominationPayload(null, errors), "GraphQL confirmNomination");
    }

    @Mutation("substituteNomination")
    @NonNull
    @Description("The group's manager (or the admin) puts another eligible unit of the group and service line in a "
            + "nomination's place, with a reason; the replaced row is kept.")
    public Uni<NominationPayload> substituteNomination(@NonNull String scheme, @NonNull String period,
            long nomination, @NonNull String unit, @NonNull String reason) {
        return calls.payload(calls.caller().flatMap(caller -> service.substitute(caller, scheme, period, nomination,
                unit, reason)).map(n -> new NominationPayload(n, List.of())),
                errors -> new NominationPayload(null, errors), "GraphQL substituteNomination");
    }

    @Mutation("forwardNominations")
    @NonNull
    @Description("A receiving group's manager (or the admin) takes the top nominations confirmed below it for a "
            + "service line; forwarding again changes nothing.")
    public Uni<ForwardPayload> forwardNominations(@NonNull String scheme, @NonNull String period,
            @NonNull String group, @NonNull String serviceLine) {
        return calls.payload(calls.caller().flatMap(caller -> service.forward(caller, scheme, period, group,
                serviceLine)).map(n -> new ForwardPayload(n, List.of())),
                errors -> new ForwardPayload(null, errors), "GraphQL forwardNominations");
    }

    @Mutation("approveNomination")
    @NonNull
    @Description("The analyst (or the admin) approves a confirmed nomination of the last level.")
    public Uni<NominationPayload> approveNomination(@NonNull String scheme, @NonNull String period,
            long nomination) {
        return calls.payload(calls.publisher().flatMap(caller -> service.approve(caller, scheme, period,
                nomination)).map(n -> new NominationPayload(n, List.of())),
                errors -> new NominationPayload(null, errors), "GraphQL approveNomination");
    }

    @Mutation("designateBenchmark")
    @NonNull
    @Description("The analyst (or the admin) designates a service line's benchmark unit (标杆): a compliant unit or "
            + "an approved nominee; replacing the current one needs a reason.")
    public Uni<BenchmarkPayload> designateBenchmark(@NonNull String scheme, @NonNull String period,
            @NonNull String serviceLine, @NonNull String unit, String reason) {
        return calls.payload(calls.publisher().flatMap(caller -> service.designate(caller, scheme, period,
                serviceLine, unit, reason)).map(b -> new BenchmarkPayload(b, List.of())),
                errors -> new BenchmarkPayload(null, errors), "GraphQL designateBenchmark");
    }
}
