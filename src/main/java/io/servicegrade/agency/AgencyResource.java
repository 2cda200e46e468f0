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
    public record Issued(String code, String name, List<String> sources, boolean active, OffsetDateTime createdAt,
            long keyId, String keyPrefix, String key) {
        static Issued of(AgencyService.WithKey issued) {
            Agency a = issued.agency();
            return new Issued(a.code, a.name, a.sources(), a.active, a.createdAt, issued.key().key().id,
                    issued.key().key().prefix, issued.key().secret());
        }
    }

    /** An agency as listed. */
    public record View(String code, String name, List<String> sources, boolean active, OffsetDateTime createdAt) {
        static View of(Agency a) {
            return new View(a.code, a.name, a.sources(), a.active, a.createdAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create an agency ({code, name, sources?}) and its first API key, shown once")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<Issued> create(byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(service::create).map(Issued::of);
    }

    @GET
    @Operation(summary = "List the agencies")
    public Uni<List<View>> list() {
        return service.list().map(all -> all.stream().map(View::of).toList());
    }

    @GET
    @Path("/{code}")
    public Uni<View> get(@PathParam("code") String code) {
        return service.get(code).map(View::of);
    }

    @PATCH
    @Path("/{code}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Rename an agency, limit its sources (null: any) or retire it (active: false)")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<View> patch(@PathParam("code") String code, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(b -> service.patch(code, b)).map(View::of);
    }

    @POST
    @Path("/{code}/keys")
    @ResponseStatus(201)
    @Operation(summary = "Rotate the agency's key: a new key, shown once; its previous keys are revoked")
    public Uni<Issued> rotate(@PathParam("code") String code) {
        return service.rotate(code).map(Issued::of);
    }
}
