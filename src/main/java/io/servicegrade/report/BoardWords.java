package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a board reads as it does, in words (issue 20): the scheme's grade rules and ranking composite as its definition
 * states them, and how far a unit is from the next grade up. Pure: the scheme and the unit's exact values in, text out.
 */
final class BoardWords {

    private final Scheme scheme;
    private final ReportLanguage language;
    private final BoardMessages bm;

    BoardWords(Scheme scheme, ReportLanguage language) {
        this.scheme = scheme;
        this.language = language;
        this.bm = messages(language);
    }

    static BoardMessages messages(ReportLanguage language) {
        return MessageBundles.get(BoardMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /** "排名依据：加权" / "Ranked by: Weighted": the scheme's {@code rankBy} composite by its name. */
    String rankedBy() {
        Scheme.Composite c = scheme.composite(scheme.rankBy());
        return bm.bmRankedBy(c == null ? scheme.rankBy() : c.name().in(language.tag()));
    }

    /** Each grade with its condition, best first: "示范窗口：加权 ≥ 90", the last "未达标：其余单位". */
    List<String> rules() {
        List<String> rules = new ArrayList<>();
        for (Scheme.Grade g : scheme.grades()) {
            rules.add(bm.bmRule(g.name().in(language.tag()), g.when() == null ? bm.bmOtherwise()
                    : condition(g.when(), false)));
        }
        return rules;
    }

    private String condition(Scheme.Condition condition, boolean nested) {
        if (condition instanceof Scheme.Condition.Compare c) {
            return bounds(measure(c.operand(), c.key()), c.min(), c.max());
        }
        if (condition instanceof Scheme.Condition.Samples s) {
            return bounds(bm.bmSamplesOf(language.source(s.source())),
                    s.min() == null ? null : BigDecimal.valueOf(s.min()),
                    s.max() == null ? null : BigDecimal.valueOf(s.max()));
        }
        if (condition instanceof Scheme.Condition.Present p) {
            return bm.bmPresent(p.sources() == null ? bm.bmEverySource()
                    : String.join(bm.bmListSeparator(), p.sources().stream().map(language::source).toList()));
        }
        boolean all = condition instanceof Scheme.Condition.All;
        List<Scheme.Condition> parts = all ? ((Scheme.Condition.All) condition).conditions()
                : ((Scheme.Condition.Any) condition).conditions();
        String joined = String.join(all ? bm.bmAnd() : bm.bmOr(), parts.stream().map(c -> condition(c, true)).toList());
        return nested && parts.size() > 1 ? "(" + joined + ")" : joined;
    }

    /** A bound as the scheme states it (90, not 90.00: the exact figure the engine compares). */
    private String bounds(String measure, BigDecimal min, BigDecimal max) {
        if (min != null && max != null) {
            return bm.bmBetween(measure, min.toPlainString(), max.toPlainString());
        }
        return min != null ? bm.bmAtLeast(measure, min.toPlainString()) : bm.bmAtMost(measure, max.toPlainString());
    }

    private String measure(Scheme.Operand operand, String key) {
        if (operand == Scheme.Operand.COMPOSITE) {
            Scheme.Composite c = scheme.composite(key);
            return c == null ? key : c.name().in(language.tag());
        }
        return language.source(key);
    }

    /**
     * How far a unit at {@code grade} is from the grade above it: "差 2.50 分达到示范窗口" / "2.50 below Model window";
     * null at the best grade, without a grade, or when the grade above depends on more than values (sample counts,
     * sources present, alternatives). A shortfall is rounded up to the cent, so that reaching it is always enough.
     */
    String gap(StandingsEngine.Standing standing) {
        if (standing == null || standing.grade() == null || standing.vetoed()) {
            return null;
        }
        int index = scheme.gradeIndex(standing.grade());
        if (index <= 0) {
            return null;
        }
        Scheme.Grade above = scheme.grades().get(index - 1);
        List<Scheme.Condition> parts = above.when() instanceof Scheme.Condition.All all ? all.conditions()
                : above.when() == null ? List.of() : List.of(above.when());
        List<String> shortfalls = new ArrayList<>();
        String single = null;
        for (Scheme.Condition part : parts) {
            if (!(part instanceof Scheme.Condition.Compare c)) {
                return null;
            }
            BigDecimal value = value(standing, c);
            if (value == null) {
                return null;
            }
            String measure = measure(c.operand(), c.key());
            if (c.min() != null && value.compareTo(c.min()) < 0) {
                String gap = language.number(c.min().subtract(value).setScale(2, RoundingMode.CEILING));
                single = gap;
                shortfalls.add(bm.bmGapPart(measure, gap));
            } else if (c.max() != null && value.compareTo(c.max()) > 0) {
                String over = language.number(value.subtract(c.max()).setScale(2, RoundingMode.CEILING));
                single = null;
                shortfalls.add(bm.bmGapOver(measure, over));
            }
        }
        String grade = above.name().in(language.tag());
        if (shortfalls.isEmpty()) {
            return null;
        }
        return shortfalls.size() == 1 && single != null ? bm.bmGapOne(single, grade)
                : bm.bmGapMany(String.join(bm.bmListSeparator(), shortfalls), grade);
    }

    /** The exact value a comparison reads: a composite's or a source's. */
    private static BigDecimal value(StandingsEngine.Standing standing, Scheme.Condition.Compare c) {
        if (c.operand() == Scheme.Operand.COMPOSITE) {
            StandingsEngine.CompositeValue v = standing.composite(c.key());
            return v == null ? null : v.value();
        }
        return standing.sources().stream().filter(s -> s.source().equals(c.key())).findFirst()
                .map(StandingsEngine.SourceValue::value).orElse(null);
    }
}
