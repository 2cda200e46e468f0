package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.problem.ProblemException;
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
import java.util.function.Supplier;

@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Evaluations", description = "Results posted by agencies and inspectors; corrections as revisions")
public class EvaluationResource {

    @Inject
    EvaluationService service;

    @Inject
    EvaluationQueries queries;

    @Inject
    BatchAnswers batches;

    @Inject
    Transactions transactions;

    @Inject
    CurrentCaller current;

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
        ProblemException badKey = BatchAnswers.badKey(key);
        if (badKey != null) {
            throw badKey;
        }
        // the body is read once the batch is admitted to write: a request waiting for its turn holds its bytes only
        // (their size was measured before: @BodyLimit)
        return submit(caller, () -> bodies.json(body, RequestBodies.Kind.BATCH), key, request);
    }

    private Uni<Response> submit(Caller caller, Supplier<Uni<JsonNode>> body, String key,
            HttpServerRequest request) {
        if (key == null) {
            return batches.submit(caller, body).map(outcomes -> Response.status(201)
                    .entity(Map.of("evaluations", outcomes)).build());
        }
        return batches.submit(caller, body, key, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))
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
        ProblemException unknownSource = queries.unknownSource(source);
        if (unknownSource != null) {
            return Uni.createFrom().failure(unknownSource);
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
}
