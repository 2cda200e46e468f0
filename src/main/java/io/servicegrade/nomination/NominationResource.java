package io.servicegrade.nomination;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.BodyFields;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Nominations and benchmark units of a scheme's period over REST (issue 18); the rules are the service's. */
@Path("/api/v1/schemes/{key}/periods/{period}")
@Tag(name = "Schemes")
@Produces(MediaType.APPLICATION_JSON)
public class NominationResource {

    @Inject
    NominationService service;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Schema(name = "NominationDecision")
    public record Decision(@Schema(description = "A note on the decision (optional when confirming)") String reason) {
    }

    @Schema(name = "NominationSubstitution")
    public record Substitution(@Schema(required = true, description = "The code of the unit put in its place")
            String unit, @Schema(required = true, description = "Why") String reason) {
    }

    @Schema(name = "NominationForwarding")
    public record Forwarding(@Schema(required = true, description = "The code of a group of a receiving level")
            String group, @Schema(required = true, description = "The service line (工种)") String serviceLine) {
    }

    @Schema(name = "BenchmarkDesignation")
    public record Designation(@Schema(required = true, description = "The service line (工种)") String serviceLine,
            @Schema(required = true, description = "The code of the unit designated") String unit,
            @Schema(description = "Why; required when it replaces the line's current benchmark unit") String reason) {
    }

    @GET
    @Path("/nominations")
    @Operation(operationId = "listNominations",
            summary = "The period's nominations (推荐) by level, group and service line, with their state")
    public Uni<List<Nomination>> list(@PathParam("key") String key, @PathParam("period") String period) {
        return Uni.createFrom().deferred(() -> service.list(current.orNull(), key, period));
    }

    @POST
    @Path("/nominations/{id}/confirm")
    @Access(Access.Level.AGENCY)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Decision.class)))
    @APIResponse(responseCode = "200", description = "The nomination",
            content = @Content(schema = @Schema(implementation = Nomination.class)))
    @APIResponse(responseCode = "409", description = "Not proposed, or the period is closed")
    @Operation(operationId = "confirmNomination",
            summary = "The group's manager confirms a proposed nomination (a reason is optional)")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Nomination> confirm(@PathParam("key") String key, @PathParam("period") String period,
            @PathParam("id") long id, byte[] body) {
        return optionalBody(body).flatMap(json -> {
            List<Violation> bad = new ArrayList<>();
            String reason = text(json, "reason", bad);
            return refused(bad).flatMap(ok -> service.confirm(current.get(), key, period, id, reason));
        });
    }

    @POST
    @Path("/nominations/{id}/substitute")
    @Access(Access.Level.AGENCY)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Substitution.class)))
    @APIResponse(responseCode = "200", description = "The nomination",
            content = @Content(schema = @Schema(implementation = Nomination.class)))
    @APIResponse(responseCode = "409", description = "Replaced, approved or forwarded already, or the period is closed")
    @Operation(operationId = "substituteNomination",
            summary = "The group's manager puts another eligible unit of the group and line in a nomination's place, "
            + "with a reason")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Nomination> substitute(@PathParam("key") String key, @PathParam("period") String period,
            @PathParam("id") long id, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(json -> {
            List<Violation> bad = new ArrayList<>();
            String unit = text(json, "unit", bad);
            String reason = text(json, "reason", bad);
            return refused(bad).flatMap(ok -> service.substitute(current.get(), key, period, id, unit, reason));
        });
    }

    @POST
    @Path("/nominations/forward")
    @Access(Access.Level.AGENCY)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Forwarding.class)))
    @APIResponse(responseCode = "200", description = "The group's nominations for the line",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Nomination.class)))
    @APIResponse(responseCode = "409", description = "The scheme makes no nominations, or the period is closed")
    @Operation(operationId = "forwardNominations",
            summary = "A receiving group's manager takes the top nominations confirmed below it for a service line; "
            + "again changes nothing")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<List<Nomination>> forward(@PathParam("key") String key, @PathParam("period") String period,
            byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(json -> {
            List<Violation> bad = new ArrayList<>();
            String group = text(json, "group", bad);
            String line = text(json, "serviceLine", bad);
            return refused(bad).flatMap(ok -> service.forward(current.get(), key, period, group, line));
        });
    }

    @POST
    @Path("/nominations/{id}/approve")
    @Access(Access.Level.PUBLISH)
    @APIResponse(responseCode = "200", description = "The nomination",
            content = @Content(schema = @Schema(implementation = Nomination.class)))
    @APIResponse(responseCode = "409", description = "Not a confirmed nomination of the last level, or the period is closed")
    @Operation(operationId = "approveNomination",
            summary = "The analyst approves a confirmed nomination of the last level")
    public Uni<Nomination> approve(@PathParam("key") String key, @PathParam("period") String period,
            @PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.approve(current.get(), key, period, id));
    }

    @GET
    @Path("/benchmarks")
    @Operation(operationId = "listBenchmarks",
            summary = "The period's benchmark units (标杆) by service line: the current one and those it replaced")
    public Uni<List<Benchmark>> benchmarks(@PathParam("key") String key, @PathParam("period") String period) {
        return Uni.createFrom().deferred(() -> service.benchmarks(current.orNull(), key, period));
    }

    @POST
    @Path("/benchmarks")
    @Access(Access.Level.PUBLISH)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Designation.class)))
    @APIResponse(responseCode = "200", description = "The line's current designation",
            content = @Content(schema = @Schema(implementation = Benchmark.class)))
    @APIResponse(responseCode = "409", description = "The period is closed")
    @Operation(operationId = "designateBenchmark",
            summary = "The analyst designates a service line's benchmark unit (a compliant unit or an approved "
            + "nominee); replacing the current one needs a reason")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Benchmark> designate(@PathParam("key") String key, @PathParam("period") String period,
            byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(json -> {
            List<Violation> bad = new ArrayList<>();
            String line = text(json, "serviceLine", bad);
            String unit = text(json, "unit", bad);
            String reason = text(json, "reason", bad);
            return refused(bad).flatMap(ok -> service.designate(current.get(), key, period, line, unit, reason));
        });
    }

    /** A confirmation's body may be left out. */
    private Uni<JsonNode> optionalBody(byte[] body) {
        return body == null || body.length == 0 ? Uni.createFrom().nullItem()
                : bodies.json(body, RequestBodies.Kind.SMALL);
    }

    private static Uni<Void> refused(List<Violation> bad) {
        return bad.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.invalid(bad));
    }

    /** A member that must be a JSON string when present (null, absent or blank: null). */
    private static String text(JsonNode body, String field, List<Violation> bad) {
        if (body == null) {
            return null;
        }
        if (!body.isObject()) {
            if (bad.isEmpty()) {
                bad.add(Violation.at("", m -> m.wrongType("object")));
            }
            return null;
        }
        // the bounds and the reason rule are the service's (NominationService): here only the type, read the one way
        return BodyFields.text(body, field, false, Integer.MAX_VALUE, InputRules.Text.MULTILINE, bad);
    }
}
