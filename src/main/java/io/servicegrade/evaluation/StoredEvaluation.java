package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An evaluation as stored, at its current revision. {@code agencyScope} is 0 for the admin's. */
public record StoredEvaluation(long id, long agencyScope, String agencyCode, String externalId, String source,
        long unitId, String unitCode, String rubricKey, int rubricVersion, OffsetDateTime conductedAt,
        String evaluator, int revision, String status, BigDecimal score, boolean vetoed, JsonNode answers,
        JsonNode evidence, String comment, String contentHash, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public boolean voided() {
        return "voided".equals(status);
    }
}
