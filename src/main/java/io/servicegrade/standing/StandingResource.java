package io.servicegrade.standing;

import io.smallrye.mutiny.Uni;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.platform.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scheme's standings over REST: its boards, its periods, publishing one, and an admin's full recompute. */
@Path("/api/v1/schemes")
@Tag(name = "Schemes")
public class StandingResource {

    @Inject
    BoardAccess access;

    @Inject
    io.servicegrade.platform.security.CurrentCaller current;

    @Inject
    StandingService standings;

    @Inject
    io.servicegrade.platform.json.RequestBodies bodies;

    @Inject
    StandingExport export;

    @Inject
    io.servicegrade.platform.http.PageGate pages;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    SchemeService schemes;

    @Inject
    io.servicegrade.unit.UnitService units;

    @POST
    @Path("/{key}/recompute")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Recomputed",
            content = @Content(schema = @Schema(implementation = StandingsSchema.Recomputed.class)))
    @Operation(operationId = "recomputeStandings",
            summary = "Rebuild the scheme's prepared standings inputs from the raw evaluations (admin)")
    public Uni<Map<String, Object>> recompute(@PathParam("key") String key) {
        return schemes.rebuild(key).map(done -> Map.of("scheme", key, "recomputed", true));
    }

    @GET
    @Path("/{key}/periods")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The periods, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = StandingsSchema.Period.class)))
    @Operation(operationId = "listPeriods",
            summary = "The periods with standings, newest first, and the scheme version each published one keeps")
    public Uni<List<Map<String, Object>>> periods(@PathParam("key") String key) {
        try {
            // issue 16: a period's state and revision are the boards' own: closed boards close them too
            access.scope(current.orNull());
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return standings.periods(key).map(all -> all.stream().map(StandingResource::period).toList());
    }

    @POST
    @Path("/{key}/periods/{period}/publish")
    @io.servicegrade.platform.security.Access(io.servicegrade.platform.security.Access.Level.PUBLISH)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The period, published",
            content = @Content(schema = @Schema(implementation = StandingsSchema.Period.class)))
    @Operation(operationId = "publishPeriod",
            summary = "Publish a period's standings (admin or analyst): it keeps the scheme version that computes it now, "
            + "whatever versions come later; publishing again changes nothing")
    public Uni<Map<String, Object>> publish(@PathParam("key") String key, @PathParam("period") String period) {
        return standings.publish(key, period).map(StandingResource::period);
    }

    @POST
    @Path("/{key}/periods/{period}/close")
    @io.servicegrade.platform.security.Access(io.servicegrade.platform.security.Access.Level.PUBLISH)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The period, closed",
            content = @Content(schema = @Schema(implementation = StandingsSchema.Period.class)))
    @APIResponse(responseCode = "409", description = "Not published, or its objection window is not over")
    @Operation(operationId = "closePeriod",
            summary = "Close a published period whose objection window is over (admin or analyst): its boards are "
            + "frozen as they stand, and writes that would change it are refused; closing again changes nothing")
    public Uni<Map<String, Object>> close(@PathParam("key") String key, @PathParam("period") String period) {
        return standings.close(key, period, current.get().actor()).map(StandingResource::period);
    }

    @POST
    @Path("/{key}/periods/{period}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StandingsSchema.Reopen.class)))
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The period, published again",
            content = @Content(schema = @Schema(implementation = StandingsSchema.Period.class)))
    @APIResponse(responseCode = "409", description = "The period is not closed")
    @Operation(operationId = "reopenPeriod",
            summary = "Reopen a closed period, with a reason (admin): its closing stays on record; its boards are live "
            + "again until it is closed anew (the next closing)")
    @io.servicegrade.platform.json.BodyLimit(io.servicegrade.platform.json.RequestBodies.Kind.DOCUMENT)
    public Uni<Map<String, Object>> reopen(@PathParam("key") String key, @PathParam("period") String period,
            byte[] body) {
        String actor = current.get().actor();
        return bodies.json(body, io.servicegrade.platform.json.RequestBodies.Kind.DOCUMENT).flatMap(read -> {
            List<io.servicegrade.platform.problem.Violation> problems = new java.util.ArrayList<>();
            if (!read.isObject()) {
                problems.add(io.servicegrade.platform.problem.Violation.at("", m -> m.wrongType("object")));
            }
            String reason = io.servicegrade.platform.json.Reasons.required(read, "reason", problems);
            if (!problems.isEmpty()) {
                return Uni.createFrom().failure(io.servicegrade.platform.problem.ProblemException.invalid(problems));
            }
            return standings.reopen(key, period, actor, reason);
        }).map(StandingResource::period);
    }

    @GET
    @Path("/{key}/periods/{period}/closings")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The closings, latest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = StandingsSchema.Closing.class)))
    @Operation(operationId = "listClosings",
            summary = "A period's closings, latest first, each with its reopening (who, when, why) once reopened")
    public Uni<List<StandingInputRepository.Closing>> closings(@PathParam("key") String key,
            @PathParam("period") String period) {
        try {
            access.scope(current.orNull());
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return standings.closings(key, period);
    }

    private static Map<String, Object> period(StandingService.PeriodState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("period", state.period().id());
        view.put("firstDay", state.period().firstDay().toString());
        view.put("lastDay", state.period().endDay().minusDays(1).toString());
        view.put("published", state.publishedAt() != null);
        view.put("publishedVersion", state.publishedVersion());
        view.put("publishedAt", state.publishedAt() == null ? null : state.publishedAt().toString());
        view.put("stage", state.stage().name());
        view.put("objectionUntil", state.objectionUntil() == null ? null : state.objectionUntil().toString());
        view.put("closing", state.closing());
        view.put("closedAt", state.closedAt() == null ? null : state.closedAt().toString());
        return view;
    }

    @GET
    @Path("/{key}/standings")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @APIResponse(responseCode = "200", description = "The board",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StandingsSchema.class)), @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING))})
    @Operation(operationId = "getStandings",
            summary = "Standings of a period, as JSON or as CSV (UTF-8 with BOM, for Excel: Accept text/csv "
            + "or ?format=csv)")
    public Uni<Response> standings(@PathParam("key") String key,
            @Parameter(description = "A period id (e.g. 2025-Q1); the latest by default")
            @QueryParam("period") String period,
            @QueryParam("kind") String kind, @QueryParam("under") String under,
            @QueryParam("serviceLine") String serviceLine,
            @Parameter(schema = @Schema(enumeration = {"urban", "rural"}))
            @QueryParam("area") String area,
            @Parameter(description = "Only graded units carrying this tag, e.g. model-candidate (a tag no unit "
                + "carries gives an empty board)", schema = @Schema(pattern = "^[a-z][a-z0-9-]{0,31}$"))
            @QueryParam("tag") String tag,
            @Parameter(description = "Language of the names: zh-CN or en (default)",
                schema = @Schema(type = SchemaType.STRING, defaultValue = "en"))
            @QueryParam("lang") String lang,
            @Parameter(description = "csv for the CSV export; else as Accept says",
                schema = @Schema(enumeration = {"csv", "json"}))
            @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            return Uni.createFrom().failure(io.servicegrade.platform.problem.ProblemException.invalid(List.of(
                    io.servicegrade.platform.problem.QueryParameters.problem("format", m -> m.oneOf("csv, json")))));
        }
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.startsWith("text/csv");
        String language = lang == null ? "en" : lang;
        List<Long> scope;
        try {
            scope = access.scope(current.orNull());
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        Caller caller = current.orNull();
        // a whole board is written, megabytes at 10,000 windows: in turn with report pages (PageGate), and on a
        // worker, so that neither a crowd of exports fills the heap nor one holds an event loop (issue 21)
        return pages.turn(() -> StandingFilters.board(standings, units, key, period, kind, under, serviceLine, area,
                tag, scope)
                .flatMap(board -> access.readable(board, caller))
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(board -> csv
                ? Response.ok(export.csv(board, language)).type("text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + key + "-" + board.period().id()
                                + ".csv\"").build()
                : Response.ok(bytes(export.json(board, language))).type(MediaType.APPLICATION_JSON).build()));
    }

    /** The JSON of a board, written here (on the worker) rather than by the response writer on the event loop. */
    private byte[] bytes(Map<String, Object> board) {
        try {
            return json.writeValueAsBytes(board);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
