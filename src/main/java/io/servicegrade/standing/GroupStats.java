package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.Fraction;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A group's figures (a branch, an outlet…) from the standings of the graded units under it: the mean of their
 * ranking values, how many reached each grade, and each of the scheme's targets for the group's level checked
 * area by area and overall (docs/schemes.md, "Targets"). Pure: the caller gives the units and their standings.
 */
public record GroupStats(long unitId, BigDecimal mean, int graded, Map<String, Integer> counts,
        List<TargetCheck> targets) {

    /** The areas a target may require, in the order checks are listed. */
    static final List<String> AREAS = List.of("urban", "rural", "all");

    /**
     * One target for one area ({@code urban}, {@code rural} or {@code all}): what is required in the period (its
     * dated step), what the selected units reached (a percent for a share, a mean for a mean target; null
     * without counted units), whether that is met in the target's direction, and the counts behind it:
     * {@code counted} selected units (graded ones for a share, ones with the composite's value for a mean), of
     * which {@code reaching} are at the grade (or better, unless exactly); {@code reaching} is null for a mean.
     */
    public record TargetCheck(String key, Scheme.Target target, String area, BigDecimal required, BigDecimal actual,
            boolean met, int counted, Integer reaching) {

        /** The grade of a share target; null for a mean target. */
        public String grade() {
            return target.grade();
        }

        /** {@code share} or {@code mean}. */
        public String kind() {
            return target.mean() == null ? "share" : "mean";
        }
    }

    static GroupStats of(Scheme scheme, Unit group, String level, List<Unit> members, Map<Long, Standing> standings) {
        return of(scheme, group, level, members, standings, null);
    }

    /**
     * A group's figures in the period ending on {@code lastDay} (which picks each target's dated step; null: the
     * targets' own figures).
     */
    static GroupStats of(Scheme scheme, Unit group, String level, List<Unit> members, Map<Long, Standing> standings,
            LocalDate lastDay) {
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
            if (target.level().equals(level)) {
                checks.addAll(checks(scheme, target, members, standings, lastDay));
            }
        }
        BigDecimal mean = valued == 0 ? null : sum.divide(BigDecimal.valueOf(valued), StandingsEngine.EXACT);
        return new GroupStats(group.id(), mean, graded, counts, checks);
    }

    /** A target's checks for a group's members: one per area it requires that has counted units. */
    static List<TargetCheck> checks(Scheme scheme, Scheme.Target target, List<Unit> members,
            Map<Long, Standing> standings, LocalDate lastDay) {
        Scheme.Requirement required = target.requiredOn(lastDay);
        String key = key(target);
        List<TargetCheck> checks = new ArrayList<>();
        for (String area : AREAS) {
            BigDecimal figure = required.in(area);
            if (figure == null) {
                continue;
            }
            List<Standing> selected = new ArrayList<>();
            for (Unit member : members) {
                Standing s = standings.get(member.id());
                if (s != null && selects(target.of(), member) && (area.equals("all") || area.equals(member.area()))) {
                    selected.add(s);
                }
            }
            boolean atLeast = target.direction() == Scheme.Direction.AT_LEAST;
            if (target.mean() == null) {
                int needed = scheme.gradeIndex(target.grade());
                int total = 0;
                int reached = 0;
                for (Standing s : selected) {
                    if (s.grade() == null) {
                        continue;
                    }
                    total++;
                    int index = scheme.gradeIndex(s.grade());
                    if (target.exactly() ? index == needed : index <= needed) {
                        reached++;
                    }
                }
                if (total == 0) {
                    continue;
                }
                // exact: reached / total × 100 against the percentage required, as reached × 100 against required × total
                int order = BigDecimal.valueOf(reached).multiply(BigDecimal.valueOf(100))
                        .compareTo(figure.multiply(BigDecimal.valueOf(total)));
                BigDecimal actual = BigDecimal.valueOf(reached).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(total), StandingsEngine.EXACT);
                checks.add(new TargetCheck(key, target, area, figure, actual, atLeast ? order >= 0 : order <= 0,
                        total, reached));
            } else {
                Fraction total = Fraction.ZERO;
                int counted = 0;
                for (Standing s : selected) {
                    StandingsEngine.CompositeValue c = s.composite(target.mean());
                    if (c != null && c.exact() != null) {
                        total = total.plus(c.exact());
                        counted++;
                    }
                }
                if (counted == 0) {
                    continue;
                }
                Fraction mean = total.over(BigDecimal.valueOf(counted));
                int order = mean.compareTo(figure);
                checks.add(new TargetCheck(key, target, area, figure, mean.decimal(StandingsEngine.EXACT),
                        atLeast ? order >= 0 : order <= 0, counted, null));
            }
        }
        return checks;
    }

    /** Whether a target's selection takes a unit: its kind, service line, area, and one of its tags, as listed. */
    static boolean selects(Scheme.Selection of, Unit unit) {
        return (of.kinds().isEmpty() || of.kinds().contains(unit.kind()))
                && (of.serviceLines().isEmpty() || of.serviceLines().contains(unit.serviceLine()))
                && (of.areas().isEmpty() || of.areas().contains(unit.area()))
                && (of.tags().isEmpty() || unit.tags() != null && unit.tags().stream().anyMatch(of.tags()::contains));
    }

    /**
     * A target's key: its own, or words from what it counts: the grade (with {@code -only} when exactly) or
     * {@code mean-} and the composite, then the selection's kinds, service lines, tags and areas
     * ({@code compliant}, {@code one-star-staff}, {@code model-model-candidate}).
     */
    static String key(Scheme.Target target) {
        if (target.key() != null) {
            return target.key();
        }
        List<String> words = new ArrayList<>();
        words.add(target.mean() == null ? target.grade() + (target.exactly() ? "-only" : "") : "mean-" + target.mean());
        Scheme.Selection of = target.of();
        Stream.of(of.kinds(), of.serviceLines(), of.tags(), of.areas()).forEach(words::addAll);
        return String.join("-", words);
    }

    /**
     * A target's name in a language: its own, or words from what it counts ("示范窗口及以上占比（staff）",
     * "share at Model window or better (staff)", "Weighted mean").
     */
    static String name(Scheme scheme, Scheme.Target target, String lang) {
        if (target.name() != null) {
            return target.name().in(lang);
        }
        boolean zh = lang.startsWith("zh");
        String words;
        if (target.mean() == null) {
            String grade = scheme.grades().get(scheme.gradeIndex(target.grade())).name().in(lang);
            words = zh ? grade + (target.exactly() ? "占比" : "及以上占比")
                    : "share at " + grade + (target.exactly() ? "" : " or better");
        } else {
            String composite = scheme.composite(target.mean()).name().in(lang);
            words = zh ? composite + "均值" : composite + " mean";
        }
        Scheme.Selection of = target.of();
        if (of.isEvery()) {
            return words;
        }
        List<String> parts = new ArrayList<>();
        if (!of.kinds().isEmpty()) {
            parts.add(String.join(zh ? "、" : ", ", of.kinds()));
        }
        if (!of.serviceLines().isEmpty()) {
            parts.add((zh ? "条线 " : "lines ") + String.join(zh ? "、" : ", ", of.serviceLines()));
        }
        if (!of.tags().isEmpty()) {
            parts.add((zh ? "标签 " : "tags ") + String.join(zh ? "、" : ", ", of.tags()));
        }
        if (!of.areas().isEmpty()) {
            parts.add((zh ? "地区 " : "areas ") + String.join(zh ? "、" : ", ", of.areas()));
        }
        return zh ? words + "（" + String.join("；", parts) + "）" : words + " (" + String.join("; ", parts) + ")";
    }
}
