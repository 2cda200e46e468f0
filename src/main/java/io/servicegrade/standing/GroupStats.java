package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's figures (a branch, an outlet…) from the standings of the graded units under it: the mean of their
 * ranking values, how many reached each grade, and whether each of the scheme's targets for the group's
 * level is met, area by area (urban 100%, rural 85%).
 */
public record GroupStats(long unitId, BigDecimal mean, int graded, Map<String, Integer> counts,
        List<TargetCheck> targets) {

    /** One target for one area: the share required, the share reached (null without graded units), met or not. */
    public record TargetCheck(String grade, String area, BigDecimal required, BigDecimal actual, boolean met) {
    }

    static GroupStats of(Scheme scheme, Unit group, String level, List<Unit> members, Map<Long, Standing> standings) {
        BigDecimal sum = BigDecimal.ZERO;
        int valued = 0;
        int graded = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        scheme.grades().forEach(g -> counts.put(g.key(), 0));
        for (Unit member : members) {
            Standing s = standings.get(member.id());
            BigDecimal value = s == null ? null : StandingsEngine.value(scheme, s);
            if (value != null) {
                sum = sum.add(value);
                valued++;
            }
            if (s != null && s.grade() != null) {
                graded++;
                counts.merge(s.grade(), 1, Integer::sum);
            }
        }
        List<TargetCheck> checks = new ArrayList<>();
        for (Scheme.Target target : scheme.targets()) {
            if (!target.level().equals(level)) {
                continue;
            }
            int needed = scheme.gradeIndex(target.grade());
            for (String area : List.of("urban", "rural")) {
                int total = 0;
                int reached = 0;
                for (Unit member : members) {
                    Standing s = standings.get(member.id());
                    if (s == null || s.grade() == null || !area.equals(member.area())) {
                        continue;
                    }
                    total++;
                    if (scheme.gradeIndex(s.grade()) <= needed) {
                        reached++;
                    }
                }
                BigDecimal required = area.equals("urban") ? target.urban() : target.rural();
                BigDecimal actual = total == 0 ? null : BigDecimal.valueOf(reached).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(total), StandingsEngine.EXACT);
                if (total > 0) {
                    checks.add(new TargetCheck(target.grade(), area, required, actual,
                            actual.compareTo(required) >= 0));
                }
            }
        }
        BigDecimal mean = valued == 0 ? null : sum.divide(BigDecimal.valueOf(valued), StandingsEngine.EXACT);
        return new GroupStats(group.id(), mean, graded, counts, checks);
    }
}
