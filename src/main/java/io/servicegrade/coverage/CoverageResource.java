package io.servicegrade.coverage;

import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Inspection coverage over REST (issue 19): plans, coverage per unit and interval, overdue, rates, duty rates. */
@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Coverage", description = "Inspection coverage plans (检查覆盖计划), coverage, overdue and never-inspected "
        + "units, coverage rates and the inspectors' duty rates (履职频次达标率)")
public class CoverageResource {

    @Inject
    CoverageService service;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    CoverageFile files;

    /** The body of a plan (schema only); unknown fields are refused. */
    @Schema(name = "CoveragePlanRequest")
    public record PlanRequest(@Schema(required = true) String nameZh, @Schema(required = true) String nameEn,
            @Schema(description = "Which active units; empty or absent lists select every unit")
            CoverageView.Selection selection,
            @Schema(required = true, description = "The evaluation source that covers a unit, e.g. inspection, "
                    + "video, callback") String source,
            @Schema(required = true, enumeration = {"1", "2", "3", "4", "6", "12"},
                    description = "Months per interval, counted from January") int everyMonths,
            @Schema(required = true) LocalDate activeFrom, LocalDate activeTo,
            @Schema(description = "The inspectors the duty rate expects (logins of accounts, codes of agencies); "
                    + "absent: everyone who inspected") CoverageView.Inspectors inspectors,
            @Schema(description = "Inspections an inspector owes per interval (default 1)") Integer dutyMinimum) {
    }

    @GET
    @Path("/plans")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE})
    @APIResponse(responseCode = "200", description = "The plans in force; as a file, in the columns the import "
            + "reads", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Plan.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @Operation(operationId = "listCoveragePlans", summary = "The coverage plans in force, by key; as JSON, CSV or "
            + "XLSX (format or Accept), a file re-importing unchanged")
    public Uni<Response> plans(
            @Parameter(schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @Parameter(description = "Language of the file's header: zh-CN or en (default)")
            @QueryParam("lang") String lang, @HeaderParam("Accept") String accept) {
        String kind = format(format, accept);
        return service.plans(current.get()).map(plans -> export(kind, "coverage-plans",
                plans.stream().map(CoverageView.Plan::of).toList(), () -> CoverageFile.header(lang),
                () -> CoverageFile.rows(plans)));
    }

    @POST
    @Path("/plans/import")
    @Consumes({"text/csv", Xlsx.MEDIA_TYPE})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = Xlsx.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "201", description = "The versions stored, in file order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Plan.class)))
    @APIResponse(responseCode = "403", description = "Neither an analyst nor the admin")
    @APIResponse(responseCode = "422", description = "Nothing was stored: every bad cell named at /<row>/<column>")
    @Operation(operationId = "importCoveragePlans", summary = "Store coverage plans from a CSV or XLSX file, one "
            + "row per version (the columns of the plans' export; lists separated by ;), all or nothing")
    @BodyLimit(RequestBodies.Kind.BATCH)
    public Uni<Response> importPlans(byte[] file, @HeaderParam("Content-Type") String contentType) {
        Caller caller = current.get();
        if (file == null || file.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        String kind = SheetFile.format(contentType, Xlsx.MEDIA_TYPE);
        return Uni.createFrom().item(() -> file).emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(content -> files.importPlans(caller, kind, content))
                .map(plans -> Response.status(201).entity(plans.stream().map(CoverageView.Plan::of).toList())
                        .build());
    }

    @GET
    @Path("/plans/{key}")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(schema = @Schema(implementation = CoverageView.Plan.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoveragePlan", summary = "A coverage plan in force (its latest version)")
    public Uni<CoverageView.Plan> plan(@PathParam("key") String key) {
        return service.plan(current.get(), key).map(CoverageView.Plan::of);
    }

    @GET
    @Path("/plans/{key}/versions")
    @APIResponse(responseCode = "200", description = "The plan's versions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Plan.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "listCoveragePlanVersions", summary = "Every version of a plan, oldest first, a "
            + "deleted plan's too")
    public Uni<List<CoverageView.Plan>> versions(@PathParam("key") String key) {
        return service.history(current.get(), key).map(plans -> plans.stream().map(CoverageView.Plan::of).toList());
    }

    @PUT
    @Path("/plans/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanRequest.class)))
    @APIResponse(responseCode = "200", description = "Stored as a new version of a plan",
            content = @Content(schema = @Schema(implementation = CoverageView.Plan.class)))
    @APIResponse(responseCode = "201", description = "Stored as the plan's first version",
            content = @Content(schema = @Schema(implementation = CoverageView.Plan.class)))
    @Operation(operationId = "putCoveragePlan", summary = "Store a coverage plan as a new version (the admin and "
            + "analysts); every bad field is named")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Response> put(@PathParam("key") String key, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(read -> service.put(caller, key, read))
                .map(plan -> Response.status(plan.version() == 1 ? 201 : 200).entity(CoverageView.Plan.of(plan))
                        .build());
    }

    @DELETE
    @Path("/plans/{key}")
    @APIResponse(responseCode = "200", description = "The plan's last version, retired",
            content = @Content(schema = @Schema(implementation = CoverageView.Plan.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "deleteCoveragePlan", summary = "Delete a coverage plan (the admin and analysts): it is "
            + "no longer in force; its versions are kept")
    public Uni<CoverageView.Plan> delete(@PathParam("key") String key) {
        return service.delete(current.get(), key).map(CoverageView.Plan::of);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE})
    @APIResponse(responseCode = "200", description = "Coverage per unit and interval",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.UnitCoverage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoverage", summary = "Per selected unit and interval: covered or not, how many "
            + "inspections, the last one; as JSON, CSV or XLSX (format or Accept)")
    public Uni<Response> coverage(@Parameter(description = "A plan's key; every plan in force by default")
            @QueryParam("plan") String plan,
            @Parameter(description = "A unit's code: only its subtree") @QueryParam("unit") String unit,
            @Parameter(description = "First day, e.g. 2025-01-01 (default: 1 January)") @QueryParam("from")
            String from,
            @Parameter(description = "Last day, included (default: today)") @QueryParam("to") String to,
            @Parameter(description = "A period id instead of from and to: 2025-05, 2025-Q2, 2025-H1, 2025")
            @QueryParam("period") String period,
            @Parameter(schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @Parameter(description = "Language of the export's header: zh-CN or en (default)")
            @QueryParam("lang") String lang, @HeaderParam("Accept") String accept) {
        String kind = format(format, accept);
        return service.coverage(current.get(), plan, unit, service.range(period, from, to)).map(rows -> export(kind,
                "coverage", rows, () -> CoverageExport.coverageHeader(lang),
                () -> CoverageExport.coverageRows(rows, lang)));
    }

    @GET
    @Path("/overdue")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE})
    @APIResponse(responseCode = "200", description = "The overdue units",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Overdue.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoverageOverdue", summary = "Units whose inspection is overdue on a day: the "
            + "current interval not covered, and the one before missed or the current one past its middle day")
    public Uni<Response> overdue(@QueryParam("plan") String plan, @QueryParam("unit") String unit,
            @Parameter(description = "The day (default: today)") @QueryParam("at") String at,
            @Parameter(schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @QueryParam("lang") String lang, @HeaderParam("Accept") String accept) {
        String kind = format(format, accept);
        return service.standing(current.get(), plan, unit, day("at", at)).map(s -> export(kind, "overdue",
                s.overdue(), () -> CoverageExport.overdueHeader(lang),
                () -> CoverageExport.overdueRows(s.overdue(), lang)));
    }

    @GET
    @Path("/never-inspected")
    @APIResponse(responseCode = "200", description = "The never-inspected units",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = CoverageView.NeverInspected.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoverageNeverInspected", summary = "Selected units that no evaluation of the "
            + "plan's source ever named (nor a unit below them), up to a day")
    public Uni<List<CoverageView.NeverInspected>> neverInspected(@QueryParam("plan") String plan,
            @QueryParam("unit") String unit,
            @Parameter(description = "The day (default: today)") @QueryParam("at") String at) {
        return service.standing(current.get(), plan, unit, day("at", at)).map(CoverageService.Standing::neverInspected);
    }

    @GET
    @Path("/rates")
    @APIResponse(responseCode = "200", description = "The rates",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Rate.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoverageRates", summary = "Coverage rates per group (a unit of the kind level and "
            + "its subtree) and per plan over the intervals of a period, with each plan's total")
    public Uni<List<CoverageView.Rate>> rates(@QueryParam("plan") String plan, @QueryParam("unit") String unit,
            @Parameter(description = "A unit kind whose units are the groups, e.g. branch; absent: totals only")
            @QueryParam("level") String level,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("period") String period) {
        String groups = level == null || level.isBlank() ? null : level.strip();
        return service.rates(current.get(), plan, unit, groups, service.range(period, from, to));
    }

    @GET
    @Path("/duty")
    @APIResponse(responseCode = "200", description = "The duty rates",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CoverageView.Duty.class)))
    @APIResponse(responseCode = "404", description = "No such plan in force, or the unit is unknown or outside "
            + "the caller's scope")
    @Operation(operationId = "getCoverageDuty", summary = "The inspectors' duty rates (履职频次达标率) per plan over "
            + "the intervals of a period, with each plan's total")
    public Uni<List<CoverageView.Duty>> duty(@QueryParam("plan") String plan, @QueryParam("unit") String unit,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("period") String period) {
        return service.duty(current.get(), plan, unit, service.range(period, from, to));
    }

    private static LocalDate day(String name, String text) {
        List<Violation> problems = new ArrayList<>();
        LocalDate day = CoverageService.day(name, text, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return day;
    }

    /** json, csv or xlsx: the format parameter, else what Accept asks first. */
    private static String format(String format, String accept) {
        if (format != null) {
            if (!List.of("json", "csv", "xlsx").contains(format)) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("format",
                        m -> m.oneOf("json, csv, xlsx"))));
            }
            return format;
        }
        if (accept != null && accept.startsWith("text/csv")) {
            return "csv";
        }
        return accept != null && accept.startsWith(Xlsx.MEDIA_TYPE) ? "xlsx" : "json";
    }

    private static Response export(String format, String name, Object json,
            java.util.function.Supplier<List<String>> header, java.util.function.Supplier<List<List<Object>>> rows) {
        return switch (format) {
            case "csv" -> Response.ok(CoverageExport.csv(header.get(), rows.get())).type("text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
            case "xlsx" -> Response.ok(CoverageExport.xlsx(name, header.get(), rows.get())).type(Xlsx.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
            default -> Response.ok(json).type(MediaType.APPLICATION_JSON).build();
        };
    }
}
