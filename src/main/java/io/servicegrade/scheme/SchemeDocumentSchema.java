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
        @Schema(description = "For group levels: shares of graded units at a grade, or means of a composite")
        List<Target> targets,
        @Schema(description = "What follows the standings (issue 18): the objection window publication opens, "
                + "nominations, unit veto events") Lifecycle lifecycle) {

    @Schema(name = "SchemeLifecycle")
    public record Lifecycle(
            @Schema(minimum = "0", maximum = "90", description = "Days of the objection window (公示), the "
                    + "publication day included; 7 by default") Integer objectionDays,
            @Schema(description = "Absent: the scheme makes no nominations") Nominations nominations,
            VetoEvents vetoEvents) {
    }

    @Schema(name = "SchemeNominations")
    public record Nominations(
            @Schema(minimum = "1", maximum = "20", description = "Units proposed per group and service line; 2 by "
                    + "default") Integer top,
            @Schema(required = true, description = "Group kinds, bottom up: the first level's groups propose, each "
                    + "next level receives what the one below confirms") List<String> levels) {
    }

    @Schema(name = "SchemeVetoEvents")
    public record VetoEvents(
            @Schema(enumeration = {"year", "period"}, description = "How far a confirmed event reaches: its calendar "
                    + "year (default) or its period") String scope,
            @Schema(description = "Grounds an exemption (免责) may name; by default force-majeure, evaded-inspection, "
                    + "ignored-rectification, inspection-done") List<String> exemptionGrounds) {
    }

    @Schema(name = "SchemeSource", description = "A source: give rubric (every unit), rubrics (per unit selection) "
            + "or figure (a follow-up figure instead of evaluations)")
    public record Source(@Schema(required = true) String source,
            @Schema(description = "A follow-up figure counted instead of evaluations: each case gives 100 or 0, the "
                    + "mean is the rate; takes no rubric, statistic or item",
                    enumeration = {"rectificationReply", "rectificationOnTime", "complaintTimely",
                            "complaintSatisfied", "complaintRepeat", "inspectionCoverage"}) String figure,
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

    /** A grade: every grade but the last has a condition (composite and min, or when); the last has none. */
    @Schema(name = "SchemeGrade", description = "A grade; every grade but the last has a condition: the shorthand "
            + "composite and min, or when; the last has none")
    public record Grade(@Schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String key,
            @Schema(required = true) LocalizedText name,
            @Schema(description = "The composite that decides it (shorthand)") String composite,
            @Schema(description = "The value the composite must reach (shorthand)") BigDecimal min,
            @Schema(description = "The condition, instead of composite and min") Condition when) {
    }

    /** A grade's condition: exactly one of composite, source, present, all, any, with its bounds. */
    @Schema(name = "SchemeGradeCondition", description = "One of {composite, min?, max?}, {source, min?, max?}, "
            + "{source, minSamples?, maxSamples?}, {present: all | [sources]}, {all: [conditions]}, "
            + "{any: [conditions]}; a comparison on a missing value is unknown")
    public record Condition(@Schema(description = "A composite whose exact value is compared") String composite,
            @Schema(description = "A source whose combined value (min/max) or samples (minSamples/maxSamples) are "
                    + "compared") String source,
            BigDecimal min, BigDecimal max,
            @Schema(minimum = "0") Integer minSamples, @Schema(minimum = "0") Integer maxSamples,
            @Schema(description = "The sources that must have a value. A document sent may give the text all instead"
                    + " (every source of the scheme); it is stored as their list") List<String> present,
            @Schema(description = "Every condition is true") List<Condition> all,
            @Schema(description = "At least one condition is true") List<Condition> any) {
    }

    /** A target for a group level: a share of graded units at a grade (or better), or a mean of a composite. */
    @Schema(name = "SchemeTarget", description = "A group level's target: the share (0–100 %) of the selected graded "
            + "units at a grade or better (exactly: only that grade), or the mean of a composite; urban, rural "
            + "and/or all; at least (or atMost) the figure, changing on steps' dates")
    public record Target(@Schema(description = "Optional; words from the target by default") String key,
            @Schema(description = "Optional; words from the target by default") LocalizedText name,
            @Schema(required = true, description = "The group kind (branch…)") String level,
            @Schema(description = "A grade of the scheme (a share target)") String grade,
            @Schema(description = "Count only that grade; false by default") Boolean exactly,
            @Schema(description = "A composite of the scheme (a mean target)") String mean,
            @Schema(description = "Which graded units count: lists of kinds, serviceLines, tags (any of them), "
                    + "areas; every graded unit by default") Selection of,
            @Schema(enumeration = {"atLeast", "atMost"}, description = "atLeast by default") String direction,
            BigDecimal urban, BigDecimal rural,
            @Schema(description = "Over every selected unit, whatever its area") BigDecimal all,
            @Schema(description = "Dated requirements: {from, urban?, rural?, all?}, in date order; a period takes "
                    + "the last step from on or before its last day") List<Step> steps) {
    }

    @Schema(name = "SchemeTargetSelection", description = "Each list given must hold the unit's kind, service "
            + "line, area, and one of its tags")
    public record Selection(List<String> kinds, List<String> serviceLines, List<String> tags,
            @Schema(description = "urban and/or rural") List<String> areas) {
    }

    @Schema(name = "SchemeTargetStep", description = "From this date on, the target requires these figures")
    public record Step(@Schema(required = true) LocalDate from, BigDecimal urban, BigDecimal rural,
            BigDecimal all) {
    }

    /** A stored version, as {@code GET /api/v1/schemes} and {@code /api/v1/schemes/{key}} answer it. */
    @Schema(name = "SchemeVersion")
    public record Version(@Schema(required = true) String key, @Schema(required = true) int version,
            @Schema(required = true) String origin, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) SchemeDocumentSchema scheme) {
    }
}
