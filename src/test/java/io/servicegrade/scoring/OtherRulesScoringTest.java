package io.servicegrade.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.servicegrade.scoring.Answer.of;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules the postal preset does not use: ratings, bonuses, per-full-point shortfalls, defaults. */
class OtherRulesScoringTest {

    private static final LocalizedText NAME = new LocalizedText("名称", "name");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Rubric oneSection(BigDecimal total, Rubric.Item... items) {
        return new Rubric("test", NAME, total, List.of(new Rubric.Section("s", NAME, total, List.of(items))));
    }

    private static Rubric.Item item(String key, String points, Rule rule) {
        return new Rubric.Item(key, NAME, d(points), null, false, null, rule);
    }

    @Test
    void aQuestionnaireEarnsItsPointsInProportionToTheMeanRating() {
        Scorer survey = Scorer.of(Presets.rubric("customer-satisfaction-5"));

        Breakdown b = survey.score(List.of(
                of("q.overall").withResponses(Map.of("very-satisfied", 3, "satisfied", 5, "fairly-satisfied", 1,
                        "dissatisfied", 1)),
                of("q.attitude").notApplicableAnswer(), of("q.efficiency").notApplicableAnswer(),
                of("q.environment").notApplicableAnswer(), of("q.competence").notApplicableAnswer()))
                .breakdown();

        // mean (3×100 + 5×80 + 1×60 + 1×20) / 10 = 78 → 40 × 78 / 100 = 31.2 of 40 → score 78
        Breakdown.ItemScore overall = b.sections().get(0).items().get(0);
        assertThat(overall.awarded()).isEqualByComparingTo("31.2");
        // satisfied or better: 3 + 5 of 10 = 80 %
        assertThat(overall.satisfactionRate()).isEqualByComparingTo("80");
        assertThat(b.available()).isEqualByComparingTo("40");
        assertThat(b.score()).isEqualTo(d("78.00"));
    }

    @Test
    void aShortfallPerFullPointCountsOnlyWholePoints() {
        Scorer scorer = Scorer.of(oneSection(d("10"),
                item("rate", "10", new Rule.Shortfall(d("85"), d("1"), false, List.of()))));

        // 85 − 83.2 = 1.8 points short; one full point counts: 10 − 1 = 9
        Breakdown b = scorer.score(List.of(of("rate").withRate(d("83.2")))).breakdown();
        assertThat(b.awarded()).isEqualByComparingTo("9");
        assertThat(b.score()).isEqualTo(d("90.00"));
    }

    @Test
    void bonusPointsMakeUpLostPointsUpToTheirCapButNeverPassTheTotal() {
        Scorer scorer = Scorer.of(oneSection(d("10"),
                item("findings", "10", new Rule.Deduction(d("1"), List.of(), false, List.of(), List.of())),
                item("praise", "0", new Rule.Bonus(d("1"), d("2")))));

        // 10 − 3 = 7; 5 commendations × 1 capped at 2 → 9 of 10
        assertThat(scorer.score(List.of(of("findings").withViolations(3), of("praise").withCount(5)))
                .breakdown().score()).isEqualTo(d("90.00"));
        // 10 − 1 + 2 = 11 → capped at the 10 available
        assertThat(scorer.score(List.of(of("findings").withViolations(1), of("praise").withCount(5)))
                .breakdown().score()).isEqualTo(d("100.00"));
    }

    @Test
    void aDefaultAnswerStandsInForAMissingOne() {
        Rubric.Item optional = new Rubric.Item("optional", NAME, d("5"), null, false, of(null).withViolations(0),
                new Rule.Deduction(d("1"), List.of(), false, List.of(), List.of()));
        Scorer scorer = Scorer.of(oneSection(d("10"), item("required", "5",
                new Rule.Deduction(d("1"), List.of(), false, List.of(), List.of())), optional));

        Breakdown b = scorer.score(List.of(of("required").withViolations(1))).breakdown();
        assertThat(b.score()).isEqualTo(d("90.00"));
        assertThat(b.sections().get(0).items().get(1).defaulted()).isTrue();
    }

    @Test
    void theResultIsRoundedOnceHalfUp() {
        Scorer scorer = Scorer.of(oneSection(d("3"),
                item("a", "3", new Rule.Deduction(d("1"), List.of(), false, List.of(), List.of()))));

        // 2 / 3 × 100 = 66.666… → 66.67
        assertThat(scorer.score(List.of(of("a").withViolations(1))).breakdown().score()).isEqualTo(d("66.67"));
    }
}
