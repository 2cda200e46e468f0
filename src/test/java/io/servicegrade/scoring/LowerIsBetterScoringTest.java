package io.servicegrade.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.servicegrade.scoring.Answer.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, point 4 (rubric side): "lower is better" indicators and shortfalls (docs/rubrics.md). The targets are
 * seed 001's (邮件业务考核): 京东邮件 "配送成功率每月不低于97.5%，投诉率每月低于0.5‰", 嘉丽购 "妥投率88%以上，
 * 邮件拒收率低于12%". The seed states the targets; the points per indicator and per percentage point are this
 * test's own (the seed deducts money, 1000 元 per point). Rates are percentages: 0.5‰ = 0.05 %.
 */
class LowerIsBetterScoringTest {

    private static final LocalizedText NAME = new LocalizedText("名称", "name");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Scorer alone(String points, Rule rule) {
        Rubric.Item item = new Rubric.Item("x", NAME, d(points), null, false, null, rule);
        return Scorer.of(new Rubric("lower", NAME, d(points),
                List.of(new Rubric.Section("s", NAME, d(points), List.of(item)))));
    }

    private static Breakdown scored(Scorer scorer, Answer answer) {
        Scoring scoring = scorer.score(List.of(answer));
        assertThat(scoring.problems()).isEmpty();
        return scoring.breakdown();
    }

    private static Breakdown.ItemScore item(Breakdown breakdown) {
        return breakdown.sections().get(0).items().get(0);
    }

    /** 京东邮件, worth 9 points, 3 per indicator missed. */
    private static final Rule.Indicators JD = new Rule.Indicators(List.of(
            // 配送成功率每月不低于97.5%: at least, and 97.5 itself is not below it
            new Rule.Indicator("delivery-success", new LocalizedText("配送成功率", "Delivery success rate"),
                    d("97.5"), d("3"), false, false),
            // 投诉率每月低于0.5‰: at most 0.05 %, and 0.05 % itself is not below it (低于: strict)
            new Rule.Indicator("complaint-rate", new LocalizedText("投诉率", "Complaint rate"),
                    d("0.05"), d("3"), true, true),
            // 数据上传及时率95%: at least
            new Rule.Indicator("upload-on-time", new LocalizedText("数据上传及时率", "Upload on time"),
                    d("95"), d("3"), false, false)));

    @Test
    void aLowerIsBetterIndicatorDeductsOnlyAboveItsTarget() {
        Scorer jd = alone("9", JD);

        // 4 complaints in 10,000 items = 0.4‰ = 0.04 % < 0.05 %: met. 98 ≥ 97.5, 96 ≥ 95: met. 9 − 0 = 9 → 100
        Breakdown good = scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("98"), "complaint-rate", d("0.04"), "upload-on-time", d("96"))));
        assertThat(item(good).deductions()).isEmpty();
        assertThat(good.score()).isEqualTo(d("100.00"));

        // 6 in 10,000 = 0.06 % > 0.05 %: −3; the at-least ones, each on the same side as before, still meet:
        // 9 − 3 = 6 → 6 / 9 = 66.666… → 66.67
        Breakdown above = scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("98"), "complaint-rate", d("0.06"), "upload-on-time", d("96"))));
        assertThat(item(above).deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactly("indicator:complaint-rate");
        assertThat(item(above).awarded()).isEqualByComparingTo("6");
        assertThat(above.score()).isEqualTo(d("66.67"));

        // A low delivery success is below its at-least target (−3) while a low complaint rate is fine:
        // 97 < 97.5 → −3; 0 ‰ complaints → met; 94.5 < 95 → −3. 9 − 6 = 3 → 3 / 9 = 33.33
        Breakdown low = scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("97"), "complaint-rate", d("0"), "upload-on-time", d("94.5"))));
        assertThat(item(low).deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactly("indicator:delivery-success", "indicator:upload-on-time");
        assertThat(low.score()).isEqualTo(d("33.33"));
    }

    @Test
    void atItsTargetAnIndicatorIsMetUnlessStrict() {
        Scorer jd = alone("9", JD);

        // 配送成功率 exactly 97.5 (不低于: met), 投诉率 exactly 0.05 % (低于, strict: not below, −3),
        // 上传及时率 exactly 95 (met): 9 − 3 = 6
        Breakdown at = scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("97.50"), "complaint-rate", d("0.050"), "upload-on-time", d("95"))));
        assertThat(item(at).deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactly("indicator:complaint-rate");
        assertThat(item(at).awarded()).isEqualByComparingTo("6");

        // The same complaint target without strict (不超过0.5‰): 0.05 % meets it, 9 − 0 = 9
        Scorer atMost = alone("3", new Rule.Indicators(List.of(new Rule.Indicator("complaint-rate",
                new LocalizedText("投诉率", "Complaint rate"), d("0.05"), d("3"), true, false))));
        assertThat(item(scored(atMost, of("x").withRates(Map.of("complaint-rate", d("0.05"))))).deductions())
                .isEmpty();
        // … and a thousandth of a per cent above it does not: 0.051 > 0.05 → 3 − 3 = 0
        assertThat(item(scored(atMost, of("x").withRates(Map.of("complaint-rate", d("0.051"))))).awarded())
                .isEqualByComparingTo("0");

        // A strict at-least target (高于98%): 98 is not above 98 → −2.5; 98.01 is → nothing
        Scorer above = alone("5", new Rule.Indicators(List.of(new Rule.Indicator("upload-rate",
                new LocalizedText("信息上传率", "Upload rate"), d("98"), d("2.5"), false, true))));
        assertThat(item(scored(above, of("x").withRates(Map.of("upload-rate", d("98"))))).awarded())
                .isEqualByComparingTo("2.5");
        assertThat(item(scored(above, of("x").withRates(Map.of("upload-rate", d("98.01"))))).awarded())
                .isEqualByComparingTo("5");
    }

    @Test
    void theExplanationSaysAboveTheTargetInBothLanguagesWithTheRateAsGiven() {
        Scorer jd = alone("9", JD);

        // 0.052 % is shown as given, not rounded to "0.05" (which would read as at the target)
        Breakdown.ItemScore above = item(scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("98"), "complaint-rate", d("0.052"), "upload-on-time", d("96")))));
        assertThat(above.deductions().get(0).text().zhCN()).isEqualTo("投诉率 0.052%，高于目标 0.05%：扣 3 分");
        assertThat(above.deductions().get(0).text().en())
                .isEqualTo("Complaint rate 0.052% is above its 0.05% target: −3 points");

        // exactly at a strict target
        Breakdown.ItemScore at = item(scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("98"), "complaint-rate", d("0.05"), "upload-on-time", d("96")))));
        assertThat(at.deductions().get(0).text().zhCN()).isEqualTo("投诉率 0.05%，未低于目标 0.05%：扣 3 分");
        assertThat(at.deductions().get(0).text().en())
                .isEqualTo("Complaint rate 0.05% is not below its 0.05% target: −3 points");

        // the at-least wording is unchanged
        Breakdown.ItemScore below = item(scored(jd, of("x").withRates(Map.of(
                "delivery-success", d("97"), "complaint-rate", d("0"), "upload-on-time", d("96")))));
        assertThat(below.deductions().get(0).text().en())
                .isEqualTo("Delivery success rate 97% is below its 97.5% target: −3 points");
    }

    /** 嘉丽购 邮件拒收率低于12%, as a shortfall worth 10 points: 1 per percentage point above 12 %. */
    private static Rule.Shortfall refusals(boolean proportional) {
        return new Rule.Shortfall(d("12"), d("1"), proportional, List.of(), true);
    }

    @Test
    void aLowerIsBetterShortfallDeductsPerPointAboveItsTarget() {
        Scorer proportional = alone("10", refusals(true));
        Scorer perFullPoint = alone("10", refusals(false));

        // 14.5 % refused: 14.5 − 12 = 2.5 points above. Proportional: 2.5 × 1 = 2.5 → 10 − 2.5 = 7.5 → 75.00
        Breakdown p = scored(proportional, of("x").withRate(d("14.5")));
        assertThat(item(p).deductions()).extracting(Breakdown.Deduction::cause, Breakdown.Deduction::count,
                Breakdown.Deduction::points).containsExactly(org.assertj.core.groups.Tuple.tuple("shortfall",
                d("2.5"), d("2.5")));
        assertThat(p.score()).isEqualTo(d("75.00"));
        // Per full point: 2 full points → 10 − 2 = 8 → 80.00
        assertThat(scored(perFullPoint, of("x").withRate(d("14.5"))).score()).isEqualTo(d("80.00"));

        // At the target (gap 0) and below it (9 %, better than 12 %): nothing is deducted, and nothing is added
        assertThat(item(scored(proportional, of("x").withRate(d("12")))).deductions()).isEmpty();
        assertThat(scored(proportional, of("x").withRate(d("9"))).score()).isEqualTo(d("100.00"));
        // 0.99 above, per full point: no full point → nothing
        assertThat(scored(perFullPoint, of("x").withRate(d("12.99"))).score()).isEqualTo(d("100.00"));

        // 25 % refused: 13 points above → 13 deducted from 10, floored at 0
        Breakdown.ItemScore floored = item(scored(proportional, of("x").withRate(d("25"))));
        assertThat(floored.awarded()).isEqualByComparingTo("0");
        assertThat(floored.notes()).hasSize(1);
    }

    @Test
    void theShortfallExplanationSaysAboveTheTarget() {
        Breakdown.ItemScore p = item(scored(alone("10", refusals(true)), of("x").withRate(d("14.5"))));
        assertThat(p.deductions().get(0).text().zhCN()).isEqualTo("实际 14.5%，比目标 12% 高 2.5 个百分点：2.5 × 1 = 扣 2.5 分");
        assertThat(p.deductions().get(0).text().en())
                .isEqualTo("Measured 14.5% is 2.5 points above the 12% target: 2.5 × 1 = −2.5 points");

        Breakdown.ItemScore f = item(scored(alone("10", refusals(false)), of("x").withRate(d("14.5"))));
        assertThat(f.deductions().get(0).text().zhCN())
                .isEqualTo("实际 14.5%，比目标 12% 高 2.5 个百分点（按整百分点计 2 个）：2 × 1 = 扣 2 分");
        assertThat(f.deductions().get(0).text().en())
                .isEqualTo("Measured 14.5% is 2.5 points above the 12% target (2 full points count): 2 × 1 = −2 points");
    }

    @Test
    void aStrictTargetNoRateCanBeatIsAProblemOfTheRubric() {
        Rule.Indicators never = new Rule.Indicators(List.of(
                // 低于0%: no rate is below 0
                new Rule.Indicator("a", NAME, d("0"), d("1"), true, true),
                // 高于100%: no rate is above 100
                new Rule.Indicator("b", NAME, d("100"), d("1"), false, true),
                // at most 0 % (不超过0, not strict) can be met: 0 itself
                new Rule.Indicator("c", NAME, d("0"), d("1"), true, false)));
        Rubric.Item item = new Rubric.Item("x", NAME, d("3"), null, false, null, never);
        Rubric rubric = new Rubric("never", NAME, d("3"), List.of(new Rubric.Section("s", NAME, d("3"), List.of(item))));
        assertThat(RubricCheck.problems(rubric)).extracting(AnswerProblem::pointer).containsExactly(
                "/sections/0/items/0/rule/indicators/0/strict", "/sections/0/items/0/rule/indicators/1/strict");
    }
}
