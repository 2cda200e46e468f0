package io.servicegrade.appeal;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.database.Notifications;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
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

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, this::received, () -> LOG.debugf("Listening for appeals on %s", CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        changes.onComplete();
    }

    private void received(String payload) {
        String[] parts = payload.split("\n");
        if (parts.length == 2) {
            changes.onNext(new Change(Long.parseLong(parts[0]), parts[1]));
        }
    }

    /** Every change heard from now on, from any instance. */
    public Multi<Change> stream() {
        return changes;
    }
}
