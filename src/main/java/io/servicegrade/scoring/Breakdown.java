package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * Why an evaluation scored what it did. {@code available} is the points of the applicable items,
 * {@code awarded} what they earned (with bonuses, never above {@code available}), and {@code score}
 * the result on a 0..100 scale: awarded / available × 100, rounded once, half up, to 2 decimals.
 * A vetoed evaluation keeps its points but fails whatever they are.
 */
public record Breakdown(String rubric, BigDecimal total, BigDecimal available, BigDecimal awarded, BigDecimal score,
        boolean vetoed, String vetoedBy, List<SectionScore> sections) {

    public record SectionScore(String key, LocalizedText name, BigDecimal max, BigDecimal available,
            BigDecimal awarded, List<ItemScore> items) {
    }

    /**
     * One item's result. Numbers shown here are rounded to 2 decimals; the score is computed from the
     * exact values. {@code awarded} is null for an item marked not applicable. {@code defaulted} when the rubric's default answer stood in for a missing one.
     */
    public record ItemScore(String key, LocalizedText name, String rule, BigDecimal max, BigDecimal awarded,
            boolean notApplicable, boolean defaulted, boolean vetoed, BigDecimal satisfactionRate,
            List<Deduction> deductions, List<Explanation> notes) {
    }

    /** One deduction and its cause: {@code cause} names the rule part, {@code count} how often it applied. */
    public record Deduction(String cause, BigDecimal count, BigDecimal points, Explanation text) {
    }
}
