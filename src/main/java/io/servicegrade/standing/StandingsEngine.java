package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns the evaluations of units in one period into standings under a scheme. Pure and exact: values are
 * decimals (divisions at 34 significant digits), grades and ranks compare the exact values; only display
 * rounds.
 */
public final class StandingsEngine {

    static final MathContext EXACT = MathContext.DECIMAL128;

    private StandingsEngine() {
    }

    /** One evaluation's contribution: its value (score or satisfaction rate), when, and whether it vetoed. */
    public record Sample(long evaluationId, BigDecimal value, Instant conductedAt, boolean vetoed) {
    }

    /** A unit's samples in the period, by source. */
    public record UnitSamples(long unitId, Map<String, List<Sample>> bySource) {
    }

    /** A source's combined value for a unit; {@code value} is null when it has fewer samples than required. */
    public record SourceValue(String source, BigDecimal value, int samples) {
    }

    /** A composite's value; null when a source is missing and the composite does not rescale. */
    public record CompositeValue(String key, BigDecimal value, boolean complete) {
    }

    /**
     * A unit's standing. {@code grade} is null when the composites that decide it are missing;
     * {@code rank} is null without a value to rank by. Vetoed units take the last grade and rank after all
     * others.
     */
    public record Standing(long unitId, List<SourceValue> sources, List<CompositeValue> composites, String grade,
            boolean vetoed, Long vetoedBy, boolean complete, Integer rank) {

        public CompositeValue composite(String key) {
            return composites.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
        }
    }

    public static List<Standing> compute(Scheme scheme, List<UnitSamples> units) {
        List<Standing> unranked = new ArrayList<>(units.size());
        for (UnitSamples unit : units) {
            unranked.add(standing(scheme, unit));
        }
        return rank(scheme.rankBy(), unranked);
    }

    static Standing standing(Scheme scheme, UnitSamples unit) {
        List<SourceValue> sources = new ArrayList<>();
        Sample veto = null;
        for (Scheme.Source source : scheme.sources()) {
            List<Sample> samples = unit.bySource().getOrDefault(source.source(), List.of());
            for (Sample s : samples) {
                if (s.vetoed() && (veto == null || s.conductedAt().isBefore(veto.conductedAt()))) {
                    veto = s;
                }
            }
            BigDecimal value = samples.size() < Math.max(1, source.minSamples()) ? null
                    : combine(source.combine(), samples);
            sources.add(new SourceValue(source.source(), value, samples.size()));
        }
        List<CompositeValue> composites = new ArrayList<>();
        for (Scheme.Composite composite : scheme.composites()) {
            composites.add(composite(composite, sources));
        }
        boolean complete = composites.stream().allMatch(CompositeValue::complete);
        String grade = veto != null ? scheme.grades().get(scheme.grades().size() - 1).key()
                : grade(scheme, composites);
        return new Standing(unit.unitId(), sources, composites, grade, veto != null,
                veto == null ? null : veto.evaluationId(), complete, null);
    }

    static BigDecimal combine(Scheme.Combine combine, List<Sample> samples) {
        return switch (combine) {
            case MEAN -> samples.stream().map(Sample::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(samples.size()), EXACT);
            case MIN -> samples.stream().map(Sample::value).min(BigDecimal::compareTo).orElseThrow();
            case LATEST -> samples.stream().max(Comparator.comparing(Sample::conductedAt)
                    .thenComparingLong(Sample::evaluationId)).orElseThrow().value();
        };
    }

    static CompositeValue composite(Scheme.Composite composite, List<SourceValue> sources) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        boolean complete = true;
        for (Map.Entry<String, BigDecimal> weight : composite.weights().entrySet()) {
            BigDecimal value = sources.stream().filter(s -> s.source().equals(weight.getKey())).findFirst()
                    .map(SourceValue::value).orElse(null);
            if (value == null) {
                complete = false;
                continue;
            }
            sum = sum.add(weight.getValue().multiply(value));
            weights = weights.add(weight.getValue());
        }
        if (complete) {
            return new CompositeValue(composite.key(), sum, true);
        }
        if (composite.whenMissing() == Scheme.WhenMissing.RESCALE && weights.signum() > 0) {
            return new CompositeValue(composite.key(), sum.divide(weights, EXACT), false);
        }
        return new CompositeValue(composite.key(), null, false);
    }

    /** The first grade whose composite reaches its minimum; none while a deciding composite is missing. */
    static String grade(Scheme scheme, List<CompositeValue> composites) {
        for (Scheme.Grade grade : scheme.grades()) {
            if (grade.composite() == null) {
                return grade.key();
            }
            BigDecimal value = composites.stream().filter(c -> c.key().equals(grade.composite())).findFirst()
                    .map(CompositeValue::value).orElse(null);
            if (value == null) {
                return null;
            }
            if (value.compareTo(grade.min()) >= 0) {
                return grade.key();
            }
        }
        return null;
    }

    /**
     * Competition ranking by the exact value of {@code rankBy}, highest first: equal values share a rank and the
     * next rank skips (1, 2, 2, 4). Vetoed units rank after all others.
     */
    static List<Standing> rank(String rankBy, List<Standing> standings) {
        Comparator<Standing> order = Comparator.comparing((Standing s) -> s.vetoed())
                .thenComparing((Standing s) -> s.composite(rankBy).value(), Comparator.reverseOrder());
        List<Standing> ranked = new ArrayList<>(standings.stream()
                .filter(s -> s.composite(rankBy) != null && s.composite(rankBy).value() != null)
                .sorted(order).toList());
        List<Standing> result = new ArrayList<>(standings.size());
        for (int i = 0; i < ranked.size(); i++) {
            Standing s = ranked.get(i);
            int rank = i + 1;
            if (i > 0 && order.compare(ranked.get(i - 1), s) == 0) {
                rank = result.get(i - 1).rank();
            }
            result.add(new Standing(s.unitId(), s.sources(), s.composites(), s.grade(), s.vetoed(), s.vetoedBy(),
                    s.complete(), rank));
        }
        for (Standing s : standings) {
            if (s.composite(rankBy) == null || s.composite(rankBy).value() == null) {
                result.add(s);
            }
        }
        return result;
    }
}
