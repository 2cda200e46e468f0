package io.servicegrade.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A webhook subscription as REST and GraphQL show it (issue 19); never its secret (see {@link Created}). */
@Schema(name = "Webhook", description = "A webhook subscription: a receiver's URL and the event kinds it hears")
public record WebhookView(
        @Schema(required = true) long id,
        @Schema(required = true, description = "The receiver: https (never a loopback or private address)")
        String url,
        @Schema(required = true, description = "The event kinds sent, by wire name (e.g. appeal.filed)")
        List<String> kinds,
        @Schema(required = true, description = "Whether events are sent to it now") boolean active,
        @Schema(nullable = true) String description,
        @Schema(required = true) OffsetDateTime createdAt,
        @Schema(required = true) OffsetDateTime updatedAt) {

    static WebhookView of(WebhookRepository.Subscription s) {
        return new WebhookView(s.id(), s.url(), s.kinds(), s.active(), s.description(), s.createdAt(),
                s.updatedAt());
    }

    /** The body of a new subscription. */
    @Schema(name = "WebhookCreation")
    public record Creation(@Schema(required = true) String url,
            @Schema(required = true, description = "Event kinds by wire name") List<String> kinds,
            @Schema(description = "true by default") Boolean active,
            String description) {
    }

    /** The body of a change: the fields given change, the rest stays. */
    @Schema(name = "WebhookChange")
    public record Change(String url, List<String> kinds, Boolean active,
            @Schema(description = "null or blank clears it") String description) {
    }

    /** A subscription just made, or its secret just rotated: the secret is shown this once. */
    @Schema(name = "WebhookWithSecret", description = "A webhook subscription and its signing secret, shown once")
    public record Created(@Schema(required = true) WebhookView webhook,
            @Schema(required = true, description = "whsec_ and base64: verify webhook-signature with it (the "
                    + "Standard Webhooks scheme). Shown only now.") String secret) {

        static Created of(WebhookService.WithSecret made) {
            return new Created(WebhookView.of(made.subscription()), made.secret());
        }
    }

    /** One attempt of a delivery. */
    @Schema(name = "WebhookAttempt")
    public record Attempt(@Schema(required = true, description = "The attempt series: 1, and one more per replay")
            int series,
            @Schema(required = true, description = "The attempt's number within its series") int number,
            @Schema(required = true) OffsetDateTime at,
            @Schema(nullable = true, description = "The receiver's HTTP status; null when none came") Integer status,
            @Schema(nullable = true, description = "What stopped the attempt (no answer, refused address …)")
            String error,
            @Schema(required = true) int durationMs,
            @Schema(required = true, description = "The server instance that sent it") String instance) {
    }

    /** A delivery of one event to one subscription. */
    @Schema(name = "WebhookDelivery")
    public record Delivery(@Schema(required = true) long id, @Schema(required = true) long webhook,
            @Schema(required = true, description = "The event; webhook-id is evt_ and this") long event,
            @Schema(required = true, description = "The webhook-id header of every attempt") String webhookId,
            @Schema(required = true) String kind, @Schema(required = true) String subject,
            @Schema(required = true, enumeration = {"pending", "delivered", "failed"}) String state,
            @Schema(required = true) int series,
            @Schema(required = true, description = "Attempts made in the current series") int attempts,
            @Schema(nullable = true, description = "When the next attempt is due, while pending")
            OffsetDateTime nextAttemptAt,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime finishedAt,
            @Schema(required = true) List<Attempt> log) {

        static Delivery of(WebhookRepository.Delivery d) {
            return new Delivery(d.id(), d.subscriptionId(), d.eventId(), Courier.webhookId(d.eventId()), d.kind(),
                    d.subject(), d.state(), d.series(), d.attempts(),
                    d.state().equals("pending") ? d.nextAt() : null, d.createdAt(), d.finishedAt(),
                    d.log().stream().map(a -> new Attempt(a.series(), a.number(), a.at(), a.status(), a.error(),
                            a.durationMs(), a.instance())).toList());
        }
    }

    /** A replay of failed deliveries. */
    @Schema(name = "WebhookReplay")
    public record Replay(@Schema(required = true, description = "Failed deliveries made since this instant")
            OffsetDateTime since) {
    }

    @Schema(name = "WebhookReplayed")
    public record Replayed(@Schema(required = true, description = "How many deliveries were sent again")
            int replayed) {
    }
}
