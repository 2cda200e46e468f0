package io.servicegrade.scheme;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.standing.StandingExport;
import io.servicegrade.standing.StandingInputs;
import io.servicegrade.standing.StandingService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1/schemes")
@Tag(name = "Schemes", description = "Schemes (考核方案) and their standings")
public class SchemeResource {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Inject
    SchemeService schemes;

    @Inject
    StandingService standings;

    @Inject
    StandingExport export;

    @Inject
    StandingInputs inputs;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/{key}/recompute")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rebuild the scheme's prepared standings inputs from the raw evaluations (admin)")
    public Uni<Map<String, Object>> recompute(@PathParam("key") String key) {
        return inputs.recompute(key).map(done -> Map.of("scheme", key, "recomputed", true));
    }

    @GET
    @Path("/{key}/periods")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The periods with standings, newest first, and the scheme version each published one keeps")
    public Uni<List<Map<String, Object>>> periods(@PathParam("key") String key) {
        return standings.periods(key).map(all -> all.stream().map(SchemeResource::period).toList());
    }

    @POST
    @Path("/{key}/periods/{period}/publish")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a period's standings (admin): it keeps the scheme version that computes it now, "
            + "whatever versions come later; publishing again changes nothing")
    public Uni<Map<String, Object>> publish(@PathParam("key") String key, @PathParam("period") String period) {
        return standings.publish(key, period).map(SchemeResource::period);
    }

    private static Map<String, Object> period(StandingService.PeriodState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("period", state.period().id());
        view.put("firstDay", state.period().firstDay().toString());
        view.put("lastDay", state.period().endDay().minusDays(1).toString());
        view.put("published", state.publishedAt() != null);
        view.put("publishedVersion", state.publishedVersion());
        view.put("publishedAt", state.publishedAt() == null ? null : state.publishedAt().toString());
        return view;
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a scheme as a new version when its content differs from the latest")
    public Uni<Response> put(@PathParam("key") String key, JsonNode scheme) {
        return schemes.put(key, scheme, "api", false)
                .call(stored -> stored.created() ? inputs.recompute(key) : Uni.createFrom().voidItem())
                .map(stored -> Response.status(stored.created() ? 201 : 200).entity(stored).build());
    }

    @PUT
    @Path("/{key}")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a scheme written in YAML")
    public Uni<Response> putYaml(@PathParam("key") String key, String scheme) {
        JsonNode node;
        try {
            node = YAML.readTree(scheme == null ? "" : scheme);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    m -> m.malformedYaml(reason));
        }
        return put(key, node);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every scheme at its latest version")
    public Uni<List<JsonNode>> list() {
        return schemes.latestOfEach().map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> latest(@PathParam("key") String key) {
        return schemes.latest(key).map(this::view);
    }

    @GET
    @Path("/{key}/standings")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Standings of a period, as JSON or as CSV (UTF-8 with BOM, for Excel: Accept text/csv "
            + "or ?format=csv)")
    public Uni<Response> standings(@PathParam("key") String key, @QueryParam("period") String period,
            @QueryParam("kind") String kind, @QueryParam("under") String under,
            @QueryParam("serviceLine") String serviceLine, @QueryParam("area") String area,
            @QueryParam("lang") String lang, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        boolean csv = "csv".equals(format) || accept != null && accept.startsWith("text/csv");
        String language = lang == null ? "en" : lang;
        return standings.board(key, period, kind, under, serviceLine, area).map(board -> csv
                ? Response.ok(export.csv(board, language)).type("text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + key + "-" + board.period().id()
                                + ".csv\"").build()
                : Response.ok(export.json(board, language)).type(MediaType.APPLICATION_JSON).build());
    }

    private JsonNode view(SchemeService.Version v) {
        return json.createObjectNode().put("key", v.scheme().key()).put("version", v.version())
                .put("origin", v.origin()).put("createdAt", v.createdAt().toString())
                .set("scheme", SchemeDocument.write(v.scheme()));
    }
}
