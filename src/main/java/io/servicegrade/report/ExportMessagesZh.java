package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The downloads' texts in Chinese (see {@link ExportMessages}). */
@Localized("zh-CN")
public interface ExportMessagesZh extends ExportMessages {

    @Override
    @Message("下载 XLSX")
    String downloadXlsx();

    @Override
    @Message("{source}样本数")
    String samples(String source);

    @Override
    @Message("一票否决")
    String vetoedColumn();

    @Override
    @Message("否决依据")
    String vetoedByColumn();

    @Override
    @Message("否决日期")
    String vetoDateColumn();

    @Override
    @Message("评价 {id}")
    String evaluation(String id);

    @Override
    @Message("否决项")
    String vetoedItemColumn();

    @Override
    @Message("是")
    String yes();

    @Override
    @Message("否")
    String no();
}
