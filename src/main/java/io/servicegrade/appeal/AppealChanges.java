package io.servicegrade.appeal;

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
 * Appeals filed and decided, as they happen, on every instance (issue 18): each filing and decision notifies a
 * PostgreSQL channel in its own statement (delivered at commit, only if it commits), as the standings do
 * ({@code standing/StandingChanges}); subscribers read the appeal again within their own scope.
 */
@ApplicationScoped
public class AppealChanges {

    static final String CHANNEL = "servicegrade_appeals";
    private static final Logger LOG = Logger.getLogger(AppealChanges.class);

    /** An appeal that was filed or decided, and its state after it. */
    public record Change(long id, String state) {
    }

    @Inject
    Notifications notifications;

    private final Broadcast<Change> changes = new Broadcast<>();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received, () -> LOG.debugf("Listening for appeals on %s", CHANNEL));
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
