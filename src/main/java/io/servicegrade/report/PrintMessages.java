package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts printed in a page's margins (issue 20), in English; {@link PrintMessagesZh} has the Chinese, the default.
 * The page number is "before n middle N after": the stylesheet puts the printed page's number and the document's
 * page count between these words, in the page's bottom margin (CSS page-margin boxes), so that they are on every
 * printed page whatever the print dialog's settings.
 */
@MessageBundle(value = "pm", locale = "en")
public interface PrintMessages {

    @Message("Page ")
    String pageBefore();

    @Message(" of ")
    String pageMiddle();

    @Message("")
    String pageAfter();
}
