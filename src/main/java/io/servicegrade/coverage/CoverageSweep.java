package io.servicegrade.coverage;

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
 * Writes the 0 samples of unit-intervals that ended uncovered (issue 19), every minute on every instance: one
 * conditional statement, so each is written and announced once whichever instance sees it first.
 */
@ApplicationScoped
public class CoverageSweep {

    private static final Logger LOG = Logger.getLogger(CoverageSweep.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    @Inject
    CoverageKeeper keeper;

    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(EVERY.toMillis(), timer -> sweep().subscribe().with(
                kept -> {
                    if (!kept.isEmpty()) {
                        LOG.infof("Coverage intervals ended uncovered: %d", kept.size());
                    }
                },
                failure -> LOG.warnf("Could not sweep ended coverage intervals: %s", failure.getMessage())));
    }

    /** One sweep now; answers the unit-intervals it gave a sample. */
    public Uni<List<CoverageRepository.Kept>> sweep() {
        return keeper.sweep();
    }
}
