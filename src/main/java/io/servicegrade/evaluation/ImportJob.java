package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** A file import: {@code queued}, {@code running}, then {@code succeeded} or {@code failed} with its errors. */
public record ImportJob(long id, long agencyScope, String filename, String format, String status, Integer rowsTotal,
        int rowsDone, JsonNode errors, JsonNode result, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
