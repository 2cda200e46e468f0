package io.servicegrade.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * What ingestion tells an operator (issue 22), on {@code /q/metrics}: evaluations stored by source and outcome
 * (API and imports alike), evaluations refused with their batch by source and problem type, and each posted batch's
 * size and time by outcome. Labels are bounded: a source the configuration does not list is {@code unknown}, a
 * problem type is one of the server's own; the agency is left out (one per customer of the server).
 */
@ApplicationScoped
class IngestionMeters {

    /** The outcome label of a batch that was stored. */
    static final String STORED = "stored";

    /** The source label of a source the configuration does not list. */
    static final String UNKNOWN = "unknown";

    @Inject
    MeterRegistry registry;

    @Inject
    ServiceGradeConfig config;

    /** Each evaluation a write stored: created, existing (an unchanged resend) or revised. */
    void stored(List<ScoredEvaluation> scored, List<Outcome> outcomes) {
        for (int i = 0; i < outcomes.size() && i < scored.size(); i++) {
            stored(source(scored.get(i).submission().source()), outcomes.get(i).outcome()).increment();
        }
    }

    private Counter stored(String source, String outcome) {
        return Counter.builder("servicegrade.evaluations.stored")
                .description("Evaluations stored, by source and outcome (created, existing: an unchanged resend, revised)")
                .tag("source", source).tag("outcome", outcome).register(registry);
    }

    private Counter refused(String source, String problem) {
        return Counter.builder("servicegrade.evaluations.refused")
                .description("Evaluations refused with their batch, by source and problem type")
                .tag("source", source).tag("problem", problem).register(registry);
    }

    private Timer batches(String outcome) {
        return Timer.builder("servicegrade.evaluation.batches")
                .description("Posted evaluation batches, by outcome (stored, or the refusal's problem type)")
                .tag("outcome", outcome).register(registry);
    }

    private DistributionSummary size() {
        return DistributionSummary.builder("servicegrade.evaluation.batch.size")
                .description("Evaluations per posted batch").baseUnit("evaluations").register(registry);
    }

    private Counter jobsFinished(String outcome) {
        return Counter.builder("servicegrade.import.jobs.finished")
                .description("Import jobs finished by this instance, by outcome (succeeded, failed)")
                .tag("outcome", outcome).register(registry);
    }

    private Counter importRows() {
        return Counter.builder("servicegrade.import.rows")
                .description("Rows of evaluation files stored by finished imports").baseUnit("rows")
                .register(registry);
    }

    /** A posted batch that was stored ({@code failure} null) or refused, after {@code nanos}. */
    void batch(List<Submission> submissions, Throwable failure, long nanos) {
        String outcome = failure == null ? STORED : problem(failure);
        batches(outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        size().record(submissions.size());
        if (failure != null) {
            for (Submission s : submissions) {
                refused(source(s.source()), outcome).increment();
            }
        }
    }

    /** The import jobs not finished, by state, as the last scan found them in the database (all instances'). */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> backlog =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Made at start, so the series below are there at zero before the first batch (an alert sees a quiet server). */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        // nothing more: observing the start creates the bean, and its series with it
    }

    @jakarta.annotation.PostConstruct
    void init() {
        for (String source : config.evaluations().sources()) {
            for (String outcome : List.of("created", "existing", "revised")) {
                stored(source, outcome);
            }
            refused(source, "validation"); // the common refusal; others appear with their first
        }
        batches(STORED);
        size();
        for (String outcome : List.of("succeeded", "failed")) {
            jobsFinished(outcome);
        }
        importRows();
        for (String state : List.of("queued", "running")) {
            java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
            backlog.put(state, count);
            io.micrometer.core.instrument.Gauge.builder("servicegrade.import.jobs", count,
                            java.util.concurrent.atomic.AtomicLong::get)
                    .description("Import jobs not finished, by state, across all instances (as of the last scan)")
                    .tag("state", state).register(registry);
        }
    }

    /** What a scan of the unfinished import jobs found. */
    void unfinished(List<ImportJobRepository.Pending> jobs) {
        backlog.forEach((state, count) -> count.set(jobs.stream().filter(j -> j.status().equals(state)).count()));
    }

    /** An import job this instance finished: {@code succeeded} or {@code failed}, with the rows it stored. */
    void finished(String status, Integer rows) {
        jobsFinished(status).increment();
        if ("succeeded".equals(status) && rows != null) {
            importRows().increment(rows);
        }
    }

    private String source(String source) {
        return source != null && config.evaluations().sources().contains(source) ? source : UNKNOWN;
    }

    /** A refusal's problem type ({@code invalid}, {@code conflict}, {@code overloaded} …); {@code internal} else. */
    static String problem(Throwable failure) {
        return failure instanceof ProblemException p ? p.type() : "internal";
    }
}
