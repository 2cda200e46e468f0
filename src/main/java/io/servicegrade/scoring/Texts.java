package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The engine's words for people, in Chinese and English: explanations of deductions and answer problems. */
final class Texts {

    private Texts() {
    }

    static String n(BigDecimal value) {
        BigDecimal shown = value.scale() > Scorer.SCALE ? value.setScale(Scorer.SCALE, RoundingMode.HALF_UP) : value;
        String plain = shown.stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    private static LocalizedText t(String zh, String en) {
        return new LocalizedText(zh, en);
    }

    // Explanations

    static LocalizedText violations(int count, BigDecimal each, BigDecimal total) {
        return t("不合格 " + count + " 项 × " + n(each) + " 分 = 扣 " + n(total) + " 分",
                count + (count == 1 ? " violation" : " violations") + " × " + n(each) + " = −" + n(total) + " points");
    }

    static LocalizedText named(Rule.NamedDeduction named) {
        return t(named.name().zhCN() + "：扣 " + n(named.points()) + " 分",
                named.name().en() + ": −" + n(named.points()) + " points");
    }

    static LocalizedText severe(BigDecimal points) {
        return t("造成严重后果：全部扣除 " + n(points) + " 分",
                "Finding with serious consequences: all " + n(points) + " points lost");
    }

    static LocalizedText overLimit(Rule.TimeLimit limit, Answer.Observation o, BigDecimal allowed, BigDecimal each) {
        String amountZh = o.amount() == null || !limit.growsWithAmount() ? "" : "（金额 " + n(o.amount()) + " 元）";
        String amountEn = o.amount() == null || !limit.growsWithAmount() ? "" : " (amount " + n(o.amount()) + ")";
        return t(limit.name().zhCN() + amountZh + "用时 " + n(o.seconds()) + " 秒，超过时限 " + n(allowed) + " 秒：扣 "
                        + n(each) + " 分",
                limit.name().en() + amountEn + " took " + n(o.seconds()) + " s, over its " + n(allowed)
                        + " s limit: −" + n(each) + " points");
    }

    static LocalizedText event(Rule.ZeroingEvent event, BigDecimal points) {
        return t("发生“" + event.name().zhCN() + "”：全部扣除 " + n(points) + " 分",
                "'" + event.name().en() + "' happened: all " + n(points) + " points lost");
    }

    /**
     * A rate or target as given, exactly: a complaint-rate target of 0.5‰ is 0.05 %, and a measured 0.052 % must
     * not read as "0.05 %, above its 0.05 % target". Points are shown rounded ({@link #n}); rates are inputs.
     */
    static String pct(BigDecimal value) {
        String plain = value.stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    static LocalizedText indicatorMissed(Rule.Indicator indicator, BigDecimal measured) {
        boolean at = measured.compareTo(indicator.target()) == 0;
        String zh;
        String en;
        if (indicator.lowerIsBetter()) {
            zh = at ? "未低于目标 " : "高于目标 ";
            en = at ? " is not below its " : " is above its ";
        } else {
            zh = at ? "未高于目标 " : "低于目标 ";
            en = at ? " is not above its " : " is below its ";
        }
        return t(indicator.name().zhCN() + " " + pct(measured) + "%，" + zh + pct(indicator.target()) + "%：扣 "
                        + n(indicator.deducts()) + " 分",
                indicator.name().en() + " " + pct(measured) + "%" + en + pct(indicator.target())
                        + "% target: −" + n(indicator.deducts()) + " points");
    }

    static LocalizedText shortfall(Rule.Shortfall rule, BigDecimal rate, BigDecimal gap, BigDecimal counted,
            BigDecimal deduction) {
        String basisZh = rule.proportional() ? "" : "（按整百分点计 " + n(counted) + " 个）";
        String basisEn = rule.proportional() ? "" : " (" + n(counted) + " full points count)";
        String sideZh = rule.lowerIsBetter() ? "高 " : "差 ";
        String sideEn = rule.lowerIsBetter() ? " points above the " : " points below the ";
        return t("实际 " + pct(rate) + "%，比目标 " + pct(rule.target()) + "% " + sideZh + pct(gap) + " 个百分点" + basisZh
                        + "：" + n(counted) + " × " + n(rule.perPercentagePoint()) + " = 扣 " + n(deduction) + " 分",
                "Measured " + pct(rate) + "% is " + pct(gap) + sideEn + pct(rule.target()) + "% target"
                        + basisEn + ": " + n(counted) + " × " + n(rule.perPercentagePoint()) + " = −" + n(deduction)
                        + " points");
    }

    static LocalizedText rating(long answers, BigDecimal mean, BigDecimal max, BigDecimal awarded, BigDecimal points,
            BigDecimal satisfaction) {
        return t(answers + " 份回答，平均 " + n(mean) + "（满分 " + n(max) + "）：得 " + n(awarded) + " / " + n(points)
                        + " 分；满意率 " + n(satisfaction) + "%",
                answers + (answers == 1 ? " answer" : " answers") + ", mean " + n(mean) + " of " + n(max) + ": "
                        + n(awarded) + " of " + n(points) + " points; satisfaction rate " + n(satisfaction) + "%");
    }

    static LocalizedText bonus(int count, Rule.Bonus rule, BigDecimal earned) {
        return t("加分 " + count + " × " + n(rule.perUnit()) + " 分（上限 " + n(rule.cap()) + " 分）：加 " + n(earned) + " 分",
                "Bonus " + count + " × " + n(rule.perUnit()) + " (cap " + n(rule.cap()) + "): +" + n(earned)
                        + " points");
    }

    static LocalizedText vetoFailed() {
        return t("不合格：一票否决，整次测评不达标", "Failed: this vetoes the whole evaluation");
    }

    static LocalizedText flooredAtZero(BigDecimal points, BigDecimal deducted) {
        return t("扣分 " + n(deducted) + " 超过本项 " + n(points) + " 分，本项计 0 分",
                "Deductions of " + n(deducted) + " exceed the item's " + n(points) + " points: it scores 0");
    }

    static LocalizedText notApplicableNote() {
        return t("不适用：不计入，得分按其余项目折算", "Not applicable: left out, the score is rescaled to the other items");
    }

    // Problems with answers

    static LocalizedText required() {
        return t("为必填项", "is required");
    }

    static LocalizedText unknownItem(String key) {
        return t("评分标准中没有项目 '" + key + "'", "the rubric has no item '" + key + "'");
    }

    static LocalizedText answeredTwice(String key) {
        return t("项目 '" + key + "' 被回答了不止一次", "item '" + key + "' is answered more than once");
    }

    static LocalizedText notAnswered(String key) {
        return t("项目 '" + key + "' 未作答，也未标为不适用", "item '" + key + "' is neither answered nor marked not applicable");
    }

    static LocalizedText notApplicableForbidden() {
        return t("此项目不能标为不适用", "this item may not be marked not applicable");
    }

    static LocalizedText notUsedBy(String kind) {
        return t("“" + kind + "”规则的项目不使用此字段", "is not used by an item with a '" + kind + "' rule");
    }

    static LocalizedText negative() {
        return t("不能为负数", "must not be negative");
    }

    static LocalizedText rateRange() {
        return t("须为 0 至 100 之间的百分比", "must be a percentage from 0 to 100");
    }

    static LocalizedText unknownKey(String key) {
        return t("'" + key + "' 不是此项目规则中的名称", "'" + key + "' is not named by this item's rule");
    }

    static LocalizedText missingIndicator(String key) {
        return t("缺少指标 '" + key + "' 的比率", "lacks the rate of indicator '" + key + "'");
    }

    static LocalizedText noSevereClause() {
        return t("此项目没有“造成严重后果全部扣除”条款", "this item has no clause for findings with serious consequences");
    }

    static LocalizedText noResponses() {
        return t("至少需要一份回答", "needs at least one response");
    }
}
