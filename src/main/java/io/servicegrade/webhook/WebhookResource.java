package io.servicegrade.webhook;

import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Webhook subscriptions over REST (issue 19): make, change, delete, rotate, read the log, replay. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Webhooks", description = "Signed outbound webhooks: subscriptions, their delivery logs, replays")
public class WebhookResource {

    @Inject
    WebhookService service;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    Transactions transactions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.Creation.class)))
    @APIResponse(responseCode = "201", description = "The subscription, and its secret (shown only now)",
            content = @Content(schema = @Schema(implementation = WebhookView.Created.class)))
    @APIResponse(responseCode = "403", description = "Not the administrator")
    @APIResponse(responseCode = "422", description = "A bad field: a URL that is not https or names a loopback or "
            + "private address, an unknown event kind …")
    @Operation(operationId = "createWebhook", summary = "Subscribe a receiver to event kinds (administrator)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<Response> create(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.create(caller, read)))
                .map(made -> Response.status(201).entity(WebhookView.Created.of(made)).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every subscription, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookView.class)))
    @APIResponse(responseCode = "403", description = "Not the administrator or an analyst")
    @Operation(operationId = "listWebhooks", summary = "Webhook subscriptions (administrator or analyst)")
    public Uni<List<WebhookView>> list() {
        return Uni.createFrom().deferred(() -> service.list(current.get()))
                .map(all -> all.stream().map(WebhookView::of).toList());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    @Operation(operationId = "getWebhook", summary = "A webhook subscription (administrator or analyst)")
    public Uni<WebhookView> get(@PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.get(current.get(), id)).map(WebhookView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.Change.class)))
    @APIResponse(responseCode = "200", description = "The subscription, changed",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    @APIResponse(responseCode = "422", description = "A bad field")
    @Operation(operationId = "updateWebhook", summary = "Change a subscription's URL, kinds, active flag or "
            + "description (administrator)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<WebhookView> update(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.update(caller, id, read)))
                .map(WebhookView::of);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted, with its deliveries and their log")
    @APIResponse(responseCode = "404", description = "No such subscription")
    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription (administrator)")
    public Uni<Response> delete(@PathParam("id") long id) {
        Caller caller = current.get();
        return transactions.admit(() -> service.delete(caller, id)).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/secret")
    @APIResponse(responseCode = "200", description = "The subscription and its new secret (shown only now)",
            content = @Content(schema = @Schema(implementation = WebhookView.Created.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    @Operation(operationId = "rotateWebhookSecret", summary = "Give a subscription a new signing secret; every "
            + "attempt from now on is signed with it (administrator)")
    public Uni<WebhookView.Created> rotate(@PathParam("id") long id) {
        Caller caller = current.get();
        return transactions.admit(() -> service.rotate(caller, id)).map(WebhookView.Created::of);
    }

    @GET
    @Path("/{id}/deliveries")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE})
    @APIResponse(responseCode = "200", description = "The deliveries, newest first, with their attempts",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = WebhookView.Delivery.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @APIResponse(responseCode = "404", description = "No such subscription")
    @APIResponse(responseCode = "422", description = "A bad filter, named by its parameter")
    @Operation(operationId = "listWebhookDeliveries", summary = "A subscription's delivery log (administrator "
            + "or analyst), newest first; page on with before = the last id seen; as JSON, CSV (Accept text/csv or "
            + "?format=csv) or XLSX (?format=xlsx), one row per delivery with its last attempt")
    public Uni<Response> deliveries(@PathParam("id") long id,
            @Parameter(description = "Only deliveries with a smaller id (the next page)")
            @QueryParam("before") String before,
            @Parameter(schema = @Schema(enumeration = {"pending", "delivered", "failed"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only events of this kind, e.g. appeal.filed") @QueryParam("kind") String kind,
            @Parameter(description = "Made on or after this day (YYYY-MM-DD, the server's zone)")
            @QueryParam("from") String from,
            @Parameter(description = "Made on or before this day (YYYY-MM-DD, the server's zone)")
            @QueryParam("to") String to,
            @Parameter(description = "At most this many (1 to 200, default 50; an export: 1 to 10000, default "
                    + "10000)") @QueryParam("limit") String limit,
            @Parameter(schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @Parameter(description = "Language of the export's header and states: zh-CN or en (default)")
            @QueryParam("lang") String lang, @HeaderParam("Accept") String accept) {
        if (format != null && !List.of("json", "csv", "xlsx").contains(format)) {
            return Uni.createFrom().failure(ProblemException.invalid(List.of(
                    QueryParameters.problem("format", m -> m.oneOf("json, csv, xlsx")))));
        }
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.startsWith("text/csv");
        boolean xlsx = "xlsx".equals(format)
                || format == null && accept != null && accept.startsWith(Xlsx.MEDIA_TYPE);
        return Uni.createFrom().deferred(() -> service.deliveries(current.get(), id, before, state, kind, from, to,
                        limit, csv || xlsx))
                .map(all -> {
                    if (csv) {
                        return Response.ok(WebhookExport.csv(all, lang)).type("text/csv; charset=UTF-8")
                                .header("Content-Disposition", "attachment; filename=\"webhook-" + id
                                        + "-deliveries.csv\"").build();
                    }
                    if (xlsx) {
                        return Response.ok(WebhookExport.xlsx(all, lang)).type(Xlsx.MEDIA_TYPE)
                                .header("Content-Disposition", "attachment; filename=\"webhook-" + id
                                        + "-deliveries.xlsx\"").build();
                    }
                    return Response.ok(all.stream().map(WebhookView.Delivery::of).toList())
                            .type(MediaType.APPLICATION_JSON).build();
                });
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.Replay.class)))
    @APIResponse(responseCode = "200", description = "How many failed deliveries are sent again",
            content = @Content(schema = @Schema(implementation = WebhookView.Replayed.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    @Operation(operationId = "replayFailedWebhookDeliveries", summary = "Send again every failed delivery of a "
            + "subscription made since a time: a new series of attempts each, same webhook-id (administrator)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<WebhookView.Replayed> replayFailed(@PathParam("id") long id, byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.replayFailed(caller, id, read)))
                .map(WebhookView.Replayed::new);
    }

    @GET
    @Path("/deliveries/{id}")
    @APIResponse(responseCode = "200", description = "The delivery and its attempts",
            content = @Content(schema = @Schema(implementation = WebhookView.Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such delivery")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery and its attempts (administrator or "
            + "analyst)")
    public Uni<WebhookView.Delivery> delivery(@PathParam("id") long id) {
        return Uni.createFrom().deferred(() -> service.delivery(current.get(), id)).map(WebhookView.Delivery::of);
    }

    @POST
    @Path("/deliveries/{id}/replay")
    @APIResponse(responseCode = "200", description = "The delivery, pending again",
            content = @Content(schema = @Schema(implementation = WebhookView.Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "The delivery is still being attempted")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send a delivered or failed delivery again: a new "
            + "series of attempts, same webhook-id (administrator)")
    public Uni<WebhookView.Delivery> replay(@PathParam("id") long id) {
        Caller caller = current.get();
        return transactions.admit(() -> service.replay(caller, id)).map(WebhookView.Delivery::of);
    }
}
