package io.servicegrade.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.events.OutboundEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns outbound events into webhook deliveries and sends them, on every instance (issue 19). An event announced
 * at its commit ({@link OutboundEvents#CHANNEL}) is fanned out at once; every {@code poll} the instance sends what
 * is due (retries included) and, now and then, fans out every event written since the backstop's horizon in case
 * a notification was missed, however long ago (the unique delivery per subscription and event makes that a no-op
 * otherwise; see {@link WebhookRepository#fanOutBackstop}). Once an hour it deletes
 * deliveries and events older than {@code retention}. Which instance sends a delivery is settled in the database
 * ({@link Courier}).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** How often (in polls) the backstop runs; it also runs whenever the listening connection is (re)made. */
    static final int BACKSTOP_EVERY = 12;
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    @Inject
    Vertx vertx;

    @Inject
    Notifications notifications;

    @Inject
    WebhookRepository repository;

    @Inject
    ReceiverCheck receivers;

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    @Inject
    ServiceGradeConfig config;

    private HttpClient http;
    private Courier courier;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private long ticks;
    private long timer = -1;
    private long sweepTimer = -1;

    void start(@Observes @Priority(60) StartupEvent event) {
        ServiceGradeConfig.Webhooks settings = config.webhooks();
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .setVerifyHost(true).setMaxPoolSize(16).setKeepAlive(false));
        courier = courier(instanceName());
        notifications.listen(OutboundEvents.CHANNEL, this::announced, this::backstop);
        timer = vertx.setPeriodic(settings.poll().toMillis(), id -> tick());
        sweepTimer = vertx.setPeriodic(SWEEP_EVERY.toMillis(), id -> sweep().subscribe().with(
                deleted -> LOG.debugf("Webhook retention: %d deliveries and events deleted", deleted),
                failure -> LOG.warnf("Webhook retention sweep failed: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(sweepTimer);
        }
        if (http != null) {
            http.closeAndForget();
        }
    }

    /**
     * A sender for this server under {@code instance}'s name; the running one is {@link #courier()}. (The tests make
     * a second to act as another instance against the same database.)
     */
    public Courier courier(String instance) {
        ServiceGradeConfig.Webhooks s = config.webhooks();
        return new Courier(repository, receivers, http, new Courier.Settings(s.maxAttempts(),
                new Backoff(s.firstDelay(), s.backoffFactor(), s.maxDelay()), s.timeout(), s.batch()), instance);
    }

    public Courier courier() {
        return courier;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An announcement: one event id, or a batch's {@code first-last}. */
    private void announced(String payload) {
        long first;
        long last;
        try {
            int dash = payload.indexOf('-');
            first = Long.parseLong((dash < 0 ? payload : payload.substring(0, dash)).trim());
            last = dash < 0 ? first : Long.parseLong(payload.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            LOG.warnf("Ignoring an unreadable event announcement: %s", payload);
            return;
        }
        repository.fanOut(first, last).subscribe().with(made -> {
            if (made > 0) {
                sendDue();
            }
        }, failure -> LOG.warnf("Webhook fan-out failed (the backstop will retry): %s", failure.getMessage()));
    }

    private void tick() {
        if (++ticks % BACKSTOP_EVERY == 0) {
            backstop();
        }
        sendDue();
    }

    private void backstop() {
        repository.fanOutBackstop().subscribe().with(made -> {
            if (made > 0) {
                sendDue();
            }
        }, failure -> LOG.warnf("Webhook fan-out backstop failed: %s", failure.getMessage()));
    }

    /** Sends due deliveries batch after batch until none is due; one run at a time on this instance. */
    private void sendDue() {
        if (!sending.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        courier.deliverDue().subscribe().with(sent -> {
            sending.set(false);
            if (sent >= config.webhooks().batch() || again.get()) {
                sendDue();
            }
        }, failure -> {
            sending.set(false);
            LOG.warnf("Webhook delivery failed to run: %s", failure.getMessage());
        });
    }

    /**
     * Runs the backstop now: fans out every event not fanned out yet, however old (issue 19: no window); answers how
     * many deliveries were made, or -1 when another instance was running it.
     */
    public Uni<Integer> fanOutNow() {
        return repository.fanOutBackstop();
    }

    /** Deletes deliveries finished, and events that happened, before the retention; answers how many rows. */
    public Uni<Integer> sweep() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.webhooks().retention());
        return repository.deleteFinished(cutoff).flatMap(deliveries -> events.deleteBefore(pool, cutoff)
                .map(deleted -> deliveries + deleted));
    }
}
