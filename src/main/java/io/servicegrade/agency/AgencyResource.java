package io.servicegrade.agency;

import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.security.Access;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.OffsetDateTime;
import java.util.List;

@Path("/api/v1/agencies")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.ADMIN)
@Tag(name = "Agencies", description = "Survey agencies and their API keys (admin key)")
public class AgencyResource {

    @Inject
    AgencyService service;

    @Inject
    RequestBodies bodies;

    /** An agency with the key just issued for it: the key is shown this once. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AgencyIssued")
    public record Issued(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(description = "The sources its evaluations may have; null: any") List<String> sources,
            @Schema(required = true) boolean active, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) long keyId, @Schema(required = true) String keyPrefix,
            @Schema(required = true, description = "The API key: shown this once") String key) {
        static Issued of(AgencyService.WithKey issued) {
            Agency a = issued.agency();
            return new Issued(a.code, a.name, a.sources(), a.active, a.createdAt, issued.key().key().id,
                    issued.key().key().prefix, issued.key().secret());
        }
    }

    /** An agency as listed. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Agency")
    public record View(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(description = "The sources its keys may post; null: any") List<String> sources,
            @Schema(required = true) boolean active, @Schema(required = true) OffsetDateTime createdAt) {
        static View of(Agency a) {
            return new View(a.code, a.name, a.sources(), a.active, a.createdAt);
        }
    }

    /** The body of a new agency (schema only); unknown fields are refused. */
    @Schema(name = "AgencyRequest")
    public record AgencyRequest(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(description = "The sources its keys may post; null or absent: any") List<String> sources) {
    }

    /** A change to an agency (schema only): only the fields given change. */
    @Schema(name = "AgencyPatch")
    public record AgencyPatch(String name,
            @Schema(description = "The sources its keys may post; null: any") List<String> sources,
            @Schema(description = "false retires the agency and revokes its keys") Boolean active) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AgencyRequest.class))})
    @APIResponse(responseCode = "201", description = "The agency and its first key (shown once)",
            content = @Content(schema = @Schema(implementation = Issued.class)))
    @APIResponse(responseCode = "409", description = "The code is taken")
    @Operation(operationId = "createAgency",
            summary = "Create an agency ({code, name, sources?}) and its first API key, shown once")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Issued> create(byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(service::create).map(Issued::of);
    }

    @GET
    @Operation(operationId = "listAgencies",
            summary = "List the agencies")
    public Uni<List<View>> list() {
        return service.list().map(all -> all.stream().map(View::of).toList());
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getAgency")
    public Uni<View> get(@PathParam("code") String code) {
        return service.get(code).map(View::of);
    }

    @PATCH
    @Path("/{code}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AgencyPatch.class)),
            @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = AgencyPatch.class))})
    @Operation(operationId = "patchAgency",
            summary = "Rename an agency, limit its sources (null: any) or retire it (active: false)")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<View> patch(@PathParam("code") String code, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(b -> service.patch(code, b)).map(View::of);
    }

    @POST
    @Path("/{code}/keys")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The new key (shown once)",
            content = @Content(schema = @Schema(implementation = Issued.class)))
    @Operation(operationId = "rotateAgencyKey",
            summary = "Rotate the agency's key: a new key, shown once; its previous keys are revoked")
    public Uni<Issued> rotate(@PathParam("code") String code) {
        return service.rotate(code).map(Issued::of);
    }
}
