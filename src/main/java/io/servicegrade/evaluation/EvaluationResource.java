package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.idempotency.IdempotencyStore;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemRenderer;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Evaluations", description = "Results posted by agencies and inspectors; corrections as revisions")
public class EvaluationResource {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    EvaluationService service;

    @Inject
    EvaluationQueries queries;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Transactions transactions;

    @Inject
    CurrentCaller current;

    @Inject
    ProblemRenderer problems;

    @Inject
    ObjectMapper json;

    @Inject
    RequestBodies bodies;

    @Inject
    io.servicegrade.platform.config.ServiceGradeConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EvaluationBatchSchema.class))})
    @APIResponse(responseCode = "201",
            description = "Stored, or found stored already (each outcome says which): one outcome per evaluation, "
            + "in request order",
            content = @Content(schema = @Schema(implementation = EvaluationBatchSchema.Result.class)),
            headers = @Header(name = "Idempotent-Replayed",
            description = "true when this is the first answer to the same Idempotency-Key, sent again",
            schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "403", description = "The agency may not post evaluations of this source")
    @APIResponse(responseCode = "409",
            description = "A changed resend of a stored evaluation without a reason, or a request with this "
            + "Idempotency-Key still running or differing from the first")
    @Operation(operationId = "postEvaluations",
            summary = "Post up to 5,000 evaluations, all or nothing; answers 201 with their ids and scores in "
            + "request order. With an Idempotency-Key header, a retry gets the first answer again.")
    @BodyLimit(RequestBodies.Kind.BATCH)
    public Uni<Response> submit(byte[] body, @HeaderParam("Idempotency-Key") String key,
            HttpServerRequest request) {
        Caller caller = current.get();
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ProblemException.invalid(List.of(Violation.at("/Idempotency-Key", m -> m.tooLong(255))));
        }
        return bodies.json(body, RequestBodies.Kind.BATCH).flatMap(read -> submit(caller, read, key, request));
    }

    private Uni<Response> submit(Caller caller, JsonNode body, String key, HttpServerRequest request) {
        if (key == null) {
            return transactions.admit(() -> service.submit(caller, body)).map(outcomes -> Response.status(201)
                    .entity(Map.of("evaluations", outcomes)).build());
        }
        String language = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        String hash = IdempotencyStore.requestHash(body);
        // Admitted before the key is claimed: a refused request leaves no claim behind to block its resend.
        // A refusal of the server's (5xx: too busy, database unreachable) is not the request's answer and is not
        // kept: it reaches the client as itself, with Retry-After, and a resend runs again.
        return transactions.admit(() -> idempotency.run(caller.scope(), key, hash,
                () -> service.submit(caller, body)
                        .map(outcomes -> new IdempotencyStore.Reply(201, write(Map.of("evaluations", outcomes)), false))
                        .onFailure(e -> e instanceof ProblemException p && p.status() < 500).recoverWithItem(e ->
                                new IdempotencyStore.Reply(((ProblemException) e).status(),
                                        problems.render((ProblemException) e, language, request.path()), false))))
                .map(reply -> {
                    Response.ResponseBuilder response = Response.status(reply.status()).entity(reply.body())
                            .type(reply.status() >= 400 ? ProblemDocument.MEDIA_TYPE : MediaType.APPLICATION_JSON);
                    if (reply.replayed()) {
                        response.header("Idempotent-Replayed", "true");
                    }
                    return response.build();
                });
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The evaluation",
            content = @Content(schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "403", description = "Another agency's evaluation")
    @Operation(operationId = "getEvaluation",
            summary = "An evaluation: its current revision, full breakdown and history")
    public Uni<EvaluationView> get(@PathParam("id") long id) {
        return service.get(current.get(), id).flatMap(this::view);
    }

    @GET
    @Operation(operationId = "listEvaluations",
            summary = "Evaluations (an agency sees its own), filtered, in id order, a page at a time")
    public Uni<EvaluationView.Page> list(@QueryParam("unit") String unit, @QueryParam("under") String under,
            @QueryParam("source") String source, @QueryParam("rubric") String rubric,
            @Parameter(description = "conductedAt at or after", schema = @Schema(type = SchemaType.STRING,
                format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "conductedAt before", schema = @Schema(type = SchemaType.STRING,
                format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        List<String> sources = config.evaluations().sources();
        if (source != null && !sources.contains(source)) {
            // a source no evaluation can have is refused, not answered with an empty page
            return Uni.createFrom().failure(ProblemException.invalid(List.of(io.servicegrade.platform.problem
                    .QueryParameters.problem("source", m -> m.oneOf(String.join(", ", sources))))));
        }
        return queries.page(current.get(), unit, under, source, rubric, from, to, limit, cursor)
                .map(page -> new EvaluationView.Page(page.evaluations().stream()
                        .map(e -> EvaluationView.of(e, null, null)).toList(), page.nextCursor(), page.total()));
    }

    @POST
    @Path("/{id}/revisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EvaluationBatchSchema.Revision.class))})
    @APIResponse(responseCode = "201",
            description = "The new revision, with the evaluation's breakdown and history",
            content = @Content(schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "403", description = "Another agency's evaluation")
    @APIResponse(responseCode = "409", description = "The evaluation is void")
    @Operation(operationId = "reviseEvaluation",
            summary = "Correct an evaluation: new answers (evidence, comment) and a reason make a new revision")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> revise(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.revise(caller, id, read))).flatMap(this::view)
                .map(view -> Response.status(201).entity(view).build());
    }

    @POST
    @Path("/{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EvaluationBatchSchema.VoidRequest.class))})
    @APIResponse(responseCode = "200", description = "The evaluation, now void",
            content = @Content(schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "403", description = "Another agency's evaluation")
    @APIResponse(responseCode = "409", description = "The evaluation is void already")
    @Operation(operationId = "voidEvaluation",
            summary = "Void an evaluation, with a reason; it stays readable and counts no more")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<EvaluationView> voidIt(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.voidIt(caller, id, read))).flatMap(this::view);
    }

    private Uni<EvaluationView> view(StoredEvaluation evaluation) {
        return service.breakdown(evaluation).flatMap(breakdown -> queries.history(evaluation.id())
                .map(history -> EvaluationView.of(evaluation, breakdown, history)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
