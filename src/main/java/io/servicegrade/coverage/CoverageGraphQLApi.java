package io.servicegrade.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Inspection coverage over GraphQL (issue 19), the twins of {@code /api/v1/coverage}: the same service, the same
 * refusals (a bad field of a plan is a user error at the REST body's pointer).
 */
@GraphQLApi
public class CoverageGraphQLApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CoverageService service;

    @Inject
    MutationCalls calls;

    @Inject
    Problems problems;

    @Inject
    CoverageChanges changes;

    @Input("CoverageSelectionInput")
    @Description("Which active units a plan selects; empty or absent lists select every unit.")
    public record SelectionInput(List<String> kinds, List<String> areas, List<String> tags,
            List<String> serviceLines) {
    }

    @Input("CoverageInspectorsInput")
    @Description("The inspectors a plan's duty rate expects: accounts by login, agencies by code.")
    public record InspectorsInput(List<String> accounts, List<String> agencies) {
    }

    @Input("CoveragePlanInput")
    @Description("A coverage plan, as PUT /api/v1/coverage/plans/{key} takes it.")
    public record PlanInput(@NonNull String nameZh, @NonNull String nameEn, SelectionInput selection,
            @NonNull @Description("The evaluation source that covers a unit") String source,
            @Description("Months per interval: 1, 2, 3, 4, 6 or 12") int everyMonths,
            @NonNull @Description("e.g. 2025-01-01") String activeFrom, String activeTo,
            InspectorsInput inspectors, Integer dutyMinimum) {
    }

    @Type("CoveragePlanPayload")
    @Description("The plan after the change, or why it was refused.")
    public record Payload(@Description("The plan; null when refused") CoverageView.Plan plan,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Query("coveragePlans")
    @NonNull
    @Description("The coverage plans in force, by key.")
    public Uni<List<CoverageView.@NonNull Plan>> coveragePlans() {
        return calls.caller().flatMap(service::plans)
                .map(plans -> plans.stream().map(CoverageView.Plan::of).toList())
                .onFailure().transform(e -> problems.graphql(e, "GraphQL coveragePlans"));
    }

    @Query("coverage")
    @NonNull
    @Description("Per selected unit and interval: covered or not (GET /api/v1/coverage). A period id (2025-Q2) or "
            + "the days from and to.")
    public Uni<List<CoverageView.@NonNull UnitCoverage>> coverage(String plan, String unit, LocalDate from,
            LocalDate to, String period) {
        return calls.caller().flatMap(caller -> service.coverage(caller, plan, unit, range(period, from, to)))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL coverage"));
    }

    @Query("coverageOverdue")
    @NonNull
    @Description("The units whose inspection is overdue on a day (default today), GET /api/v1/coverage/overdue.")
    public Uni<List<CoverageView.@NonNull Overdue>> coverageOverdue(String plan, String unit, LocalDate at) {
        return calls.caller().flatMap(caller -> service.standing(caller, plan, unit, at))
                .map(CoverageService.Standing::overdue)
                .onFailure().transform(e -> problems.graphql(e, "GraphQL coverageOverdue"));
    }

    @Query("neverInspected")
    @NonNull
    @Description("Selected units that no evaluation of the plan's source ever named, up to a day (default today).")
    public Uni<List<CoverageView.@NonNull NeverInspected>> neverInspected(String plan, String unit, LocalDate at) {
        return calls.caller().flatMap(caller -> service.standing(caller, plan, unit, at))
                .map(CoverageService.Standing::neverInspected)
                .onFailure().transform(e -> problems.graphql(e, "GraphQL neverInspected"));
    }

    @Query("coverageRates")
    @NonNull
    @Description("Coverage rates per group (units of the kind level and their subtrees) with each plan's total.")
    public Uni<List<CoverageView.@NonNull Rate>> coverageRates(String plan, String unit, String level,
            LocalDate from, LocalDate to, String period) {
        return calls.caller().flatMap(caller -> service.rates(caller, plan, unit,
                        level == null || level.isBlank() ? null : level.strip(), range(period, from, to)))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL coverageRates"));
    }

    @Query("dutyRates")
    @NonNull
    @Description("The inspectors' duty rates (履职频次达标率) per plan, with each plan's total.")
    public Uni<List<CoverageView.@NonNull Duty>> dutyRates(String plan, String unit, LocalDate from, LocalDate to,
            String period) {
        return calls.caller().flatMap(caller -> service.duty(caller, plan, unit, range(period, from, to)))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL dutyRates"));
    }

    @Mutation("putCoveragePlan")
    @NonNull
    @Description("Store a coverage plan as a new version (the admin and analysts).")
    public Uni<Payload> putCoveragePlan(@NonNull String key, @NonNull PlanInput input) {
        ObjectNode body = JSON.createObjectNode();
        body.put("nameZh", input.nameZh()).put("nameEn", input.nameEn()).put("source", input.source())
                .put("everyMonths", input.everyMonths()).put("activeFrom", input.activeFrom());
        if (input.activeTo() != null) {
            body.put("activeTo", input.activeTo());
        }
        if (input.selection() != null) {
            ObjectNode selection = body.putObject("selection");
            list(selection, "kinds", input.selection().kinds());
            list(selection, "areas", input.selection().areas());
            list(selection, "tags", input.selection().tags());
            list(selection, "serviceLines", input.selection().serviceLines());
        }
        if (input.inspectors() != null) {
            ObjectNode inspectors = body.putObject("inspectors");
            list(inspectors, "accounts", input.inspectors().accounts());
            list(inspectors, "agencies", input.inspectors().agencies());
        }
        if (input.dutyMinimum() != null) {
            body.put("dutyMinimum", input.dutyMinimum());
        }
        return payload(calls.caller().flatMap(caller -> service.put(caller, key, body)), "GraphQL putCoveragePlan");
    }

    @Mutation("deleteCoveragePlan")
    @NonNull
    @Description("Delete a coverage plan (the admin and analysts): no longer in force, its versions kept.")
    public Uni<Payload> deleteCoveragePlan(@NonNull String key) {
        return payload(calls.caller().flatMap(caller -> service.delete(caller, key)), "GraphQL deleteCoveragePlan");
    }

    @Subscription("coverageChanges")
    @Description("Unit-intervals whose kept coverage changes (covered, uncovered by a void, ended uncovered, plan "
            + "changed), whichever instance the change came through: of one plan (or any), under one unit (or "
            + "anywhere), each one the caller may read (a manager: its scope's).")
    public Multi<CoverageView.Change> coverageChanges(String plan, String unit) {
        return calls.caller().flatMap(caller -> {
            if (caller == null) {
                throw io.servicegrade.platform.security.Scope.forbidden();
            }
            return service.listening(caller, plan, unit);
        }).onFailure().transform(e -> problems.graphql(e, "GraphQL coverageChanges")).toMulti()
                .flatMap(listening -> changes.stream()
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().transformToUniAndConcatenate(c -> service.announced(listening, c)
                                .map(Optional::ofNullable)
                                // a change that cannot be read is not passed on: nothing leaks on a guess
                                .onFailure().recoverWithItem(Optional.empty()))
                        .filter(Optional::isPresent).map(Optional::get));
    }

    private static void list(ObjectNode node, String field, List<String> items) {
        if (items != null) {
            var array = node.putArray(field);
            items.forEach(array::add);
        }
    }

    private CoverageService.Range range(String period, LocalDate from, LocalDate to) {
        return service.range(period, from == null ? null : from.toString(), to == null ? null : to.toString());
    }

    private Uni<Payload> payload(Uni<CoveragePlan> work, String what) {
        return calls.payload(work.map(plan -> new Payload(CoverageView.Plan.of(plan), List.of())),
                errors -> new Payload(null, errors), what);
    }
}
