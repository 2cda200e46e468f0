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
        @Schema(description = "Finer bulletin parts of each period, served by the same board API (monthly bulletins"
                + " of a quarterly scheme)", enumeration = {"month", "quarter", "half"}) String bulletin,
        @Schema(description = "An IANA time zone (Asia/Shanghai); the server's by default") String timeZone,
        @Schema(required = true) List<Source> sources,
        @Schema(required = true) List<Composite> composites,
        @Schema(required = true, minItems = 2, description = "Best first; the first reached wins; the last has "
                + "no condition") List<Grade> grades,
        @Schema(required = true, description = "The composite that ranks") String rankBy,
        @Schema(description = "For group levels: the share of graded units that must reach a grade")
        List<Target> targets) {

    @Schema(name = "SchemeSource", description = "A source: give rubric (every unit) or rubrics (per unit selection)")
    public record Source(@Schema(required = true) String source,
            @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description = "The rubric for every unit")
            String rubric,
            @Schema(description = "A rubric per unit selection, first match: an evaluation counts when it is on "
                    + "the rubric chosen for the unit it names") List<RubricChoice> rubrics,
            @Schema(description = "How a unit's evaluations of this source combine; mean by default",
                    enumeration = {"mean", "latest", "min", "deductions"}) String combine,
            @Schema(description = "deductions: the value each evaluation's deduction (base − score) is taken from; "
                    + "100 by default") BigDecimal base,
            @Schema(description = "deductions: the lowest value; 0 by default") BigDecimal floor,
            @Schema(description = "What is read of each evaluation; meanScore by default",
                    enumeration = {"meanScore", "satisfactionRate"}) String statistic,
            @Schema(description = "The rating item a satisfactionRate is read from") String item,
            @Schema(minimum = "1", description = "1 by default") Integer minSamples,
            @Schema(description = "Roll-ups: the kinds of unit above or below the unit named that its evaluations "
                    + "also count for") AlsoCountsFor alsoCountsFor) {
    }

    @Schema(name = "SchemeRubricChoice", description = "A rubric for the units a selection takes (absent lists take "
            + "any unit; a unit with any listed tag is taken)")
    public record RubricChoice(@Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String rubric,
            List<String> kinds, List<String> serviceLines, List<String> tags) {
    }

    @Schema(name = "SchemeAlsoCountsFor")
    public record AlsoCountsFor(@Schema(description = "Kinds of unit above (ancestors)") List<String> above,
            @Schema(description = "Kinds of unit below (descendants, any depth)") List<String> below) {
    }

    @Schema(name = "SchemeComposite")
    public record Composite(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, description = "Source to weight; the weights add up to 1")
            Map<String, BigDecimal> weights,
            @Schema(description = "incomplete by default", enumeration = {"incomplete", "rescale"}) String whenMissing) {
    }

    /** A grade: every grade but the last names a composite and the min it must reach. */
    @Schema(name = "SchemeGrade", description = "A grade; every grade but the last has a composite and a min, the "
            + "last has neither")
    public record Grade(@Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String key,
            @Schema(required = true) LocalizedText name,
            @Schema(description = "The composite that decides it") String composite,
            @Schema(description = "The value the composite must reach") BigDecimal min) {
    }

    /** A target for a group level: the share (0–100) of graded units reaching a grade, by area. */
    @Schema(name = "SchemeTarget", description = "The share (0–100 %) of a group's graded units that must reach a "
            + "grade, urban and rural")
    public record Target(@Schema(required = true, description = "The group kind (branch…)") String level,
            @Schema(required = true, description = "A grade of the scheme") String grade,
            @Schema(required = true, minimum = "0", maximum = "100") BigDecimal urban,
            @Schema(required = true, minimum = "0", maximum = "100") BigDecimal rural) {
    }

    /** A stored version, as {@code GET /api/v1/schemes} and {@code /api/v1/schemes/{key}} answer it. */
    @Schema(name = "SchemeVersion")
    public record Version(@Schema(required = true) String key, @Schema(required = true) int version,
            @Schema(required = true) String origin, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) SchemeDocumentSchema scheme) {
    }
}
