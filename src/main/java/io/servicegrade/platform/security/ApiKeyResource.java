package io.servicegrade.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/admin/keys")
@Access(Access.Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Admin keys for writing to the API")
public class ApiKeyResource {

    /** A key as listed: never its secret. */
    public record KeyView(@Schema(required = true) long id, @Schema(required = true) String name,
            @Schema(required = true) String prefix,
            @Schema(description = "The agency's id; null for an admin key") Long agencyId,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(description = "When it was revoked; null while it works") OffsetDateTime revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id, key.name, key.prefix, key.agencyId, key.createdAt, key.revokedAt);
        }
    }

    /** A key just created, with its secret: shown this once. */
    public record CreatedKey(@Schema(required = true) long id, @Schema(required = true) String name,
            @Schema(required = true) String prefix, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true, description = "The API key: shown this once") String key) {
    }

    @Inject
    ApiKeyService keys;

    @Inject
    RequestBodies bodies;

    /** The body of a new admin key (schema only). */
    @Schema(name = "KeyRequest")
    public record KeyRequest(@Schema(required = true, maxLength = 200, description = "One line") String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyRequest.class))})
    @APIResponse(responseCode = "201", description = "The key, with its secret (shown once)",
            content = @Content(schema = @Schema(implementation = CreatedKey.class)))
    @Operation(operationId = "createAdminKey",
            summary = "Create an admin key; its secret is in this answer only")
    @BodyLimit(RequestBodies.Kind.SMALL)
    public Uni<CreatedKey> create(byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(this::create);
    }

    private Uni<CreatedKey> create(JsonNode request) {
        return Uni.createFrom().item(() -> ApiKeyService.keyName(request)).flatMap(keys::create)
                .map(issued -> new CreatedKey(issued.key().id, issued.key().name, issued.key().prefix,
                        issued.key().createdAt, issued.secret()));
    }

    @GET
    @Operation(operationId = "listKeys",
            summary = "List the keys, active and revoked, without their secrets")
    public Uni<List<KeyView>> list() {
        return keys.list().map(all -> all.stream().map(KeyView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "409", description = "The last active key cannot be revoked")
    @APIResponse(responseCode = "200", description = "The key, revoked",
            content = @Content(schema = @Schema(implementation = KeyView.class)))
    @Operation(operationId = "revokeKey",
            summary = "Revoke a key; the last active key cannot be revoked")
    public Uni<KeyView> revoke(@PathParam("id") long id) {
        return keys.revoke(id).map(KeyView::of);
    }
}
