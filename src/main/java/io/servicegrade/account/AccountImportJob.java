package io.servicegrade.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * An account import (issue 16): {@code running} while its passwords are hashed, then {@code succeeded} (every
 * account made) or {@code failed} (none made, with the reasons). Passwords are never part of it.
 */
@Schema(name = "AccountImportJob")
public record AccountImportJob(@Schema(required = true) long id, String filename,
        @Schema(required = true, enumeration = {"csv", "xlsx"}) String format,
        @Schema(required = true, enumeration = {"running", "succeeded", "failed"}) String status,
        @Schema(required = true, description = "The accounts the file holds") int rowsTotal,
        @Schema(required = true, description = "Their passwords hashed so far") int rowsDone,
        @Schema(description = "The accounts made, once succeeded") Integer created,
        @Schema(required = true, type = SchemaType.ARRAY,
                implementation = io.servicegrade.evaluation.ImportJobSchema.Error.class,
                description = "Why it failed: by row and column, or the whole file (no row)") JsonNode errors,
        @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime updatedAt) {
}
