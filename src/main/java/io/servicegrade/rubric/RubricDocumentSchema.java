package io.servicegrade.rubric;

import io.servicegrade.scoring.LocalizedText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The shape of a rubric document in {@code /q/openapi} (what {@link RubricDocument} reads and writes; its rules
 * beyond the shape, e.g. points adding up, are in docs/rubrics.md). Schema only: never built.
 */
@Schema(name = "RubricDocument", description = "A rubric: sections of items, each scored by a rule "
        + "(docs/rubrics.md). Unknown fields are refused.")
public record RubricDocumentSchema(
        @Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String key,
        @Schema(required = true) LocalizedText name,
        @Schema(required = true, description = "The points of all sections") BigDecimal total,
        @Schema(required = true) List<Section> sections) {

    @Schema(name = "RubricSection")
    public record Section(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true) BigDecimal points, @Schema(required = true) List<Item> items) {
    }

    @Schema(name = "RubricItem")
    public record Item(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true) BigDecimal points, LocalizedText criteria,
            @Schema(description = "Whether the item may be answered as not applicable") Boolean notApplicable,
            @Schema(name = "default", description = "The answer assumed when an evaluation gives none for this "
                    + "item") DefaultAnswer defaultAnswer,
            @Schema(required = true) RuleSchema rule) {
    }

    /** An item's {@code default}: an answer without {@code item}, with the fields the item's rule uses. */
    @Schema(name = "DefaultAnswer", description = "An Answer without item: the fields the item's rule uses "
            + "(docs/rubrics.md, Answers)")
    public record DefaultAnswer(Boolean notApplicable, Integer violations, List<String> named, Boolean severe,
            List<io.servicegrade.evaluation.EvaluationBatchSchema.Observation> observations, List<String> events,
            Boolean pass, Map<String, BigDecimal> rates, BigDecimal rate, Map<String, Integer> responses,
            Integer count) {
    }
}
