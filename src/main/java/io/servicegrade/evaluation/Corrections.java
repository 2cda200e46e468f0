package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.standing.StandingInputs;
import io.smallrye.mutiny.Uni;
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
class Corrections {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> REVISION_FIELDS = Set.of("answers", "evidence", "comment", "reason");

    @Inject
    EvaluationRepository repository;

    @Inject
    BatchPipeline pipeline;

    @Inject
    EvaluationWriter writer;

    @Inject
    StandingInputs standings;

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
        return standings.schemes().flatMap(schemes -> revise(caller, id, body, reason, schemes))
                .flatMap(done -> repository.find(id));
    }

    /**
     * Scores the revision from the evaluation as it stands, outside any transaction (resolving reads units and
     * rubrics over the pool: a transaction that waited for them while holding a connection could wait forever
     * once the pool is held that way), then writes it if the evaluation has not changed since, or starts again.
     */
    private Uni<Void> revise(Caller caller, long id, JsonNode body, String reason, List<SchemeHistory> schemes) {
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
        return standings.schemes().flatMap(schemes -> writer.voidIt(caller, id, reason, schemes))
                .flatMap(done -> repository.find(id));
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
