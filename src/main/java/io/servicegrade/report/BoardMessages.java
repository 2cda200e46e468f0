package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts the standings board, scorecard and notice gained in issue 20 (summary, paging, grade rules, gaps, vetoes
 * in words, movement, sparklines), in English; {@link BoardMessagesZh} has the Chinese, the default. A bundle of their
 * own: {@link ReportMessages} is close to the size at which Quarkus 3.34 fails to start (see {@link FollowupMessages}).
 */
@MessageBundle(value = "bm", locale = "en")
public interface BoardMessages {

    @Message("Summary")
    String bmSummary();

    @Message("Rows {from}–{to} of {total}")
    String bmRowsOf(int from, int to, int total);

    @Message("{total} rows in all")
    String bmAllRows(int total);

    @Message("This is page {page} of {pages} of the board")
    String bmPrintedPage(int page, int pages);

    @Message("Pages of the board")
    String bmPages();

    @Message("Page {number}")
    String bmPageLink(int number);

    @Message("Units per grade")
    String bmPerGrade();

    @Message("Not graded")
    String bmUngraded();

    @Message("{grade}: {count}")
    String bmGradeCount(String grade, int count);

    @Message("Groups meeting every target: {met}; missing one or more: {missed}")
    String bmGroupsTargets(int met, int missed);

    @Message("Show")
    String bmGradeFilter();

    @Message("All grades")
    String bmAllGrades();

    @Message("Only {grade}")
    String bmOnlyGrade(String grade);

    @Message("Below target first")
    String bmWeakestFirst();

    @Message("In rank order")
    String bmRankOrder();

    @Message("Vetoed units first, then from the lowest grade up, the lowest value first.")
    String bmWeakestNote();

    @Message("Grade rules")
    String bmRules();

    @Message("Ranked by: {composite}")
    String bmRankedBy(String composite);

    @Message("{grade}: {condition}")
    String bmRule(String grade, String condition);

    @Message("every other unit")
    String bmOtherwise();

    @Message("{measure} ≥ {min}")
    String bmAtLeast(String measure, String min);

    @Message("{measure} ≤ {max}")
    String bmAtMost(String measure, String max);

    @Message("{measure} between {min} and {max}")
    String bmBetween(String measure, String min, String max);

    @Message("{source} samples")
    String bmSamplesOf(String source);

    @Message("scores from {sources}")
    String bmPresent(String sources);

    @Message("every source")
    String bmEverySource();

    @Message(" and ")
    String bmAnd();

    @Message(" or ")
    String bmOr();

    @Message(", ")
    String bmListSeparator();

    @Message("To the next grade")
    String bmGap();

    @Message("{gap} below {grade}")
    String bmGapOne(String gap, String grade);

    @Message("{measure} {gap} short")
    String bmGapPart(String measure, String gap);

    @Message("{measure} {over} over")
    String bmGapOver(String measure, String over);

    @Message("Below {grade}: {parts}")
    String bmGapMany(String parts, String grade);

    @Message("Vetoed: {item} ({date}, {source}), see the evaluation sheet")
    String bmVetoWords(String item, String date, String source);

    @Message("Vetoed ({date}, {source}), see the evaluation sheet")
    String bmVetoNoItem(String date, String source);

    @Message("up {value}")
    String bmUp(String value);

    @Message("down {value}")
    String bmDown(String value);

    @Message("no change")
    String bmSame();

    @Message("Rank change")
    String bmRankChange();

    @Message("up {places}")
    String bmRankUp(int places);

    @Message("down {places}")
    String bmRankDown(int places);

    @Message("same rank")
    String bmRankSame();

    @Message("Grade change")
    String bmGradeChange();

    @Message("new {grade}")
    String bmNewGrade(String grade);

    @Message("down a grade")
    String bmDownGrade();

    @Message("Recent periods")
    String bmTrend();

    @Message("Last {count} periods: {points}")
    String bmTrendText(int count, String points);

    @Message("no value")
    String bmNoValue();
}
