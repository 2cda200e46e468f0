package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.evaluation.Submission;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.ScoredAnswers;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.Breakdown;

import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code POST /api/v1/evaluations}: the body is read as {@code EvaluationResource#submit} reads it
 * ({@code RequestBodies#json} of a batch: size, strict parse, check), its shape checked
 * ({@code EvaluationService#items}), its evaluations read ({@code EvaluationService#read}, i.e.
 * {@code SubmissionReader}), and each evaluation read well is scored ({@code RubricService.Version#score}, the
 * pipeline's one way) with a rubric held here and made into what is stored ({@code ScoredEvaluation#of}). Units,
 * sources and the database are not consulted: they do not read the document.
 */
class EvaluationBodyFuzzTest {

    private static final Method ITEMS = Entries.method(EvaluationService.class, "items", JsonNode.class);
    private static final Method READ = Entries.method(EvaluationService.class, "read", List.class);
    private static final Method STORED = Entries.method(Entries.type("io.servicegrade.evaluation.ScoredEvaluation"),
            "of", Submission.class, long.class, int.class, List.class, Breakdown.class, ObjectMapper.class);

    @FuzzTest(maxDuration = "60s")
    void postEvaluations(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.BATCH, false);
        if (node == null) {
            return;
        }
        EvaluationService service = new EvaluationService();
        Object read = Verdict.read(() -> Entries.call(READ, service, Entries.call(ITEMS, null, node)));
        if (read == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Submission> submissions = (List<Submission>) Entries.component(read, "submissions");
        @SuppressWarnings("unchecked")
        List<Violation> violations = (List<Violation>) Entries.component(read, "violations");
        Verdict.violations(violations);
        for (Submission s : submissions) {
            if (s.externalId() == null || s.source() == null || s.unit() == null || s.rubricKey() == null
                    || s.conductedAt() == null || s.answers() == null || s.evidence() == null) {
                throw new AssertionError("an evaluation read well lacks a required field: " + s);
            }
            Verdict.clean(s);
            RubricService.Version rubric = Entries.RUBRICS.get(s.rubricKey());
            if (rubric == null) {
                continue; // the pipeline answers "unknown rubric"
            }
            ScoredAnswers scored = rubric.score(s.answers(), "/evaluations/" + s.index() + "/answers");
            Verdict.scored(scored);
            if (scored.ok()) {
                List<Answer> answers = scored.answers();
                Verdict.clean(Entries.call(STORED, null, s, 1L, 1, answers, scored.breakdown(), Entries.JSON));
            }
        }
    }
}
