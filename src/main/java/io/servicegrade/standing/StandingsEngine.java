package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.Fraction;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns the evaluations of units in one period into standings under a scheme. Pure and exact: a source's mean and
 * a composite are kept as exact fractions, and grades and ranks compare those, so a composite exactly at a grade's
 * minimum reaches it and equal composites tie however they were reached; the decimal {@code value}s beside them
 * (34 significant digits) are for display, which rounds them to 2 places.
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

    /**
     * What standings need of a unit's samples of one source in one period, kept up as evaluations arrive:
     * how many, their total, the lowest, the latest (by time, then id), and the first vetoing evaluation. Two
     * aggregates of disjoint samples add up ({@link #plus}) to the aggregate of all of them: a quarter is its
     * months', and a window's roll-ups are its outlet's and its own.
     */
    public record Aggregate(int samples, BigDecimal total, BigDecimal lowest, BigDecimal latest, Instant latestAt,
            Long latestId, Long vetoId, Instant vetoAt) {

        public static final Aggregate NONE = new Aggregate(0, BigDecimal.ZERO, null, null, null, null, null, null);

        public static Aggregate of(List<Sample> samples) {
            Aggregate result = NONE;
            for (Sample s : samples) {
                result = result.plus(new Aggregate(1, s.value(), s.value(), s.value(), s.conductedAt(),
                        s.evaluationId(), s.vetoed() ? s.evaluationId() : null, s.vetoed() ? s.conductedAt() : null));
            }
            return result;
        }

        /** The aggregate of this one's samples and {@code other}'s (disjoint). */
        public Aggregate plus(Aggregate other) {
            if (other.samples == 0) {
                return this;
            }
            if (samples == 0) {
                return other;
            }
            boolean otherLater = other.latestAt.isAfter(latestAt)
                    || other.latestAt.equals(latestAt) && other.latestId > latestId;
            boolean otherVetoFirst = other.vetoId != null && (vetoId == null || other.vetoAt.isBefore(vetoAt)
                    || other.vetoAt.equals(vetoAt) && other.vetoId < vetoId);
            return new Aggregate(samples + other.samples, total.add(other.total), lowest.min(other.lowest),
                    otherLater ? other.latest : latest, otherLater ? other.latestAt : latestAt,
                    otherLater ? other.latestId : latestId, otherVetoFirst ? other.vetoId : vetoId,
                    otherVetoFirst ? other.vetoAt : vetoAt);
        }

        Fraction combined(Scheme.Source source) {
            return switch (source.combine()) {
                case MEAN -> Fraction.of(total, BigDecimal.valueOf(samples));
                case MIN -> Fraction.of(lowest);
                case LATEST -> Fraction.of(latest);
                // base − Σ (base − score) = base − n × base + Σ score, never below the floor
                case DEDUCTIONS -> Fraction.of(source.base().subtract(source.base().multiply(
                        BigDecimal.valueOf(samples))).add(total).max(source.floor()));
            };
        }
    }

    /** A unit's aggregates in the period, by source. */
    public record UnitAggregates(long unitId, Map<String, Aggregate> bySource) {
    }

    /**
     * A source's combined value for a unit, exact and as a decimal; both null when it has fewer samples than
     * required.
     */
    public record SourceValue(String source, Fraction exact, int samples) {

        /**
         * The exact value as a decimal of 34 significant digits, made when read: a board keeps thousands of these,
         * and the decimal, kept, weighed more than the rest of the value (issue 21).
         */
        public BigDecimal value() {
            return exact == null ? null : exact.decimal(EXACT);
        }
    }

    /**
     * A composite's value, exact (what grades and ranks compare) and as a decimal; both null when a source is
     * missing and the composite does not rescale.
     */
    public record CompositeValue(String key, Fraction exact, boolean complete) {

        /** The exact value as a decimal of 34 significant digits, made when read (as {@link SourceValue#value}). */
        public BigDecimal value() {
            return exact == null ? null : exact.decimal(EXACT);
        }
    }

    /**
     * What a board keeps of a unit's standing in the previous period, all its change column shows: the ranking
     * value, the rank and the grade (issue 21: a whole standing weighed ten times as much).
     */
    public record Prior(BigDecimal value, Integer rank, String grade) {

        public static Prior of(Scheme scheme, Standing standing) {
            return new Prior(StandingsEngine.value(scheme, standing), standing.rank(), standing.grade());
        }
    }

    /**
     * Issue 18: a confirmed unit veto event (一票否决事件) in effect on the board's period for a unit (the unit it
     * was recorded against, or a responsible staff unit named with it): its id, kind and the day it happened.
     */
    public record EventVeto(long eventId, String kind, java.time.LocalDate date) {
    }

    /**
     * A unit's standing. {@code grade} is null when the composites that decide it are missing;
     * {@code rank} is null without a value to rank by. Vetoed units (by an evaluation, {@code vetoedBy}, or by a
     * confirmed veto event, {@code vetoEvent}) take the last grade and rank after all others.
     */
    public record Standing(long unitId, List<SourceValue> sources, List<CompositeValue> composites, String grade,
            boolean vetoed, Long vetoedBy, boolean complete, Integer rank, EventVeto vetoEvent) {

        public Standing(long unitId, List<SourceValue> sources, List<CompositeValue> composites, String grade,
                boolean vetoed, Long vetoedBy, boolean complete, Integer rank) {
            this(unitId, sources, composites, grade, vetoed, vetoedBy, complete, rank, null);
        }

        public CompositeValue composite(String key) {
            for (CompositeValue c : composites) {
                if (c.key().equals(key)) {
                    return c;
                }
            }
            return null;
        }

        /** The value ranks compare: the {@code rankBy} composite's exact value, or null. */
        Fraction rankValue(String rankBy) {
            CompositeValue c = composite(rankBy);
            return c == null ? null : c.exact();
        }

        Standing withRank(Integer rank) {
            return new Standing(unitId, sources, composites, grade, vetoed, vetoedBy, complete, rank, vetoEvent);
        }
    }

    /**
     * A standing's ranking value: its {@code rankBy} composite's value, the one boards show, group means average
     * and previous-period changes compare; null without one.
     */
    public static BigDecimal value(Scheme scheme, Standing standing) {
        CompositeValue c = standing.composite(scheme.rankBy());
        return c == null ? null : c.value();
    }

    public static List<Standing> compute(Scheme scheme, List<UnitSamples> units) {
        return compute(scheme, units, Map.of());
    }

    /** As {@link #compute(Scheme, List)}, with the veto events in effect by unit id (issue 18). */
    public static List<Standing> compute(Scheme scheme, List<UnitSamples> units, Map<Long, EventVeto> events) {
        return computeAggregated(scheme, units.stream().map(u -> {
            Map<String, Aggregate> bySource = new java.util.HashMap<>();
            u.bySource().forEach((source, samples) -> bySource.put(source, Aggregate.of(samples)));
            return new UnitAggregates(u.unitId(), bySource);
        }).toList(), events);
    }

    public static List<Standing> computeAggregated(Scheme scheme, List<UnitAggregates> units) {
        return computeAggregated(scheme, units, Map.of());
    }

    public static List<Standing> computeAggregated(Scheme scheme, List<UnitAggregates> units,
            Map<Long, EventVeto> events) {
        List<Standing> unranked = new ArrayList<>(units.size());
        for (UnitAggregates unit : units) {
            unranked.add(standing(scheme, unit, events.get(unit.unitId())));
        }
        return rank(scheme.rankBy(), unranked);
    }

    /** A unit's standing before ranking: sources, composites, grade and veto. */
    public static Standing standing(Scheme scheme, UnitAggregates unit) {
        return standing(scheme, unit, null);
    }

    /**
     * As {@link #standing(Scheme, UnitAggregates)}, with the veto event in effect for the unit (null: none): an
     * event vetoes as a vetoing evaluation does, last grade and ranked after all others (issue 18).
     */
    public static Standing standing(Scheme scheme, UnitAggregates unit, EventVeto event) {
        List<SourceValue> sources = new ArrayList<>();
        Long vetoId = null;
        Instant vetoAt = null;
        for (Scheme.Source source : scheme.sources()) {
            Aggregate aggregate = unit.bySource().get(source.source());
            int samples = aggregate == null ? 0 : aggregate.samples();
            if (aggregate != null && aggregate.vetoId() != null && (vetoAt == null
                    || aggregate.vetoAt().isBefore(vetoAt))) {
                vetoId = aggregate.vetoId();
                vetoAt = aggregate.vetoAt();
            }
            Fraction value = samples < Math.max(1, source.minSamples()) ? null : aggregate.combined(source);
            sources.add(new SourceValue(source.source(), value, samples));
        }
        List<CompositeValue> composites = new ArrayList<>();
        for (Scheme.Composite composite : scheme.composites()) {
            composites.add(composite(composite, sources));
        }
        boolean complete = composites.stream().allMatch(CompositeValue::complete);
        boolean vetoed = vetoId != null || event != null;
        String grade = vetoed ? scheme.grades().get(scheme.grades().size() - 1).key()
                : grade(scheme, sources, composites);
        return new Standing(unit.unitId(), sources, composites, grade, vetoed, vetoId, complete, null, event);
    }

    static Fraction combine(Scheme.Source source, List<Sample> samples) {
        return Aggregate.of(samples).combined(source);
    }

    static CompositeValue composite(Scheme.Composite composite, List<SourceValue> sources) {
        Fraction sum = Fraction.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        boolean complete = true;
        for (Map.Entry<String, BigDecimal> weight : composite.weights().entrySet()) {
            Fraction value = sources.stream().filter(s -> s.source().equals(weight.getKey())).findFirst()
                    .map(SourceValue::exact).orElse(null);
            if (value == null) {
                complete = false;
                continue;
            }
            sum = sum.plus(value.times(weight.getValue()));
            weights = weights.add(weight.getValue());
        }
        if (complete) {
            return new CompositeValue(composite.key(), sum, true);
        }
        if (composite.whenMissing() == Scheme.WhenMissing.RESCALE && weights.signum() > 0) {
            return new CompositeValue(composite.key(), sum.over(weights), false);
        }
        return new CompositeValue(composite.key(), null, false);
    }

    /** A condition's truth: a comparison on a missing value is unknown (docs/schemes.md, "Grades"). */
    public enum Truth {
        TRUE, FALSE, UNKNOWN;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    /**
     * The first grade whose condition is true; grades are tried best first, a false condition passes to the next,
     * and an unknown one (a deciding value is missing) leaves the unit ungraded.
     */
    static String grade(Scheme scheme, List<SourceValue> sources, List<CompositeValue> composites) {
        for (Scheme.Grade grade : scheme.grades()) {
            if (grade.when() == null) {
                return grade.key();
            }
            switch (truth(grade.when(), sources, composites)) {
                case TRUE:
                    return grade.key();
                case UNKNOWN:
                    return null;
                default:
                    break;
            }
        }
        return null;
    }

    /**
     * A condition over a unit's source values and composites: all is false if any part is false, else unknown if
     * any is unknown, else true; any is true if any part is true, else unknown if any is unknown, else false.
     */
    public static Truth truth(Scheme.Condition condition, List<SourceValue> sources, List<CompositeValue> composites) {
        if (condition instanceof Scheme.Condition.Compare c) {
            Fraction value = c.operand() == Scheme.Operand.COMPOSITE
                    ? composites.stream().filter(v -> v.key().equals(c.key())).findFirst()
                            .map(CompositeValue::exact).orElse(null)
                    : sources.stream().filter(v -> v.source().equals(c.key())).findFirst()
                            .map(SourceValue::exact).orElse(null);
            if (value == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of((c.min() == null || value.compareTo(c.min()) >= 0)
                    && (c.max() == null || value.compareTo(c.max()) <= 0));
        }
        if (condition instanceof Scheme.Condition.Samples c) {
            int samples = sources.stream().filter(v -> v.source().equals(c.source())).findFirst()
                    .map(SourceValue::samples).orElse(0);
            return Truth.of((c.min() == null || samples >= c.min()) && (c.max() == null || samples <= c.max()));
        }
        if (condition instanceof Scheme.Condition.Present c) {
            return Truth.of(sources.stream().filter(v -> c.sources() == null || c.sources().contains(v.source()))
                    .allMatch(v -> v.exact() != null));
        }
        if (condition instanceof Scheme.Condition.All c) {
            return fold(c.conditions(), Truth.FALSE, Truth.TRUE, sources, composites);
        }
        return fold(((Scheme.Condition.Any) condition).conditions(), Truth.TRUE, Truth.FALSE, sources, composites);
    }

    /**
     * all (deciding FALSE, else TRUE) or any (deciding TRUE, else FALSE): the deciding value as soon as a part has
     * it, else unknown if a part is unknown, else the other value.
     */
    private static Truth fold(List<Scheme.Condition> parts, Truth deciding, Truth otherwise,
            List<SourceValue> sources, List<CompositeValue> composites) {
        boolean unknown = false;
        for (Scheme.Condition part : parts) {
            Truth t = truth(part, sources, composites);
            if (t == deciding) {
                return deciding;
            }
            unknown |= t == Truth.UNKNOWN;
        }
        return unknown ? Truth.UNKNOWN : otherwise;
    }

    /** A group's rank by the mean of its graded units, and its figures. */
    public record GroupRank(GroupStats stats, Integer rank) {
    }

    /**
     * Groups ranked by the mean ranking value of their graded units, highest first, with competition ranks (equal
     * means share a rank and the next rank skips: 1, 2, 2, 4); groups without a mean follow, unranked.
     */
    public static List<GroupRank> rankGroups(List<GroupStats> stats) {
        List<GroupStats> ranked = stats.stream().filter(s -> s.mean() != null)
                .sorted((a, b) -> b.mean().compareTo(a.mean())).toList();
        List<GroupRank> result = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            int rank = i > 0 && ranked.get(i - 1).mean().compareTo(ranked.get(i).mean()) == 0
                    ? result.get(i - 1).rank() : i + 1;
            result.add(new GroupRank(ranked.get(i), rank));
        }
        stats.stream().filter(s -> s.mean() == null).forEach(s -> result.add(new GroupRank(s, null)));
        return result;
    }

    /**
     * Competition ranking by the exact value of {@code rankBy}, highest first: equal values share a rank and the
     * next rank skips (1, 2, 2, 4). Vetoed units rank after all others.
     */
    public static List<Standing> rank(String rankBy, List<Standing> standings) {
        record Keyed(Standing standing, Fraction value) {
        }
        List<Keyed> valued = new ArrayList<>(standings.size());
        List<Standing> unvalued = new ArrayList<>();
        for (Standing s : standings) {
            Fraction value = s.rankValue(rankBy);
            if (value != null) {
                valued.add(new Keyed(s, value));
            } else {
                unvalued.add(s);
            }
        }
        Comparator<Keyed> order = Comparator.comparing((Keyed k) -> k.standing().vetoed())
                .thenComparing(Keyed::value, Comparator.reverseOrder());
        valued.sort(order);
        List<Standing> result = new ArrayList<>(standings.size());
        for (int i = 0; i < valued.size(); i++) {
            int rank = i > 0 && order.compare(valued.get(i - 1), valued.get(i)) == 0 ? result.get(i - 1).rank()
                    : i + 1;
            result.add(valued.get(i).standing().withRank(rank));
        }
        result.addAll(unvalued);
        return result;
    }
}
