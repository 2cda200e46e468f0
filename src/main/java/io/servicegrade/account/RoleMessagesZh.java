package io.servicegrade.account;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The Chinese (zh-CN) names and descriptions of the roles. */
@Localized("zh-CN")
public interface RoleMessagesZh extends RoleMessages {

    @Override
    @Message("管理员")
    String administratorName();

    @Override
    @Message("管理账户、密钥、测评机构、组织树、评分细则和考核方案；可执行一切操作。")
    String administratorDescription();

    @Override
    @Message("分析员")
    String analystName();

    @Override
    @Message("局考核办：查看全部数据并发布考核期；不做其他写入。")
    String analystDescription();

    @Override
    @Message("营业主管")
    String managerName();

    @Override
    @Message("分支机构或网点负责人：查看范围内单位的排名、测评、评分表和证据。")
    String managerDescription();

    @Override
    @Message("监察员")
    String inspectorName();

    @Override
    @Message("内部监察（监察室）：与营业主管同样查看，并为范围内单位录入和更正本人的检查（限账户允许的来源）。")
    String inspectorDescription();

    @Override
    @Message("测评机构")
    String agencyName();

    @Override
    @Message("第三方测评机构：以本机构密钥的身份，处理本机构的测评和来源数据。")
    String agencyDescription();

    @Override
    @Message("查看者")
    String viewerName();

    @Override
    @Message("查看范围内单位的排名。")
    String viewerDescription();
}
