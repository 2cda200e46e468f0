package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.util.List;

/** How an item turns an answer into points. */
public sealed interface Rule {

    /** The rule's name in rubrics and answers. */
    String kind();

    /** Something that takes the whole item when it happens (e.g. media exposure, 被媒体曝光). */
    record ZeroingEvent(String key, LocalizedText name) {
    }

    /** A deduction with its own points, e.g. "no greeter at all: 2". */
    record NamedDeduction(String key, LocalizedText name, BigDecimal points) {
    }

    /**
     * A time limit for one kind of transaction. With an amount rule, the limit grows by
     * {@code secondsPerStep} for each full {@code amountStep} above {@code amountBase}
     * (remittance: 300 s up to 10,000 yuan, +60 s per full 10,000 above).
     */
    record TimeLimit(String key, LocalizedText name, BigDecimal limitSeconds, BigDecimal amountBase,
            BigDecimal amountStep, BigDecimal secondsPerStep) {

        public boolean growsWithAmount() {
            return amountStep != null;
        }

        /** The limit for a transaction of {@code amount} (ignored unless the limit grows with amounts). */
        public BigDecimal limitFor(BigDecimal amount) {
            if (!growsWithAmount() || amount == null || amount.compareTo(amountBase) <= 0) {
                return limitSeconds;
            }
            BigDecimal steps = amount.subtract(amountBase).divide(amountStep, 0, java.math.RoundingMode.DOWN);
            return limitSeconds.add(steps.multiply(secondsPerStep));
        }
    }

    /**
     * A measured rate with its target; missing the target deducts its points. An indicator is "at least" by
     * default (信息上传率98%以上: below 98 misses it); a {@code lowerIsBetter} one is "at most" (投诉率低于0.5‰,
     * a target of 0.05 %: above it misses it). Exactly at the target meets it, unless {@code strict}: then the
     * target itself misses too (低于12%: 12 % is not below 12 %; 高于98%: 98 % is not above 98 %).
     */
    record Indicator(String key, LocalizedText name, BigDecimal target, BigDecimal deducts, boolean lowerIsBetter,
            boolean strict) {

        /** An "at least" indicator met at its target (信息上传率98%以上). */
        public Indicator(String key, LocalizedText name, BigDecimal target, BigDecimal deducts) {
            this(key, name, target, deducts, false, false);
        }

        /** Whether {@code measured} misses the target, so that the indicator deducts its points. */
        public boolean missedBy(BigDecimal measured) {
            int side = measured.compareTo(target);
            if (lowerIsBetter) {
                side = -side;
            }
            // side < 0: on the wrong side of the target; side == 0: exactly at it
            return side < 0 || (side == 0 && strict);
        }
    }

    /** A level of a rating scale, best first, with the points (0..100) it is worth. */
    record Level(String key, LocalizedText name, BigDecimal value) {
    }

    /**
     * Points per violation, floored at 0 (每不合格一项扣1分). Also: named deductions, a severe finding that
     * takes the whole item, time limits whose every overrun is a violation, and zeroing events.
     */
    record Deduction(BigDecimal perViolation, List<NamedDeduction> named, boolean severeTakesAll,
            List<TimeLimit> timing, List<ZeroingEvent> zeroingEvents) implements Rule {
        public Deduction {
            named = List.copyOf(named);
            timing = List.copyOf(timing);
            zeroingEvents = List.copyOf(zeroingEvents);
        }

        @Override
        public String kind() {
            return "deduction";
        }
    }

    /** Pass or fail only (一票否决); worth no points, and a fail vetoes the whole evaluation. */
    record Veto() implements Rule {
        @Override
        public String kind() {
            return "veto";
        }
    }

    /** Each indicator below its target deducts its points (信息上传率98%以上…每不合格一项扣2.5分). */
    record Indicators(List<Indicator> indicators) implements Rule {
        public Indicators {
            indicators = List.copyOf(indicators);
        }

        @Override
        public String kind() {
            return "indicators";
        }
    }

    /**
     * Points per percentage point below a target (每差1个百分点扣1分), or above it when {@code lowerIsBetter}
     * (a refusal rate of 12 % at most: each point above deducts): in proportion to the gap, or per full point of
     * it; zeroing events take the whole item. At the target the gap is 0 and nothing is deducted.
     */
    record Shortfall(BigDecimal target, BigDecimal perPercentagePoint, boolean proportional,
            List<ZeroingEvent> zeroingEvents, boolean lowerIsBetter) implements Rule {
        public Shortfall {
            zeroingEvents = List.copyOf(zeroingEvents);
        }

        /** An "at least" shortfall: points per percentage point below the target. */
        public Shortfall(BigDecimal target, BigDecimal perPercentagePoint, boolean proportional,
                List<ZeroingEvent> zeroingEvents) {
            this(target, perPercentagePoint, proportional, zeroingEvents, false);
        }

        /** How far {@code measured} is on the wrong side of the target, in percentage points (≤ 0: none). */
        public BigDecimal gap(BigDecimal measured) {
            return lowerIsBetter ? measured.subtract(target) : target.subtract(measured);
        }

        @Override
        public String kind() {
            return "shortfall";
        }
    }

    /**
     * A questionnaire rating (非常满意 … 非常不满意): the item earns its points in proportion to the mean value
     * of the answers; the satisfaction rate is the share of answers at or above {@code satisfiedAtOrAbove}.
     */
    record Rating(List<Level> scale, String satisfiedAtOrAbove) implements Rule {
        public Rating {
            scale = List.copyOf(scale);
        }

        @Override
        public String kind() {
            return "rating";
        }

        public BigDecimal maxValue() {
            return scale.stream().map(Level::value).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        }
    }

    /** Bonus points (加分) per unit, up to a cap; they make up points lost elsewhere, never beyond the total. */
    record Bonus(BigDecimal perUnit, BigDecimal cap) implements Rule {
        @Override
        public String kind() {
            return "bonus";
        }
    }
}
