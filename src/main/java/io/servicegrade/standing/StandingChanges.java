package io.servicegrade.standing;

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

/**
 * Changes of standings as they happen, on every instance: each transaction that changes a period's standings
 * notifies a PostgreSQL channel (delivered at commit, and only if it commits), and every instance listens on that
 * channel ({@link Notifications}). So a subscriber on one instance hears of a write through any other.
 */
@ApplicationScoped
public class StandingChanges {

    static final String CHANNEL = "servicegrade_standings";
    private static final Logger LOG = Logger.getLogger(StandingChanges.class);

    /**
     * A period of a scheme whose standings changed, the period's revision after the change, when the change was
     * written (milliseconds since the epoch by the database's clock; 0 when not known: the first item of a
     * subscription, or an announcement by an instance of a version before issue 22) and the writer's trace
     * ({@code traceparent}; empty or null when its request was not traced).
     */
    public record Change(String scheme, String period, long revision, long writtenAt, String traceparent) {

        public Change(String scheme, String period, long revision) {
            this(scheme, period, revision, 0, null);
        }
    }

    @Inject
    Notifications notifications;

    @Inject
    StandingTelemetry meters;

    private final Broadcast<Change> changes = new Broadcast<>();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received,
                () -> LOG.debugf("Listening for standings changes on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.complete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n");
        if (parts.length >= 3 && parts.length <= 5) {
            Change change = new Change(parts[0], parts[1], Long.parseLong(parts[2]),
                    parts.length >= 4 ? Long.parseLong(parts[3]) : 0, parts.length == 5 ? parts[4] : null);
            meters.heard(change);
            changes.publish(change);
        }
    }

    /** Every change heard from now on, from any instance ({@link Broadcast}: room for a burst). */
    public Multi<Change> stream() {
        return changes.stream();
    }

    /**
     * Tells every instance, at commit, that a {@code standing_period} row changed, with the period's revision: a
     * {@code RETURNING} item for the statements that bump it, so the announcement costs no round trip of its own.
     * A listener may hear it a moment before the commit is visible to its own queries, so readers wait for the
     * revision (see {@link StandingService#boardAtLeast}).
     */
    static final String ANNOUNCE = "pg_notify('" + CHANNEL + "', scheme_key || chr(10) || period_id || chr(10)"
            + " || revision || chr(10) || floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint || chr(10) || "
            + io.servicegrade.platform.observe.TraceHop.ANNOUNCED + ")";
}
