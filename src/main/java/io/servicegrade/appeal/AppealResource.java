package io.servicegrade.appeal;

import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Appeals over REST (issue 18): file one, decide one, read them, and the counts per agency. */
@Path("/api/v1/appeals")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Appeals", description = "Appeals (申诉) in a published period's objection window, and their decisions")
public class AppealResource {

    @Inject
    AppealService service;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    Transactions transactions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppealView.Filing.class)))
    @APIResponse(responseCode = "201", description = "The appeal, filed",
            content = @Content(schema = @Schema(implementation = AppealView.class)))
    @APIResponse(responseCode = "403", description = "Not a manager (or the admin), or the unit is outside the "
            + "manager's scope")
    @APIResponse(responseCode = "409", description = "Outside the period's objection window: not published yet, "
            + "the window over, or the period closed")
    @Operation(operationId = "fileAppeal", summary = "File an appeal against an evaluation or a unit's standing "
            + "(a manager for units in scope, or the admin), within the period's objection window")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> file(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.file(caller, read)))
                .map(view -> Response.status(201).entity(AppealView.of(view)).build());
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppealView.Decision.class)))
    @APIResponse(responseCode = "200", description = "The appeal, decided",
            content = @Content(schema = @Schema(implementation = AppealView.class)))
    @APIResponse(responseCode = "403", description = "Not an analyst or the admin")
    @APIResponse(responseCode = "404", description = "No such appeal")
    @APIResponse(responseCode = "409", description = "Decided already, or its period is closed")
    @Operation(operationId = "decideAppeal", summary = "Uphold or reject an appeal, with a reason (analyst or "
            + "admin); an upheld appeal against an evaluation applies its revision or void in the same transaction")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<AppealView> decide(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.decide(caller, id, read)))
                .map(AppealView::of);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The appeal",
            content = @Content(schema = @Schema(implementation = AppealView.class)))
    @APIResponse(responseCode = "404", description = "No such appeal (or outside the caller's scope)")
    @Operation(operationId = "getAppeal", summary = "An appeal, its state and deadline")
    public Uni<AppealView> get(@PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.read(current.get(), id)).map(AppealView::of);
    }

    @GET
    @APIResponse(responseCode = "200", description = "The appeals, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AppealView.class)))
    @Operation(operationId = "listAppeals", summary = "Appeals the caller may see (a manager: its scope's; an "
            + "analyst or the admin: all), newest first")
    public Uni<List<AppealView>> list(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @Parameter(schema = @Schema(enumeration = {"filed", "upheld", "rejected"}))
            @QueryParam("state") String state,
            @Parameter(description = "A unit's code: its appeals and those of the units below it")
            @QueryParam("unit") String unit,
            @Parameter(description = "At most this many (1 to 500, default 100)")
            @QueryParam("limit") Integer limit) {
        return Uni.createFrom().deferred(() -> service.list(current.get(), scheme, period, state, unit, limit))
                .map(all -> all.stream().map(AppealView::of).toList());
    }

    @GET
    @Path("/agencies")
    @APIResponse(responseCode = "200", description = "Per period and agency, newest period first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AppealView.AgencyCount.class)))
    @Operation(operationId = "appealsByAgency", summary = "Appeals against each agency's evaluations and the share "
            + "upheld, per period of a scheme (analyst or admin): a measure of the agency's quality")
    public Uni<List<AppealView.AgencyCount>> agencies(
            @Parameter(required = true) @QueryParam("scheme") String scheme,
            @Parameter(description = "One period; every period by default") @QueryParam("period") String period) {
        return Uni.createFrom().deferred(() -> service.agencyCounts(current.get(), scheme, period))
                .map(all -> all.stream().map(AppealView.AgencyCount::of).toList());
    }
}
