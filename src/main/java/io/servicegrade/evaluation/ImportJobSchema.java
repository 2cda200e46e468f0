package io.servicegrade.evaluation;

import io.servicegrade.scoring.LocalizedText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The parts of an {@link ImportJob} that are kept as JSON, as {@code /q/openapi} describes them (what
 * {@code ImportService} writes). Schema only: never built.
 */
public final class ImportJobSchema {

    private ImportJobSchema() {
    }

    @Schema(name = "ImportError", description = "Why a row (or the whole file, without row) was refused")
    public record Error(@Schema(description = "The row's number in the file") Integer row,
            @Schema(description = "The column's header") String column,
            @Schema(required = true) LocalizedText message) {
    }

    @Schema(name = "ImportResult", description = "How many evaluations of a succeeded import were created, found "
            + "stored already or revised")
    public record Result(@Schema(required = true) long created, @Schema(required = true) long existing,
            @Schema(required = true) long revised) {
    }
}
