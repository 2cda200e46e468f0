package io.servicegrade.coverage;

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

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Kept unit-intervals whose coverage changed (issue 19), on every instance: the statement that changes one notifies
 * a PostgreSQL channel (delivered at commit, only if it commits); subscribers filter by plan and their scope.
 */
@ApplicationScoped
public class CoverageChanges {

    static final String CHANNEL = "servicegrade_coverage";
    private static final Logger LOG = Logger.getLogger(CoverageChanges.class);

    /** A unit-interval's sample after the change and before it (null: none). */
    public record Change(String plan, long unitId, LocalDate start, BigDecimal value, BigDecimal before) {
    }

    @Inject
    Notifications notifications;

    private final Broadcast<Change> changes = new Broadcast<>();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received, () -> LOG.debugf("Listening for coverage on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.complete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n", -1);
        if (parts.length == 5) {
            changes.publish(new Change(parts[0], Long.parseLong(parts[1]), LocalDate.parse(parts[2]),
                    parts[3].isEmpty() ? null : new BigDecimal(parts[3]),
                    parts[4].isEmpty() ? null : new BigDecimal(parts[4])));
        }
    }

    /** Every change heard from now on, from any instance ({@link Broadcast}: room for a burst). */
    public Multi<Change> stream() {
        return changes.stream();
    }
}
