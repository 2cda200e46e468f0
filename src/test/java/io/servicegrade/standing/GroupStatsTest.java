package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.LocalizedText;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A branch's target: urban windows must all be compliant or better, rural ones 85 %. */
class GroupStatsTest {

    private static final LocalizedText N = new LocalizedText("名", "name");

    private static Scheme scheme() {
        Scheme seed = StandingsEngineTest.seed(Scheme.WhenMissing.INCOMPLETE, 1);
        return new Scheme(seed.key(), N, seed.kinds(), LocalDate.of(2023, 1, 1), null, Period.Kind.QUARTER, null,
                ZoneId.of("Asia/Shanghai"), seed.sources(), seed.composites(), seed.grades(), seed.rankBy(),
                List.of(new Scheme.Target("branch", "compliant", new BigDecimal("100"), new BigDecimal("85"))));
    }

    private static Unit window(long id, String area) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Unit(id, "W" + id, "w", "window", "counter", area, List.of(), "B", "1.2." + id, true, now, now);
    }

    private static Standing standing(long id, String grade, String value) {
        return new Standing(id, List.of(), List.of(new StandingsEngine.CompositeValue("weighted",
                io.servicegrade.scoring.Fraction.of(new BigDecimal(value)), true)), grade, false, null, true, null);
    }

    @Test
    void eachAreaIsCheckedAgainstItsOwnShare() {
        Map<Long, Standing> standings = new HashMap<>();
        List<Unit> members = new java.util.ArrayList<>();
        // urban: 3 windows, all compliant or model → 100 % ≥ 100 % met
        for (long id = 1; id <= 3; id++) {
            members.add(window(id, "urban"));
            standings.put(id, standing(id, id == 1 ? "model" : "compliant", "90"));
        }
        // rural: 6 of 7 compliant or better → 85.71 % ≥ 85 % met; one more failing would miss it
        for (long id = 4; id <= 10; id++) {
            members.add(window(id, "rural"));
            standings.put(id, standing(id, id == 10 ? "noncompliant" : "compliant", "80"));
        }

        GroupStats stats = GroupStats.of(scheme(), window(99, "urban"), "branch", members, standings);

        assertThat(stats.graded()).isEqualTo(10);
        assertThat(stats.counts()).containsExactly(Map.entry("model", 1), Map.entry("compliant", 8),
                Map.entry("noncompliant", 1));
        // mean (3 × 90 + 7 × 80) / 10 = 83
        assertThat(stats.mean()).isEqualByComparingTo("83");
        assertThat(stats.targets()).extracting(GroupStats.TargetCheck::area, GroupStats.TargetCheck::met)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("urban", true),
                        org.assertj.core.groups.Tuple.tuple("rural", true));
        assertThat(stats.targets().get(1).actual().setScale(2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("85.71");

        standings.put(9L, standing(9, "noncompliant", "80"));
        GroupStats missed = GroupStats.of(scheme(), window(99, "urban"), "branch", members, standings);
        assertThat(missed.targets().get(1).met()).as("5 of 7 = 71.43 % < 85 %").isFalse();
    }

    @Test
    void aShareExactlyAtItsTargetMeetsIt() {
        Map<Long, Standing> standings = new HashMap<>();
        List<Unit> members = new java.util.ArrayList<>();
        // rural: 17 of 20 windows compliant or better → 17 × 100 / 20 = 85 %, exactly the 85 % required
        for (long id = 1; id <= 20; id++) {
            members.add(window(id, "rural"));
            standings.put(id, standing(id, id <= 17 ? "compliant" : "noncompliant", "85"));
        }

        GroupStats stats = GroupStats.of(scheme(), window(99, "urban"), "branch", members, standings);

        assertThat(stats.targets()).singleElement().satisfies(check -> {
            assertThat(check.area()).isEqualTo("rural");
            assertThat(check.required()).isEqualByComparingTo("85");
            assertThat(check.actual()).isEqualByComparingTo("85");
            assertThat(check.met()).as("85 %% of 85 %%").isTrue();
        });

        // one fewer: 16 of 20 = 80 % < 85 %
        standings.put(17L, standing(17, "noncompliant", "85"));
        GroupStats missed = GroupStats.of(scheme(), window(99, "urban"), "branch", members, standings);
        assertThat(missed.targets().get(0).actual()).isEqualByComparingTo("80");
        assertThat(missed.targets().get(0).met()).isFalse();
    }
}
