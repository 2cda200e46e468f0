package io.servicegrade.platform.problem;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;

/** Picks the texts for a request from its Accept-Language: Chinese when it asks for zh first, else English. */
@ApplicationScoped
public class Languages {

    @Inject
    ProblemMessages english;

    @Inject
    @Localized("zh-CN")
    ProblemMessages chinese;

    public ProblemMessages problemMessages(String acceptLanguage) {
        return prefersChinese(acceptLanguage) ? chinese : english;
    }

    /** Whether Accept-Language asks for Chinese before English. */
    public static boolean prefersChinese(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return false;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return true;
                }
                if (tag.startsWith("en")) {
                    return false;
                }
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }
}
