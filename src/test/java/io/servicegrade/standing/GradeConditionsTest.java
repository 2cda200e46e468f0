package io.servicegrade.standing;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeDocument;
import io.servicegrade.standing.StandingsEngine.Sample;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.standing.StandingsEngine.Truth;
import io.servicegrade.standing.StandingsEngine.UnitSamples;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades with several conditions (issue 17, point 3), worked by hand from seed 000's model and compliant windows. */
class GradeConditionsTest {

    private static long ids = 1;

    static Scheme scheme(String yaml) {
        try {
            SchemeDocument.Read read = SchemeDocument.read(new YAMLMapper().readTree(yaml), ZoneId.of("Asia/Shanghai"));
            assertThat(read.problems()).isEmpty();
            return read.scheme();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Seed 000: a model window has weighted ≥ 90 and no complaint; compliant is average ≥ 85. */
    static final String MODEL_WINDOW = """
            key: model-window-no-complaint
            name: {zh-CN: 创满意窗口, en: Create satisfied windows}
            kinds: [window]
            activeFrom: 2023-03-01
            period: quarter
            sources:
              - {source: inspection, rubric: postal-counter-model-window}
              - {source: mystery_shop, rubric: postal-counter-model-window}
              - {source: complaint, rubric: customer-complaint}
            composites:
              - {key: average, name: {zh-CN: 平均分, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
              - {key: weighted, name: {zh-CN: 加权分, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
            grades:
              - key: model
                name: {zh-CN: 示范窗口, en: Model window}
                when: {all: [{composite: weighted, min: 90}, {source: complaint, maxSamples: 0}]}
              - {key: compliant, name: {zh-CN: 达标窗口, en: Compliant}, composite: average, min: 85}
              - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
            rankBy: weighted
            """;

    /** Seed 000: compliant needs average ≥ 85 and every source present (a survey too). */
    static final String EVERY_SOURCE = """
            key: compliant-every-source
            name: {zh-CN: 创满意窗口, en: Create satisfied windows}
            kinds: [window]
            activeFrom: 2023-03-01
            period: quarter
            sources:
              - {source: inspection, rubric: postal-counter-model-window}
              - {source: mystery_shop, rubric: postal-counter-model-window}
              - {source: survey, rubric: customer-satisfaction-5, statistic: satisfactionRate, item: q.overall}
            composites:
              - {key: average, name: {zh-CN: 平均分, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
            grades:
              - key: compliant
                name: {zh-CN: 达标窗口, en: Compliant}
                when: {all: [{composite: average, min: 85}, {present: all}]}
              - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
            rankBy: average
            """;

    static Sample sample(String value) {
        ids++;
        return new Sample(ids, new BigDecimal(value), Instant.parse("2023-05-01T02:00:00Z").plusSeconds(ids), false);
    }

    static List<Sample> samples(String... values) {
        return Arrays.stream(values).map(GradeConditionsTest::sample).toList();
    }

    static Standing standing(Scheme scheme, Map<String, List<Sample>> bySource) {
        return StandingsEngine.compute(scheme, List.of(new UnitSamples(1, bySource))).get(0);
    }

    @Test
    void aModelWindowNeedsNoComplaint() {
        Scheme scheme = scheme(MODEL_WINDOW);
        // weighted 0.4 × 92 + 0.6 × 91 = 36.8 + 54.6 = 91.4 ≥ 90, and 0 complaints ≤ 0 → both true → model
        Standing clean = standing(scheme, Map.of("inspection", samples("92"), "mystery_shop", samples("91")));
        assertThat(clean.grade()).isEqualTo("model");
        // the same scores with one complaint: 1 > 0 samples → false, so all is false and the next grade is tried:
        // average (92 + 91) / 2 = 91.5 ≥ 85 → compliant
        Standing complained = standing(scheme, Map.of("inspection", samples("92"), "mystery_shop", samples("91"),
                "complaint", samples("60")));
        assertThat(complained.grade()).isEqualTo("compliant");
    }

    @Test
    void anUnknownConditionLeavesTheUnitUngraded() {
        Scheme scheme = scheme(MODEL_WINDOW);
        // no mystery shop: weighted has no value (incomplete) → unknown; no complaint → true; all = unknown → the
        // unit is not graded (it is not passed to the compliant grade, whose own composite is missing too)
        Standing noShop = standing(scheme, Map.of("inspection", samples("92")));
        assertThat(noShop.grade()).isNull();
        // with a complaint the first grade is false whatever weighted would be (false wins over unknown in all),
        // so compliant is tried: average is unknown too → not graded
        Standing complained = standing(scheme, Map.of("inspection", samples("92"), "complaint", samples("60")));
        assertThat(complained.grade()).isNull();
    }

    @Test
    void compliantNeedsEverySourcePresent() {
        Scheme scheme = scheme(EVERY_SOURCE);
        // average (88 + 86) / 2 = 87 ≥ 85, and inspection, mystery shop and survey all have a value → compliant
        assertThat(standing(scheme, Map.of("inspection", samples("88"), "mystery_shop", samples("86"), "survey",
                samples("90"))).grade()).isEqualTo("compliant");
        // the same without a survey: 87 ≥ 85 true, present false → all false → the last grade, graded
        assertThat(standing(scheme, Map.of("inspection", samples("88"), "mystery_shop", samples("86"))).grade())
                .isEqualTo("noncompliant");
        // only an inspection: average unknown, present false → all false (false wins) → noncompliant, not ungraded
        assertThat(standing(scheme, Map.of("inspection", samples("88"))).grade()).isEqualTo("noncompliant");
    }

    @Test
    void allAndAnyFollowThreeValuedLogic() {
        Scheme scheme = scheme(MODEL_WINDOW);
        // inspection 80 alone: source inspection in [75, 85] → true; weighted missing → unknown; complaint count 0
        Standing s = standing(scheme, Map.of("inspection", samples("80")));
        Scheme.Condition inRange = new Scheme.Condition.Compare(Scheme.Operand.SOURCE, "inspection",
                new BigDecimal("75"), new BigDecimal("85"));
        Scheme.Condition above = new Scheme.Condition.Compare(Scheme.Operand.SOURCE, "inspection",
                new BigDecimal("80.01"), null);
        Scheme.Condition unknown = new Scheme.Condition.Compare(Scheme.Operand.COMPOSITE, "weighted",
                new BigDecimal("90"), null);
        Scheme.Condition noComplaint = new Scheme.Condition.Samples("complaint", null, 0);
        assertThat(truth(s, inRange)).isEqualTo(Truth.TRUE);
        assertThat(truth(s, above)).as("80 < 80.01").isEqualTo(Truth.FALSE);
        assertThat(truth(s, unknown)).isEqualTo(Truth.UNKNOWN);
        assertThat(truth(s, noComplaint)).isEqualTo(Truth.TRUE);
        assertThat(truth(s, new Scheme.Condition.All(List.of(inRange, unknown)))).isEqualTo(Truth.UNKNOWN);
        assertThat(truth(s, new Scheme.Condition.All(List.of(unknown, above)))).isEqualTo(Truth.FALSE);
        assertThat(truth(s, new Scheme.Condition.Any(List.of(unknown, inRange)))).isEqualTo(Truth.TRUE);
        assertThat(truth(s, new Scheme.Condition.Any(List.of(above, unknown)))).isEqualTo(Truth.UNKNOWN);
        assertThat(truth(s, new Scheme.Condition.Any(List.of(above, new Scheme.Condition.Present(
                List.of("mystery_shop")))))).as("present is never unknown").isEqualTo(Truth.FALSE);
    }

    @Test
    void aVetoStillGivesTheLastGrade() {
        Scheme scheme = scheme(MODEL_WINDOW);
        Sample veto = new Sample(ids++, new BigDecimal("95"), Instant.parse("2023-05-02T02:00:00Z"), true);
        Map<String, List<Sample>> bySource = new HashMap<>(Map.of("inspection", List.of(veto), "mystery_shop",
                samples("95")));
        // weighted 95 and no complaint would be a model window; the veto makes it noncompliant
        assertThat(standing(scheme, bySource).grade()).isEqualTo("noncompliant");
    }

    private static Truth truth(Standing s, Scheme.Condition condition) {
        return StandingsEngine.truth(condition, s.sources(), s.composites());
    }
}
