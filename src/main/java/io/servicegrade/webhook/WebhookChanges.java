package io.servicegrade.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.events.Broadcast;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Webhook delivery attempts as they are recorded, on every instance (issue 19): the statement that records an
 * attempt notifies a PostgreSQL channel (delivered at commit, only if it commits), as rectification orders do;
 * subscribers read the delivery again and show it as it was right after the attempt (the announcement carries its
 * state and times, since later attempts may have followed before the read).
 */
@ApplicationScoped
public class WebhookChanges {

    static final String CHANNEL = "servicegrade_webhook_deliveries";
    private static final Logger LOG = Logger.getLogger(WebhookChanges.class);

    /**
     * A delivery whose attempt was recorded, and its subscription, with what the attempt left: the series, the
     * attempts made in it, the state, the next attempt's and the finish's time (epoch milliseconds; finished null
     * while pending).
     */
    public record Change(long delivery, long subscription, int series, int attempts, String state, long nextAt,
            Long finishedAt) {

        /**
         * {@code now} (the delivery read after the announcement, which later attempts may already have changed) as
         * it was right after this attempt: its state and times as announced, its log up to this attempt.
         */
        WebhookRepository.Delivery asOf(WebhookRepository.Delivery now) {
            List<WebhookRepository.Attempt> log = now.log().stream().filter(a -> a.series() < series
                    || a.series() == series && a.number() <= attempts).toList();
            return new WebhookRepository.Delivery(now.id(), now.subscriptionId(), now.eventId(), now.kind(),
                    now.subject(), state, series, attempts, instant(nextAt), now.createdAt(),
                    finishedAt == null ? null : instant(finishedAt), log);
        }

        private static OffsetDateTime instant(long millis) {
            return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        }
    }

    @Inject
    Notifications notifications;

    private final Broadcast<Change> changes = new Broadcast<>();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received,
                () -> LOG.debugf("Listening for webhook delivery attempts on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.complete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n", -1);
        try {
            if (parts.length == 7) {
                changes.publish(new Change(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), parts[4], Long.parseLong(parts[5]),
                        parts[6].isEmpty() ? null : Long.parseLong(parts[6])));
            }
        } catch (NumberFormatException e) {
            LOG.warnf("Ignoring an unreadable delivery announcement: %s", payload);
        }
    }

    /** Every attempt recorded from now on, from any instance ({@link Broadcast}: room for a burst). */
    public Multi<Change> stream() {
        return changes.stream();
    }
}
