package io.servicegrade.unit;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "The organisation tree: bureaus, branches, outlets, service windows, staff")
public class UnitResource {

    @Inject
    UnitService service;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update up to 10,000 units at once, all or nothing; parents may follow children")
    public Uni<UnitService.UpsertResult> upsert(JsonNode units) {
        return Uni.createFrom().item(() -> UnitInput.fromJson(units)).flatMap(service::upsert);
    }

    @PUT
    @Consumes("text/csv")
    @Operation(summary = "Create or update units from CSV with the header code,name,kind,parent,serviceLine,area")
    public Uni<UnitService.UpsertResult> upsertCsv(String csv) {
        return Uni.createFrom().item(() -> UnitInput.fromCsv(csv)).flatMap(service::upsert);
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One unit with its parent and its path of ancestor codes, root first")
    public Uni<UnitResponse> get(@PathParam("code") String code) {
        return service.get(code).flatMap(unit -> service.ancestors(List.of(unit))
                .map(chains -> UnitResponse.of(unit, chains.get(0))));
    }

    @GET
    @Operation(summary = "Units under a unit (or all), filtered, in code order, a page at a time")
    public Uni<UnitResponse.Page> list(@QueryParam("under") String under, @QueryParam("kind") String kind,
            @QueryParam("serviceLine") String serviceLine, @QueryParam("area") String area,
            @QueryParam("active") String active, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(under, kind, serviceLine, area, active, limit, cursor)
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
    @Operation(summary = "Rename, move, change line or area, or retire (active: false) one unit")
    public Uni<UnitResponse> patch(@PathParam("code") String code, JsonNode patch) {
        return service.patch(code, patch).flatMap(unit -> service.ancestors(List.of(unit))
                .map(chains -> UnitResponse.of(unit, chains.get(0))));
    }
}
