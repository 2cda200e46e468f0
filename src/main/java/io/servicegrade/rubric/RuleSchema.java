package io.servicegrade.rubric;

import io.servicegrade.scoring.LocalizedText;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * The shape of an item's {@code rule} in {@code /q/openapi}: one schema per kind of {@link io.servicegrade.scoring.Rule}
 * with the fields {@link RuleDocument} reads (required as it requires them), chosen by {@code kind} (a
 * {@code oneOf} with a discriminator, so a generated client gets a tagged union). Schema only: never built.
 */
@Schema(name = "Rule", description = "How an item is scored, by kind (docs/rubrics.md). Unknown fields are refused.",
        oneOf = {RuleSchema.Deduction.class, RuleSchema.Veto.class, RuleSchema.Indicators.class,
                RuleSchema.Shortfall.class, RuleSchema.Rating.class, RuleSchema.Bonus.class},
        discriminatorProperty = "kind", discriminatorMapping = {
                @DiscriminatorMapping(value = "deduction", schema = RuleSchema.Deduction.class),
                @DiscriminatorMapping(value = "veto", schema = RuleSchema.Veto.class),
                @DiscriminatorMapping(value = "indicators", schema = RuleSchema.Indicators.class),
                @DiscriminatorMapping(value = "shortfall", schema = RuleSchema.Shortfall.class),
                @DiscriminatorMapping(value = "rating", schema = RuleSchema.Rating.class),
                @DiscriminatorMapping(value = "bonus", schema = RuleSchema.Bonus.class)})
public interface RuleSchema {

    @Schema(name = "DeductionRule", description = "Points per violation, floored at 0 (每不合格一项扣1分); named "
            + "deductions, a severe finding that takes the whole item, time limits and zeroing events on top")
    record Deduction(@Schema(required = true, enumeration = "deduction") String kind,
            @Schema(required = true, minimum = "0") BigDecimal perViolation,
            List<NamedDeduction> named,
            @Schema(description = "A severe finding takes the whole item; false by default") Boolean severeTakesAll,
            @Schema(description = "Time limits; each observation over its limit is one violation")
            List<TimeLimit> timing,
            List<ZeroingEvent> zeroingEvents) implements RuleSchema {
    }

    @Schema(name = "VetoRule", description = "Pass or fail only (一票否决); worth 0 points, a fail vetoes the "
            + "whole evaluation")
    record Veto(@Schema(required = true, enumeration = "veto") String kind) implements RuleSchema {
    }

    @Schema(name = "IndicatorsRule", description = "Each indicator measured below its target (above it, for a "
            + "lowerIsBetter one) deducts its points")
    record Indicators(@Schema(required = true, enumeration = "indicators") String kind,
            @Schema(required = true) List<Indicator> indicators) implements RuleSchema {
    }

    @Schema(name = "ShortfallRule", description = "Points per percentage point below a target (每差1个百分点扣1分), "
            + "or above it with lowerIsBetter")
    record Shortfall(@Schema(required = true, enumeration = "shortfall") String kind,
            @Schema(required = true, minimum = "0", maximum = "100") BigDecimal target,
            @Schema(required = true, minimum = "0") BigDecimal perPercentagePoint,
            @Schema(required = true, description = "In proportion to the gap (true) or per full point of it (false)")
            boolean proportional,
            @Schema(description = "Lower is better: points per percentage point ABOVE the target (a refusal rate "
                    + "of 12 % at most); false by default (points per point below it)") Boolean lowerIsBetter,
            List<ZeroingEvent> zeroingEvents) implements RuleSchema {
    }

    @Schema(name = "RatingRule", description = "A questionnaire rating: the item earns points × mean value / best "
            + "value")
    record Rating(@Schema(required = true, enumeration = "rating") String kind,
            @Schema(required = true, description = "The levels, best first") List<Level> scale,
            @Schema(required = true, description = "The key of the lowest level counted as satisfied")
            String satisfiedAtOrAbove) implements RuleSchema {
    }

    @Schema(name = "BonusRule", description = "Bonus points (加分) per unit, up to a cap")
    record Bonus(@Schema(required = true, enumeration = "bonus") String kind,
            @Schema(required = true, minimum = "0") BigDecimal perUnit,
            @Schema(required = true, minimum = "0") BigDecimal cap) implements RuleSchema {
    }

    @Schema(name = "RuleNamedDeduction", description = "A finding with its own points (未设扣2分)")
    record NamedDeduction(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, minimum = "0") BigDecimal points) {
    }

    @Schema(name = "RuleTimeLimit", description = "A time limit; with amountBase, amountStep and secondsPerStep it "
            + "grows by secondsPerStep per full amountStep above amountBase")
    record TimeLimit(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, minimum = "0") BigDecimal limitSeconds, BigDecimal amountBase,
            BigDecimal amountStep, BigDecimal secondsPerStep) {
    }

    @Schema(name = "RuleZeroingEvent", description = "Something that takes the whole item when it happens")
    record ZeroingEvent(@Schema(required = true) String key, @Schema(required = true) LocalizedText name) {
    }

    @Schema(name = "RuleIndicator", description = "A measured rate (0–100, a percentage: 0.5‰ is 0.05) with its "
            + "target; met at the target unless strict")
    record Indicator(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, minimum = "0", maximum = "100") BigDecimal target,
            @Schema(required = true, minimum = "0") BigDecimal deducts,
            @Schema(description = "Lower is better (投诉率低于0.5‰): deducts when the rate is above the target; "
                    + "false by default (deducts when below it)") Boolean lowerIsBetter,
            @Schema(description = "The target itself misses too (低于12%: 12 % is not below 12 %); false by "
                    + "default (以上/不超过: the target meets it)") Boolean strict) {
    }

    @Schema(name = "RuleLevel", description = "A level of a rating scale with its value (0–100)")
    record Level(@Schema(required = true) String key, @Schema(required = true) LocalizedText name,
            @Schema(required = true, minimum = "0", maximum = "100") BigDecimal value) {
    }
}
