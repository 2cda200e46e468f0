package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.Fraction;
import io.servicegrade.standing.GroupStats.TargetCheck;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Group targets (issue 17, points 2 and 4): shares per area and overall, "or better" and exactly, means, unit
 * selections, staff quotas, dated steps and lower-is-better targets, worked by hand from the seeds.
 */
class TargetChecksTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2023-05-01T00:00:00Z");

    /** A scheme over windows and staff; only the targets differ between tests. */
    private static Scheme scheme(String targets) {
        return GradeConditionsTest.scheme("""
                key: targets
                name: {zh-CN: 目标, en: Targets}
                kinds: [window, staff]
                activeFrom: 2023-01-01
                period: month
                sources:
                  - {source: inspection, rubric: postal-counter-model-window}
                  - {source: complaint, rubric: complaint-rate}
                composites:
                  - {key: score, name: {zh-CN: 得分, en: Score}, weights: {inspection: 1}}
                  - {key: complaints, name: {zh-CN: 投诉率, en: Complaint rate}, weights: {complaint: 1}}
                grades:
                  - {key: three-stars, name: {zh-CN: 三星, en: Three stars}, composite: score, min: 95}
                  - {key: two-stars, name: {zh-CN: 二星, en: Two stars}, composite: score, min: 90}
                  - {key: one-star, name: {zh-CN: 一星, en: One star}, composite: score, min: 85}
                  - {key: none, name: {zh-CN: 未评星, en: No star}}
                rankBy: score
                targets:
                """ + targets);
    }

    private final List<Unit> members = new ArrayList<>();
    private final Map<Long, Standing> standings = new HashMap<>();

    private void unit(String kind, String area, String line, List<String> tags, String grade, String score,
            String complaints) {
        long id = members.size() + 1;
        members.add(new Unit(id, "U" + id, "u", kind, line, area, tags, "C", "1." + id, true, AT, AT));
        standings.put(id, new Standing(id, List.of(), List.of(
                new StandingsEngine.CompositeValue("score", score == null ? null : Fraction.of(new BigDecimal(score)),
                        score != null),
                new StandingsEngine.CompositeValue("complaints", complaints == null ? null
                        : Fraction.of(new BigDecimal(complaints)), complaints != null)), grade, false, null, true, null));
    }

    private void tellers(String grade, int count) {
        for (int i = 0; i < count; i++) {
            unit("staff", "urban", "savings", List.of(), grade, "90", null);
        }
    }

    private List<TargetCheck> checks(Scheme scheme, LocalDate lastDay) {
        Unit county = new Unit(999, "C", "county", "county", null, "urban", List.of(), null, "1", true, AT, AT);
        return GroupStats.of(scheme, county, "county", members, standings, lastDay).targets();
    }

    @Test
    void starQuotasCountTellersAtAStarOrBetter() {
        // seed 002: county-wide, one star 85 %, two stars 50 %, three stars 30 % of tellers, each "or better"
        Scheme scheme = scheme("""
                  - {level: county, grade: one-star, all: 85, of: {kinds: [staff]}}
                  - {level: county, grade: two-stars, all: 50, of: {kinds: [staff]}}
                  - {level: county, grade: three-stars, all: 30, of: {kinds: [staff]}}
                  - {key: two-only, level: county, grade: two-stars, exactly: true, all: 20, of: {kinds: [staff]}}
                """);
        tellers("three-stars", 3);
        tellers("two-stars", 2);
        tellers("one-star", 4);
        tellers("none", 1);
        // a window with no star is not a teller: it counts for none of the quotas
        unit("window", "urban", "counter", List.of(), "none", "50", null);

        List<TargetCheck> checks = checks(scheme, LocalDate.of(2023, 5, 31));

        // one star or better: 3 + 2 + 4 = 9 of 10 = 90 % ≥ 85 % met
        // two stars or better: 3 + 2 = 5 of 10 = 50 % ≥ 50 % met (exactly at it)
        // three stars: 3 of 10 = 30 % ≥ 30 % met
        // exactly two stars: 2 of 10 = 20 % ≥ 20 % met (the three-star tellers are not counted)
        assertThat(checks).extracting(TargetCheck::key, TargetCheck::area, TargetCheck::counted,
                TargetCheck::reaching, TargetCheck::met).containsExactly(
                tuple("one-star-staff", "all", 10, 9, true),
                tuple("two-stars-staff", "all", 10, 5, true),
                tuple("three-stars-staff", "all", 10, 3, true),
                tuple("two-only", "all", 10, 2, true));
        assertThat(checks.get(0).actual()).isEqualByComparingTo("90");
        assertThat(checks.get(1).actual()).isEqualByComparingTo("50");

        // one more teller without a star: 5 of 11 = 45.45 % < 50 % → the two-star quota is missed
        tellers("none", 1);
        assertThat(checks(scheme, LocalDate.of(2023, 5, 31)).get(1).met()).isFalse();
    }

    @Test
    void anOverallShareCountsEveryAreaTogether() {
        // seed 002: 90 % of all outlets; here windows: 5 of 5 urban and 4 of 5 rural at one star or better
        Scheme scheme = scheme("""
                  - {level: county, grade: one-star, rural: 85, all: 90}
                """);
        for (int i = 0; i < 5; i++) {
            unit("window", "urban", "counter", List.of(), "two-stars", "91", null);
            unit("window", "rural", "counter", List.of(), i == 0 ? "none" : "one-star", "86", null);
        }
        // rural: 4 of 5 = 80 % < 85 % not met; all: 9 of 10 = 90 % ≥ 90 % met
        assertThat(checks(scheme, null)).extracting(TargetCheck::area, TargetCheck::counted, TargetCheck::reaching,
                TargetCheck::met).containsExactly(tuple("rural", 5, 4, false), tuple("all", 10, 9, true));
    }

    @Test
    void aMeanTargetComparesTheExactMean() {
        // seed 000: the bureau's satisfaction index at least 86
        Scheme scheme = scheme("""
                  - {key: satisfaction-index, level: county, mean: score, all: 86}
                """);
        unit("window", "urban", "counter", List.of(), "two-stars", "86", null);
        unit("window", "rural", "counter", List.of(), "one-star", "86", null);
        unit("window", "rural", "counter", List.of(), "none", "85.99", null);
        // (86 + 86 + 85.99) / 3 = 257.99 / 3 = 85.99666… < 86 → not met (a mean cut to 2 places, 86.00, would meet it)
        TargetCheck check = checks(scheme, null).get(0);
        assertThat(check.kind()).isEqualTo("mean");
        assertThat(check.counted()).isEqualTo(3);
        assertThat(check.reaching()).isNull();
        assertThat(check.met()).isFalse();
        assertThat(check.actual().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("85.9967");

        // a unit without a value is not counted: the window with 85.99 now has none → (86 + 86) / 2 = 86 ≥ 86 met
        standings.put(3L, new Standing(3, List.of(), List.of(), null, false, null, false, null));
        TargetCheck again = checks(scheme, null).get(0);
        assertThat(again.counted()).isEqualTo(2);
        assertThat(again.met()).isTrue();
    }

    @Test
    void aDatedStepRaisesTheRequirementFromItsDate() {
        // seed 001 (7): feedback rate 50 % urban / 30 % rural by the end of June, 90 % / 50 % by December
        Scheme scheme = scheme("""
                  - level: county
                    mean: score
                    urban: 50
                    rural: 30
                    steps: [{from: 2023-12-01, urban: 90, rural: 50}]
                """);
        unit("window", "urban", "delivery", List.of(), "none", "70", null);
        unit("window", "rural", "delivery", List.of(), "none", "40", null);
        // November (last day 2023-11-30, before the step): urban 70 ≥ 50 met, rural 40 ≥ 30 met
        assertThat(checks(scheme, LocalDate.of(2023, 11, 30))).extracting(TargetCheck::area, TargetCheck::required,
                TargetCheck::met).containsExactly(tuple("urban", new BigDecimal("50"), true),
                tuple("rural", new BigDecimal("30"), true));
        // December (last day 2023-12-31, on or after 2023-12-01): urban 70 < 90, rural 40 < 50 → both missed
        assertThat(checks(scheme, LocalDate.of(2023, 12, 31))).extracting(TargetCheck::area, TargetCheck::required,
                TargetCheck::met).containsExactly(tuple("urban", new BigDecimal("90"), false),
                tuple("rural", new BigDecimal("50"), false));
    }

    @Test
    void anAtMostTargetIsMetAtOrBelowItsFigure() {
        // seed 001: lower is better; a mean complaint rate of at most 0.05
        Scheme scheme = scheme("""
                  - {level: county, mean: complaints, direction: atMost, all: 0.05}
                """);
        unit("window", "urban", "counter", List.of(), "none", "80", "0.04");
        unit("window", "urban", "counter", List.of(), "none", "80", "0.06");
        unit("window", "rural", "counter", List.of(), "none", "80", "0.05");
        // (0.04 + 0.06 + 0.05) / 3 = 0.15 / 3 = 0.05 ≤ 0.05 → met
        assertThat(checks(scheme, null).get(0).met()).isTrue();
        // 0.06 → 0.07: 0.16 / 3 = 0.0533… > 0.05 → not met
        unit("window", "urban", "counter", List.of(), "none", "80", "0.07");
        standings.remove(2L);
        assertThat(checks(scheme, null).get(0).met()).isFalse();
    }

    @Test
    void aSelectionCountsOnlyTheUnitsItNames() {
        // only designated model units (tag model-candidate) on the savings line count toward the model share
        Scheme scheme = scheme("""
                  - {level: county, grade: two-stars, all: 100, of: {tags: [model-candidate], serviceLines: [savings]}}
                """);
        unit("window", "urban", "savings", List.of("model-candidate"), "three-stars", "96", null);
        unit("window", "rural", "savings", List.of("agency-outlet", "model-candidate"), "two-stars", "91", null);
        unit("window", "urban", "savings", List.of(), "none", "60", null);               // not designated
        unit("window", "urban", "counter", List.of("model-candidate"), "none", "60", null); // another line
        // 2 of 2 selected units at two stars or better = 100 % ≥ 100 % met
        assertThat(checks(scheme, null)).extracting(TargetCheck::counted, TargetCheck::reaching, TargetCheck::met)
                .containsExactly(tuple(2, 2, true));
    }

    @Test
    void anAreaWithoutCountedUnitsHasNoCheck() {
        Scheme scheme = scheme("""
                  - {level: county, grade: one-star, urban: 100, rural: 85}
                """);
        unit("window", "urban", "counter", List.of(), "one-star", "86", null);
        unit("window", "rural", "counter", List.of(), null, null, null);   // not graded
        assertThat(checks(scheme, null)).extracting(TargetCheck::area).containsExactly("urban");
    }
}
