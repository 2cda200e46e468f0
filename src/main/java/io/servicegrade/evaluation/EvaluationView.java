package io.servicegrade.evaluation;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.scoring.Breakdown;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An evaluation as the REST API shows it: its current revision, the full breakdown, and its history. */
public record EvaluationView(@Schema(required = true) long id, @Schema(required = true) String externalId,
        @Schema(description = "The posting agency's code; null for the admin's") String agency,
        @Schema(required = true) String source, @Schema(required = true) String unit,
        @Schema(required = true) String rubric, @Schema(required = true) int rubricVersion,
        @Schema(required = true) OffsetDateTime conductedAt, String evaluator,
        @Schema(required = true, enumeration = {"active", "voided"}) String status,
        @Schema(required = true) int revision, @Schema(required = true) BigDecimal score,
        @Schema(required = true) boolean vetoed,
        @Schema(required = true, type = SchemaType.ARRAY, implementation = EvaluationBatchSchema.Answer.class)
        JsonNode answers,
        @Schema(required = true, type = SchemaType.ARRAY, implementation = EvaluationBatchSchema.Evidence.class)
        JsonNode evidence,
        String comment,
        @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime updatedAt,
        @Schema(description = "One evaluation's breakdown; null in a page") Breakdown breakdown,
        @Schema(description = "One evaluation's revisions; null in a page") List<Revision> history) {

    static EvaluationView of(StoredEvaluation e, Breakdown breakdown, List<Revision> history) {
        return new EvaluationView(e.id(), e.externalId(), e.agencyCode(), e.source(), e.unitCode(), e.rubricKey(),
                e.rubricVersion(), e.conductedAt(), e.evaluator(), e.status(), e.revision(), e.score(), e.vetoed(),
                e.answers(), e.evidence(), e.comment(), e.createdAt(), e.updatedAt(), breakdown, history);
    }

    /**
     * A page of evaluations without breakdowns or histories, the cursor of the next page, and how many evaluations
     * match the filters over all pages.
     */
    @Schema(name = "EvaluationPage")
    public record Page(@Schema(required = true) List<EvaluationView> items,
            @Schema(description = "null on the last page") String nextCursor, @Schema(required = true) long total) {
    }
}
