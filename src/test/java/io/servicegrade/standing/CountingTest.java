package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.Fraction;
import io.servicegrade.scoring.LocalizedText;
import io.servicegrade.standing.StandingsEngine.Aggregate;
import io.servicegrade.standing.StandingsEngine.Sample;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which evaluations count for a unit (issue 17): a rubric per service line, roll-ups down (an outlet's inspection
 * for its windows) and up (a teller's visit for the window), the sum of deductions, and bulletin parts. Hand-worked.
 */
class CountingTest {

    private static final LocalizedText N = new LocalizedText("名", "name");
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2023-01-01T00:00:00Z");

    // region 1 › outlet 2 › counter window 3 › teller 5; outlet 2 › savings window 4
    private static final Unit REGION = unit(1, "region", null, "1");
    private static final Unit OUTLET = unit(2, "outlet", null, "1.2");
    private static final Unit COUNTER = unit(3, "window", "counter", "1.2.3");
    private static final Unit SAVINGS = unit(4, "window", "savings", "1.2.4");
    private static final Unit TELLER = unit(5, "staff", "counter", "1.2.3.5");
    private static final Map<Long, Unit> TREE = Map.of(1L, REGION, 2L, OUTLET, 3L, COUNTER, 4L, SAVINGS, 5L, TELLER);

    private static Unit unit(long id, String kind, String line, String path) {
        return new Unit(id, "U" + id, "u" + id, kind, line, "urban", List.of(), null, path, true, NOW, NOW);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static long ids = 100;

    private static Aggregate agg(String... scores) {
        List<Sample> samples = new ArrayList<>();
        for (String score : scores) {
            ids++;
            samples.add(new Sample(ids, d(score), Instant.parse("2023-05-01T00:00:00Z").plusSeconds(ids), false));
        }
        return Aggregate.of(samples);
    }

    private static Scheme scheme() {
        List<String> none = List.of();
        Scheme.Source inspection = new Scheme.Source("inspection", List.of(
                new Scheme.RubricChoice("savings-r", none, List.of("savings"), none),
                new Scheme.RubricChoice("counter-r", none, none, none)), Scheme.Combine.MEAN,
                Scheme.Statistic.MEAN_SCORE, null, 1, null, null, new Scheme.AlsoFor(none, List.of("window")));
        Scheme.Source shop = new Scheme.Source("mystery_shop", List.of(
                new Scheme.RubricChoice("counter-r", none, none, none)), Scheme.Combine.MEAN,
                Scheme.Statistic.MEAN_SCORE, null, 1, null, null, new Scheme.AlsoFor(List.of("window"), none));
        Scheme.Source daily = new Scheme.Source("daily", List.of(
                new Scheme.RubricChoice("check-r", none, none, none)), Scheme.Combine.DEDUCTIONS,
                Scheme.Statistic.MEAN_SCORE, null, 1, d("100"), d("60"), Scheme.AlsoFor.NONE);
        return new Scheme("s", N, List.of("window"), LocalDate.of(2023, 1, 1), null, Period.Kind.QUARTER,
                Period.Kind.MONTH, ZoneId.of("Asia/Shanghai"), List.of(inspection, shop, daily),
                List.of(new Scheme.Composite("c", N, Map.of("inspection", BigDecimal.ONE),
                        Scheme.WhenMissing.INCOMPLETE)),
                List.of(new Scheme.Grade("good", N, "c", d("85")), new Scheme.Grade("other", N, null, null)), "c",
                List.of());
    }

    private static Fraction source(Standing standing, String source) {
        return standing.sources().stream().filter(s -> s.source().equals(source)).findFirst().orElseThrow().exact();
    }

    private static Map<Long, List<Counting.Input>> inputs() {
        Map<Long, List<Counting.Input>> inputs = new HashMap<>();
        // the savings window: two visits on the savings rubric, one on the counter rubric (not its standard)
        inputs.put(4L, new ArrayList<>(List.of(new Counting.Input("inspection", "savings-r", "2023-04", agg("88", "92")),
                new Counting.Input("inspection", "counter-r", "2023-04", agg("50")),
                new Counting.Input("daily", "check-r", "2023-05", agg("70", "75")))));
        // the counter window: one visit on the counter rubric, one on the savings rubric (not its standard)
        inputs.put(3L, new ArrayList<>(List.of(new Counting.Input("inspection", "counter-r", "2023-05", agg("80")),
                new Counting.Input("inspection", "savings-r", "2023-05", agg("10")),
                new Counting.Input("mystery_shop", "counter-r", "2023-04", agg("88")),
                new Counting.Input("daily", "check-r", "2023-04", agg("98", "95")),
                new Counting.Input("daily", "check-r", "2023-05", agg("100")))));
        // the outlet: an inspection of the whole outlet, on the counter rubric (the outlet has no service line)
        inputs.put(2L, List.of(new Counting.Input("inspection", "counter-r", "2023-06", agg("70"))));
        // the teller at the counter window: a mystery shopper's visit
        inputs.put(5L, List.of(new Counting.Input("mystery_shop", "counter-r", "2023-05", agg("94"))));
        return inputs;
    }

    @Test
    void eachWindowCountsItsOwnStandardsEvaluationsAndThoseRolledUpOrDown() {
        Scheme scheme = scheme();
        Counting counting = new Counting(scheme, inputs(), TREE, null);
        Standing counter = StandingsEngine.standing(scheme, counting.of(COUNTER));
        Standing savings = StandingsEngine.standing(scheme, counting.of(SAVINGS));

        // counter window, inspection: its own 80 on the counter rubric (the 10 on the savings rubric is not its
        // standard) and the outlet's 70, rolled down: (80 + 70) / 2 = 75
        assertThat(source(counter, "inspection")).isEqualByComparingTo(Fraction.of(d("75")));
        assertThat(counter.sources().get(0).samples()).isEqualTo(2);
        // savings window, inspection: 88 and 92 on the savings rubric (not the 50 on the counter rubric) and the
        // outlet's 70: (88 + 92 + 70) / 3 = 250 / 3 = 83.333…, kept exact
        assertThat(source(savings, "inspection")).isEqualByComparingTo(Fraction.of(d("250"), d("3")));
        // counter window, mystery shopping: its own 88 and its teller's 94, rolled up: (88 + 94) / 2 = 91
        assertThat(source(counter, "mystery_shop")).isEqualByComparingTo(Fraction.of(d("91")));
        // the savings window has no teller with visits, and the outlet's roll-down is for inspections only
        assertThat(source(savings, "mystery_shop")).isNull();
        // the teller's own standing would count only its own visit: 94 (staff are not rolled up to themselves)
        assertThat(source(StandingsEngine.standing(scheme, counting.of(TELLER)), "mystery_shop"))
                .isEqualByComparingTo(Fraction.of(d("94")));
    }

    @Test
    void aSumOfDeductionsStartsFromItsBaseAndStopsAtItsFloor() {
        Scheme scheme = scheme();
        Counting counting = new Counting(scheme, inputs(), TREE, null);
        // counter window: three daily checks 98, 95, 100 lose 2 + 5 + 0 = 7 points: 100 − 7 = 93
        // (as 100 − 3 × 100 + (98 + 95 + 100) = 100 − 300 + 293 = 93)
        assertThat(source(StandingsEngine.standing(scheme, counting.of(COUNTER)), "daily"))
                .isEqualByComparingTo(Fraction.of(d("93")));
        // savings window: 70 and 75 lose 30 + 25 = 55 points: 100 − 55 = 45, below the floor 60 → 60
        assertThat(source(StandingsEngine.standing(scheme, counting.of(SAVINGS)), "daily"))
                .isEqualByComparingTo(Fraction.of(d("60")));
    }

    @Test
    void aBulletinPartCountsOnlyThatMonthsEvaluations() {
        Scheme scheme = scheme();
        Counting may = new Counting(scheme, inputs(), TREE, "2023-05");
        Standing counter = StandingsEngine.standing(scheme, may.of(COUNTER));
        // May: the counter window's own 80 only (the outlet's inspection is in June): 80
        assertThat(source(counter, "inspection")).isEqualByComparingTo(Fraction.of(d("80")));
        // May: the teller's 94 only (the window's own 88 is in April): 94
        assertThat(source(counter, "mystery_shop")).isEqualByComparingTo(Fraction.of(d("94")));
        // May: one daily check of 100: 100 − 0 = 100
        assertThat(source(counter, "daily")).isEqualByComparingTo(Fraction.of(d("100")));
        // April: the savings window's 88 and 92 (the outlet's June inspection is not in April): 90
        Counting april = new Counting(scheme, inputs(), TREE, "2023-04");
        assertThat(source(StandingsEngine.standing(scheme, april.of(SAVINGS)), "inspection"))
                .isEqualByComparingTo(Fraction.of(d("90")));
        // June: no inspection of the savings window itself, only the outlet's, rolled down: 70
        Counting june = new Counting(scheme, inputs(), TREE, "2023-06");
        assertThat(source(StandingsEngine.standing(scheme, june.of(SAVINGS)), "inspection"))
                .isEqualByComparingTo(Fraction.of(d("70")));
    }

    @Test
    void aRubricChoiceCanSelectUnitsByTag() {
        List<String> none = List.of();
        Scheme.Source source = new Scheme.Source("inspection", List.of(
                new Scheme.RubricChoice("agency-r", none, none, List.of("agency-outlet")),
                new Scheme.RubricChoice("own-r", List.of("window", "outlet"), none, none)), Scheme.Combine.MEAN,
                Scheme.Statistic.MEAN_SCORE, null, 1, null, null, Scheme.AlsoFor.NONE);
        assertThat(source.rubricFor("outlet", null, List.of("agency-outlet", "category-2"))).isEqualTo("agency-r");
        assertThat(source.rubricFor("outlet", null, List.of("category-2"))).isEqualTo("own-r");
        // no choice takes a staff member: a teller's evaluation does not count under this source
        assertThat(source.rubricFor("staff", "counter", List.of())).isNull();
    }

    /** Aggregates of disjoint samples add up to the aggregate of all of them, however they are cut. */
    @Property(tries = 300)
    void aggregatesAddUpExactly(@ForAll("samples") List<Sample> samples, @ForAll("cuts") int cut) {
        int at = samples.isEmpty() ? 0 : cut % (samples.size() + 1);
        Aggregate whole = Aggregate.of(samples);
        Aggregate parts = Aggregate.of(samples.subList(0, at)).plus(Aggregate.of(samples.subList(at,
                samples.size())));
        Aggregate reversed = Aggregate.of(samples.subList(at, samples.size())).plus(Aggregate.of(
                samples.subList(0, at)));
        for (Aggregate sum : List.of(parts, reversed)) {
            assertThat(sum.samples()).isEqualTo(whole.samples());
            assertThat(sum.total()).isEqualByComparingTo(whole.total());
            assertThat(sum.lowest()).isEqualTo(whole.lowest());
            assertThat(sum.latest()).isEqualTo(whole.latest());
            assertThat(sum.latestId()).isEqualTo(whole.latestId());
            assertThat(sum.vetoId()).isEqualTo(whole.vetoId());
        }
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Sample> sample = net.jqwik.api.Combinators.combine(Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 9)).as((id, score, hour, veto) -> new Sample(id,
                BigDecimal.valueOf(score), Instant.parse("2023-05-01T00:00:00Z").plusSeconds(3600L * hour),
                veto == 0));
        return sample.list().ofMaxSize(12).uniqueElements(Sample::evaluationId);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 100);
    }
}
