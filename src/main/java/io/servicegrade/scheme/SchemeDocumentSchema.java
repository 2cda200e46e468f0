package io.servicegrade.scheme;

import io.servicegrade.scoring.LocalizedText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The shape of a scheme document in {@code /q/openapi} (what {@link SchemeDocument} reads and writes; the rules
 * beyond the shape are in docs/schemes.md), and of a stored version as answered. Schema only: never built.
 */
@Schema(name = "SchemeDocument", description = "A scheme (考核方案): sources, composites, grades and targets "
        + "(docs/schemes.md). Unknown fields are refused.")
public record SchemeDocumentSchema(
        @Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String key,
        @Schema(required = true) LocalizedText name,
        @Schema(required = true, description = "The unit kinds ranked (lower-case tokens)") List<String> kinds,
        LocalDate activeFrom, LocalDate activeTo,
        @Schema(required = true, enumeration = {"month", "quarter", "half", "year"}) String period,
        @Schema(description = "An IANA time zone (Asia/Shanghai); the server's by default") String timeZone,
        @Schema(required = true) List<Source> sources,
        @Schema(required = true) List<Composite> composites,
        List<Map<String, Object>> grades,
        @Schema(required = true, description = "The composite that ranks") String rankBy,
        List<Map<String, Object>> targets) {

    @Schema(name = "SchemeSource")
    public record Source(@Schema(required = true) String source, String rubric,
            @Schema(description = "How a unit's evaluations of this source combine") String combine,
            String statistic, String item, Integer minSamples) {
    }

    @Schema(name = "SchemeComposite")
    public record Composite(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, description = "Source to weight; the weights add up to 1")
            Map<String, BigDecimal> weights, String whenMissing) {
    }

    /** A stored version, as {@code GET /api/v1/schemes} and {@code /api/v1/schemes/{key}} answer it. */
    @Schema(name = "SchemeVersion")
    public record Version(@Schema(required = true) String key, @Schema(required = true) int version,
            @Schema(required = true) String origin, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) SchemeDocumentSchema scheme) {
    }
}
