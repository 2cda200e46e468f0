package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.coverage.CoverageKeeper;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.SchemeHistory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Corrections of one evaluation: a revision (new answers, evidence or comment, and a reason) is scored by the
 * batch pipeline like a resend; a void keeps the content and stops it counting. Nothing is overwritten.
 */
@ApplicationScoped
public class Corrections {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> REVISION_FIELDS = Set.of("answers", "evidence", "comment", "reason");

    @Inject
    EvaluationRepository repository;

    @Inject
    BatchPipeline pipeline;

    @Inject
    EvaluationWriter writer;

    @Inject
    CoverageKeeper coverage;

    Clock clock = Clock.systemUTC();

    /** Body of a revision: new answers (and optionally evidence and comment), and the reason. */
    Uni<StoredEvaluation> revise(Caller caller, long id, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!REVISION_FIELDS.contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String reason = reason(body, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return writer.prepare().flatMap(schemes -> revise(caller, id, body, reason, schemes))
                .flatMap(done -> repository.find(id));
    }

    /**
     * Scores the revision from the evaluation as it stands, outside any transaction (resolving reads units and
     * rubrics over the pool: a transaction that waited for them while holding a connection could wait forever
     * once the pool is held that way), then writes it if the evaluation has not changed since, or starts again.
     */
    private Uni<Void> revise(Caller caller, long id, JsonNode body, String reason,
            EvaluationWriter.Prepared schemes) {
        return repository.find(id, Scope.parameter(caller)).flatMap(found -> {
            StoredEvaluation current = Ownership.changeable(caller, found, id);
            Submission submission = resend(current, body, reason);
            return pipeline.resolve(List.of(BatchPipeline.Wanted.of(submission)))
                    .flatMap(resolved -> pipeline.score(List.of(submission), resolved, List.of(), ""))
                    .map(list -> list.get(0))
                    .onFailure(ProblemException.class).transform(e -> unprefixed((ProblemException) e))
                    .flatMap(scored -> writer.revise(caller, current, scored, reason, schemes))
                    .flatMap(written -> written ? Uni.createFrom().voidItem()
                            : revise(caller, id, body, reason, schemes));
        });
    }

    /** The evaluation as it stands, with what the revision changes, as its sender would resend it. */
    private Submission resend(StoredEvaluation current, JsonNode body, String reason) {
        ObjectNode resend = JSON.objectNode();
        resend.put("externalId", current.externalId());
        resend.put("source", current.source());
        resend.put("unit", current.unitCode());
        resend.put("rubric", current.rubricKey() + "@" + current.rubricVersion());
        resend.put("conductedAt", current.conductedAt().toString());
        if (current.evaluator() != null) {
            resend.put("evaluator", current.evaluator());
        }
        resend.set("answers", body.has("answers") ? body.get("answers") : current.answers());
        resend.set("evidence", body.has("evidence") ? body.get("evidence") : current.evidence());
        JsonNode comment = body.has("comment") ? body.get("comment")
                : current.comment() == null ? null : JSON.textNode(current.comment());
        if (comment != null) {
            resend.set("comment", comment);
        }
        resend.put("reason", reason);
        // The stored facts were accepted once; a revision is not refused because time has passed since.
        SubmissionReader reader = new SubmissionReader(Clock.offset(clock, Duration.ofDays(36_500)));
        Submission submission = reader.read(0, resend, "");
        if (submission == null) {
            throw ProblemException.invalid(reader.violations);
        }
        return submission;
    }

    /** Voids an evaluation, with a reason: it stays readable, with its history, and counts no more. */
    Uni<StoredEvaluation> voidIt(Caller caller, long id, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        String reason = reason(body, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return writer.prepare().flatMap(schemes -> writer.voidIt(caller, id, reason, schemes))
                .flatMap(done -> repository.find(id));
    }

    /**
     * A correction an upheld appeal applies (issue 18): the evaluation as read, and the revision scored from it
     * before the decision's transaction begins (null for a void).
     */
    public static final class Planned {
        final StoredEvaluation current;
        final ScoredEvaluation scored;
        /** Issue 19: the sources coverage plans cover, read with the plan, before the decision's transaction. */
        final CoverageKeeper.Covered covered;

        Planned(StoredEvaluation current, ScoredEvaluation scored, CoverageKeeper.Covered covered) {
            this.current = current;
            this.scored = scored;
            this.covered = covered;
        }

        /** {@code revision} or {@code void}. */
        public String kind() {
            return scored == null ? "void" : "revision";
        }

        public long evaluationId() {
            return current.id();
        }
    }

    private static final Set<String> CORRECTION_FIELDS = Set.of("kind", "answers", "evidence", "comment");

    /**
     * Reads {@code correction} ({@code kind} revision or void; a revision's answers, evidence, comment as a
     * revision takes them) of evaluation {@code id}, naming bad fields under {@code at}, and scores a revision as
     * {@link #revise} does, outside any transaction.
     */
    Uni<Planned> plan(long id, JsonNode correction, String at) {
        List<Violation> problems = new ArrayList<>();
        if (correction == null || !correction.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at(at, m -> m.wrongType("object"))));
        }
        correction.fieldNames().forEachRemaining(name -> {
            if (!CORRECTION_FIELDS.contains(name)) {
                problems.add(Violation.at(at + "/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        JsonNode kind = correction.get("kind");
        boolean isVoid = kind != null && "void".equals(kind.asText(null));
        if (kind == null || !kind.isTextual() || !isVoid && !"revision".equals(kind.asText())) {
            problems.add(Violation.at(at + "/kind", kind == null || kind.isNull() ? m -> m.required()
                    : m -> m.oneOf("revision, void")));
        } else if (isVoid) {
            correction.fieldNames().forEachRemaining(name -> {
                if (CORRECTION_FIELDS.contains(name) && !name.equals("kind")) {
                    problems.add(Violation.at(at + "/" + name, m -> m.unknownField()));
                }
            });
        } else if (!correction.has("answers") && !correction.has("evidence") && !correction.has("comment")) {
            problems.add(Violation.at(at + "/answers", m -> m.required()));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return repository.find(id).flatMap(current -> {
            StoredEvaluation found = Ownership.correctable(current, id);
            if (isVoid) {
                return coverage.covered().map(covered -> new Planned(found, null, covered));
            }
            Submission submission;
            try {
                submission = resend(found, correction, "appeal");
            } catch (ProblemException e) {
                return Uni.createFrom().failure(under(unprefixed(e), at));
            }
            return pipeline.resolve(List.of(BatchPipeline.Wanted.of(submission)))
                    .flatMap(resolved -> pipeline.score(List.of(submission), resolved, List.of(), ""))
                    .flatMap(list -> coverage.covered().map(covered -> new Planned(found, list.get(0), covered)))
                    .onFailure(ProblemException.class).transform(e -> under(unprefixed((ProblemException) e), at));
        });
    }

    /**
     * Writes {@code planned} over {@code connection}, the decision's transaction, with {@code reason}: answers the
     * evaluation's new revision, or null (nothing written) when a revision was planned from an evaluation that has
     * changed since.
     */
    Uni<Integer> apply(SqlConnection connection, Caller decider, Planned planned, String reason,
            List<SchemeHistory> schemes) {
        EvaluationWriter.Prepared prepared = new EvaluationWriter.Prepared(schemes, planned.covered);
        return planned.scored == null
                ? writer.voidOn(connection, decider, planned.current.id(), reason, prepared, true)
                : writer.reviseOn(connection, decider, planned.current, planned.scored, reason, prepared, true);
    }

    private static ProblemException under(ProblemException e, String at) {
        List<Violation> violations = e.violations().stream().map(v -> Violation.at(at + v.pointer(), v.message()))
                .toList();
        return new ProblemException(e.status(), e.type(), e.title(), e.detail(), violations);
    }

    private static String reason(JsonNode body, List<Violation> problems) {
        return io.servicegrade.platform.json.Reasons.required(body, "reason", problems);
    }

    private static ProblemException unprefixed(ProblemException e) {
        List<Violation> violations = e.violations().stream()
                .map(v -> Violation.at(v.pointer().replaceFirst("^/0(?=/|$)", ""), v.message())).toList();
        return new ProblemException(e.status(), e.type(), e.title(), e.detail(), violations);
    }
}
