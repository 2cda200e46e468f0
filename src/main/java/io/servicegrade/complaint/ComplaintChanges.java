package io.servicegrade.complaint;

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
 * Complaints registered, replied, rated by their customers and marked overdue, as it happens, on every instance
 * (issue 19): each write notifies a PostgreSQL channel in its own statement (delivered at commit, only if it
 * commits), as appeals do; subscribers read the complaint again within their own scope.
 */
@ApplicationScoped
public class ComplaintChanges {

    static final String CHANNEL = "servicegrade_complaints";
    private static final Logger LOG = Logger.getLogger(ComplaintChanges.class);

    /** A complaint that changed, and what happened: registered, replied, satisfaction or overdue. */
    public record Change(long id, String event) {
    }

    @Inject
    Notifications notifications;

    private final Broadcast<Change> changes = new Broadcast<>();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received, () -> LOG.debugf("Listening for complaints on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.complete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n");
        if (parts.length == 2) {
            changes.publish(new Change(Long.parseLong(parts[0]), parts[1]));
        }
    }

    /** Every change heard from now on, from any instance ({@link Broadcast}: room for a burst). */
    public Multi<Change> stream() {
        return changes.stream();
    }
}
