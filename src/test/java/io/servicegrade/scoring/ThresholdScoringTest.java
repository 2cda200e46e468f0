package io.servicegrade.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.servicegrade.scoring.Answer.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rubrics.md: an indicator deducts when measured below its target, a shortfall counts the gap below its
 * target, a time limit deducts an observation over it. Exactly at the target or the limit deducts nothing.
 * Each case scores one item of the postal preset on its own.
 */
class ThresholdScoringTest {

    private static final LocalizedText NAME = new LocalizedText("名称", "name");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A rubric of the postal preset's item alone, worth its own points. */
    private static Scorer alone(String key) {
        Rubric.Item item = Presets.postal().itemsByKey().get(key);
        return Scorer.of(new Rubric("alone", NAME, item.points(),
                List.of(new Rubric.Section("s", NAME, item.points(), List.of(item)))));
    }

    private static Breakdown.ItemScore scored(Scorer scorer, Answer answer) {
        Scoring scoring = scorer.score(List.of(answer));
        assertThat(scoring.problems()).isEmpty();
        return scoring.breakdown().sections().get(0).items().get(0);
    }

    private static Answer.Observation obs(String limit, String seconds, String amount) {
        return new Answer.Observation(limit, d(seconds), amount == null ? null : d(amount));
    }

    @Test
    void anIndicatorExactlyAtItsTargetDeductsNothing() {
        Scorer indicators = alone("cap.it-indicators");   // 5 points; upload ≥ 98.0, address match ≥ 90.0; 2.5 each

        // 98 (written without the preset's ".0") and 90.00 are exactly the targets: 5 − 0 = 5
        Breakdown.ItemScore at = scored(indicators, of("cap.it-indicators").withRates(Map.of(
                "upload-rate", d("98"), "address-match-rate", d("90.00"))));
        assertThat(at.deductions()).isEmpty();
        assertThat(at.awarded()).isEqualByComparingTo("5");

        // a hundredth below each: 5 − 2.5 − 2.5 = 0
        Breakdown.ItemScore below = scored(indicators, of("cap.it-indicators").withRates(Map.of(
                "upload-rate", d("97.99"), "address-match-rate", d("89.99"))));
        assertThat(below.deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactlyInAnyOrder("indicator:upload-rate", "indicator:address-match-rate");
        assertThat(below.awarded()).isEqualByComparingTo("0");
    }

    @Test
    void aShortfallExactlyAtItsTargetDeductsNothing() {
        Scorer overall = alone("out.overall");             // 10 points; target 85.0, 1 per point, proportional

        Breakdown.ItemScore at = scored(overall, of("out.overall").withRate(d("85")));
        assertThat(at.deductions()).isEmpty();
        assertThat(at.awarded()).isEqualByComparingTo("10");

        // (85 − 84.99) × 1 = 0.01 → 9.99
        assertThat(scored(overall, of("out.overall").withRate(d("84.99"))).awarded()).isEqualByComparingTo("9.99");
    }

    @Test
    void aTimeLimitExactlyMetDeductsNothingAndOneSecondOverDeductsOne() {
        Scorer timing = alone("cap.time-limits");          // 10 points, 1 per overrun; mail accepted in 120 s

        Breakdown.ItemScore met = scored(timing, of("cap.time-limits").withObservations(List.of(
                obs("mail-acceptance", "120", null))));
        assertThat(met.deductions()).isEmpty();
        assertThat(met.awarded()).isEqualByComparingTo("10");

        // 121 > 120: 10 − 1 = 9
        Breakdown.ItemScore over = scored(timing, of("cap.time-limits").withObservations(List.of(
                obs("mail-acceptance", "121", null))));
        assertThat(over.deductions()).extracting(Breakdown.Deduction::cause).containsExactly("timing:mail-acceptance");
        assertThat(over.awarded()).isEqualByComparingTo("9");
    }

    @Test
    void aTimeLimitThatGrowsWithTheAmountIsMetExactlyAtEachStep() {
        Scorer timing = alone("cap.time-limits");          // remittance: 300 s up to 10,000, +60 s per full 10,000

        // 10,000 is not above the base: 300 s; 20,000 is one full step above: 300 + 60 = 360 s;
        // 29,999.99 is still one full step: 360 s. Each taken exactly: no deduction.
        Breakdown.ItemScore met = scored(timing, of("cap.time-limits").withObservations(List.of(
                obs("remittance", "300", "10000"), obs("remittance", "360", "20000"),
                obs("remittance", "360", "29999.99"))));
        assertThat(met.deductions()).isEmpty();
        assertThat(met.awarded()).isEqualByComparingTo("10");

        // one second over each: 301 > 300, 361 > 360, 361 > 360 → 10 − 3 = 7
        Breakdown.ItemScore over = scored(timing, of("cap.time-limits").withObservations(List.of(
                obs("remittance", "301", "10000"), obs("remittance", "361", "20000"),
                obs("remittance", "361", "29999.99"))));
        assertThat(over.deductions()).hasSize(3);
        assertThat(over.awarded()).isEqualByComparingTo("7");
    }
}
