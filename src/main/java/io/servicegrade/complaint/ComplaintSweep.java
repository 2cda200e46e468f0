package io.servicegrade.complaint;

import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Marks complaints overdue as their deadlines pass (issue 19), every {@code servicegrade.complaints.sweep-every} on
 * every instance: each sweep is one transaction whose update marks a complaint only if no sweep marked it, so its
 * {@code complaint.overdue} event is written once however many instances sweep. Reads do not wait for it: a
 * complaint shows overdue from its deadline on.
 */
@ApplicationScoped
public class ComplaintSweep {

    private static final Logger LOG = Logger.getLogger(ComplaintSweep.class);

    @Inject
    ComplaintService service;

    @Inject
    ServiceGradeConfig config;

    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.complaints().sweepEvery().toMillis(), timer -> sweep().subscribe().with(
                marked -> {
                    if (!marked.isEmpty()) {
                        LOG.infof("Marked %d complaint(s) overdue", marked.size());
                    }
                },
                failure -> LOG.warnf("Could not mark overdue complaints: %s", failure.getMessage())));
    }

    /** One sweep now; answers the complaints it marked overdue (none when another sweep marked them first). */
    public Uni<List<Long>> sweep() {
        return service.sweep();
    }
}
