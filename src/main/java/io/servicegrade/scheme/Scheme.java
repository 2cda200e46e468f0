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
        Period.Kind period, ZoneId timeZone, List<Source> sources, List<Composite> composites, List<Grade> grades,
        String rankBy, List<Target> targets) {

    public enum Combine { MEAN, LATEST, MIN }

    public enum Statistic { MEAN_SCORE, SATISFACTION_RATE }

    public enum WhenMissing { INCOMPLETE, RESCALE }

    /**
     * How one source counts: evaluations of {@code source} on {@code rubric}, combined per unit and period;
     * with {@code SATISFACTION_RATE}, the satisfaction rate of the rubric item {@code item} instead of the score.
     */
    public record Source(String source, String rubric, Combine combine, Statistic statistic, String item,
            int minSamples) {
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

    /** Whether an evaluation from {@code source} on {@code rubric} counts in this scheme. */
    public boolean counts(String source, String rubric) {
        Source counted = source(source);
        return counted != null && counted.rubric().equals(rubric);
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
