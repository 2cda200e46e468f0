package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The rectification, coverage and webhook pages' texts of issue 20 in Chinese (see {@link FollowupPageMessages}). */
@Localized("zh-CN")
public interface FollowupPageMessagesZh extends FollowupPageMessages {

    @Override
    @Message("概况")
    String fpmSummary();

    @Override
    @Message("共 {total} 张整改单")
    String fpmOrdersInAll(long total);

    @Override
    @Message("{state}：{count}")
    String fpmStateCount(String state, long count);

    @Override
    @Message("当前逾期：{count}")
    String fpmOverdueCount(long count);

    @Override
    @Message("第 {from}–{to} 行，共 {total} 行")
    String fpmRowsOf(long from, long to, long total);

    @Override
    @Message("列表分页")
    String fpmPages();

    @Override
    @Message("上一页")
    String fpmPrevious();

    @Override
    @Message("下一页")
    String fpmNext();

    @Override
    @Message("下载")
    String fpmDownload();

    @Override
    @Message("单位代码")
    String fpmUnitCode();

    @Override
    @Message("逾期")
    String fpmOverdueColumn();



    @Override
    @Message("{plan}：已覆盖 {covered} / {required} 个单位周期（{rate}），{units} 个单位")
    String fpmCoverageSummary(String plan, long covered, long required, String rate, int units);

    @Override
    @Message("当前逾期单位：{overdue}；从未检查：{never}")
    String fpmCoverageCounts(int overdue, int never);

    @Override
    @Message("全部推送：已送达 {delivered}，失败待重试 {failing}，已放弃 {givenUp}")
    String fpmDeliveries(long delivered, long failing, long givenUp);

    @Override
    @Message("列出 {shown} 次推送：已送达 {delivered}，失败待重试 {failing}，已放弃 {givenUp}，待发送 {pending}")
    String fpmDeliveriesListed(int shown, long delivered, long failing, long givenUp, long pending);
}
