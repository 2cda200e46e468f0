package io.servicegrade.unit;

import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "The organisation tree: bureaus, branches, outlets, service windows, staff")
public class UnitResource {

    @Inject
    UnitService service;

    @Inject
    RequestBodies bodies;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = UnitInputSchema.class, maxItems = 10000))})
    @Operation(operationId = "putUnits",
            summary = "Create or update up to 10,000 units at once, all or nothing; parents may follow children")
    @BodyLimit(RequestBodies.Kind.BATCH)
    public Uni<UnitService.UpsertResult> upsert(byte[] units) {
        return bodies.json(units, RequestBodies.Kind.BATCH).map(UnitInput::fromJson).flatMap(service::upsert);
    }

    @PUT
    @Consumes("text/csv")
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING))})
    @Operation(summary = "Create or update units from CSV with the header code,name,kind,parent,serviceLine,area"
            + " (and optionally active and tags: tags separated by spaces)")
    @BodyLimit(RequestBodies.Kind.BATCH)
    public Uni<UnitService.UpsertResult> upsertCsv(byte[] csv) {
        return bodies.text(csv, RequestBodies.Kind.BATCH, UnitInput::fromCsv).flatMap(service::upsert);
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getUnit",
            summary = "One unit with its parent and its path of ancestor codes, root first")
    public Uni<UnitResponse> get(@PathParam("code") String code) {
        return service.get(code).flatMap(unit -> service.ancestors(List.of(unit))
                .map(chains -> UnitResponse.of(unit, chains.get(0))));
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of units",
            content = @Content(schema = @Schema(implementation = UnitResponse.Page.class)))
    @APIResponse(responseCode = "404", description = "No unit has the code given as under")
    @Operation(operationId = "listUnits",
            summary = "Units under a unit (or all), filtered, in code order, a page at a time")
    public Uni<UnitResponse.Page> list(@QueryParam("under") String under,
            @Parameter(schema = @Schema(pattern = "^[a-z][a-z0-9_-]{0,31}$"))
            @QueryParam("kind") String kind,
            @Parameter(schema = @Schema(pattern = "^[a-z][a-z0-9_-]{0,31}$"))
            @QueryParam("serviceLine") String serviceLine,
            @Parameter(schema = @Schema(enumeration = {"urban", "rural"}))
            @QueryParam("area") String area,
            @Parameter(description = "Only units carrying this tag (a tag no unit carries selects none)",
                schema = @Schema(pattern = "^[a-z][a-z0-9-]{0,31}$"))
            @QueryParam("tag") String tag,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("active") String active,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        List<Violation> filters = UnitInput.filterProblems(kind, serviceLine, area, tag);
        if (!filters.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(filters));
        }
        return service.list(under, kind, serviceLine, area, tag, active, limit, cursor)
                .flatMap(page -> service.ancestors(page.units()).map(chains -> {
                    List<UnitResponse> items = new java.util.ArrayList<>();
                    for (int i = 0; i < page.units().size(); i++) {
                        items.add(UnitResponse.of(page.units().get(i), chains.get(i)));
                    }
                    return new UnitResponse.Page(items, page.nextCursor());
                }));
    }

    @PATCH
    @Path("/{code}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitInputSchema.Patch.class)),
            @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = UnitInputSchema.Patch.class))})
    @Operation(operationId = "patchUnit",
            summary = "Rename, move, change line, area or tags, or retire (active: false) one unit")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<UnitResponse> patch(@PathParam("code") String code, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(patch -> service.patch(code,
            patch)).flatMap(unit -> service.ancestors(List.of(unit))
                .map(chains -> UnitResponse.of(unit, chains.get(0))));
    }
}
