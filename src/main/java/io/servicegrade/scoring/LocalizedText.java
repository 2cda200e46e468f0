package io.servicegrade.scoring;

import java.util.Objects;

/** A text in the two languages the product speaks: Chinese ({@code zh-CN}) and English ({@code en}). */
public record LocalizedText(String zhCN, String en) {

    public LocalizedText {
        Objects.requireNonNull(zhCN, "zhCN");
        Objects.requireNonNull(en, "en");
    }

    /** The text for a language tag; Chinese for any {@code zh*} tag, English otherwise. */
    public String in(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? zhCN : en;
    }
}
