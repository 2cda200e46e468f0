package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The texts printed in a page's margins in Chinese (see {@link PrintMessages}). */
@Localized("zh-CN")
public interface PrintMessagesZh extends PrintMessages {

    @Override
    @Message("第 ")
    String pageBefore();

    @Override
    @Message(" 页，共 ")
    String pageMiddle();

    @Override
    @Message(" 页")
    String pageAfter();
}
