package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The board, scorecard and notice texts of issue 20 in Chinese (see {@link BoardMessages}). */
@Localized("zh-CN")
public interface BoardMessagesZh extends BoardMessages {

    @Override
    @Message("概况")
    String bmSummary();

    @Override
    @Message("第 {from}–{to} 行，共 {total} 行")
    String bmRowsOf(int from, int to, int total);

    @Override
    @Message("共 {total} 行")
    String bmAllRows(int total);

    @Override
    @Message("本页为排名第 {page} 页，共 {pages} 页")
    String bmPrintedPage(int page, int pages);

    @Override
    @Message("排名分页")
    String bmPages();

    @Override
    @Message("第 {number} 页")
    String bmPageLink(int number);

    @Override
    @Message("各等级单位数")
    String bmPerGrade();

    @Override
    @Message("未定级")
    String bmUngraded();

    @Override
    @Message("{grade}：{count} 个")
    String bmGradeCount(String grade, int count);

    @Override
    @Message("全部目标达成的单位 {met} 个，未全部达成的 {missed} 个")
    String bmGroupsTargets(int met, int missed);

    @Override
    @Message("显示")
    String bmGradeFilter();

    @Override
    @Message("全部等级")
    String bmAllGrades();

    @Override
    @Message("仅{grade}")
    String bmOnlyGrade(String grade);

    @Override
    @Message("未达目标者优先")
    String bmWeakestFirst();

    @Override
    @Message("按排名")
    String bmRankOrder();

    @Override
    @Message("一票否决的单位在前，其后按等级由低到高、分数由低到高排列。")
    String bmWeakestNote();

    @Override
    @Message("定级规则")
    String bmRules();

    @Override
    @Message("排名依据：{composite}")
    String bmRankedBy(String composite);

    @Override
    @Message("{grade}：{condition}")
    String bmRule(String grade, String condition);

    @Override
    @Message("其余单位")
    String bmOtherwise();

    @Override
    @Message("{measure} ≥ {min}")
    String bmAtLeast(String measure, String min);

    @Override
    @Message("{measure} ≤ {max}")
    String bmAtMost(String measure, String max);

    @Override
    @Message("{measure}在 {min} 至 {max} 之间")
    String bmBetween(String measure, String min, String max);

    @Override
    @Message("{source}样本数")
    String bmSamplesOf(String source);

    @Override
    @Message("{sources}均有分数")
    String bmPresent(String sources);

    @Override
    @Message("各来源")
    String bmEverySource();

    @Override
    @Message(" 且 ")
    String bmAnd();

    @Override
    @Message(" 或 ")
    String bmOr();

    @Override
    @Message("、")
    String bmListSeparator();

    @Override
    @Message("距上一等级")
    String bmGap();

    @Override
    @Message("差 {gap} 分达到{grade}")
    String bmGapOne(String gap, String grade);

    @Override
    @Message("{measure}差 {gap} 分")
    String bmGapPart(String measure, String gap);

    @Override
    @Message("{measure}超出 {over} 分")
    String bmGapOver(String measure, String over);

    @Override
    @Message("距{grade}：{parts}")
    String bmGapMany(String parts, String grade);

    @Override
    @Message("一票否决：{item}（{date}，{source}），见评价表")
    String bmVetoWords(String item, String date, String source);

    @Override
    @Message("一票否决（{date}，{source}），见评价表")
    String bmVetoNoItem(String date, String source);

    @Override
    @Message("上升 {value}")
    String bmUp(String value);

    @Override
    @Message("下降 {value}")
    String bmDown(String value);

    @Override
    @Message("持平")
    String bmSame();

    @Override
    @Message("名次变化")
    String bmRankChange();

    @Override
    @Message("上升 {places} 名")
    String bmRankUp(int places);

    @Override
    @Message("下降 {places} 名")
    String bmRankDown(int places);

    @Override
    @Message("名次不变")
    String bmRankSame();

    @Override
    @Message("等级变化")
    String bmGradeChange();

    @Override
    @Message("新晋{grade}")
    String bmNewGrade(String grade);

    @Override
    @Message("降级")
    String bmDownGrade();

    @Override
    @Message("近期走势")
    String bmTrend();

    @Override
    @Message("近 {count} 期：{points}")
    String bmTrendText(int count, String points);

    @Override
    @Message("无分数")
    String bmNoValue();
}
