package io.servicegrade.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.servicegrade.scoring.Answer.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rubrics.md, "Scores and rounding": all arithmetic is exact, the score is rounded once, at the end, to
 * 2 decimals, half up. The cases land exactly on a half-hundredth through thirds, so that each other design
 * (half even, rounding each item first, dividing at 34 digits before the final rounding) gives another answer.
 */
class ExactRoundingTest {

    private static final LocalizedText NAME = new LocalizedText("名称", "name");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** The five-level scale of the customer-satisfaction preset: 100, 80, 60, 20, 0; satisfied at 80 or better. */
    private static Rule.Rating fiveLevels() {
        return new Rule.Rating(List.of(
                new Rule.Level("very-satisfied", NAME, d("100")),
                new Rule.Level("satisfied", NAME, d("80")),
                new Rule.Level("fairly-satisfied", NAME, d("60")),
                new Rule.Level("dissatisfied", NAME, d("20")),
                new Rule.Level("very-dissatisfied", NAME, d("0"))), "satisfied");
    }

    private static Rubric.Item rating(String key, String points) {
        return new Rubric.Item(key, NAME, d(points), null, false, null, fiveLevels());
    }

    private static Rubric oneSection(String total, Rubric.Item... items) {
        return new Rubric("exact", NAME, d(total), List.of(new Rubric.Section("s", NAME, d(total), List.of(items))));
    }

    @Test
    void aScoreOnAHalfHundredthThroughThirdsIsRoundedOnceHalfUpFromExactValues() {
        Scorer scorer = Scorer.of(oneSection("4", rating("thirds", "3"), rating("eighths", "1")));

        Breakdown b = scorer.score(List.of(
                of("thirds").withResponses(Map.of("dissatisfied", 2, "very-dissatisfied", 1)),
                of("eighths").withResponses(Map.of("satisfied", 2, "fairly-satisfied", 2, "dissatisfied", 3,
                        "very-dissatisfied", 1))))
                .breakdown();

        // thirds:  mean (2×20 + 0) / 3 = 40/3 = 13.333…; earns 3 × (40/3) / 100 = 0.4 exactly
        // eighths: mean (2×80 + 2×60 + 3×20 + 0) / 8 = 340/8 = 42.5; earns 1 × 42.5 / 100 = 0.425
        // score = (0.4 + 0.425) / 4 × 100 = 0.825 × 25 = 20.625 exactly, on the boundary:
        //   (a) exact, rounded once half up            → 20.63  (the promise)
        //   (b) exact, rounded half even               → 20.62
        //   (c) each item rounded first: 0.40 + 0.43 = 0.83 → 0.83 × 25 = 20.75
        //   (d) divisions at 34 digits: mean 13.33333333333333333333333333333333 (34 digits) × 3
        //       = 39.99999999999999999999999999999999, / 100 = 0.3999999999999999999999999999999999;
        //       + 0.425 = 0.8249999999999999999999999999999999, × 25 = 20.62499… → 20.62
        assertThat(b.score()).isEqualTo(d("20.63"));
        // the figures shown are rounded for display only: 0.4 → 0.40, 0.425 → 0.43, 0.825 → 0.83
        assertThat(b.sections().get(0).items()).extracting(Breakdown.ItemScore::awarded)
                .containsExactly(d("0.40"), d("0.43"));
        assertThat(b.sections().get(0).awarded()).isEqualTo(d("0.83"));
        assertThat(b.awarded()).isEqualTo(d("0.83"));
        assertThat(b.available()).isEqualByComparingTo("4");
    }

    @Test
    void aRatingWorthAThirdOfAPointKeepsItsThirdsUntilTheScore() {
        // Alone, one third earned of a 1-point item: 1 × (100 + 0 + 0) / 3 / 100 = 1/3 → 33.333… → 33.33;
        // with a 2-point item earning 2 × 200/3 / 100 = 4/3 beside it, the thirds add up to exactly 5/3 of 3
        // points = 55.555… → 55.56. Rounding each item first would give (0.33 + 1.33) / 3 × 100 = 55.33.
        Scorer scorer = Scorer.of(oneSection("3", rating("one", "1"), rating("two", "2")));

        Breakdown b = scorer.score(List.of(
                of("one").withResponses(Map.of("very-satisfied", 1, "very-dissatisfied", 2)),
                of("two").withResponses(Map.of("very-satisfied", 2, "very-dissatisfied", 1)))).breakdown();

        assertThat(b.score()).isEqualTo(d("55.56"));
        assertThat(b.sections().get(0).items()).extracting(Breakdown.ItemScore::awarded)
                .containsExactly(d("0.33"), d("1.33"));
        // 1/3 + 4/3 = 5/3 = 1.666… → 1.67, from the exact sum, not 0.33 + 1.33 = 1.66
        assertThat(b.awarded()).isEqualTo(d("1.67"));
    }

    @Test
    void theSatisfactionRateIsTheExactShareRoundedOnceHalfUp() {
        Scorer scorer = Scorer.of(oneSection("1", rating("q", "1")));

        // 5 of 32 answers at "satisfied" or better: 5 × 100 / 32 = 15.625 exactly → half up 15.63
        // (half even would give 15.62). This is the figure a scheme's satisfactionRate source reads.
        // A 34-digit division rounded afterwards cannot be told apart here: 100 × s / n lies at least
        // 1 / (200 n) away from any other rounding boundary, far more than a 34-digit error, for any count
        // of answers below 10^29; the engine divides exactly to 2 decimals all the same.
        Breakdown.ItemScore fifteen = scorer.score(List.of(of("q").withResponses(
                Map.of("satisfied", 5, "dissatisfied", 27)))).breakdown().sections().get(0).items().get(0);
        assertThat(fifteen.satisfactionRate()).isEqualTo(d("15.63"));

        // thirds: 2 of 3 = 66.666… → 66.67; 1 of 3 = 33.333… → 33.33
        assertThat(scorer.score(List.of(of("q").withResponses(Map.of("very-satisfied", 2, "fairly-satisfied", 1))))
                .breakdown().sections().get(0).items().get(0).satisfactionRate()).isEqualTo(d("66.67"));
        assertThat(scorer.score(List.of(of("q").withResponses(Map.of("satisfied", 1, "dissatisfied", 2))))
                .breakdown().sections().get(0).items().get(0).satisfactionRate()).isEqualTo(d("33.33"));
    }
}
