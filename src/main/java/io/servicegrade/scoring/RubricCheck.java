package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that a rubric is coherent: keys unique, item points adding up to their section's and sections to the
 * total, numbers in range, rule parameters complete. Pointers follow the rubric's JSON form
 * ({@code /sections/2/items/0/rule/perViolation}).
 */
public final class RubricCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<AnswerProblem> problems = new ArrayList<>();

    private RubricCheck() {
    }

    public static List<AnswerProblem> problems(Rubric rubric) {
        RubricCheck check = new RubricCheck();
        check.rubric(rubric);
        return List.copyOf(check.problems);
    }

    private void add(String pointer, String zh, String en) {
        problems.add(new AnswerProblem(pointer, new LocalizedText(zh, en)));
    }

    private void rubric(Rubric rubric) {
        if (rubric.total().signum() <= 0) {
            add("/total", "须大于 0", "must be greater than 0");
        }
        if (rubric.sections().isEmpty()) {
            add("/sections", "至少需要一个部分", "needs at least one section");
        }
        Set<String> sectionKeys = new HashSet<>();
        Set<String> itemKeys = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < rubric.sections().size(); s++) {
            Rubric.Section section = rubric.sections().get(s);
            String at = "/sections/" + s;
            if (!sectionKeys.add(section.key())) {
                add(at + "/key", "部分代码 '" + section.key() + "' 重复", "section key '" + section.key() + "' is used twice");
            }
            if (section.items().isEmpty()) {
                add(at + "/items", "至少需要一个项目", "needs at least one item");
            }
            BigDecimal itemSum = BigDecimal.ZERO;
            for (int i = 0; i < section.items().size(); i++) {
                Rubric.Item item = section.items().get(i);
                item(at + "/items/" + i, item, itemKeys);
                itemSum = itemSum.add(item.points());
            }
            if (itemSum.compareTo(section.points()) != 0) {
                add(at + "/points", "项目分值合计 " + Texts.n(itemSum) + "，与本部分分值 " + Texts.n(section.points()) + " 不符",
                        "the items add up to " + Texts.n(itemSum) + ", not the section's " + Texts.n(section.points()));
            }
            sum = sum.add(section.points());
        }
        if (sum.compareTo(rubric.total()) != 0) {
            add("/total", "各部分分值合计 " + Texts.n(sum) + "，与总分 " + Texts.n(rubric.total()) + " 不符",
                    "the sections add up to " + Texts.n(sum) + ", not the total " + Texts.n(rubric.total()));
        }
    }

    private void item(String at, Rubric.Item item, Set<String> itemKeys) {
        if (!itemKeys.add(item.key())) {
            add(at + "/key", "项目代码 '" + item.key() + "' 重复", "item key '" + item.key() + "' is used twice");
        }
        Rule rule = item.rule();
        boolean pointless = rule instanceof Rule.Veto || rule instanceof Rule.Bonus;
        if (pointless && item.points().signum() != 0) {
            add(at + "/points", "否决项和加分项的分值须为 0", "must be 0 for a veto or bonus item");
        } else if (!pointless && item.points().signum() <= 0) {
            add(at + "/points", "须大于 0", "must be greater than 0");
        }
        String r = at + "/rule";
        if (rule instanceof Rule.Deduction d) {
            deduction(r, d);
        } else if (rule instanceof Rule.Indicators ind) {
            if (ind.indicators().isEmpty()) {
                add(r + "/indicators", "至少需要一个指标", "needs at least one indicator");
            }
            keys(r + "/indicators", ind.indicators(), Rule.Indicator::key);
            for (int j = 0; j < ind.indicators().size(); j++) {
                Rule.Indicator indicator = ind.indicators().get(j);
                rate(r + "/indicators/" + j + "/target", indicator.target());
                positive(r + "/indicators/" + j + "/deducts", indicator.deducts());
                unreachable(r + "/indicators/" + j, indicator);
            }
        } else if (rule instanceof Rule.Shortfall s) {
            rate(r + "/target", s.target());
            positive(r + "/perPercentagePoint", s.perPercentagePoint());
            keys(r + "/zeroingEvents", s.zeroingEvents(), Rule.ZeroingEvent::key);
        } else if (rule instanceof Rule.Rating rating) {
            rating(r, rating);
        } else if (rule instanceof Rule.Bonus b) {
            positive(r + "/perUnit", b.perUnit());
            positive(r + "/cap", b.cap());
        }
        if (item.defaultAnswer() != null) {
            for (AnswerProblem problem : Scorer.check(item.defaultAnswer(), item)) {
                problems.add(new AnswerProblem(at + "/default" + problem.pointer(), problem.message()));
            }
        }
    }

    private void deduction(String r, Rule.Deduction d) {
        if (d.perViolation().signum() < 0) {
            add(r + "/perViolation", "不能为负数", "must not be negative");
        }
        keys(r + "/named", d.named(), Rule.NamedDeduction::key);
        for (int j = 0; j < d.named().size(); j++) {
            positive(r + "/named/" + j + "/points", d.named().get(j).points());
        }
        keys(r + "/timing", d.timing(), Rule.TimeLimit::key);
        if (!d.timing().isEmpty() && d.perViolation().signum() == 0) {
            add(r + "/perViolation", "有时限时须大于 0：每次超时按一项不合格扣分",
                    "must be greater than 0 with time limits: each overrun deducts it");
        }
        for (int j = 0; j < d.timing().size(); j++) {
            Rule.TimeLimit limit = d.timing().get(j);
            String at = r + "/timing/" + j;
            positive(at + "/limitSeconds", limit.limitSeconds());
            boolean any = limit.amountBase() != null || limit.amountStep() != null || limit.secondsPerStep() != null;
            boolean all = limit.amountBase() != null && limit.amountStep() != null && limit.secondsPerStep() != null;
            if (any && !all) {
                add(at, "按金额延长时限须同时给出 amountBase、amountStep 和 secondsPerStep",
                        "a limit that grows with the amount needs amountBase, amountStep and secondsPerStep");
            } else if (all) {
                if (limit.amountBase().signum() < 0) {
                    add(at + "/amountBase", "不能为负数", "must not be negative");
                }
                positive(at + "/amountStep", limit.amountStep());
                positive(at + "/secondsPerStep", limit.secondsPerStep());
            }
        }
        keys(r + "/zeroingEvents", d.zeroingEvents(), Rule.ZeroingEvent::key);
    }

    /** A strict target at the end of the scale no rate can beat: below 0 %, or above 100 %. */
    private void unreachable(String at, Rule.Indicator indicator) {
        if (!indicator.strict()) {
            return;
        }
        if (indicator.lowerIsBetter() && indicator.target().signum() == 0) {
            add(at + "/strict", "没有比率能低于 0%：此指标总会扣分", "no rate is below 0 %: the indicator would always deduct");
        } else if (!indicator.lowerIsBetter() && indicator.target().compareTo(HUNDRED) == 0) {
            add(at + "/strict", "没有比率能高于 100%：此指标总会扣分",
                    "no rate is above 100 %: the indicator would always deduct");
        }
    }

    private void rating(String r, Rule.Rating rating) {
        if (rating.scale().size() < 2) {
            add(r + "/scale", "至少需要两个等级", "needs at least two levels");
        }
        keys(r + "/scale", rating.scale(), Rule.Level::key);
        BigDecimal previous = null;
        for (int j = 0; j < rating.scale().size(); j++) {
            BigDecimal value = rating.scale().get(j).value();
            rate(r + "/scale/" + j + "/value", value);
            if (previous != null && value.compareTo(previous) > 0) {
                add(r + "/scale/" + j + "/value", "等级须从好到差排列，分值不得上升",
                        "levels go from best to worst: a value may not rise");
            }
            previous = value;
        }
        if (rating.scale().stream().noneMatch(l -> l.key().equals(rating.satisfiedAtOrAbove()))) {
            add(r + "/satisfiedAtOrAbove", "须为量表中的一个等级", "must be one of the scale's levels");
        }
        if (rating.maxValue().signum() <= 0) {
            add(r + "/scale", "最高等级的分值须大于 0", "the best level must be worth more than 0");
        }
    }

    private <T> void keys(String at, List<T> list, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < list.size(); j++) {
            String k = key.apply(list.get(j));
            if (!seen.add(k)) {
                add(at + "/" + j + "/key", "代码 '" + k + "' 重复", "key '" + k + "' is used twice");
            }
        }
    }

    private void positive(String at, BigDecimal value) {
        if (value.signum() <= 0) {
            add(at, "须大于 0", "must be greater than 0");
        }
    }

    private void rate(String at, BigDecimal value) {
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            add(at, "须为 0 至 100 之间的数", "must be from 0 to 100");
        }
    }
}
