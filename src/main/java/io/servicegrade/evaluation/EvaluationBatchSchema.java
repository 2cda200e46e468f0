package io.servicegrade.evaluation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The bodies of {@code POST /api/v1/evaluations} and of a revision or a void, as {@code /q/openapi} describes them
 * (what {@link SubmissionReader}, {@code EvaluationService} and {@link Corrections} read). Schema only: never built.
 */
@Schema(name = "EvaluationBatch", description = "Up to 5,000 evaluations, stored all or nothing")
public record EvaluationBatchSchema(@Schema(required = true, maxItems = 5000) List<Input> evaluations) {

    @Schema(name = "EvaluationInput", description = "One evaluation; unknown fields are refused")
    public record Input(
            @Schema(required = true, maxLength = 128, description = "The agency's own id; a resend with the same "
                    + "one is the same evaluation") String externalId,
            @Schema(required = true, maxLength = 32, description = "One of the configured sources") String source,
            @Schema(required = true, maxLength = 64, description = "A unit's code") String unit,
            @Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(@[1-9][0-9]{0,8})?$",
                    description = "A rubric's key, or key@version; without a version, the one in force at "
                            + "conductedAt") String rubric,
            @Schema(required = true, description = "When; at most a day ahead of now") OffsetDateTime conductedAt,
            @Schema(maxLength = 128) String evaluator,
            @Schema(required = true) List<Answer> answers,
            List<Evidence> evidence,
            @Schema(maxLength = 2000) String comment,
            @Schema(maxLength = 2000, description = "Why a changed resend of a stored evaluation changes it")
            String reason) {
    }

    @Schema(name = "Answer", description = "The answer to one item of the rubric; which fields apply depends on "
            + "the item's rule kind (docs/rubrics.md). Unknown fields are refused.")
    public record Answer(@Schema(required = true) String item, Boolean notApplicable, Integer violations,
            List<String> named, Boolean severe, List<Observation> observations, List<String> events,
            Boolean pass, Map<String, BigDecimal> rates, BigDecimal rate, Map<String, Integer> responses,
            Integer count) {
    }

    @Schema(name = "AnswerObservation")
    public record Observation(String limit, BigDecimal seconds, BigDecimal amount) {
    }

    @Schema(name = "Evidence")
    public record Evidence(
            @Schema(required = true, enumeration = {"photo", "receipt", "audio", "video", "note"}) String kind,
            @Schema(required = true, maxLength = 2000) String uri,
            @Schema(pattern = "^[0-9a-fA-F]{64}$") String sha256,
            OffsetDateTime takenAt) {
    }

    @Schema(name = "EvaluationRevision", description = "A correction: what changes, and why; unknown fields are "
            + "refused")
    public record Revision(List<Answer> answers, List<Evidence> evidence, @Schema(maxLength = 2000) String comment,
            @Schema(required = true, maxLength = 2000) String reason) {
    }

    @Schema(name = "EvaluationVoid")
    public record VoidRequest(@Schema(required = true, maxLength = 2000) String reason) {
    }

    /** The answer of a stored batch: one outcome per evaluation, in request order. */
    @Schema(name = "EvaluationBatchResult")
    public record Result(@Schema(required = true) List<Outcome> evaluations) {
    }
}
