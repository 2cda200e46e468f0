package io.servicegrade.account;

import io.quarkus.qute.i18n.Localized;
import io.servicegrade.platform.problem.Languages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The role names and descriptions ({@link RoleMessages}) in a reader's language: the API's and the pages' one choice. */
@ApplicationScoped
public class RoleTexts {

    @Inject
    RoleMessages english;

    @Inject
    @Localized("zh-CN")
    RoleMessages chinese;

    /** Chinese or English. */
    public RoleMessages in(boolean chinese) {
        return chinese ? this.chinese : english;
    }

    /** The language an {@code Accept-Language} header asks for first (Chinese or English). */
    public RoleMessages forAcceptLanguage(String acceptLanguage) {
        return in(Languages.prefersChinese(acceptLanguage));
    }
}
