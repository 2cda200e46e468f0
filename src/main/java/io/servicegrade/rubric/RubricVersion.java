package io.servicegrade.rubric;

import io.servicegrade.scoring.Rubric;

import java.time.OffsetDateTime;

/** One stored version of a rubric; {@code origin} is {@code preset} (installed by the server) or {@code api}. */
public record RubricVersion(String key, int version, Rubric rubric, String contentHash, String origin,
        OffsetDateTime createdAt) {
}
