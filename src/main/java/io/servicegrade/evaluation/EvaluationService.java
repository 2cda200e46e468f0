package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.RubricVersions;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.platform.audit.AuditIntents;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluations as the API takes them in and shows them: a batch body is read and handed to the
 * {@link BatchPipeline} (checked whole, every problem reported at once, scored, written in one transaction or not
 * at all); corrections and voids are {@link Corrections}; an evaluation is shown with its breakdown scored again.
 */
@ApplicationScoped
public class EvaluationService {

    static final int MAX_BATCH = 5_000;

    @Inject
    BatchPipeline pipeline;

    @Inject
    Corrections corrections;

    @Inject
    EvaluationRepository repository;

    @Inject
    RubricService rubrics;

    Clock clock = Clock.systemUTC();

    /**
     * Reads, checks and scores a batch body ({@code {"evaluations": [...]}}), then stores it. The body's shape is
     * checked at once; its evaluations are read on a worker thread, like their scoring.
     */
    public Uni<List<Outcome>> submit(Caller caller, JsonNode body) {
        Scope.requireEvaluationWrites(caller);
        List<JsonNode> items = items(body);
        // the audit row names the batch by its size (issue 16: docs/operations.md, "Audit log")
        return AuditIntents.named(AuditIntents.batch(items.size()))
                .chain(() -> Uni.createFrom().item(() -> read(items))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .flatMap(read -> {
                    List<Violation> forbidden = new ArrayList<>();
                    for (Submission s : read.submissions()) {
                        if (!caller.maySubmit(s.source())) {
                            forbidden.add(Violation.at("/evaluations/" + s.index() + "/source",
                                    m -> m.sourceNotAllowed(s.source())));
                        }
                    }
                    if (!forbidden.isEmpty()) {
                        return Uni.createFrom().failure(new ProblemException(403, "forbidden",
                                ProblemMessages::forbiddenTitle, ProblemMessages::sourcesNotAllowed, forbidden));
                    }
                    return pipeline.submit(caller, read.submissions(), read.violations());
                });
    }

    /** The evaluations of a batch that read well, and the problems of those that did not. */
    private record Read(List<Submission> submissions, List<Violation> violations) {
    }

    private Read read(List<JsonNode> items) {
        SubmissionReader reader = new SubmissionReader(clock);
        List<Submission> submissions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Submission submission = reader.read(i, items.get(i), "/evaluations/" + i);
            if (submission != null) {
                submissions.add(submission);
            }
        }
        return new Read(submissions, reader.violations);
    }

    private static List<JsonNode> items(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        List<Violation> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("evaluations")) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        JsonNode array = body.get("evaluations");
        if (array == null || !array.isArray()) {
            problems.add(Violation.at("/evaluations", array == null ? m -> m.required() : m -> m.wrongType("array")));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (array.size() > MAX_BATCH) {
            int count = array.size();
            throw new ProblemException(413, "payload-too-large", ProblemMessages::payloadTooLargeTitle,
                    m -> m.tooManyEvaluations(MAX_BATCH, count));
        }
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    /** Body of a revision: new answers (and optionally evidence and comment), and the reason. */
    public Uni<StoredEvaluation> revise(Caller caller, long id, JsonNode body) {
        return corrections.revise(caller, id, body);
    }

    /** Voids an evaluation, with a reason: it stays readable, with its history, and counts no more. */
    public Uni<StoredEvaluation> voidIt(Caller caller, long id, JsonNode body) {
        return corrections.voidIt(caller, id, body);
    }

    /** The evaluation, whoever may see it (for another feature's own checks, as an appeal's); null when none. */
    public Uni<StoredEvaluation> find(long id) {
        return repository.find(id);
    }

    /**
     * Issue 18: reads and scores the correction an upheld appeal makes of evaluation {@code id} (a revision or a
     * void; bad fields named under {@code at}), before the decision's transaction begins.
     */
    public Uni<Corrections.Planned> planCorrection(long id, JsonNode correction, String at) {
        return corrections.plan(id, correction, at);
    }

    /**
     * Writes a planned correction over {@code connection}, the decision's own transaction, by the revision path
     * every correction takes: answers the revision written, or null when the evaluation changed since it was planned.
     */
    public Uni<Integer> applyCorrection(io.vertx.mutiny.sqlclient.SqlConnection connection, Caller decider,
            Corrections.Planned planned, String reason, List<io.servicegrade.scheme.SchemeHistory> schemes) {
        return corrections.apply(connection, decider, planned, reason, schemes);
    }

    public Uni<StoredEvaluation> get(Caller caller, long id) {
        return repository.find(id, Scope.parameter(caller)).map(found -> {
            Ownership.check(caller, found, id);
            return found;
        });
    }

    /** The full breakdown of an evaluation's current answers, scored again by its rubric version. */
    public Uni<Breakdown> breakdown(StoredEvaluation evaluation) {
        RubricVersions.Ref ref = new RubricVersions.Ref(evaluation.rubricKey(), evaluation.rubricVersion());
        return rubrics.load(List.of(ref)).map(loaded -> loaded.get(ref).score(evaluation.answers(), "").breakdown());
    }
}
