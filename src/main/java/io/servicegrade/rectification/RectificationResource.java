package io.servicegrade.rectification;

import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rectification orders over REST (issue 19): raise one, reply, verify, read them, export them, their figures. */
@Path("/api/v1/rectifications")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Rectifications", description = "Rectification orders (整改) raised from findings, replied to by the "
        + "owner unit and verified")
public class RectificationResource {

    static final List<String> EXPORT_HEADER = List.of("id", "unit", "unitName", "evaluation", "title", "severity",
            "items", "state", "overdue", "raisedAt", "dueAt", "firstRepliedAt", "verifiedAt");

    @Inject
    RectificationService service;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    RectificationFile files;

    @Inject
    Transactions transactions;

    /** The body of a creation, for the API's description. */
    @Schema(name = "RectificationRaise")
    public record Raise(@Schema(description = "The evaluation raised from") Long evaluation,
            @Schema(description = "Its deducted items (item keys) the order is about") List<String> items,
            @Schema(description = "The evaluation's veto") Boolean veto,
            @Schema(description = "The owner unit's code (the evaluation's unit by default); required by hand")
            String unit,
            @Schema(description = "The finding; required by hand") String title,
            @Schema(description = "An item key, for an order made by hand") String itemKey,
            @Schema(enumeration = {"minor", "major", "veto"}) String severity,
            @Schema(description = "The deadline; by default the severity's days after the finding") String dueAt) {
    }

    /** The body of a reply. */
    @Schema(name = "RectificationReply")
    public record Reply(@Schema(required = true) String text,
            @Schema(description = "http(s) links to the evidence") List<String> evidence) {
    }

    /** The body of a verification. */
    @Schema(name = "RectificationVerification")
    public record Verification(@Schema(required = true, enumeration = {"accepted", "returned"}) String outcome,
            @Schema(description = "Why it is returned (required then)") String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Raise.class)))
    @APIResponse(responseCode = "201", description = "The order, raised",
            content = @Content(schema = @Schema(implementation = RectificationView.class)))
    @APIResponse(responseCode = "403", description = "Not an analyst, inspector or the admin")
    @APIResponse(responseCode = "422", description = "A bad field, such as an item the evaluation did not deduct")
    @Operation(operationId = "createRectification", summary = "Raise a rectification order from an evaluation's "
            + "deducted items or veto, or by hand (analyst, inspector or admin)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> create(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.create(caller, read)))
                .map(view -> Response.status(201).entity(RectificationView.of(view)).build());
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", Xlsx.MEDIA_TYPE})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = Xlsx.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "201", description = "The orders, raised: how many, and their ids in file order",
            content = @Content(schema = @Schema(implementation = RectificationFile.Imported.class)))
    @APIResponse(responseCode = "403", description = "Not an analyst, inspector or the admin")
    @APIResponse(responseCode = "422", description = "Nothing was stored: every bad cell named at /<row>/<column>")
    @Operation(operationId = "importRectifications", summary = "Raise rectification orders from a CSV or XLSX file "
            + "(columns unit, title, itemKey, severity, dueAt, evaluation, items (;-separated), veto; up to 5,000 "
            + "rows), all or nothing")
    @BodyLimit(RequestBodies.Kind.BATCH)
    public Uni<Response> importOrders(byte[] file, @HeaderParam("Content-Type") String contentType) {
        Caller caller = current.get();
        if (file == null || file.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        String format = SheetFile.format(contentType, Xlsx.MEDIA_TYPE);
        return Uni.createFrom().item(() -> file).emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(content -> transactions.admit(() -> files.importOrders(caller, format, content)))
                .map(imported -> Response.status(201).entity(imported).build());
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Reply.class)))
    @APIResponse(responseCode = "200", description = "The order, replied",
            content = @Content(schema = @Schema(implementation = RectificationView.class)))
    @APIResponse(responseCode = "403", description = "Not a manager or the admin")
    @APIResponse(responseCode = "404", description = "No such order in the caller's scope")
    @APIResponse(responseCode = "409", description = "Not open or returned")
    @Operation(operationId = "replyRectification", summary = "The owner's reply, with evidence (a manager of the "
            + "owner unit, or the admin)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<RectificationView> reply(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.reply(caller, id, read)))
                .map(RectificationView::of);
    }

    @POST
    @Path("/{id}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "200", description = "The order, accepted or returned",
            content = @Content(schema = @Schema(implementation = RectificationView.class)))
    @APIResponse(responseCode = "403", description = "Not an inspector, analyst or the admin")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "Not replied")
    @Operation(operationId = "verifyRectification", summary = "Accept a reply, or return it with a reason "
            + "(inspector, analyst or admin)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<RectificationView> verify(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.verify(caller, id, read)))
                .map(RectificationView::of);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The order and its history",
            content = @Content(schema = @Schema(implementation = RectificationView.class)))
    @APIResponse(responseCode = "404", description = "No such order (or outside the caller's scope)")
    @Operation(operationId = "getRectification", summary = "A rectification order, its state, deadline and history")
    public Uni<RectificationView> get(@PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.read(current.get(), id)).map(RectificationView::of);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE})
    @APIResponse(responseCode = "200", description = "The orders, newest first",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RectificationView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @Operation(operationId = "listRectifications", summary = "Rectification orders the caller may see (a manager or "
            + "viewer: its scope's), newest first; as JSON, CSV (Accept text/csv or ?format=csv) or XLSX "
            + "(?format=xlsx)")
    public Uni<Response> list(
            @Parameter(description = "A unit's code: its orders and those of the units below it")
            @QueryParam("unit") String unit,
            @Parameter(schema = @Schema(enumeration = {"open", "replied", "accepted", "returned"}))
            @QueryParam("state") String state,
            @Parameter(description = "true: only open or returned orders past their deadline; false: the others")
            @QueryParam("overdue") String overdue,
            @Parameter(schema = @Schema(enumeration = {"minor", "major", "veto"}))
            @QueryParam("severity") String severity,
            @Parameter(description = "Raised on or after this day (YYYY-MM-DD)") @QueryParam("from") String from,
            @Parameter(description = "Raised on or before this day (YYYY-MM-DD)") @QueryParam("to") String to,
            @Parameter(description = "At most this many (1 to 500, default 100)") @QueryParam("limit") Integer limit,
            @Parameter(description = "Skip this many") @QueryParam("offset") Integer offset,
            @Parameter(schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        if (format != null && !List.of("json", "csv", "xlsx").contains(format)) {
            return Uni.createFrom().failure(ProblemException.invalid(List.of(
                    QueryParameters.problem("format", m -> m.oneOf("json, csv, xlsx")))));
        }
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.startsWith("text/csv");
        boolean xlsx = "xlsx".equals(format) || format == null && accept != null && accept.startsWith(Xlsx.MEDIA_TYPE);
        return Uni.createFrom().deferred(() -> service.list(current.get(), unit, state, overdue, severity, from, to,
                        limit, offset))
                .map(all -> {
                    if (!csv && !xlsx) {
                        return Response.ok(all.stream().map(r -> RectificationView.of(r, List.of())).toList())
                                .type(MediaType.APPLICATION_JSON).build();
                    }
                    List<List<?>> rows = new ArrayList<>();
                    all.forEach(r -> rows.add(row(r)));
                    return csv
                            ? Response.ok(Csv.document(EXPORT_HEADER, rows)).type("text/csv; charset=UTF-8")
                                    .header("Content-Disposition", "attachment; filename=\"rectifications.csv\"")
                                    .build()
                            : Response.ok(Xlsx.document("rectifications", EXPORT_HEADER, rows)).type(Xlsx.MEDIA_TYPE)
                                    .header("Content-Disposition", "attachment; filename=\"rectifications.xlsx\"")
                                    .build();
                });
    }

    /** One order as an export row, in {@link #EXPORT_HEADER}'s order. */
    static List<?> row(RectificationRepository.Stored r) {
        return Arrays.asList(r.id(), r.unitCode(), r.unitName(), r.evaluationId(), r.title(), r.severity(),
                String.join(" ", r.itemKeys()), r.state(), r.overdue(), r.raisedAt(), r.dueAt(), r.firstRepliedAt(),
                r.verifiedAt());
    }

    @GET
    @Path("/todo")
    @APIResponse(responseCode = "200", description = "Open and returned orders in scope, soonest deadline first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RectificationView.class)))
    @Operation(operationId = "rectificationTodo", summary = "The caller's to-do: the open, returned and overdue "
            + "orders of the units in scope, soonest deadline first")
    public Uni<List<RectificationView>> todo() {
        return Uni.createFrom().deferred(() -> service.todo(current.get()))
                .map(all -> all.stream().map(r -> RectificationView.of(r, List.of())).toList());
    }

    @GET
    @Path("/figures")
    @APIResponse(responseCode = "200", description = "The figures of the unit's subtree and of each unit in it",
            content = @Content(schema = @Schema(implementation = RectificationFigures.class)))
    @Operation(operationId = "rectificationFigures", summary = "Orders, reply rate, on-time rate, overdue, "
            + "accepted and recurrence of a unit and its subtree over the orders raised in a window of days or a period of a scheme")
    public Uni<RectificationFigures> figures(
            @Parameter(required = true, description = "A unit's code: the group is it and the units below it")
            @QueryParam("unit") String unit,
            @Parameter(description = "First day (YYYY-MM-DD), in the server's time zone") @QueryParam("from")
            String from,
            @Parameter(description = "Last day (YYYY-MM-DD), in the server's time zone") @QueryParam("to")
            String to,
            @Parameter(description = "A scheme's key: with period, the window is that period in the scheme's zone")
            @QueryParam("scheme") String scheme,
            @Parameter(description = "A period of the scheme, e.g. 2025-Q1") @QueryParam("period") String period) {
        return Uni.createFrom().deferred(() -> service.figures(current.get(), unit, from, to, scheme, period));
    }
}
