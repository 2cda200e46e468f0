package io.servicegrade.veto;

import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Unit veto events and their exemptions over REST (issue 18); the rules are {@link VetoEventService}'s. */
@Path("/api/v1/veto-events")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Veto events", description = "Unit veto events (一票否决事件) and their exemptions (免责)")
public class VetoEventResource {

    @Inject
    VetoEventService service;

    @Inject
    RequestBodies bodies;

    @Inject
    CurrentCaller current;

    /** The body of a proposed event (schema only); unknown fields are refused. */
    @Schema(name = "VetoEventRequest")
    public record VetoEventRequest(@Schema(required = true, description = "The unit's code") String unit,
            @Schema(description = "The codes of the responsible staff units") List<String> staff,
            @Schema(required = true, enumeration = {"media-exposure", "government-criticism", "safety-accident",
                    "other"}) String kind,
            @Schema(description = "What kind of event; required for kind other") String kindText,
            @Schema(required = true, description = "The day it happened, e.g. 2025-05-12") LocalDate occurredOn,
            @Schema(required = true) String description,
            @Schema(description = "http(s) links to the evidence") List<String> evidence) {
    }

    /** The body of an exemption asked for (schema only). */
    @Schema(name = "VetoExemptionRequest")
    public record ExemptionRequest(@Schema(required = true, description = "One of the scheme's exemption grounds "
            + "(by default force-majeure, evaded-inspection, ignored-rectification, inspection-done)") String ground,
            @Schema(required = true) String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VetoEventRequest.class)))
    @APIResponse(responseCode = "201", description = "The event, proposed",
            content = @Content(schema = @Schema(implementation = VetoEventView.class)))
    @Operation(operationId = "proposeVetoEvent", summary = "Propose a unit veto event (admin, analyst, or a manager "
            + "or inspector in scope); it has no effect until confirmed")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<VetoEventView> propose(byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(read -> service.propose(current.get(), read))
                .map(VetoEventView::of);
    }

    @GET
    @Operation(operationId = "listVetoEvents", summary = "The veto events the caller may see, newest first "
            + "(at most 500)")
    public Uni<List<VetoEventView>> list(
            @Parameter(description = "A unit's code: its events as the unit or a staff unit") @QueryParam("unit")
            String unit,
            @Parameter(schema = @Schema(enumeration = {"proposed", "confirmed", "exemption-requested", "exempted"}))
            @QueryParam("state") String state,
            @Parameter(description = "Events on or after this day") @QueryParam("from") String from,
            @Parameter(description = "Events before this day") @QueryParam("until") String until) {
        return service.list(current.get(), unit, state, day("from", from), day("until", until))
                .map(events -> events.stream().map(VetoEventView::of).toList());
    }

    @GET
    @Path("/eligibility")
    @APIResponse(responseCode = "200", description = "Whether the unit may receive awards",
            content = @Content(schema = @Schema(implementation = VetoEventView.Eligibility.class)))
    @Operation(operationId = "awardEligibility", summary = "Whether a unit may receive awards in a scheme's period "
            + "or a year, and the confirmed veto events that say it may not")
    public Uni<VetoEventView.Eligibility> eligibility(@QueryParam("scheme") String scheme,
            @QueryParam("period") String period, @QueryParam("unit") String unit) {
        List<io.servicegrade.platform.problem.Violation> missing = new java.util.ArrayList<>();
        for (String[] p : new String[][] {{"scheme", scheme}, {"period", period}, {"unit", unit}}) {
            if (p[1] == null || p[1].isBlank()) {
                missing.add(QueryParameters.problem(p[0], m -> m.required()));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        return service.eligibility(current.get(), scheme, period, unit).map(VetoEventView.Eligibility::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getVetoEvent")
    public Uni<VetoEventView> get(@PathParam("id") long id) {
        return service.get(current.get(), id).map(VetoEventView::of);
    }

    @POST
    @Path("/{id}/confirm")
    @APIResponse(responseCode = "200", description = "The event after the step",
            content = @Content(schema = @Schema(implementation = VetoEventView.class)))
    @APIResponse(responseCode = "409", description = "The event is not in the state this step needs, or one of "
            + "the periods it reaches is closed")
    @Operation(operationId = "confirmVetoEvent", summary = "Confirm a proposed event (admin or analyst): it vetoes "
            + "its units on the boards its scheme's scope reaches; 409 when one of those periods is closed")
    public Uni<VetoEventView> confirm(@PathParam("id") long id) {
        return service.confirm(current.get(), id).map(VetoEventView::of);
    }

    @POST
    @Path("/{id}/exemption")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExemptionRequest.class)))
    @APIResponse(responseCode = "200", description = "The event after the step",
            content = @Content(schema = @Schema(implementation = VetoEventView.class)))
    @APIResponse(responseCode = "409", description = "The event is not in the state this step needs")
    @Operation(operationId = "requestVetoExemption", summary = "Ask for an exemption of a confirmed event on one of "
            + "the scheme's grounds; the event vetoes until the exemption is approved")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<VetoEventView> requestExemption(@PathParam("id") long id, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL)
                .flatMap(read -> service.requestExemption(current.get(), id, read)).map(VetoEventView::of);
    }

    @POST
    @Path("/{id}/exemption/approve")
    @APIResponse(responseCode = "200", description = "The event after the step",
            content = @Content(schema = @Schema(implementation = VetoEventView.class)))
    @APIResponse(responseCode = "409", description = "The event is not in the state this step needs, or one of "
            + "the periods it reaches is closed")
    @Operation(operationId = "approveVetoExemption", summary = "Approve the exemption asked for (admin or analyst): "
            + "the event stops vetoing; 409 when one of its periods is closed")
    public Uni<VetoEventView> approveExemption(@PathParam("id") long id) {
        return service.approveExemption(current.get(), id).map(VetoEventView::of);
    }

    @POST
    @Path("/{id}/exemption/decline")
    @APIResponse(responseCode = "200", description = "The event after the step",
            content = @Content(schema = @Schema(implementation = VetoEventView.class)))
    @APIResponse(responseCode = "409", description = "The event is not in the state this step needs")
    @Operation(operationId = "declineVetoExemption", summary = "Decline the exemption asked for (admin or analyst): "
            + "the event is confirmed again and keeps vetoing")
    public Uni<VetoEventView> declineExemption(@PathParam("id") long id) {
        return service.declineExemption(current.get(), id).map(VetoEventView::of);
    }

    private static LocalDate day(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(List.of(QueryParameters.problem(name, m -> m.vetoDateFormat())));
        }
    }
}
