package io.servicegrade.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks over GraphQL (issue 19), the twins of {@code /api/v1/webhooks}: the same service, each mutation's input
 * made into the JSON body REST reads, so a refusal names the same fields.
 */
@GraphQLApi
public class WebhookGraphQLApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    WebhookService service;

    @Inject
    MutationCalls calls;

    @Inject
    Transactions transactions;

    @Inject
    Problems problems;

    @Inject
    WebhookChanges changes;

    @Type("Webhook")
    @Description("A webhook subscription: a receiver's URL and the event kinds sent to it, signed with its secret "
            + "(the Standard Webhooks scheme).")
    public record WebhookNode(@NonNull @Description("The subscription's number, as REST shows it") String id,
            @NonNull String url, @NonNull @Description("Event kinds by wire name, e.g. appeal.filed")
            List<@NonNull String> kinds, boolean active, String description, @NonNull OffsetDateTime createdAt,
            @NonNull OffsetDateTime updatedAt) {

        static WebhookNode of(WebhookRepository.Subscription s) {
            return new WebhookNode(String.valueOf(s.id()), s.url(), s.kinds(), s.active(), s.description(),
                    s.createdAt(), s.updatedAt());
        }
    }

    @Type("WebhookAttempt")
    @Description("One attempt of a delivery: the receiver's status, or what stopped it.")
    public record AttemptNode(@Description("1, and one more per replay") int series,
            @Description("Within its series") int number, @NonNull OffsetDateTime at, Integer status,
            String error, int durationMs, @NonNull @Description("The server instance that sent it") String instance) {
    }

    @Type("WebhookDelivery")
    @Description("One event delivered to one subscription, and its attempts.")
    public record DeliveryNode(@NonNull String id, @NonNull String webhook,
            @NonNull @Description("The webhook-id header of every attempt") String webhookId,
            @NonNull String kind, @NonNull String subject,
            @NonNull @Description("pending, delivered or failed") String state, int series,
            @Description("Attempts made in the current series") int attempts, OffsetDateTime nextAttemptAt,
            @NonNull OffsetDateTime createdAt, OffsetDateTime finishedAt, @NonNull List<@NonNull AttemptNode> log) {

        static DeliveryNode of(WebhookRepository.Delivery delivery) {
            WebhookView.Delivery d = WebhookView.Delivery.of(delivery);
            return new DeliveryNode(String.valueOf(d.id()), String.valueOf(d.webhook()), d.webhookId(), d.kind(),
                    d.subject(), d.state(), d.series(), d.attempts(), d.nextAttemptAt(), d.createdAt(),
                    d.finishedAt(), d.log().stream().map(a -> new AttemptNode(a.series(), a.number(), a.at(),
                            a.status(), a.error(), a.durationMs(), a.instance())).toList());
        }
    }

    @Type("WebhookPayload")
    @Description("The subscription, with its secret when it was just made or rotated (shown only then), or why "
            + "the action was refused.")
    public record WebhookPayload(WebhookNode webhook,
            @Description("whsec_ and base64; only from createWebhook and rotateWebhookSecret") String secret,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("WebhookDeliveryPayload")
    @Description("The delivery, or why the action was refused.")
    public record DeliveryPayload(DeliveryNode delivery, @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("WebhookCountPayload")
    @Description("How many subscriptions were deleted or deliveries replayed, or why the action was refused.")
    public record CountPayload(Integer count, @NonNull List<@NonNull UserError> userErrors) {
    }

    @Input("CreateWebhookInput")
    @Description("A new subscription: an https receiver and the event kinds it hears.")
    public static class Creation {
        @NonNull
        public String url;
        @NonNull
        public List<@NonNull String> kinds;
        @Description("true by default")
        public Boolean active;
        public String description;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("url", url);
            if (kinds != null) {
                kinds.forEach(node.putArray("kinds")::add);
            }
            if (active != null) {
                node.put("active", active);
            }
            if (description != null) {
                node.put("description", description);
            }
            return node;
        }
    }

    @Input("UpdateWebhookInput")
    @Description("What changes; fields left out stay. An empty description clears it.")
    public static class Change {
        public String url;
        public List<@NonNull String> kinds;
        public Boolean active;
        public String description;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            if (url != null) {
                node.put("url", url);
            }
            if (kinds != null) {
                kinds.forEach(node.putArray("kinds")::add);
            }
            if (active != null) {
                node.put("active", active);
            }
            if (description != null) {
                node.put("description", description);
            }
            return node;
        }
    }

    @Query("webhooks")
    @Description("Every webhook subscription (administrator or analyst; REST: GET /api/v1/webhooks).")
    public Uni<@NonNull List<@NonNull WebhookNode>> webhooks() {
        return calls.caller().flatMap(service::list).map(all -> all.stream().map(WebhookNode::of).toList())
                .onFailure().transform(this::problem);
    }

    @Query("webhook")
    @Description("A webhook subscription; null when there is none (REST: GET /api/v1/webhooks/{id}).")
    public Uni<WebhookNode> webhook(@NonNull String id) {
        Long number = number(id);
        if (number == null) {
            return Uni.createFrom().nullItem();
        }
        return calls.caller().flatMap(caller -> service.get(caller, number)).map(WebhookNode::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("webhookDeliveries")
    @Description("A subscription's delivery log, newest first, with attempts; page on with before = the last id "
            + "seen (REST: GET /api/v1/webhooks/{id}/deliveries).")
    public Uni<@NonNull List<@NonNull DeliveryNode>> webhookDeliveries(@NonNull String webhook, String before,
            @Description("pending, delivered or failed") String state, @Description("1 to 200, default 50")
            Integer limit, @Description("Only events of this kind, e.g. appeal.filed") String kind,
            @Description("Made on or after this day (YYYY-MM-DD, the server's zone)") String from,
            @Description("Made on or before this day (YYYY-MM-DD, the server's zone)") String to) {
        Long number = number(webhook);
        if (number == null) {
            return Uni.createFrom().failure(problem(WebhookService.notFound(-1)));
        }
        return calls.caller().flatMap(caller -> service.deliveries(caller, number, before, state, kind, from,
                        to, limit == null ? null : String.valueOf(limit), false))
                .map(all -> all.stream().map(DeliveryNode::of).toList())
                .onFailure().transform(this::problem);
    }

    @Subscription("webhookDeliveryChanges")
    @Description("Every delivery attempt's outcome as it is recorded, from any instance: the delivery as it is after "
            + "the attempt (delivered; pending with the failed attempt in its log and the next attempt's time; or "
            + "failed, given up). Only for those who may read webhooks (administrator, analyst).")
    public Multi<DeliveryNode> webhookDeliveryChanges(
            @Id @Description("Only this subscription's deliveries; every subscription's when absent")
            String subscription) {
        Long only = subscription == null ? null : number(subscription);
        return calls.caller().map(caller -> {
            WebhookService.requireRead(caller);
            if (subscription != null && only == null) {
                throw WebhookService.notFound(-1);
            }
            return caller;
        }).onFailure().transform(this::problem).toMulti().flatMap(caller -> changes.stream()
                .filter(c -> only == null || c.subscription() == only)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(c -> service.delivery(caller, c.delivery())
                        .map(now -> Optional.of(c.asOf(now)))
                        // a delivery deleted meanwhile is not passed on
                        .onFailure().recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent).map(Optional::get)
                .map(DeliveryNode::of));
    }

    @Mutation("createWebhook")
    @NonNull
    @Description("Subscribe a receiver to event kinds (administrator); the secret is in the payload, only now "
            + "(REST: POST /api/v1/webhooks).")
    public Uni<WebhookPayload> createWebhook(@NonNull Creation input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.create(caller, body));
        }).map(made -> new WebhookPayload(WebhookNode.of(made.subscription()), made.secret(), List.of())),
                errors -> new WebhookPayload(null, null, errors), "GraphQL createWebhook");
    }

    @Mutation("updateWebhook")
    @NonNull
    @Description("Change a subscription (administrator; REST: PATCH /api/v1/webhooks/{id}).")
    public Uni<WebhookPayload> updateWebhook(@NonNull String id, @NonNull Change input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            long number = numberOrMissing(id);
            return transactions.admit(() -> service.update(caller, number, body));
        }).map(changed -> new WebhookPayload(WebhookNode.of(changed), null, List.of())),
                errors -> new WebhookPayload(null, null, errors), "GraphQL updateWebhook");
    }

    @Mutation("deleteWebhook")
    @NonNull
    @Description("Delete a subscription with its deliveries and their log (administrator; REST: DELETE "
            + "/api/v1/webhooks/{id}).")
    public Uni<CountPayload> deleteWebhook(@NonNull String id) {
        return calls.payload(calls.caller().flatMap(caller -> {
                    long number = numberOrMissing(id);
                    return transactions.admit(() -> service.delete(caller, number));
                })
                .map(done -> new CountPayload(1, List.of())),
                errors -> new CountPayload(null, errors), "GraphQL deleteWebhook");
    }

    @Mutation("rotateWebhookSecret")
    @NonNull
    @Description("Give a subscription a new secret, shown only now (administrator; REST: POST "
            + "/api/v1/webhooks/{id}/secret).")
    public Uni<WebhookPayload> rotateWebhookSecret(@NonNull String id) {
        return calls.payload(calls.caller().flatMap(caller -> {
                    long number = numberOrMissing(id);
                    return transactions.admit(() -> service.rotate(caller, number));
                })
                .map(made -> new WebhookPayload(WebhookNode.of(made.subscription()), made.secret(), List.of())),
                errors -> new WebhookPayload(null, null, errors), "GraphQL rotateWebhookSecret");
    }

    @Mutation("replayWebhookDelivery")
    @NonNull
    @Description("Send a delivered or failed delivery again: a new series of attempts, same webhook-id "
            + "(administrator; REST: POST /api/v1/webhooks/deliveries/{id}/replay).")
    public Uni<DeliveryPayload> replayWebhookDelivery(@NonNull String id) {
        return calls.payload(calls.caller().flatMap(caller -> {
            Long number = number(id);
            if (number == null) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.webhookDeliveryNotFound(-1)));
            }
            return transactions.admit(() -> service.replay(caller, number));
        }).map(d -> new DeliveryPayload(DeliveryNode.of(d), List.of())),
                errors -> new DeliveryPayload(null, errors), "GraphQL replayWebhookDelivery");
    }

    @Mutation("replayFailedWebhookDeliveries")
    @NonNull
    @Description("Send again every failed delivery of a subscription made since a time (administrator; REST: "
            + "POST /api/v1/webhooks/{id}/replay).")
    public Uni<CountPayload> replayFailedWebhookDeliveries(@NonNull String id,
            @NonNull @Description("ISO-8601 with an offset") String since) {
        ObjectNode body = JSON.objectNode().put("since", since);
        return calls.payload(calls.caller().flatMap(caller -> {
                    long number = numberOrMissing(id);
                    return transactions.admit(() -> service.replayFailed(caller, number, body));
                })
                .map(count -> new CountPayload(count, List.of())),
                errors -> new CountPayload(null, errors), "GraphQL replayFailedWebhookDeliveries");
    }

    private static Long number(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An id that names no subscription is refused as one that does not exist. */
    private static long numberOrMissing(String id) {
        Long number = number(id);
        if (number == null) {
            throw WebhookService.notFound(-1);
        }
        return number;
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL webhooks");
    }
}
