package io.servicegrade.scheme;

import io.servicegrade.scoring.LocalizedText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A scheme (考核方案): which units it grades, over which periods, how each source's evaluations combine,
 * the weighted composites of sources, the grades those composites lead to, and the targets for groups.
 * Grades are in order, best first; the first whose condition is true wins, the last has none.
 */
public record Scheme(String key, LocalizedText name, List<String> kinds, LocalDate activeFrom, LocalDate activeTo,
        Period.Kind period, Period.Kind bulletin, ZoneId timeZone, List<Source> sources, List<Composite> composites,
        List<Grade> grades, String rankBy, List<Target> targets, Lifecycle lifecycle) {

    /** A scheme with the default lifecycle (no nominations). */
    public Scheme(String key, LocalizedText name, List<String> kinds, LocalDate activeFrom, LocalDate activeTo,
            Period.Kind period, Period.Kind bulletin, ZoneId timeZone, List<Source> sources,
            List<Composite> composites, List<Grade> grades, String rankBy, List<Target> targets) {
        this(key, name, kinds, activeFrom, activeTo, period, bulletin, timeZone, sources, composites, grades, rankBy,
                targets, Lifecycle.DEFAULT);
    }

    /**
     * What happens to a period's standings after they are computed (issue 18): the objection window (公示) that
     * publication opens, in days counted from the publication day; the nominations the groups make; how far a
     * confirmed unit veto event reaches and on which grounds it can be exempted.
     */
    public record Lifecycle(int objectionDays, Nominations nominations, VetoEvents vetoEvents) {

        public static final int OBJECTION_DAYS = 7;

        public static final Lifecycle DEFAULT = new Lifecycle(OBJECTION_DAYS, null, VetoEvents.DEFAULT);

        /**
         * The top {@code top} graded units per group and service line are proposed by the groups of the first of
         * {@code levels} (group kinds, bottom up); each next level receives what the one below confirms.
         */
        public record Nominations(int top, List<String> levels) {

            public static final int TOP = 2;
        }

        /**
         * A confirmed veto event reaches the period of its date ({@code period}) or every period of its calendar
         * year ({@code year}); an approved exemption on one of {@code exemptionGrounds} cancels it.
         */
        public record VetoEvents(String scope, List<String> exemptionGrounds) {

            public static final String YEAR = "year";

            public static final String PERIOD = "period";

            /** The four grounds of the postal quality-assessment rules (不可抗力, 有意规避检查, 拒不整改, 检查已到位). */
            public static final List<String> GROUNDS = List.of("force-majeure", "evaded-inspection",
                    "ignored-rectification", "inspection-done");

            public static final VetoEvents DEFAULT = new VetoEvents(YEAR, GROUNDS);
        }
    }

    /**
     * How a source's evaluations combine: their mean, the latest, the lowest, or a sum of deductions (each
     * evaluation's deduction is {@code base} minus its score; the value is {@code base} minus their sum, never below
     * {@code floor}).
     */
    public enum Combine { MEAN, LATEST, MIN, DEDUCTIONS }

    public enum Statistic { MEAN_SCORE, SATISFACTION_RATE }

    public enum WhenMissing { INCOMPLETE, RESCALE }

    /**
     * How one source counts: evaluations of {@code source}, each on the rubric {@code rubrics} choose for the unit
     * it names, combined per unit and period; with {@code SATISFACTION_RATE}, the satisfaction rate of the rubric
     * item {@code item} instead of the score. {@code base} and {@code floor} are the sum of deductions' (null for
     * other combines). An evaluation counts for the unit it names and, by {@code alsoFor}, for the units above or
     * below it of the kinds listed.
     */
    public record Source(String source, List<RubricChoice> rubrics, Combine combine, Statistic statistic,
            String item, int minSamples, BigDecimal base, BigDecimal floor, AlsoFor alsoFor) {

        /** A source on one rubric for every unit, counted for the unit each evaluation names. */
        public static Source of(String source, String rubric, Combine combine, Statistic statistic, String item,
                int minSamples) {
            return new Source(source, List.of(new RubricChoice(rubric, List.of(), List.of(), List.of())), combine,
                    statistic, item, minSamples, null, null, AlsoFor.NONE);
        }

        /** The rubric an evaluation of {@code unit} must be on to count: the first choice that takes the unit. */
        public String rubricFor(String kind, String serviceLine, List<String> tags) {
            for (RubricChoice choice : rubrics) {
                if (choice.takes(kind, serviceLine, tags)) {
                    return choice.rubric();
                }
            }
            return null;
        }

        /** The follow-up figure this source counts instead of evaluations (issue 19), or null. */
        public Figure figure() {
            if (rubrics.size() != 1) {
                return null;
            }
            String rubric = rubrics.get(0).rubric();
            return java.util.Arrays.stream(Figure.values()).filter(f -> f.rubricKey().equals(rubric)).findFirst()
                    .orElse(null);
        }

        /** Whether an evaluation on {@code rubric} can count here (for some unit). */
        public boolean takes(String rubric) {
            return rubrics.stream().anyMatch(c -> c.rubric().equals(rubric));
        }
    }

    /**
     * A source's rubric for the units a selection takes: of the kinds, service lines and tags listed (an empty
     * list takes any; a unit with any listed tag is taken).
     */
    public record RubricChoice(String rubric, List<String> kinds, List<String> serviceLines, List<String> tags) {

        public boolean takes(String kind, String serviceLine, List<String> unitTags) {
            return (kinds.isEmpty() || kinds.contains(kind))
                    && (serviceLines.isEmpty() || serviceLine != null && serviceLines.contains(serviceLine))
                    && (tags.isEmpty() || unitTags.stream().anyMatch(tags::contains));
        }

        public boolean selects() {
            return !kinds.isEmpty() || !serviceLines.isEmpty() || !tags.isEmpty();
        }
    }

    /**
     * Roll-ups: an evaluation also counts for the units {@code above} the unit it names (its ancestors) and
     * {@code below} it (its descendants, at any depth) whose kind is listed. Empty lists: it counts for the unit
     * it names only.
     */
    public record AlsoFor(List<String> above, List<String> below) {

        public static final AlsoFor NONE = new AlsoFor(List.of(), List.of());

        public boolean none() {
            return above.isEmpty() && below.isEmpty();
        }
    }

    /** A weighted combination of sources; weights add up to 1. */
    public record Composite(String key, LocalizedText name, Map<String, BigDecimal> weights, WhenMissing whenMissing) {
    }

    /**
     * A grade: reached when its condition {@code when} is true; the last grade has none. The shorthand
     * {@code {composite: K, min: X}} is the condition {@code {composite: K, min: X}}.
     */
    public record Grade(String key, LocalizedText name, Condition when) {

        /** The shorthand: reached when {@code composite} is at least {@code min}; both null for the last grade. */
        public Grade(String key, LocalizedText name, String composite, BigDecimal min) {
            this(key, name, composite == null ? null : new Condition.Compare(Operand.COMPOSITE, composite, min, null));
        }

        /** The composite of a shorthand grade ({@code composite} and {@code min} only); null for any other. */
        public String composite() {
            return when instanceof Condition.Compare c && c.operand() == Operand.COMPOSITE && c.max() == null
                    && c.min() != null ? c.key() : null;
        }

        /** The minimum of a shorthand grade; null for any other. */
        public BigDecimal min() {
            return composite() == null ? null : ((Condition.Compare) when).min();
        }
    }

    /** What a comparison condition compares: a composite's exact value or a source's combined value. */
    public enum Operand { COMPOSITE, SOURCE }

    /**
     * A grade's condition (docs/schemes.md, "Grades"). Each is true, false or unknown: a comparison on a value
     * that is missing is unknown; {@code present} and sample counts never are.
     */
    public sealed interface Condition {

        /** {@code min ≤ value ≤ max} (either bound may be absent) on a composite's or a source's value. */
        record Compare(Operand operand, String key, BigDecimal min, BigDecimal max) implements Condition {
        }

        /** {@code min ≤ samples ≤ max}: how many evaluations of {@code source} the unit has in the period. */
        record Samples(String source, Integer min, Integer max) implements Condition {
        }

        /** Every listed source (every source of the scheme when {@code sources} is null) has a value. */
        record Present(List<String> sources) implements Condition {
        }

        /** Every condition is true. */
        record All(List<Condition> conditions) implements Condition {
        }

        /** At least one condition is true. */
        record Any(List<Condition> conditions) implements Condition {
        }
    }

    /** Whether a target's actual figure must be at least (the default) or at most its requirement. */
    public enum Direction { AT_LEAST, AT_MOST }

    /**
     * Which graded units under a group a target counts: each list, when not empty, must hold the unit's kind,
     * service line, area, and one of its tags (any listed tag); empty lists select every unit.
     */
    public record Selection(List<String> kinds, List<String> serviceLines, List<String> tags, List<String> areas) {

        public static final Selection EVERY = new Selection(List.of(), List.of(), List.of(), List.of());

        public boolean isEvery() {
            return kinds.isEmpty() && serviceLines.isEmpty() && tags.isEmpty() && areas.isEmpty();
        }
    }

    /**
     * The requirement of a target, area by area ({@code urban}, {@code rural}) and overall ({@code all}); a null
     * figure is not checked.
     */
    public record Requirement(BigDecimal urban, BigDecimal rural, BigDecimal all) {

        public BigDecimal in(String area) {
            return switch (area) {
                case "urban" -> urban;
                case "rural" -> rural;
                default -> all;
            };
        }
    }

    /** From {@code from} on (the period's last day on or after it), the target requires {@code required}. */
    public record Step(LocalDate from, Requirement required) {
    }

    /**
     * A target for groups of kind {@code level}: either a share (percent of the selected graded units at
     * {@code grade}, or at it or better unless {@code exactly}) or a {@code mean} of a composite's values over the
     * selected units; at least or at most {@code required}, by area and/or overall, changing on the dates of
     * {@code steps}. {@code key} and {@code name} are optional (null: words made from the rest).
     */
    public record Target(String key, LocalizedText name, String level, String grade, boolean exactly, String mean,
            Selection of, Direction direction, Requirement required, List<Step> steps) {

        /** The urban/rural share of graded units at {@code grade} or better. */
        public Target(String level, String grade, BigDecimal urban, BigDecimal rural) {
            this(null, null, level, grade, false, null, Selection.EVERY, Direction.AT_LEAST,
                    new Requirement(urban, rural, null), List.of());
        }

        /** The requirement of a period ending on {@code lastDay}: the last step from on or before it, else its own. */
        public Requirement requiredOn(LocalDate lastDay) {
            Requirement result = required;
            if (lastDay != null) {
                for (Step step : steps) {
                    if (!step.from().isAfter(lastDay)) {
                        result = step.required();
                    }
                }
            }
            return result;
        }

        /** The urban share required (the target's own figure). */
        public BigDecimal urban() {
            return required.urban();
        }

        /** The rural share required (the target's own figure). */
        public BigDecimal rural() {
            return required.rural();
        }
    }

    public Source source(String key) {
        return sources.stream().filter(s -> s.source().equals(key)).findFirst().orElse(null);
    }

    /**
     * Whether an evaluation from {@code source} on {@code rubric} can count in this scheme (for some unit); with no
     * source, whether a figure's sample ({@code rubric} is {@link Figure#rubricKey()}) can.
     */
    public boolean counts(String source, String rubric) {
        if (source == null) {
            // issue 19: a figure's sample has no evaluation source; any source on the figure counts it
            return sources.stream().anyMatch(s -> s.takes(rubric));
        }
        Source counted = source(source);
        return counted != null && counted.takes(rubric);
    }

    /** Whether the scheme has finer bulletin periods inside its periods (monthly views of a quarter). */
    public boolean hasBulletins() {
        return bulletin != null;
    }

    /** Whether a unit's standing depends on the tree (rubrics chosen by unit, or roll-ups). */
    public boolean readsTree() {
        return sources.stream().anyMatch(s -> !s.alsoFor().none() || s.rubrics().stream()
                .anyMatch(RubricChoice::selects));
    }

    public Composite composite(String key) {
        return composites.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }

    public int gradeIndex(String key) {
        for (int i = 0; i < grades.size(); i++) {
            if (grades.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
