package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.EventVeto;
import io.servicegrade.standing.StandingsEngine.Standing;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.servicegrade.standing.StandingsEngineTest.seed;
import static io.servicegrade.standing.StandingsEngineTest.unit;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: a confirmed unit veto event, given to the pure engine as plain data, vetoes as a vetoing evaluation. */
class EventVetoEngineTest {

    private static final Scheme SCHEME = seed(Scheme.WhenMissing.INCOMPLETE, 1);

    private static List<StandingsEngine.UnitSamples> units() {
        // 1: 99/98 → weighted 98.4, model; 2: 88/91 → 89.8, compliant; 3: 80/80 → 80, not compliant
        return List.of(unit(1, List.of("99"), List.of("98")), unit(2, List.of("88"), List.of("91")),
                unit(3, List.of("80"), List.of("80")));
    }

    private static Standing of(List<Standing> standings, long id) {
        return standings.stream().filter(s -> s.unitId() == id).findFirst().orElseThrow();
    }

    @Test
    void withoutEventsTheBoardIsAsTheScoresSay() {
        List<Standing> standings = StandingsEngine.compute(SCHEME, units(), Map.of());
        assertThat(of(standings, 1).grade()).isEqualTo("model");
        assertThat(of(standings, 1).rank()).isEqualTo(1);
        assertThat(of(standings, 1).vetoed()).isFalse();
        assertThat(of(standings, 1).vetoEvent()).isNull();
    }

    @Test
    void anEventTakesTheLastGradeAndRanksTheUnitAfterAllOthersWithItsReason() {
        EventVeto event = new EventVeto(41, "media-exposure", LocalDate.of(2023, 5, 12));

        List<Standing> standings = StandingsEngine.compute(SCHEME, units(), Map.of(1L, event));

        Standing vetoed = of(standings, 1);
        assertThat(vetoed.grade()).isEqualTo("noncompliant");
        assertThat(vetoed.vetoed()).isTrue();
        assertThat(vetoed.vetoEvent()).isEqualTo(event);
        assertThat(vetoed.vetoedBy()).as("no evaluation vetoed it").isNull();
        // its values stay as scored; only its grade and rank follow the veto
        assertThat(vetoed.composite("weighted").value()).isEqualByComparingTo("98.4");
        assertThat(vetoed.rank()).isEqualTo(3);
        assertThat(of(standings, 2).rank()).isEqualTo(1);
        assertThat(of(standings, 2).grade()).isEqualTo("compliant");
        assertThat(of(standings, 3).rank()).isEqualTo(2);
        assertThat(of(standings, 3).vetoEvent()).isNull();
    }
}
