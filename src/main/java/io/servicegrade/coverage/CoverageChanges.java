package io.servicegrade.coverage;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.graphql.ExecutionLimits;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
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

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received, () -> LOG.debugf("Listening for coverage on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.onComplete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n", -1);
        if (parts.length == 5) {
            changes.onNext(new Change(parts[0], Long.parseLong(parts[1]), LocalDate.parse(parts[2]),
                    parts[3].isEmpty() ? null : new BigDecimal(parts[3]),
                    parts[4].isEmpty() ? null : new BigDecimal(parts[4])));
        }
    }

    /**
     * Every change heard from now on, from any instance. Each subscriber has room for a burst (a plan's recount
     * announces a row per unit and month) while it handles the changes before it one at a time (a read each): without
     * it the broadcast failed a subscriber that had not asked for the next change yet. Past {@link
     * ExecutionLimits#SUBSCRIBER_BUFFER} it fails with a {@code BackPressureFailure}, which a GraphQL subscription ends
     * as "too slow".
     */
    public Multi<Change> stream() {
        return changes.onOverflow().buffer(ExecutionLimits.SUBSCRIBER_BUFFER);
    }
}
