package io.servicegrade.rubric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.scoring.Breakdown;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@Path("/api/v1/rubrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rubrics", description = "Versioned checklists evaluations are scored against, and dry-run scoring")
public class RubricResource {

    /** The presets' reader: as strict as a request's (RequestBodies), over files of the server's own. */
    static final YAMLMapper YAML = RequestBodies.yamlMapper(Integer.MAX_VALUE);

    @Inject
    RubricService service;

    @Inject
    RequestBodies bodies;

    /** A stored version with its canonical document. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RubricVersion")
    public record VersionView(@Schema(required = true) String key, @Schema(required = true) int version,
            @Schema(required = true, enumeration = {"preset", "api"}) String origin,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true, implementation = RubricDocumentSchema.class) JsonNode rubric) {
        static VersionView of(RubricService.Version v) {
            return new VersionView(v.version().key(), v.version().version(), v.version().origin(),
                    v.version().createdAt(), RubricDocument.write(v.version().rubric()));
        }
    }

    /** A rubric in the list: its latest version. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RubricSummary")
    public record Summary(@Schema(required = true) String key, @Schema(required = true) int version,
            @Schema(required = true) io.servicegrade.scoring.LocalizedText name,
            @Schema(required = true) BigDecimal total,
            @Schema(required = true, enumeration = {"preset", "api"}) String origin,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    /** A dry-run result: which version scored the answers, and the breakdown. */
    public record ScoreView(@Schema(required = true) String rubric, @Schema(required = true) int version,
            @Schema(required = true) Breakdown breakdown) {
    }

    /** The body of a dry run (schema only): the answers to score. */
    @Schema(name = "ScoreRequest")
    public record ScoreRequest(@Schema(required = true)
            java.util.List<io.servicegrade.evaluation.EvaluationBatchSchema.Answer> answers) {
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RubricDocumentSchema.class))})
    @APIResponse(responseCode = "200", description = "The content equals the latest version: nothing stored",
            content = @Content(schema = @Schema(implementation = RubricService.Stored.class)))
    @APIResponse(responseCode = "201", description = "Stored as a new version",
            content = @Content(schema = @Schema(implementation = RubricService.Stored.class)))
    @APIResponse(responseCode = "409", description = "Another version was stored at the same moment")
    @Operation(operationId = "putRubric",
            summary = "Store a rubric as a new version when its content differs from the latest")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> put(@PathParam("key") String key, byte[] rubric) {
        return bodies.json(rubric, RequestBodies.Kind.DOCUMENT).flatMap(node -> service.put(key, node))
                .map(RubricResource::stored);
    }

    @PUT
    @Path("/{key}")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RequestBody(required = true, content = {@Content(mediaType = "application/yaml",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = "application/x-yaml",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = "text/yaml",
            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The content equals the latest version: nothing stored",
            content = @Content(schema = @Schema(implementation = RubricService.Stored.class)))
    @APIResponse(responseCode = "201", description = "Stored as a new version",
            content = @Content(schema = @Schema(implementation = RubricService.Stored.class)))
    @APIResponse(responseCode = "409", description = "Another version was stored at the same moment")
    @Operation(summary = "Store a rubric written in YAML (same format as the JSON)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> putYaml(@PathParam("key") String key, byte[] rubric) {
        return bodies.yaml(rubric, RequestBodies.Kind.DOCUMENT).flatMap(node -> service.put(key, node))
                .map(RubricResource::stored);
    }

    @GET
    @Operation(operationId = "listRubrics",
            summary = "Every rubric, at its latest version")
    public Uni<List<Summary>> list() {
        return service.latestOfEach().map(all -> all.stream().map(v -> new Summary(v.version().key(),
                v.version().version(), v.version().rubric().name(), v.version().rubric().total(),
                v.version().origin(), v.version().createdAt())).toList());
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getRubric",
            summary = "The latest version of a rubric")
    public Uni<VersionView> latest(@PathParam("key") String key) {
        return service.latest(key).map(VersionView::of);
    }

    @GET
    @Path("/{key}/versions/{version}")
    @Operation(operationId = "getRubricVersion",
            summary = "One version of a rubric")
    public Uni<VersionView> version(@PathParam("key") String key,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("version") String version) {
        return Uni.createFrom().item(() -> versionNumber(version, "/version"))
                .flatMap(n -> service.version(key, n)).map(VersionView::of);
    }

    @POST
    @Path("/{key}/score")
    @io.servicegrade.platform.security.Access(io.servicegrade.platform.security.Access.Level.AGENCY)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ScoreRequest.class))})
    @Operation(operationId = "scoreAnswers",
            summary = "Score answers against a rubric (latest version, or ?version=) without storing anything")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<ScoreView> score(@PathParam("key") String key,
            @Parameter(description = "A version number; the latest by default",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("version") String version,
            byte[] raw) {
        Integer number = version == null ? null : versionNumber(version, "/version");
        return bodies.json(raw, RequestBodies.Kind.DOCUMENT)
                .flatMap(body -> service.resolve(key, number).map(v -> Map.entry(v, body)))
                .map(resolved -> {
                    RubricService.Version v = resolved.getKey();
                    JsonNode body = resolved.getValue();
                    if (body == null || !body.isObject()) {
                        throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
                    }
                    if (body instanceof ObjectNode object) {
                        List<Violation> unknown = new java.util.ArrayList<>();
                        object.fieldNames().forEachRemaining(name -> {
                            if (!name.equals("answers")) {
                                unknown.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
                            }
                        });
                        if (!unknown.isEmpty()) {
                            throw ProblemException.invalid(unknown);
                        }
                    }
                    return new ScoreView(key, v.version().version(),
                            v.score(body.get("answers"), "/answers").orThrow());
                });
    }

    private static Integer versionNumber(String text, String pointer) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid(List.of(new Violation(pointer, null, null, pointer.substring(1),
                m -> m.numberRange(1, Integer.MAX_VALUE))));
    }

    private static Response stored(RubricService.Stored stored) {
        return Response.status(stored.created() ? 201 : 200).entity(stored).build();
    }
}
