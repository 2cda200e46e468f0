package io.servicegrade.veto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.mutiny.Uni;
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

/**
 * Unit veto events over GraphQL (issue 18), the twins of {@code /api/v1/veto-events}: the same service, the same
 * refusals (a bad field is a user error at the REST body's pointer).
 */
@GraphQLApi
public class VetoEventGraphQLApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    VetoEventService service;

    @Inject
    MutationCalls calls;

    @Inject
    Problems problems;

    @Input("VetoEventInput")
    @Description("A unit veto event to propose, as POST /api/v1/veto-events takes it.")
    public record VetoEventInput(@NonNull @Description("The unit's code") String unit,
            @Description("The codes of the responsible staff units") List<String> staff,
            @NonNull @Description("media-exposure, government-criticism, safety-accident or other") String kind,
            @Description("What kind of event; required for kind other") String kindText,
            @NonNull @Description("The day it happened, e.g. 2025-05-12") String occurredOn,
            @NonNull String description,
            @Description("http(s) links to the evidence") List<String> evidence) {
    }

    @Type("VetoEventPayload")
    @Description("The veto event after the step, or why the step was refused.")
    public record Payload(@Description("The event; null when refused") VetoEventView vetoEvent,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Query("vetoEvents")
    @NonNull
    @Description("The veto events the caller may see (the admin and analysts all; a manager or inspector those of "
            + "units in scope), newest first, at most 500.")
    public Uni<List<@NonNull VetoEventView>> vetoEvents(@Description("A unit's code") String unit,
            @Description("proposed, confirmed, exemption-requested or exempted") String state,
            @Description("On or after this day") LocalDate from, @Description("Before this day") LocalDate until) {
        return calls.caller().flatMap(caller -> service.list(caller, unit, state, from, until))
                .map(events -> events.stream().map(VetoEventView::of).toList())
                .onFailure().transform(e -> problems.graphql(e, "GraphQL vetoEvents"));
    }

    @Query("vetoEvent")
    @Description("A veto event; null when there is none or it is outside the caller's scope.")
    public Uni<VetoEventView> vetoEvent(@NonNull String id) {
        Long number = number(id);
        if (number == null) {
            return Uni.createFrom().nullItem();
        }
        return calls.caller().flatMap(caller -> service.get(caller, number)).map(VetoEventView::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(e -> problems.graphql(e, "GraphQL vetoEvent"));
    }

    @Query("awardEligibility")
    @NonNull
    @Description("Whether a unit may receive awards in a scheme's period (e.g. 2025-Q2) or a year (2025), and the "
            + "confirmed, not exempted veto events that say it may not (GET /api/v1/veto-events/eligibility).")
    public Uni<VetoEventView.Eligibility> awardEligibility(@NonNull String scheme, @NonNull String period,
            @NonNull String unit) {
        return calls.caller().flatMap(caller -> service.eligibility(caller, scheme, period, unit))
                .map(VetoEventView.Eligibility::of)
                .onFailure().transform(e -> problems.graphql(e, "GraphQL awardEligibility"));
    }

    @Mutation("proposeVetoEvent")
    @NonNull
    @Description("Propose a unit veto event (the admin, an analyst, or a manager or inspector in scope); it has no "
            + "effect until confirmed.")
    public Uni<Payload> proposeVetoEvent(@NonNull VetoEventInput input) {
        ObjectNode body = JSON.createObjectNode();
        body.put("unit", input.unit());
        if (input.staff() != null) {
            com.fasterxml.jackson.databind.node.ArrayNode staff = body.putArray("staff");
            input.staff().forEach(staff::add);
        }
        body.put("kind", input.kind());
        if (input.kindText() != null) {
            body.put("kindText", input.kindText());
        }
        body.put("occurredOn", input.occurredOn());
        body.put("description", input.description());
        if (input.evidence() != null) {
            com.fasterxml.jackson.databind.node.ArrayNode evidence = body.putArray("evidence");
            input.evidence().forEach(evidence::add);
        }
        return payload(calls.caller().flatMap(caller -> service.propose(caller, body)), "GraphQL proposeVetoEvent");
    }

    @Mutation("confirmVetoEvent")
    @NonNull
    @Description("Confirm a proposed event (the admin or an analyst): it vetoes its units on the boards its "
            + "scheme's scope reaches; refused (CONFLICT) when one of those periods is closed.")
    public Uni<Payload> confirmVetoEvent(@NonNull String id) {
        return payload(calls.caller().flatMap(caller -> service.confirm(caller, existing(id))),
                "GraphQL confirmVetoEvent");
    }

    @Mutation("requestVetoExemption")
    @NonNull
    @Description("Ask for an exemption of a confirmed event on one of the scheme's grounds (by default "
            + "force-majeure, evaded-inspection, ignored-rectification, inspection-done); it vetoes until approved.")
    public Uni<Payload> requestVetoExemption(@NonNull String id, @NonNull String ground, @NonNull String reason) {
        ObjectNode body = JSON.createObjectNode().put("ground", ground).put("reason", reason);
        return payload(calls.caller().flatMap(caller -> service.requestExemption(caller, existing(id), body)),
                "GraphQL requestVetoExemption");
    }

    @Mutation("approveVetoExemption")
    @NonNull
    @Description("Approve the exemption asked for (the admin or an analyst): the event stops vetoing.")
    public Uni<Payload> approveVetoExemption(@NonNull String id) {
        return payload(calls.caller().flatMap(caller -> service.approveExemption(caller, existing(id))),
                "GraphQL approveVetoExemption");
    }

    @Mutation("declineVetoExemption")
    @NonNull
    @Description("Decline the exemption asked for (the admin or an analyst): the event keeps vetoing.")
    public Uni<Payload> declineVetoExemption(@NonNull String id) {
        return payload(calls.caller().flatMap(caller -> service.declineExemption(caller, existing(id))),
                "GraphQL declineVetoExemption");
    }

    private Uni<Payload> payload(Uni<VetoEvent> work, String what) {
        return calls.payload(work.map(event -> new Payload(VetoEventView.of(event), List.of())),
                errors -> new Payload(null, errors), what);
    }

    /** The id as a number; an id that is not one names no event (404, as REST's). */
    private static long existing(String id) {
        Long number = number(id);
        if (number == null) {
            throw ProblemException.notFound(m -> m.vetoEventNotFound(id));
        }
        return number;
    }

    private static Long number(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
