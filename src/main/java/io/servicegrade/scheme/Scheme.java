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
 * Grades are in order, best first; the first whose composite reaches its minimum wins, the last has none.
 */
public record Scheme(String key, LocalizedText name, List<String> kinds, LocalDate activeFrom, LocalDate activeTo,
        Period.Kind period, Period.Kind bulletin, ZoneId timeZone, List<Source> sources, List<Composite> composites,
        List<Grade> grades, String rankBy, List<Target> targets) {

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

    /** A grade: reached when {@code composite} is at least {@code min}; the last grade has neither. */
    public record Grade(String key, LocalizedText name, String composite, BigDecimal min) {
    }

    /** At {@code level}, the share (percent) of graded units, by area, that must reach {@code grade} or better. */
    public record Target(String level, String grade, BigDecimal urban, BigDecimal rural) {
    }

    public Source source(String key) {
        return sources.stream().filter(s -> s.source().equals(key)).findFirst().orElse(null);
    }

    /** Whether an evaluation from {@code source} on {@code rubric} can count in this scheme (for some unit). */
    public boolean counts(String source, String rubric) {
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
