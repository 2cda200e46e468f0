package io.servicegrade.complaint;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.Languages;
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

import java.util.List;

/** The complaints register over REST (issue 19): register, read, reply, rate, import and export, and the figures. */
@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Complaints", description = "The complaints register (投诉): reply deadlines, replies, satisfaction, "
        + "repeats, escalations and the figures")
public class ComplaintResource {

    static final String XLSX = Xlsx.MEDIA_TYPE;

    @Inject
    ComplaintService service;

    @Inject
    ComplaintFile files;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    Transactions transactions;

    @Inject
    ServiceGradeConfig config;

    @Inject
    ComplaintCategories categories;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ComplaintView.Registration.class)))
    @APIResponse(responseCode = "201", description = "The complaint, registered, with its reply deadline",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "403", description = "Not an analyst, inspector, manager or the admin, or the unit "
            + "is outside the manager's scope")
    @APIResponse(responseCode = "422", description = "Nothing was stored: every bad field named")
    @Operation(operationId = "registerComplaint", summary = "Register a complaint (an analyst, an inspector, the "
            + "admin, or a manager for units in scope); its reply is due servicegrade.complaints.reply-days after "
            + "the day of receipt")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> register(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.register(caller, read)))
                .map(stored -> Response.status(201).entity(view(stored)).build());
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.Registration.class)))
    @APIResponse(responseCode = "201", description = "The complaints, registered, in the order given",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.class)))
    @APIResponse(responseCode = "422", description = "Nothing was stored: every bad field named at /<index>/<field>")
    @Operation(operationId = "registerComplaints", summary = "Register up to 500 complaints at once, all or nothing")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> registerBatch(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.registerBatch(caller, read)))
                .map(all -> Response.status(201).entity(all.stream().map(this::view).toList()).build());
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", XLSX})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "201", description = "The complaints, registered, in file order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.class)))
    @APIResponse(responseCode = "422", description = "Nothing was stored: every bad cell named at /<row>/<column>")
    @Operation(operationId = "importComplaints", summary = "Register complaints from a CSV or XLSX file (columns "
            + "channel, receivedAt, unit, category, subject, customerRef, firstResponder; up to 5,000 rows), all or "
            + "nothing")
    public Uni<Response> importComplaints(byte[] file, @HeaderParam("Content-Type") String contentType) {
        Caller caller = current.get();
        requireFile(file);
        String format = contentType != null && contentType.startsWith(XLSX) ? "xlsx" : "csv";
        return Uni.createFrom().item(() -> file).emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(content -> transactions.admit(() -> files.importComplaints(caller, format, content)))
                .map(all -> Response.status(201).entity(all.stream().map(this::view).toList()).build());
    }

    @GET
    @Path("/categories")
    @APIResponse(responseCode = "200", description = "The categories, in the configured order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.Category.class)))
    @Operation(operationId = "complaintCategories", summary = "The categories a complaint may be registered under, "
            + "each with its zh-CN and en names (servicegrade.complaints.categories)")
    public Uni<List<ComplaintView.Category>> categories() {
        return Uni.createFrom().item(() -> {
            ComplaintService.requireReads(current.get());
            return categories.all().stream().map(ComplaintView.Category::of).toList();
        });
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", XLSX})
    @APIResponse(responseCode = "200", description = "The complaints as a file, newest received first (at most "
            + "10,000); never the customer's reference", content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @Operation(operationId = "exportComplaints", summary = "The complaints the caller may see, filtered as the list, "
            + "as CSV or XLSX; the category's name in the language of Accept-Language (zh or en)")
    public Uni<Response> export(@Parameter(schema = @Schema(enumeration = {"csv", "xlsx"}))
            @QueryParam("format") String format, @QueryParam("channel") String channel,
            @QueryParam("category") String category, @QueryParam("unit") String unit,
            @QueryParam("state") String state, @QueryParam("overdue") Boolean overdue,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam("Accept-Language") String language) {
        boolean chinese = Languages.prefersChinese(language);
        boolean xlsx = "xlsx".equals(format);
        if (format != null && !xlsx && !"csv".equals(format)) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("format", m -> m.oneOf("csv, xlsx"))));
        }
        return Uni.createFrom().deferred(() -> service.export(current.get(), channel, category, unit, state, overdue,
                from, to))
                .map(all -> xlsx
                        ? Response.ok(ComplaintFile.xlsx(all, config.timeZone(), categories, chinese), XLSX)
                                .header("Content-Disposition", "attachment; filename=\"complaints.xlsx\"").build()
                        : Response.ok(ComplaintFile.csv(all, config.timeZone(), categories, chinese),
                                "text/csv; charset=UTF-8")
                                .header("Content-Disposition", "attachment; filename=\"complaints.csv\"").build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "The complaints, newest received first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.class)))
    @Operation(operationId = "listComplaints", summary = "Complaints the caller may see (a manager or viewer: its "
            + "scope's; an analyst, inspector or the admin: all), filtered, a page at a time")
    public Uni<List<ComplaintView>> list(
            @Parameter(schema = @Schema(enumeration = {"hotline", "letter", "online", "walk-in", "regulator"}))
            @QueryParam("channel") String channel,
            @Parameter(description = "A category's key (GET /api/v1/complaints/categories)")
            @QueryParam("category") String category,
            @Parameter(description = "A unit's code: its complaints and those of the units below it")
            @QueryParam("unit") String unit,
            @Parameter(schema = @Schema(enumeration = {"open", "overdue", "replied"})) @QueryParam("state")
            String state,
            @Parameter(description = "true: replied late or unreplied past the deadline; false: neither")
            @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "Received at or after (ISO-8601 with an offset)") @QueryParam("from")
            String from,
            @Parameter(description = "Received before (ISO-8601 with an offset)") @QueryParam("to") String to,
            @Parameter(description = "At most this many (1 to 500, default 100)") @QueryParam("limit") Integer limit,
            @Parameter(description = "Skip this many (default 0)") @QueryParam("offset") Integer offset) {
        return Uni.createFrom().deferred(() -> service.list(current.get(), channel, category, unit, state, overdue,
                from, to, limit, offset)).map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/todo")
    @APIResponse(responseCode = "200", description = "Unreplied complaints, due first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.class)))
    @Operation(operationId = "complaintsToDo", summary = "The unreplied complaints in the caller's scope, the "
            + "soonest due first (at most 500)")
    public Uni<List<ComplaintView>> todo() {
        return Uni.createFrom().deferred(() -> service.todo(current.get()))
                .map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/figures")
    @APIResponse(responseCode = "200", description = "With a unit: its group's figures first, then each unit's of "
            + "the group; without: each unit's in scope", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = ComplaintView.Figures.class)))
    @Operation(operationId = "complaintFigures", summary = "Complaint figures per unit and group in a period: "
            + "timeliness, satisfaction, repeat rate, escalations, complaints per 10,000 transactions")
    public Uni<List<ComplaintView.Figures>> figures(
            @Parameter(required = true, description = "2025-01 (a month), 2025-Q1 (a quarter) or 2025 (a year)")
            @QueryParam("period") String period,
            @Parameter(description = "A unit's code: its group (itself and all below it) and its units")
            @QueryParam("unit") String unit) {
        return Uni.createFrom().deferred(() -> service.figures(current.get(), period, unit))
                .map(all -> all.stream().map(ComplaintView.Figures::of).toList());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The complaint",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint (or outside the caller's scope)")
    @Operation(operationId = "getComplaint", summary = "A complaint, its deadline, state and reply")
    public Uni<ComplaintView> get(@PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.read(current.get(), id)).map(this::view);
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ComplaintView.Reply.class)))
    @APIResponse(responseCode = "200", description = "The complaint, replied",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "403", description = "Not a manager (in scope) or the admin")
    @APIResponse(responseCode = "404", description = "No such complaint in the caller's scope")
    @APIResponse(responseCode = "409", description = "Replied already")
    @Operation(operationId = "replyComplaint", summary = "Reply to a complaint with its resolution, once (a manager "
            + "for units in scope, or the admin)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<ComplaintView> reply(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.reply(caller, id, read)))
                .map(this::view);
    }

    @POST
    @Path("/{id}/satisfaction")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ComplaintView.Satisfaction.class)))
    @APIResponse(responseCode = "200", description = "The complaint, with the customer's satisfaction",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "403", description = "Neither who registered it, an analyst nor the admin")
    @APIResponse(responseCode = "409", description = "Not replied yet, or recorded already")
    @Operation(operationId = "recordComplaintSatisfaction", summary = "Record the customer's satisfaction with the "
            + "handling, once, after the reply (who registered it, an analyst or the admin)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<ComplaintView> satisfaction(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.satisfaction(caller, id, read)))
                .map(this::view);
    }

    private ComplaintView view(ComplaintRepository.Stored stored) {
        return ComplaintView.of(stored, categories.of(stored.category()));
    }

    static void requireFile(byte[] file) {
        if (file == null || file.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
    }
}
