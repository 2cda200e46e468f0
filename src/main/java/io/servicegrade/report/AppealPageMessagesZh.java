package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The appeals and complaints lists' texts of issue 20 in Chinese (see {@link AppealPageMessages}). */
@Localized("zh-CN")
public interface AppealPageMessagesZh extends AppealPageMessages {

    @Override
    @Message("共 {count} 件")
    String apmAll(int count);

    @Override
    @Message("{name} {count} 件")
    String apmCount(String name, int count);

    @Override
    @Message("各状态件数")
    String apmPerState();

    @Override
    @Message("显示全部")
    String apmShowAll();

    @Override
    @Message("列表分页")
    String apmPages();

    @Override
    @Message("筛选")
    String apmFilters();

    @Override
    @Message("单位（名称或代码）")
    String apmUnit();

    @Override
    @Message("单位代码")
    String apmUnitCode();

    @Override
    @Message("剩余天数（负数为已过）")
    String apmDaysLeft();

    @Override
    @Message("状态")
    String apmState();

    @Override
    @Message("全部")
    String apmAny();

    @Override
    @Message("显示")
    String apmApply();

    @Override
    @Message("{days} 天后到期")
    String apmInDays(int days);

    @Override
    @Message("1 天后到期")
    String apmInOneDay();

    @Override
    @Message("今天到期")
    String apmToday();

    @Override
    @Message("已逾期 {days} 天")
    String apmDaysOverdue(int days);

    @Override
    @Message("已逾期 1 天")
    String apmOneDayOverdue();

    @Override
    @Message("申诉期已于 {days} 天前结束")
    String apmClosedDaysAgo(int days);

    @Override
    @Message("申诉期已于 1 天前结束")
    String apmClosedOneDayAgo();

    @Override
    @Message("申诉期{words}")
    String apmCloses(String words);

    @Override
    @Message("申诉期已过仍未决定")
    String apmUndecidedLate();

    @Override
    @Message("逾期答复或逾期未答复")
    String apmLate();

    @Override
    @Message("评价 {id}")
    String apmEvaluation(long id);

    @Override
    @Message("本期排名")
    String apmStanding();

    @Override
    @Message("申诉对象")
    String apmAgainst();

    @Override
    @Message("评价机构")
    String apmAgency();

    @Override
    @Message("方案")
    String apmScheme();

    @Override
    @Message("没有“{typed}”这一状态，已显示全部状态。可选状态：{known}。")
    String apmUnknownState(String typed, String known);

    @Override
    @Message("；")
    String apmSeparator();
}
