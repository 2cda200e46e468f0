package io.servicegrade.evaluation;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** A file import: {@code queued}, {@code running}, then {@code succeeded} or {@code failed} with its errors. */
public record ImportJob(long id, long agencyScope, String filename, String format,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed"}) String status, Integer rowsTotal,
        int rowsDone,
        @Schema(type = SchemaType.ARRAY, implementation = ImportJobSchema.Error.class) JsonNode errors,
        @Schema(implementation = ImportJobSchema.Result.class) JsonNode result,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
