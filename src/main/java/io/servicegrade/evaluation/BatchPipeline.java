package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.UniqueViolation;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.RubricVersions;
import io.servicegrade.rubric.ScoredAnswers;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way a batch of evaluations is taken in, by the API and by imports alike: read (a JSON body or a
 * file's rows become {@link Submission}s: the caller's part), then {@link #resolve} units and rubric versions,
 * {@link #score}, {@link #store}. Everything the write needs is read before its transaction begins; scoring runs
 * on a worker thread, so a 5,000-evaluation batch never holds the event loop.
 */
@ApplicationScoped
public class BatchPipeline {

    @Inject
    UnitRepository units;

    @Inject
    RubricService rubrics;

    @Inject
    ServiceGradeConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    EvaluationWriter writer;

    @Inject
    Vertx vertx;

    @Inject
    IngestionMeters meters;

    /** The unit and rubric an evaluation names: what resolving needs of it. */
    public record Wanted(String unit, String rubricKey, Integer rubricVersion, OffsetDateTime conductedAt) {
        static Wanted of(Submission s) {
            return new Wanted(s.unit(), s.rubricKey(), s.rubricVersion(), s.conductedAt());
        }
    }

    /** Units and rubric versions, as read for a batch before anything is scored or written. */
    public record Resolved(Set<String> unitsAsked, Map<String, Long> unitIds, Map<String, RubricVersions> versions,
            Map<RubricVersions.Ref, RubricService.Version> rubrics) {

        /** The version that scores an evaluation of rubric {@code key} ({@link RubricVersions#choose}), if any. */
        public Optional<RubricService.Version> rubric(String key, Integer asked, OffsetDateTime conductedAt) {
            RubricVersions known = versions.get(key);
            if (known == null) {
                throw new IllegalStateException("Rubric " + key + " was not resolved");
            }
            return known.choose(asked, conductedAt).map(ref -> {
                RubricService.Version version = rubrics.get(ref);
                if (version == null) {
                    throw new IllegalStateException("Rubric version " + ref + " was not loaded");
                }
                return version;
            });
        }

        /** The id of the unit coded {@code code}, or null when there is none. */
        public Long unitId(String code) {
            if (!unitsAsked.contains(code)) {
                throw new IllegalStateException("Unit " + code + " was not resolved");
            }
            return unitIds.get(code);
        }
    }

    /** Posts a batch: resolves, scores and stores it, once more if another writer took an external id first. */
    public Uni<List<Outcome>> submit(Caller caller, List<Submission> submissions, List<Violation> earlier) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return submitOnce(caller, submissions, earlier)
                    .onFailure(UniqueViolation::any)
                    .recoverWithUni(() -> submitOnce(caller, submissions, List.of()))
                    .onItemOrFailure().invoke((outcomes, failure) -> meters.batch(submissions, failure,
                            System.nanoTime() - started));
        });
    }

    private Uni<List<Outcome>> submitOnce(Caller caller, List<Submission> submissions, List<Violation> earlier) {
        return resolve(submissions.stream().map(Wanted::of).toList())
                .flatMap(resolved -> score(submissions, resolved, earlier, "/evaluations"))
                .flatMap(scored -> store(caller, scored));
    }

    /**
     * Reads the units and the rubric versions the evaluations name, one statement after another (a batch holds
     * at most one pooled connection at a time), and no transaction open.
     */
    public Uni<Resolved> resolve(Collection<Wanted> wanted) {
        Set<String> codes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        wanted.forEach(w -> {
            if (w.unit() != null) {
                codes.add(w.unit());
            }
            if (w.rubricKey() != null) {
                keys.add(w.rubricKey());
            }
        });
        return units.idsByCodes(codes).flatMap(unitIds -> rubrics.versions(keys).flatMap(versions -> {
            Set<RubricVersions.Ref> refs = new LinkedHashSet<>();
            for (Wanted w : wanted) {
                if (w.rubricKey() != null && (w.rubricVersion() != null || w.conductedAt() != null)) {
                    versions.get(w.rubricKey()).choose(w.rubricVersion(), w.conductedAt()).ifPresent(refs::add);
                }
            }
            return rubrics.load(refs).map(loaded -> new Resolved(codes, unitIds, versions, loaded));
        }));
    }

    /**
     * Checks and scores the evaluations on a worker thread; fails with every problem of the batch, those found
     * while reading ({@code earlier}) included. {@code prefix} is where the list sits in the request
     * ({@code /evaluations}).
     */
    public Uni<List<ScoredEvaluation>> score(List<Submission> submissions, Resolved resolved,
            List<Violation> earlier, String prefix) {
        return Uni.createFrom().item(() -> scoreNow(submissions, resolved, earlier, prefix))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private List<ScoredEvaluation> scoreNow(List<Submission> submissions, Resolved resolved,
            List<Violation> earlier, String prefix) {
        List<Violation> problems = new ArrayList<>(earlier);
        List<String> known = config.evaluations().sources();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<ScoredEvaluation> scored = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            String at = prefix + "/" + s.index();
            int before = problems.size();
            if (!known.contains(s.source())) {
                String all = String.join(", ", known);
                problems.add(Violation.at(at + "/source", m -> m.unknownSource(s.source(), all)));
            }
            Long unitId = resolved.unitId(s.unit());
            if (unitId == null) {
                problems.add(Violation.at(at + "/unit", m -> m.unitNotFound(s.unit())));
            }
            Optional<RubricService.Version> rubric = resolved.rubric(s.rubricKey(), s.rubricVersion(),
                    s.conductedAt());
            if (rubric.isEmpty()) {
                String named = s.rubricKey() + (s.rubricVersion() == null ? "" : "@" + s.rubricVersion());
                problems.add(Violation.at(at + "/rubric", m -> m.unknownRubric(named)));
            }
            Integer other = firstIndex.putIfAbsent(s.externalId(), s.index());
            if (other != null) {
                problems.add(Violation.at(at + "/externalId", m -> m.duplicateExternalId(s.externalId(), other)));
            }
            if (problems.size() > before) {
                continue;
            }
            ScoredAnswers answers = rubric.get().score(s.answers(), at + "/answers");
            if (!answers.ok()) {
                problems.addAll(answers.problems());
            } else if (problems.isEmpty()) {
                scored.add(ScoredEvaluation.of(s, unitId, rubric.get().version().version(), answers.answers(),
                        answers.breakdown(), json));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Violation::pointer, BatchPipeline::byIndex));
            throw ProblemException.invalid(problems);
        }
        return scored;
    }

    /**
     * Stores scored evaluations in one transaction: created, existing (a resend) or revised, or a 409. The write
     * starts back on an event loop: scoring left the pipeline on a worker thread.
     */
    public Uni<List<Outcome>> store(Caller caller, List<ScoredEvaluation> scored) {
        Uni<List<Outcome>> write = Uni.createFrom().deferred(() -> writer.store(caller, scored))
                .invoke(outcomes -> meters.stored(scored, outcomes));
        if (Context.isOnEventLoopThread()) {
            return write;
        }
        Context loop = vertx.getOrCreateContext();
        return write.runSubscriptionOn(task -> loop.runOnContext(v -> task.run()));
    }

    /** Orders pointers by the evaluation's index, then as text. */
    private static int byIndex(String a, String b) {
        int ia = index(a);
        int ib = index(b);
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    private static int index(String pointer) {
        String[] parts = pointer.split("/");
        try {
            return parts.length > 2 ? Integer.parseInt(parts[2]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
