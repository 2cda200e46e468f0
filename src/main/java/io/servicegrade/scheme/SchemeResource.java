package io.servicegrade.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Scheme documents: stored as versions, read back. Their standings are served by standing/StandingResource. */
@Path("/api/v1/schemes")
@Tag(name = "Schemes", description = "Schemes (考核方案) and their standings")
public class SchemeResource {

    /** The demo scheme's reader: as strict as a request's (RequestBodies), over a file of the server's own. */
    static final YAMLMapper YAML = RequestBodies.yamlMapper(Integer.MAX_VALUE);

    @Inject
    SchemeService schemes;

    @Inject
    ObjectMapper json;

    @Inject
    RequestBodies bodies;

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SchemeDocumentSchema.class))})
    @APIResponse(responseCode = "200", description = "The content equals the latest version: nothing stored",
            content = @Content(schema = @Schema(implementation = SchemeService.Stored.class)))
    @APIResponse(responseCode = "201", description = "Stored as a new version",
            content = @Content(schema = @Schema(implementation = SchemeService.Stored.class)))
    @APIResponse(responseCode = "409", description = "Another version was stored at the same moment")
    @Operation(operationId = "putScheme",
            summary = "Store a scheme as a new version when its content differs from the latest")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> put(@PathParam("key") String key, byte[] scheme) {
        return bodies.json(scheme, RequestBodies.Kind.DOCUMENT).flatMap(node -> store(key, node));
    }

    @PUT
    @Path("/{key}")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = "application/yaml",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = "application/x-yaml",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = "text/yaml",
            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The content equals the latest version: nothing stored",
            content = @Content(schema = @Schema(implementation = SchemeService.Stored.class)))
    @APIResponse(responseCode = "201", description = "Stored as a new version",
            content = @Content(schema = @Schema(implementation = SchemeService.Stored.class)))
    @APIResponse(responseCode = "409", description = "Another version was stored at the same moment")
    @Operation(summary = "Store a scheme written in YAML")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> putYaml(@PathParam("key") String key, byte[] scheme) {
        return bodies.yaml(scheme, RequestBodies.Kind.DOCUMENT).flatMap(node -> store(key, node));
    }

    private Uni<Response> store(String key, JsonNode scheme) {
        // A new version and the standing inputs it computes are stored in one transaction (SchemeService.put).
        return schemes.put(key, scheme, "api", false)
                .map(stored -> Response.status(stored.created() ? 201 : 200).entity(stored).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Every scheme at its latest version",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = SchemeDocumentSchema.Version.class)))
    @Operation(operationId = "listSchemes",
            summary = "Every scheme at its latest version")
    public Uni<List<JsonNode>> list() {
        return schemes.latestOfEach().map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The latest version of the scheme",
            content = @Content(schema = @Schema(implementation = SchemeDocumentSchema.Version.class)))
    @Operation(operationId = "getScheme")
    public Uni<JsonNode> latest(@PathParam("key") String key) {
        return schemes.latest(key).map(this::view);
    }

    private JsonNode view(SchemeService.Version v) {
        return json.createObjectNode().put("key", v.scheme().key()).put("version", v.version())
                .put("origin", v.origin()).put("createdAt", v.createdAt().toString())
                .set("scheme", SchemeDocument.write(v.scheme()));
    }
}
