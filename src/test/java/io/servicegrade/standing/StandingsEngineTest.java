package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.LocalizedText;
import io.servicegrade.standing.StandingsEngine.Sample;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.standing.StandingsEngine.UnitSamples;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed scheme: compliant when the plain average ≥ 85, model window when third-party weighted 60% ≥ 90. */
class StandingsEngineTest {

    private static final LocalizedText N = new LocalizedText("名", "name");
    private static long ids = 1;

    static Scheme seed(Scheme.WhenMissing whenMissing, int minSamples) {
        return new Scheme("create-satisfied-windows", N, List.of("window"), LocalDate.of(2023, 3, 1), null,
                Period.Kind.QUARTER, null, ZoneId.of("Asia/Shanghai"),
                List.of(Scheme.Source.of("inspection", "postal-counter-model-window", Scheme.Combine.MEAN,
                                Scheme.Statistic.MEAN_SCORE, null, minSamples),
                        Scheme.Source.of("mystery_shop", "postal-counter-model-window", Scheme.Combine.MEAN,
                                Scheme.Statistic.MEAN_SCORE, null, 1)),
                List.of(new Scheme.Composite("average", N, Map.of("inspection", d("0.5"), "mystery_shop", d("0.5")),
                                whenMissing),
                        new Scheme.Composite("weighted", N, Map.of("inspection", d("0.4"), "mystery_shop", d("0.6")),
                                whenMissing)),
                List.of(new Scheme.Grade("model", N, "weighted", d("90")),
                        new Scheme.Grade("compliant", N, "average", d("85")),
                        new Scheme.Grade("noncompliant", N, null, null)),
                "weighted", List.of());
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Sample sample(String value) {
        return new Sample(ids++, d(value), Instant.parse("2023-05-01T02:00:00Z").plusSeconds(ids), false);
    }

    static UnitSamples unit(long id, List<String> inspection, List<String> shop) {
        return new UnitSamples(id, Map.of("inspection", inspection.stream().map(StandingsEngineTest::sample).toList(),
                "mystery_shop", shop.stream().map(StandingsEngineTest::sample).toList()));
    }

    @Test
    void theSeedsWorkedExampleIsCompliantButNotAModelWindow() {
        // average (88 + 91) / 2 = 89.5 ≥ 85 → compliant; weighted 0.4 × 88 + 0.6 × 91 = 89.8 < 90 → not model
        Standing s = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 1),
                List.of(unit(1, List.of("88"), List.of("91")))).get(0);

        assertThat(s.composite("average").value()).isEqualByComparingTo("89.5");
        assertThat(s.composite("weighted").value()).isEqualByComparingTo("89.8");
        assertThat(s.grade()).isEqualTo("compliant");
        assertThat(s.complete()).isTrue();
        assertThat(s.rank()).isEqualTo(1);
    }

    @Test
    void aVetoedEvaluationFailsTheUnitWhateverItsScores() {
        UnitSamples vetoed = new UnitSamples(1, Map.of("inspection", List.of(sample("99")), "mystery_shop",
                List.of(new Sample(77, d("98"), Instant.parse("2023-05-02T00:00:00Z"), true))));

        List<Standing> standings = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 1),
                List.of(vetoed, unit(2, List.of("80"), List.of("80"))));

        Standing s = standings.stream().filter(x -> x.unitId() == 1).findFirst().orElseThrow();
        assertThat(s.grade()).isEqualTo("noncompliant");
        assertThat(s.vetoed()).isTrue();
        assertThat(s.vetoedBy()).isEqualTo(77);
        assertThat(s.rank()).as("vetoed units rank after all others").isEqualTo(2);
    }

    @Test
    void equalCompositesShareARankAndTheNextRankSkips() {
        List<Standing> standings = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 1), List.of(
                unit(1, List.of("90"), List.of("95")),     // weighted 93
                unit(2, List.of("93"), List.of("93")),     // weighted 93
                unit(3, List.of("93.00"), List.of("93")),  // weighted 93 (equal decimals, another scale)
                unit(4, List.of("80"), List.of("90"))));   // weighted 86

        assertThat(standings).extracting(Standing::unitId, Standing::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1), org.assertj.core.groups.Tuple.tuple(2L, 1),
                        org.assertj.core.groups.Tuple.tuple(3L, 1), org.assertj.core.groups.Tuple.tuple(4L, 4));
    }

    @Test
    void aSourceWithTooFewSamplesDoesNotCount() {
        Standing s = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 2),
                List.of(unit(1, List.of("95"), List.of("95")))).get(0);

        assertThat(s.sources().get(0).value()).isNull();
        assertThat(s.sources().get(0).samples()).isEqualTo(1);
        assertThat(s.complete()).isFalse();
        assertThat(s.grade()).as("not graded while a deciding composite is missing").isNull();
        assertThat(s.rank()).isNull();
    }

    @Test
    void aMissingSourceMakesTheCompositeIncompleteOrRescalesTheRest() {
        UnitSamples onlyInspection = unit(1, List.of("92", "88"), List.of());

        Standing incomplete = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 1),
                List.of(onlyInspection)).get(0);
        assertThat(incomplete.composite("weighted").value()).isNull();
        assertThat(incomplete.grade()).isNull();

        // rescaled: only inspection remains, mean (92 + 88) / 2 = 90 → weighted 90 → model
        Standing rescaled = StandingsEngine.compute(seed(Scheme.WhenMissing.RESCALE, 1),
                List.of(onlyInspection)).get(0);
        assertThat(rescaled.composite("weighted").value()).isEqualByComparingTo("90");
        assertThat(rescaled.composite("weighted").complete()).isFalse();
        assertThat(rescaled.grade()).isEqualTo("model");
    }

    @Test
    void sourcesCombineByMeanLatestOrLowest() {
        List<Sample> samples = new ArrayList<>(List.of(
                new Sample(1, d("80"), Instant.parse("2023-04-01T00:00:00Z"), false),
                new Sample(2, d("95"), Instant.parse("2023-06-01T00:00:00Z"), false),
                new Sample(3, d("85"), Instant.parse("2023-05-01T00:00:00Z"), false)));

        // exact: (80 + 95 + 85) / 3 = 260 / 3 = 86.666…, kept as the fraction
        assertThat(StandingsEngine.combine(Scheme.Source.of("s", "r", Scheme.Combine.MEAN, Scheme.Statistic.MEAN_SCORE, null, 1), samples)).isEqualByComparingTo(
                io.servicegrade.scoring.Fraction.of(d("260"), d("3")));
        assertThat(StandingsEngine.combine(Scheme.Source.of("s", "r", Scheme.Combine.MEAN, Scheme.Statistic.MEAN_SCORE, null, 1), samples).rounded(4)).isEqualByComparingTo("86.6667");
        assertThat(StandingsEngine.combine(Scheme.Source.of("s", "r", Scheme.Combine.LATEST, Scheme.Statistic.MEAN_SCORE, null, 1), samples).compareTo(d("95"))).isZero();
        assertThat(StandingsEngine.combine(Scheme.Source.of("s", "r", Scheme.Combine.MIN, Scheme.Statistic.MEAN_SCORE, null, 1), samples).compareTo(d("80"))).isZero();
    }

    @Test
    void aCompositeExactlyAtAGradesMinimumReachesThatGrade() {
        Scheme scheme = seed(Scheme.WhenMissing.INCOMPLETE, 1);
        List<Standing> standings = StandingsEngine.compute(scheme, List.of(
                // average 0.5 × 84.5 + 0.5 × 85.5 = 85.00, exactly the 85 compliant needs;
                // weighted 0.4 × 84.5 + 0.6 × 85.5 = 33.8 + 51.3 = 85.1 < 90 → not model
                unit(1, List.of("84", "85"), List.of("85.5")),
                // weighted 0.4 × 90 + 0.6 × 90 = 90.0, exactly the 90 model needs
                unit(2, List.of("90"), List.of("90")),
                // average 0.5 × 84.98 + 0.5 × 85 = 84.99, a hundredth short
                unit(3, List.of("84.98"), List.of("85"))));

        Standing atCompliant = standings.stream().filter(s -> s.unitId() == 1).findFirst().orElseThrow();
        // inspection mean (84 + 85) / 2 = 84.5
        assertThat(atCompliant.composite("average").value()).isEqualByComparingTo("85");
        assertThat(atCompliant.grade()).isEqualTo("compliant");
        Standing atModel = standings.stream().filter(s -> s.unitId() == 2).findFirst().orElseThrow();
        assertThat(atModel.composite("weighted").value()).isEqualByComparingTo("90");
        assertThat(atModel.grade()).isEqualTo("model");
        Standing below = standings.stream().filter(s -> s.unitId() == 3).findFirst().orElseThrow();
        assertThat(below.composite("average").value()).isEqualByComparingTo("84.99");
        assertThat(below.grade()).isEqualTo("noncompliant");
    }

    @Test
    void aCompositeExactlyAtAGradesMinimumThroughThirdsReachesItAndTiesWithAnEqualOne() {
        List<Standing> standings = StandingsEngine.compute(seed(Scheme.WhenMissing.INCOMPLETE, 1), List.of(
                // mystery-shop mean (89.9 + 89.9 + 90) / 3 = 269.8 / 3 = 89.9333…;
                // weighted 0.4 × 90.1 + 0.6 × 269.8 / 3 = 36.04 + 53.96 = 90 exactly → model.
                // Cut to 34 digits first, the mean is 89.93333333333333333333333333333333 and the composite
                // 89.999999999999999999999999999999998: short of 90, and of the other unit's rank.
                unit(1, List.of("90.1"), List.of("89.9", "89.9", "90")),
                // weighted 0.4 × 90 + 0.6 × 90 = 90 exactly → model
                unit(2, List.of("90"), List.of("90"))));

        assertThat(standings).extracting(Standing::grade).containsOnly("model");
        assertThat(standings).extracting(Standing::rank).as("equal composites share a rank").containsOnly(1);
        assertThat(standings.get(0).composite("weighted").exact().compareTo(d("90"))).isZero();
        // shown to 2 places, the value is 90.00
        assertThat(standings.get(0).composite("weighted").exact().rounded(2)).isEqualByComparingTo("90.00");
    }

    @Test
    void groupsRankByTheMeanOfTheirUnitsWithSharedRanksAndGroupsWithoutAMeanLast() {
        // means 90, 92.5, 90, none, 88: 92.5 first; the two 90s share second; 88 is fourth (1, 2, 2, 4)
        List<GroupStats> stats = List.of(group(1, "90"), group(2, "92.5"), group(3, "90"), group(4, null),
                group(5, "88"));
        List<StandingsEngine.GroupRank> ranked = StandingsEngine.rankGroups(stats);
        assertThat(ranked).extracting(g -> g.stats().unitId()).containsExactly(2L, 1L, 3L, 5L, 4L);
        assertThat(ranked).extracting(StandingsEngine.GroupRank::rank).containsExactly(1, 2, 2, 4, null);
    }

    private static GroupStats group(long id, String mean) {
        return new GroupStats(id, mean == null ? null : d(mean), mean == null ? 0 : 1, Map.of(), List.of());
    }
}
