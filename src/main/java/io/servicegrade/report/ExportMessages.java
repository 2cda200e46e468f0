package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the report tables' downloads (issue 20: Excel-safe CSV and XLSX), in English; {@link ExportMessagesZh}
 * has the Chinese, the default. A bundle of its own: Quarkus 3.34 fails on a bundle of more than about 300
 * messages, and {@link ReportMessages} is close to that.
 */
@MessageBundle(value = "xm", locale = "en")
public interface ExportMessages {

    @Message("Download XLSX")
    String downloadXlsx();

    @Message("{source} samples")
    String samples(String source);

    @Message("Vetoed")
    String vetoedColumn();

    @Message("Vetoed by")
    String vetoedByColumn();

    @Message("Veto date")
    String vetoDateColumn();

    @Message("Evaluation {id}")
    String evaluation(String id);

    @Message("Vetoed item")
    String vetoedItemColumn();

    @Message("yes")
    String yes();

    @Message("no")
    String no();
}
