package io.servicegrade.evaluation;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.scoring.Breakdown;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An evaluation as the REST API shows it: its current revision, the full breakdown, and its history. */
public record EvaluationView(long id, String externalId, String agency, String source, String unit, String rubric,
        int rubricVersion, OffsetDateTime conductedAt, String evaluator, String status, int revision,
        BigDecimal score, boolean vetoed,
        @Schema(type = SchemaType.ARRAY, implementation = EvaluationBatchSchema.Answer.class) JsonNode answers,
        @Schema(type = SchemaType.ARRAY, implementation = EvaluationBatchSchema.Evidence.class) JsonNode evidence,
        String comment,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, Breakdown breakdown, List<Revision> history) {

    static EvaluationView of(StoredEvaluation e, Breakdown breakdown, List<Revision> history) {
        return new EvaluationView(e.id(), e.externalId(), e.agencyCode(), e.source(), e.unitCode(), e.rubricKey(),
                e.rubricVersion(), e.conductedAt(), e.evaluator(), e.status(), e.revision(), e.score(), e.vetoed(),
                e.answers(), e.evidence(), e.comment(), e.createdAt(), e.updatedAt(), breakdown, history);
    }

    /**
     * A page of evaluations without breakdowns or histories, the cursor of the next page, and how many evaluations
     * match the filters over all pages.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "EvaluationPage")
    public record Page(List<EvaluationView> items, String nextCursor, long total) {
    }
}
