package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The "why" texts of issue 20 in Chinese (see {@link WhyMessages}). */
@Localized("zh-CN")
public interface WhyMessagesZh extends WhyMessages {

    @Override
    @Message("{parent}的目标（按本表所列单位计）")
    String wmTargetsOf(String parent);

    @Override
    @Message("{name}{area} {actual}%（目标 {op} {required}%，{counted} 个中 {reaching} 个）{verdict}")
    String wmShareLine(String name, String area, String actual, String op, String required, int reaching,
            int counted, String verdict);

    @Override
    @Message("{name}{area} {actual}（目标 {op} {required}，{counted} 个单位）{verdict}")
    String wmMeanLine(String name, String area, String actual, String op, String required, int counted,
            String verdict);

    @Override
    @Message("（{area}）")
    String wmArea(String area);

    @Override
    @Message("达成")
    String wmMet();

    @Override
    @Message("未达成")
    String wmMissed();

    @Override
    @Message("集体代码")
    String wmGroupCode();

    @Override
    @Message("单位代码")
    String wmUnitCode();
}
