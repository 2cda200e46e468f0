package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The charts' texts in Chinese (see {@link ChartMessages}). */
@Localized("zh-CN")
public interface ChartMessagesZh extends ChartMessages {

    @Override
    @Message("一票否决")
    String trendVetoed();

    @Override
    @Message("{grade} {min}")
    String trendThreshold(String grade, String min);

    @Override
    @Message("{grade} {min}（{composite}）")
    String trendThresholdOn(String grade, String min, String composite);

    @Override
    @Message("{period}：{value}")
    String trendPoint(String period, String value);

    @Override
    @Message("{period}：{value}，一票否决")
    String trendPointVetoed(String period, String value);

    @Override
    @Message("{period}：无数据")
    String trendNoValue(String period);

    @Override
    @Message("等级线：{lines}。")
    String trendLines(String lines);

    @Override
    @Message("图中为最近 {shown} 期（共 {total} 期），下表列出全部各期。")
    String trendLatest(int shown, int total);

    @Override
    @Message("；")
    String listSeparator();

    @Override
    @Message("。")
    String sentenceEnd();

    @Override
    @Message("等级分布（按{level}）")
    String distributionHeading(String level);

    @Override
    @Message("每个{level}一条横条，按等级分段，数目写在条下；一票否决的单位属于最后一个等级，单独标出（斜线）。下表列出同样的数目。没有受评单位的{level}不列出。")
    String distributionIntro(String level);

    @Override
    @Message("已评定")
    String distributionGraded();

    @Override
    @Message("其中一票否决")
    String distributionVetoed();

    @Override
    @Message("未评定")
    String distributionNotGraded();

    @Override
    @Message("{name} {count}")
    String distributionCount(String name, int count);

    @Override
    @Message("{group}：{counts}")
    String distributionGroup(String group, String counts);

    @Override
    @Message("本期没有任何{level}有受评单位。")
    String distributionNone(String level);
}
