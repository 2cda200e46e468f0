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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the coverage that time changes (issue 19), every minute on every instance: queued recounts nobody is
 * counting, intervals begun, and the 0 samples of unit-intervals that ended uncovered. Each in short transactions
 * under the units' locks ({@link CoverageKeeper#sweep}); a sample is written and announced once whichever instance
 * comes first, and a run still going when the next is due is not started twice here.
 */
@ApplicationScoped
public class CoverageSweep {

    private static final Logger LOG = Logger.getLogger(CoverageSweep.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    @Inject
    CoverageKeeper keeper;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(EVERY.toMillis(), timer -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            sweep().eventually(() -> running.set(false)).subscribe().with(
                    kept -> {
                        if (!kept.isEmpty()) {
                            LOG.infof("Coverage intervals opened or ended: %d samples changed", kept.size());
                        }
                    },
                    failure -> LOG.warnf("Could not sweep coverage intervals: %s", failure.getMessage()));
        });
    }

    /** One sweep now; answers the unit-intervals it gave a sample. */
    public Uni<List<CoverageRepository.Kept>> sweep() {
        return keeper.sweep();
    }
}
