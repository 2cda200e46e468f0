package io.servicegrade.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * One instance's sender of webhook deliveries (issue 19): claims due deliveries (each claim a lease with a token of
 * its own), POSTs each signed body with the non-blocking HTTP client, and records the attempt and its outcome only
 * while it still holds the claim. Only the claimer sends, and a delivery recorded delivered is never claimed again;
 * a crash between a receiver's answer and the record of it leaves the claim to lapse and the delivery to be sent
 * again, which is why receivers deduplicate on {@code webhook-id}.
 */
public final class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class);
    static final int MAX_ERROR = 500;

    /** What a courier needs to know of the settings. */
    record Settings(int maxAttempts, Backoff backoff, Duration timeout, int batch) {

        /** A claim outlasts a whole batch's attempts (resolving, connecting, the answer) with room to spare. */
        Duration lease() {
            return timeout.multipliedBy(2).plusSeconds(30);
        }
    }

    private final WebhookRepository repository;
    private final ReceiverCheck receivers;
    private final HttpClient http;
    private final Settings settings;
    private final String instance;

    Courier(WebhookRepository repository, ReceiverCheck receivers, HttpClient http, Settings settings,
            String instance) {
        this.repository = repository;
        this.receivers = receivers;
        this.http = http;
        this.settings = settings;
        this.instance = instance;
    }

    /** This courier's name, as the delivery log records it. */
    public String instance() {
        return instance;
    }

    /** Claims one batch of due deliveries and attempts each; answers how many were attempted. */
    public Uni<Integer> deliverDue() {
        String claimer = instance + "/" + UUID.randomUUID();
        return repository.claim(claimer, settings.lease(), settings.batch()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> sends = claimed.stream().map(c -> attempt(claimer, c)).toList();
            return Uni.join().all(sends).andCollectFailures().replaceWith(claimed.size());
        });
    }

    /** The outcome of one attempt: the receiver's status, or what stopped it. */
    private record Outcome(Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private Uni<Void> attempt(String claimer, WebhookRepository.Claimed c) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        String id = webhookId(c.eventId());
        String body = body(c);
        return receivers.check(c.url()).flatMap(verdict -> verdict.refusal() != null
                        ? Uni.createFrom().item(new Outcome(null, "refused: " + verdict.refusal().kind() + " "
                                + verdict.refusal().host()))
                        : post(c, verdict.address(), id, at.toEpochSecond(), body))
                .onFailure().recoverWithItem(failure -> new Outcome(null, error(failure)))
                .flatMap(outcome -> record(claimer, c, at, started, outcome));
    }

    private Uni<Outcome> post(WebhookRepository.Claimed c, java.net.InetAddress address, String id, long timestamp,
            String body) {
        URI uri = Receivers.parse(c.url());
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        long timeout = settings.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(c.url())
                // connect to the address that was checked, not to whatever the name resolves to a moment later
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setConnectTimeout(timeout).setTimeout(timeout)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "ServiceGrade-Webhooks")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signature.sign(c.secret(), id, timestamp, body));
        return http.request(options)
                .flatMap(request -> request.send(Buffer.buffer(body)))
                .flatMap(response -> response.end().replaceWith(new Outcome(response.statusCode(), null)))
                .ifNoItem().after(settings.timeout().plusSeconds(1)).failWith(() ->
                        new java.util.concurrent.TimeoutException("no answer within " + settings.timeout()));
    }

    private Uni<Void> record(String claimer, WebhookRepository.Claimed c, OffsetDateTime at, long started,
            Outcome outcome) {
        int attempts = c.attempts() + 1;
        String state;
        OffsetDateTime next = null;
        if (outcome.delivered()) {
            state = "delivered";
        } else if (attempts >= settings.maxAttempts()) {
            state = "failed";
        } else {
            state = "pending";
            next = OffsetDateTime.now(ZoneOffset.UTC).plus(settings.backoff().after(attempts));
        }
        int duration = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
        return repository.record(c.id(), claimer, state, next, at, outcome.status(), outcome.error(), duration,
                instance).map(recorded -> {
                    if (!recorded) {
                        LOG.warnf("Webhook delivery %d: the claim lapsed before its attempt was recorded", c.id());
                    }
                    return null;
                });
    }

    /** The {@code webhook-id}: the event's, the same for every attempt and replay. */
    static String webhookId(long eventId) {
        return "evt_" + eventId;
    }

    /** The body: {@code {type, timestamp, data}}, data the event's payload with its subject. */
    static String body(WebhookRepository.Claimed c) {
        JsonObject data = c.payload().copy().put("subject", c.subject());
        return new JsonObject().put("type", c.kind())
                .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(c.occurredAt().toInstant()))
                .put("data", data).encode();
    }

    private static String error(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                : ": " + failure.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
