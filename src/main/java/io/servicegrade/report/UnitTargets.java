package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.standing.StandingNode;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.Unit;

import java.util.List;

/**
 * Issue 20: on a board of units under a parent whose level has targets, whether the units shown meet each target,
 * with the figures: "示范窗口及以上占比 40.00%（目标 ≥ 85%，5 个中 2 个）未达成". The checks are the group board's own
 * ({@link StandingNode#targetsOver}); this class only puts them in words.
 */
public record UnitTargets(String heading, List<Line> lines) {

    /** One target checked for one area, in words, and whether it is met (said in words too, never by colour only). */
    public record Line(String text, boolean met) {
    }

    static WhyMessages messages(ReportLanguage language) {
        return MessageBundles.get(WhyMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /** The parent's targets over the board's units; null when there are none to check (or no parent). */
    static UnitTargets of(StandingService.Board board, Unit parent, ReportLanguage language) {
        if (parent == null) {
            return null;
        }
        List<StandingNode.TargetNode> targets = StandingNode.targetsOver(board, parent, language.tag());
        if (targets.isEmpty()) {
            return null;
        }
        WhyMessages wm = messages(language);
        List<Line> lines = targets.stream().map(t -> new Line(line(t, language, wm), t.met())).toList();
        return new UnitTargets(wm.wmTargetsOf(parent.name()), lines);
    }

    private static String line(StandingNode.TargetNode t, ReportLanguage language, WhyMessages wm) {
        String area = t.area().equals("all") ? "" : wm.wmArea(language.area(t.area()));
        String op = t.direction().equals("atMost") ? "≤" : "≥";
        // the requirement as the scheme states it (85, 0.0005); a share reached to 2 places, a mean as the API shows
        String required = t.required().toPlainString();
        String verdict = t.met() ? wm.wmMet() : wm.wmMissed();
        return t.grade() != null
                ? wm.wmShareLine(t.name(), area, language.number(t.actual()), op, required, t.reaching(), t.counted(),
                        verdict)
                : wm.wmMeanLine(t.name(), area, t.actual().toPlainString(), op, required, t.counted(), verdict);
    }
}
