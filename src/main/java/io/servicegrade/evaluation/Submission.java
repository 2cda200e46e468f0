package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * One evaluation as a sender describes it, after its fields were checked one by one. {@code rubricVersion}
 * is null when the sender left the choice to the server (the version in force at {@code conductedAt}).
 * {@code reason}, when given, makes a changed resend of a known external id a revision.
 */
public record Submission(int index, String externalId, String source, String unit, String rubricKey, Integer rubricVersion,
        OffsetDateTime conductedAt, String evaluator, JsonNode answers, JsonNode evidence, String comment,
        String reason) {
}
