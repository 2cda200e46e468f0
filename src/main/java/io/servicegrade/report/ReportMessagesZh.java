package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The report pages' texts in Chinese. */
@Localized("zh-CN")
public interface ReportMessagesZh extends ReportMessages {

    @Override
    @Message("ServiceGrade 服务质量评价")
    String appName();

    @Override
    @Message("首页")
    String home();

    @Override
    @Message("报表")
    String homeTitle();

    @Override
    @Message("选择考核方案和考核周期，查看排名、公示和通报；均可打印和导出 CSV。")
    String homeIntro();

    @Override
    @Message("跳到正文")
    String skipToContent();

    @Override
    @Message("English")
    String switchLanguage();

    @Override
    @Message("打印时间：{time}")
    String printedAt(String time);

    @Override
    @Message("下载 CSV（Excel 可直接打开）")
    String downloadCsv();

    @Override
    @Message("打印")
    String print();

    @Override
    @Message("暂无数据。")
    String noData();

    @Override
    @Message("第 {page} 页，共 {pages} 页")
    String pageOf(int page, int pages);

    @Override
    @Message("上一页")
    String previousPage();

    @Override
    @Message("下一页")
    String nextPage();

    @Override
    @Message("共 {count} 行")
    String rows(int count);

    @Override
    @Message("登录")
    String signIn();

    @Override
    @Message("退出")
    String signOut();

    @Override
    @Message("已登录")
    String signedIn();

    @Override
    @Message("API 密钥")
    String apiKey();

    @Override
    @Message("登录查看评价明细")
    String signInTitle();

    @Override
    @Message("评价表和评价明细仅对已登录的读者开放：请使用账户登录，或使用测评机构的 API 密钥登录。本浏览器的 Cookie 中只保存一个随机的会话编号。")
    String signInIntro();

    @Override
    @Message("密钥无效或已吊销。")
    String signInFailed();

    @Override
    @Message("登录后可查看本期评价明细。")
    String signInToSeeEvaluations();

    @Override
    @Message("考核方案")
    String scheme();

    @Override
    @Message("考核方案")
    String schemes();

    @Override
    @Message("考核周期")
    String period();

    @Override
    @Message("考核周期")
    String periods();

    @Override
    @Message("已发布")
    String published();

    @Override
    @Message("未发布")
    String unpublished();

    @Override
    @Message("已关闭，最终结果（第 {closing} 次关闭）")
    String closedStatus(int closing);

    @Override
    @Message("方案第 {version} 版")
    String schemeVersion(int version);

    @Override
    @Message("层级")
    String level();

    @Override
    @Message("所属单位代码")
    String under();

    @Override
    @Message("业务条线")
    String serviceLine();

    @Override
    @Message("区域")
    String area();

    @Override
    @Message("全部")
    String all();

    @Override
    @Message("筛选")
    String apply();

    @Override
    @Message("城区")
    String urban();

    @Override
    @Message("农村")
    String rural();

    @Override
    @Message("排名")
    String boardTitle();

    @Override
    @Message("排名")
    String standings();

    @Override
    @Message("排名")
    String rank();

    @Override
    @Message("单位")
    String unit();

    @Override
    @Message("代码")
    String code();

    @Override
    @Message("等级")
    String grade();

    @Override
    @Message("较上期")
    String change();

    @Override
    @Message("上期排名")
    String previousRank();

    @Override
    @Message("与上级均值差")
    String parentDifference();

    @Override
    @Message("得分")
    String value();

    @Override
    @Message("一票否决")
    String vetoed();

    @Override
    @Message("一票否决（评价 {id}）")
    String vetoedBy(String id);

    // issue 18: a unit vetoed by a confirmed veto event, with the event's kind and day
    @Override
    @Message("一票否决：{kind}，{date}")
    String vetoedByEvent(String kind, String date);

    @Override
    @Message("媒体曝光")
    String vetoKindMediaExposure();

    @Override
    @Message("政府部门点名批评")
    String vetoKindGovernmentCriticism();

    @Override
    @Message("重大安全生产责任事故")
    String vetoKindSafetyAccident();

    @Override
    @Message("其他事件")
    String vetoKindOther();

    @Override
    @Message("数据不全")
    String incomplete();

    @Override
    @Message("未评级")
    String notGraded();

    @Override
    @Message("按{column}排序")
    String sortBy(String column);

    @Override
    @Message("参评数")
    String graded();

    @Override
    @Message("均值")
    String mean();

    @Override
    @Message("{grade}占比")
    String share(String grade);

    @Override
    @Message("目标")
    String targets();

    @Override
    @Message("{area}：要求 {required}%，实际 {actual}%")
    String targetLine(String area, String required, String actual);

    @Override
    @Message("达成")
    String met();

    @Override
    @Message("未达成")
    String notMet();

    @Override
    @Message("单位成绩单")
    String scorecardTitle();

    @Override
    @Message("各期走势")
    String trend();

    @Override
    @Message("{unit} 各期得分走势图")
    String trendChartLabel(String unit);

    @Override
    @Message("{period}的评价")
    String evaluationsOfPeriod(String period);

    @Override
    @Message("下级单位排名")
    String children();

    @Override
    @Message("评价时间")
    String conductedAt();

    @Override
    @Message("来源")
    String source();

    @Override
    @Message("得分")
    String score();

    @Override
    @Message("评分标准")
    String rubric();

    @Override
    @Message("评价")
    String evaluation();

    @Override
    @Message("查看")
    String open();

    @Override
    @Message("评价表")
    String sheetTitle();

    @Override
    @Message("项目")
    String section();

    @Override
    @Message("内容")
    String item();

    @Override
    @Message("分值")
    String maxPoints();

    @Override
    @Message("得分")
    String awarded();

    @Override
    @Message("扣分及原因")
    String deductions();

    @Override
    @Message("不适用")
    String notApplicable();

    @Override
    @Message("一票否决项")
    String vetoResult();

    @Override
    @Message("未触发一票否决")
    String vetoPassed();

    @Override
    @Message("触发一票否决：{item}")
    String vetoFailed(String item);

    @Override
    @Message("佐证材料")
    String evidence();

    @Override
    @Message("修订记录")
    String history();

    @Override
    @Message("版次")
    String revision();

    @Override
    @Message("类型")
    String kind();

    @Override
    @Message("时间")
    String at();

    @Override
    @Message("原因")
    String reason();

    @Override
    @Message("原得分")
    String previousScore();

    @Override
    @Message("测评机构")
    String agency();

    @Override
    @Message("评价人")
    String evaluator();

    @Override
    @Message("备注")
    String comment();

    @Override
    @Message("合计")
    String total();

    @Override
    @Message("状态")
    String status();

    @Override
    @Message("已作废")
    String voided();

    @Override
    @Message("有效")
    String active();

    @Override
    @Message("创建")
    String kindCreated();

    @Override
    @Message("修订")
    String kindRevised();

    @Override
    @Message("作废")
    String kindVoided();

    @Override
    @Message("公示")
    String noticeTitle();

    @Override
    @Message("根据《{scheme}》，经评价，拟将以下单位评定为 {period} 相应等级，现予公示。")
    String noticeIntro(String scheme, String period);

    // issue 18: where the period stands
    @Override
    @Message("草稿。")
    String stageDraftLabel();

    @Override
    @Message("本期结果尚未发布，仍可能变化；公示期自发布之日起算。")
    String stageDraft();

    @Override
    @Message("草稿")
    String draftWatermark();

    @Override
    @Message("公示中。")
    String stagePublishedLabel();

    @Override
    @Message("已于 {published} 发布公示，异议受理至 {last} 止。")
    String stagePublished(String published, String last);

    @Override
    @Message("已于 {published} 发布，不设公示期。")
    String stagePublishedNoWindow(String published);

    @Override
    @Message("最终结果。")
    String stageFinalLabel();

    @Override
    @Message("已于 {closed} 关闭（第 {closing} 次关闭），结果不再变化。")
    String stageFinal(String closed, int closing);

    @Override
    @Message("公示期 {days} 天，自本期发布之日起算。")
    String objectionToCome(int days);

    @Override
    @Message("公示期为 {from} 至 {to}，已结束。")
    String objectionWas(String from, String to);

    @Override
    @Message("本期发布时未设公示期。")
    String objectionNone();

    @Override
    @Message("公示期：{from} 至 {to}。")
    String objectionPeriod(String from, String to);

    @Override
    @Message("如有异议，请在公示期内以书面形式向考核办公室反映，写明单位名称和具体理由，并留下联系方式。")
    String howToObject();

    @Override
    @Message("拟评为「{grade}」的单位")
    String proposedFor(String grade);

    @Override
    @Message("考核办公室")
    String issuer();

    @Override
    @Message("通报")
    String bulletinTitle();

    @Override
    @Message("{period}《{scheme}》考核情况通报如下。")
    String bulletinIntro(String scheme, String period);

    @Override
    @Message("单位")
    String branch();

    @Override
    @Message("最好的单位")
    String best();

    @Override
    @Message("最差的单位")
    String worst();

    @Override
    @Message("与上期相比")
    String changeSincePrevious();

    @Override
    @Message("上升")
    String up();

    @Override
    @Message("下降")
    String down();

    @Override
    @Message("持平")
    String same();

    @Override
    @Message("无上期数据")
    String noPrevious();

    @Override
    @Message("未找到")
    String notFound();

    @Override
    @Message("样本 {count} 个")
    String sampleCount(int count);

    // issue 14: sessions
    @Override
    @Message("请求被拒绝")
    String refusedTitle();

    @Override
    @Message("请求有误")
    String badRequestTitle();

    @Override
    @Message("该表单来自其他网站，或来自已过期的页面。请重新打开本页，再从本页提交。")
    String crossSiteForm();

    @Override
    @Message("{field} 含有控制字符（如 NUL），报表页面不接受。")
    String badCharacters(String field);

    // issue 16: account administration
    @Override
    @Message("登录名")
    String login();

    @Override
    @Message("密码")
    String password();

    @Override
    @Message("或使用测评机构的 API 密钥登录")
    String signInWithKey();

    @Override
    @Message("登录名或密码不正确。")
    String accountSignInFailed();

    @Override
    @Message("该登录名登录失败次数过多，请 {seconds} 秒后再试。本次未核对密码。")
    String accountLockedOut(long seconds);

    @Override
    @Message("登录失败次数过多")
    String lockedOutTitle();

    @Override
    @Message("当前用户：{who}")
    String signedInAs(String who);

    @Override
    @Message("账户管理")
    String accountsAdmin();

    @Override
    @Message("显示名")
    String displayName();

    @Override
    @Message("角色")
    String roles();

    @Override
    @Message("范围（单位代码，以空格或逗号分隔）")
    String scopeCodes();

    @Override
    @Message("测评机构代码（测评机构角色的账户以该机构身份操作）")
    String agencyCode();

    @Override
    @Message("可提交的来源（监察员或测评机构；以空格或逗号分隔；留空：全部来源）")
    String sourceKeys();

    @Override
    @Message("已停用")
    String accountDisabled();

    @Override
    @Message("新建账户")
    String newAccount();

    @Override
    @Message("密码（留空则自动生成）")
    String passwordOptional();

    @Override
    @Message("创建")
    String create();

    @Override
    @Message("保存")
    String save();

    @Override
    @Message("重置密码")
    String resetPassword();

    @Override
    @Message("将生成新密码并只显示一次；该账户的令牌全部吊销，会话全部结束。")
    String resetPasswordNote();

    @Override
    @Message("账户")
    String editAccountTitle();

    @Override
    @Message("已保存。")
    String accountSaved();

    @Override
    @Message("账户已创建。")
    String accountMade();

    @Override
    @Message("密码已重置。")
    String passwordReset();

    @Override
    @Message("其密码只显示这一次：请立即复制并安全转交。")
    String generatedPassword();

    @Override
    @Message("使用所填写的密码。")
    String noGeneratedPassword();

    @Override
    @Message("未作任何更改：")
    String nothingChanged();

    @Override
    @Message("全部账户")
    String allAccounts();

    @Override
    @Message("停用：不能登录，其令牌与会话随即失效")
    String disableAccountLabel();
    // issue 16: single sign-on
    @Override
    @Message("使用 {provider} 登录")
    String signInWith(String provider);

    // issue 16: single sign-on subject
    @Override
    @Message("单点登录主体标识（该人员在身份提供方的 sub；留空：不链接）")
    String oidcSubjectLabel();

    // issue 16: scoped reads
    @Override
    @Message("登录后可查看本方案的考核周期及其排名。")
    String periodsNeedSignIn();

    // issue 17: bulletin parts
    @Override
    @Message("期内通报")
    String bulletinPart();
    // issue 17: unit tags
    @Override
    @Message("标签")
    String unitTagFilter();
    // issue 17: grades and targets
    @Override
    @Message("{name}·{area}：要求不低于 {required}%，实际 {actual}%（{counted} 个中 {reaching} 个）")
    String targetShareAtLeast(String name, String area, String required, String actual, int reaching, int counted);

    @Override
    @Message("{name}·{area}：要求不高于 {required}%，实际 {actual}%（{counted} 个中 {reaching} 个）")
    String targetShareAtMost(String name, String area, String required, String actual, int reaching, int counted);

    @Override
    @Message("{name}·{area}：均值要求不低于 {required}，实际 {actual}（{counted} 个单位）")
    String targetMeanAtLeast(String name, String area, String required, String actual, int counted);

    @Override
    @Message("{name}·{area}：均值要求不高于 {required}，实际 {actual}（{counted} 个单位）")
    String targetMeanAtMost(String name, String area, String required, String actual, int counted);

    @Override
    @Message("全部")
    String targetAreaAll();

    // issue 18: nominations and benchmark units on the notice and the bulletin
    @Override
    @Message("推荐与标杆")
    String nominationsHeading();

    @Override
    @Message("各单位组按工种推荐名单")
    String nominationsCaption();

    @Override
    @Message("各工种标杆单位")
    String benchmarksCaption();

    @Override
    @Message("推荐单位组")
    String nominationGroup();

    @Override
    @Message("状态")
    String nominationState();

    @Override
    @Message("待确认")
    String nominationProposed();

    @Override
    @Message("已确认")
    String nominationConfirmed();

    @Override
    @Message("已审批")
    String nominationApproved();

    @Override
    @Message("已替换")
    String nominationReplaced();
    // issue 18: appeals
    @Override
    @Message("申诉")
    String appealsTitle();

    @Override
    @Message("申诉 {id}")
    String appealTitle(long id);

    @Override
    @Message("提出申诉")
    String appealFileHeading();

    @Override
    @Message("方案（代码）")
    String appealScheme();

    @Override
    @Message("期间（如 2025-Q3；针对单位时必填）")
    String appealPeriod();

    @Override
    @Message("测评（编号）")
    String appealEvaluation();

    @Override
    @Message("单位（代码，针对其排名提出申诉时填写）")
    String appealUnit();

    @Override
    @Message("申诉的项目（代码，以空格分隔；可选）")
    String appealItems();

    @Override
    @Message("申诉理由")
    String appealReasons();

    @Override
    @Message("证据（每行一个 http 或 https 链接）")
    String appealEvidence();

    @Override
    @Message("提交申诉")
    String appealFile();

    @Override
    @Message("编号")
    String appealNumber();

    @Override
    @Message("申诉对象")
    String appealAgainst();

    @Override
    @Message("状态")
    String appealState();

    @Override
    @Message("公示期截止")
    String appealDeadline();

    @Override
    @Message("提出时间")
    String appealFiledAt();

    @Override
    @Message("决定时间")
    String appealDecidedAt();

    @Override
    @Message("待决定")
    String appealStateFiled();

    @Override
    @Message("支持")
    String appealStateUpheld();

    @Override
    @Message("驳回")
    String appealStateRejected();

    @Override
    @Message("作出决定")
    String appealDecisionHeading();

    @Override
    @Message("决定")
    String appealOutcome();

    @Override
    @Message("理由")
    String appealDecisionReason();

    @Override
    @Message("对测评的更正")
    String appealCorrection();

    @Override
    @Message("无")
    String appealCorrectionNone();

    @Override
    @Message("作废该测评")
    String appealCorrectionVoid();

    @Override
    @Message("修订其答案")
    String appealCorrectionRevision();

    @Override
    @Message("新答案（JSON，格式同接口）")
    String appealAnswers();

    @Override
    @Message("记录决定")
    String appealDecide();

    @Override
    @Message("暂无申诉。")
    String appealNone();

    @Override
    @Message("待决定")
    String appealQueue();

    @Override
    @Message("全部申诉")
    String appealAll();

    @Override
    @Message("{unit} 的排名")
    String appealStandingOf(String unit);

    @Override
    @Message("{unit} 的测评 {id}")
    String appealEvaluationOf(long id, String unit);

    @Override
    @Message("第 {revision} 版")
    String appealRevision(int revision);

    @Override
    @Message("已作废（第 {revision} 版）")
    String appealVoided(int revision);

    @Override
    @Message("证据 {n}")
    String appealEvidenceLink(int n);

    @Override
    @Message("申诉已提交。")
    String appealFiled();

    @Override
    @Message("决定已记录。")
    String appealDecided();

    @Override
    @Message("测评机构")
    String appealAgency();

    @Override
    @Message("申诉处理结果")
    String appealOutcomes();
}
