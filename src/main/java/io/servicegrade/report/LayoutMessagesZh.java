package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The boards' filter and layout texts in Chinese (see {@link LayoutMessages}). */
@Localized("zh-CN")
public interface LayoutMessagesZh extends LayoutMessages {

    @Override
    @Message("所属单位（名称或代码）")
    String under();

    @Override
    @Message("邮政营业")
    String lineCounter();

    @Override
    @Message("储蓄")
    String lineSavings();

    @Override
    @Message("投递")
    String lineDelivery();

    @Override
    @Message("未找到单位“{typed}”：该筛选条件未应用，其他条件照常。")
    String unknownUnit(String typed);

    @Override
    @Message("“{typed}”对应多个单位（{names}）：请输入代码或从提示中选择；该筛选条件未应用。")
    String ambiguousUnit(String typed, String names);

    @Override
    @Message("未找到业务线“{typed}”（现有：{known}）：该筛选条件未应用，其他条件照常。")
    String unknownLine(String typed, String known);

    @Override
    @Message("“{typed}”对应多条业务线（{names}）：该筛选条件未应用。")
    String ambiguousLine(String typed, String names);

    @Override
    @Message("筛选提示")
    String filterNotices();

    @Override
    @Message("名称或代码")
    String nameOrCode();

    @Override
    @Message("、")
    String listSeparator();
}
