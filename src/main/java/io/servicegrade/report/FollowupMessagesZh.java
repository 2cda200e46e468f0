package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The follow-up pages' texts in Chinese (see {@link FollowupMessages}). */
@Localized("zh-CN")
public interface FollowupMessagesZh extends FollowupMessages {

    // issue 19: rectification orders
    @Override
    @Message("整改单")
    String rectificationsTitle();

    @Override
    @Message("整改单 {id}")
    String rectificationTitle(long id);

    @Override
    @Message("编号")
    String rectNumber();

    @Override
    @Message("责任单位")
    String rectUnit();

    @Override
    @Message("问题")
    String rectFinding();

    @Override
    @Message("严重程度")
    String rectSeverity();

    @Override
    @Message("状态")
    String rectState();

    @Override
    @Message("下发时间")
    String rectRaisedAt();

    @Override
    @Message("整改期限")
    String rectDueAt();

    @Override
    @Message("扣分项目")
    String rectItems();

    @Override
    @Message("没有符合条件的整改单。")
    String rectNone();

    @Override
    @Message("已逾期")
    String rectOverdueMark();

    @Override
    @Message("筛选")
    String rectFilter();

    @Override
    @Message("全部")
    String rectAny();

    @Override
    @Message("仅逾期")
    String rectOverdueOnly();

    @Override
    @Message("待整改")
    String rectStateOpen();

    @Override
    @Message("已回复")
    String rectStateReplied();

    @Override
    @Message("已验收")
    String rectStateAccepted();

    @Override
    @Message("已退回")
    String rectStateReturned();

    @Override
    @Message("一般")
    String rectSeverityMinor();

    @Override
    @Message("较重")
    String rectSeverityMajor();

    @Override
    @Message("否决")
    String rectSeverityVeto();

    @Override
    @Message("回复与验收记录")
    String rectHistory();

    @Override
    @Message("整改回复")
    String rectStepReply();

    @Override
    @Message("验收通过")
    String rectStepAccept();

    @Override
    @Message("退回")
    String rectStepReturn();

    @Override
    @Message("逾期回复")
    String rectLate();

    @Override
    @Message("责任单位回复")
    String rectReplyHeading();

    @Override
    @Message("整改情况")
    String rectReplyText();

    @Override
    @Message("佐证材料链接（每行一个）")
    String rectEvidence();

    @Override
    @Message("提交回复")
    String rectReply();

    @Override
    @Message("验收")
    String rectVerifyHeading();

    @Override
    @Message("结论")
    String rectOutcome();

    @Override
    @Message("理由（退回时必填）")
    String rectReason();

    @Override
    @Message("提交验收结论")
    String rectVerify();

    @Override
    @Message("回复已提交。")
    String rectReplied();

    @Override
    @Message("验收结论已提交。")
    String rectVerified();

    @Override
    @Message("全部整改单")
    String rectAll();
    // issue 19: complaints register
    @Override
    @Message("投诉")
    String complaintsTitle();

    @Override
    @Message("投诉 {id}")
    String complaintTitle(long id);

    @Override
    @Message("没有符合条件的投诉。")
    String complaintNone();

    @Override
    @Message("编号")
    String complaintNumber();

    @Override
    @Message("受理时间")
    String complaintReceivedAt();

    @Override
    @Message("网点")
    String complaintUnit();

    @Override
    @Message("渠道")
    String complaintChannel();

    @Override
    @Message("类别")
    String complaintCategory();

    @Override
    @Message("投诉内容")
    String complaintSubject();

    @Override
    @Message("首问负责人")
    String complaintFirstResponder();

    @Override
    @Message("答复时限")
    String complaintDue();

    @Override
    @Message("状态")
    String complaintState();

    @Override
    @Message("待答复")
    String complaintStateOpen();

    @Override
    @Message("已超时")
    String complaintStateOverdue();

    @Override
    @Message("已答复")
    String complaintStateReplied();

    @Override
    @Message("⚠ 已超过答复时限")
    String complaintOverdueMark();

    @Override
    @Message("逾期答复")
    String complaintLateMark();

    @Override
    @Message("答复时间")
    String complaintRepliedAt();

    @Override
    @Message("处理结果")
    String complaintResolution();

    @Override
    @Message("客户满意度")
    String complaintSatisfaction();

    @Override
    @Message("满意")
    String complaintSatisfied();

    @Override
    @Message("不满意")
    String complaintUnsatisfied();

    @Override
    @Message("未记录")
    String complaintNotAsked();

    @Override
    @Message("重复投诉")
    String complaintRepeat();

    @Override
    @Message("升级")
    String complaintEscalated();

    @Override
    @Message("标记")
    String complaintFlags();

    @Override
    @Message("答复")
    String complaintReplyHeading();

    @Override
    @Message("答复时间（留空为现在；ISO-8601，带时区偏移）")
    String complaintReplyAt();

    @Override
    @Message("记录答复")
    String complaintReplySend();

    @Override
    @Message("答复已记录。")
    String complaintRepliedStatus();

    @Override
    @Message("筛选")
    String complaintFilter();

    @Override
    @Message("全部")
    String complaintAny();

    @Override
    @Message("仅超时或逾期答复")
    String complaintOverdueOnly();

    @Override
    @Message("全部投诉")
    String complaintAll();

    @Override
    @Message("热线")
    String complaintChannelHotline();

    @Override
    @Message("信函")
    String complaintChannelLetter();

    @Override
    @Message("网络")
    String complaintChannelOnline();

    @Override
    @Message("现场")
    String complaintChannelWalkIn();

    @Override
    @Message("监管转办")
    String complaintChannelRegulator();
    // issue 19: inspection coverage
    @Override
    @Message("检查覆盖")
    String coverageTitle();

    @Override
    @Message("筛选")
    String coverageFilters();

    @Override
    @Message("计划")
    String coveragePlan();

    @Override
    @Message("单位")
    String coverageUnit();

    @Override
    @Message("分组单位类型")
    String coverageLevel();

    @Override
    @Message("考核周期")
    String coveragePeriod();

    @Override
    @Message("截至日期")
    String coverageAt();

    @Override
    @Message("查看")
    String coverageShow();

    @Override
    @Message("各组检查覆盖率")
    String coverageRates();

    @Override
    @Message("组")
    String coverageGroup();

    @Override
    @Message("全部入选单位")
    String coverageAll();

    @Override
    @Message("单位数")
    String coverageUnits();

    @Override
    @Message("应检单位周期数")
    String coverageRequired();

    @Override
    @Message("已覆盖")
    String coverageCovered();

    @Override
    @Message("覆盖率")
    String coverageRate();

    @Override
    @Message("逾期未检")
    String coverageOverdue();

    @Override
    @Message("标记")
    String coverageMark();

    @Override
    @Message("逾期")
    String coverageOverdueMark();

    @Override
    @Message("原因")
    String coverageReason();

    @Override
    @Message("当前检查周期")
    String coverageInterval();

    @Override
    @Message("逾期起始日")
    String coverageSince();

    @Override
    @Message("最近检查时间")
    String coverageLastInspected();

    @Override
    @Message("从未检查")
    String coverageNeverInspected();

    @Override
    @Message("从未")
    String coverageNeverShort();

    @Override
    @Message("无。")
    String coverageNone();

    @Override
    @Message("区域")
    String coverageArea();

    @Override
    @Message("城区")
    String coverageUrban();

    @Override
    @Message("农村")
    String coverageRural();

    @Override
    @Message("上一检查周期未覆盖")
    String coverageMissedLast();

    @Override
    @Message("本周期过半仍未检查")
    String coveragePastMidpoint();

    // issue 19: a manager's to-do
    @Override
    @Message("待办")
    String todoTitle();

    @Override
    @Message("本单位待处理的事项：待回复的整改通知和待答复的投诉，按期限先后排列。")
    String todoIntro();

    @Override
    @Message("待回复的整改：{count} 项（已超期 {overdue} 项）")
    String todoRectifications(int count, long overdue);

    @Override
    @Message("待回复的整改，按期限先后")
    String todoRectificationsCaption();

    @Override
    @Message("待答复的投诉：{count} 件（已超期 {overdue} 件）")
    String todoComplaints(int count, long overdue);

    @Override
    @Message("待答复的投诉，按期限先后")
    String todoComplaintsCaption();

    @Override
    @Message("暂无待办。")
    String todoNothing();

    @Override
    @Message("全部整改通知")
    String todoAllRectifications();

    @Override
    @Message("全部投诉")
    String todoAllComplaints();

    // issue 19b: complaints
    @Override
    @Message("记录客户满意度（回访）")
    String complaintSatisfactionHeading();

    @Override
    @Message("请选择")
    String complaintChoose();

    @Override
    @Message("记录满意度")
    String complaintSatisfactionSend();

    @Override
    @Message("客户满意度已记录。")
    String complaintSatisfactionStatus();

    @Override
    @Message("登记投诉")
    String complaintRegisterHeading();

    @Override
    @Message("受理时间（如 2025-03-07T16:00；未注明时区偏移时按服务器时区）")
    String complaintReceivedAtHint();

    @Override
    @Message("客户标识（客户编号或电话号码的哈希；仅保存其 SHA-256，不会显示）")
    String complaintCustomerRef();

    @Override
    @Message("登记")
    String complaintRegisterSend();

    @Override
    @Message("投诉已登记。")
    String complaintRegisteredStatus();
    // issue 19b: imports
    @Override
    @Message("从文件导入整改通知")
    String rectImportTitle();

    @Override
    @Message("CSV 或 XLSX 文件，每行一条整改通知，列为 unit、title、itemKey、severity、dueAt（手工录入），或 evaluation、items（以 ; 分隔）、veto（来自评价）。全部成功才保存：任一单元格有误，则不保存任何内容。")
    String rectImportHint();

    @Override
    @Message("文件")
    String rectImportFile();

    @Override
    @Message("导入")
    String rectImportSubmit();

    @Override
    @Message("已从文件导入 {count} 条整改通知。")
    String rectImported(int count);

    @Override
    @Message("请选择 CSV 或 XLSX 文件。")
    String rectImportNoFile();

    @Override
    @Message("第 {row} 行“{column}”列：{text}")
    String rectImportCell(String row, String column, String text);

    @Override
    @Message("第 {row} 行：{text}")
    String rectImportRow(String row, String text);
    // issue 19b: webhooks
    @Override
    @Message("Webhook 订阅")
    String webhooksTitle();

    @Override
    @Message("Webhook {id} 投递记录")
    String webhookLogTitle(long id);

    @Override
    @Message("订阅及其投递情况")
    String whSubscriptions();

    @Override
    @Message("编号")
    String whNumber();

    @Override
    @Message("接收地址")
    String whUrl();

    @Override
    @Message("事件类型")
    String whKinds();

    @Override
    @Message("启用")
    String whActive();

    @Override
    @Message("是")
    String whYes();

    @Override
    @Message("否")
    String whNo();

    @Override
    @Message("已送达")
    String whDelivered();

    @Override
    @Message("失败待重试")
    String whFailing();

    @Override
    @Message("已放弃")
    String whGivenUp();

    @Override
    @Message("待发送")
    String whPending();

    @Override
    @Message("暂无 webhook 订阅。")
    String whNone();

    @Override
    @Message("没有符合条件的投递。")
    String whNoDeliveries();

    @Override
    @Message("筛选")
    String whFilter();

    @Override
    @Message("状态")
    String whState();

    @Override
    @Message("事件类型")
    String whKind();

    @Override
    @Message("最近天数")
    String whDays();

    @Override
    @Message("全部")
    String whAny();

    @Override
    @Message("事件标识")
    String whEvent();

    @Override
    @Message("对象")
    String whSubject();

    @Override
    @Message("尝试次数")
    String whAttempts();

    @Override
    @Message("最近尝试")
    String whLastAttempt();

    @Override
    @Message("下次尝试")
    String whNextAttempt();

    @Override
    @Message("失败")
    String whFailedMark();

    @Override
    @Message("已放弃")
    String whGivenUpMark();

    @Override
    @Message("重新发送")
    String whReplay();

    @Override
    @Message("已重新发送：新一轮尝试，事件标识不变。")
    String whReplayed();

    @Override
    @Message("下载 CSV")
    String whExportCsv();

    @Override
    @Message("下载 XLSX")
    String whExportXlsx();

    @Override
    @Message("全部订阅")
    String whAll();

    @Override
    @Message("天数：1 至 366 的整数")
    String whDaysInvalid();

    @Override
    @Message("无应答")
    String whNoAnswer();
}
