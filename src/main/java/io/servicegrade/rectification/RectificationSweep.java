package io.servicegrade.rectification;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Finds the rectification orders that went overdue (issue 19), every minute on every instance: the marking is one
 * conditional update, so each order is marked, announced and sampled once whichever instance sees it first. Reads
 * show an order overdue from its deadline on, whether or not a sweep ran yet.
 */
@ApplicationScoped
public class RectificationSweep {

    private static final Logger LOG = Logger.getLogger(RectificationSweep.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    @Inject
    RectificationService service;

    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(EVERY.toMillis(), timer -> sweep().subscribe().with(
                ids -> {
                    if (!ids.isEmpty()) {
                        LOG.infof("Rectification orders overdue: %s", ids);
                    }
                },
                failure -> LOG.warnf("Could not sweep overdue rectification orders: %s", failure.getMessage())));
    }

    /** One sweep now; answers the ids of the orders it marked overdue. */
    public Uni<List<Long>> sweep() {
        return service.sweep();
    }
}
