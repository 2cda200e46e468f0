package io.servicegrade.scoring;

import java.util.function.Supplier;

/**
 * A bilingual explanation worded only when someone reads it: scoring sits on the ingestion hot path, and
 * most breakdowns are stored as numbers long before anyone asks why.
 */
public final class Explanation {

    private final Supplier<LocalizedText> wording;
    private volatile LocalizedText text;

    Explanation(Supplier<LocalizedText> wording) {
        this.wording = wording;
    }

    static Explanation of(LocalizedText text) {
        Explanation explanation = new Explanation(() -> text);
        explanation.text = text;
        return explanation;
    }

    public LocalizedText text() {
        LocalizedText t = text;
        if (t == null) {
            t = wording.get();
            text = t;
        }
        return t;
    }

    public String zhCN() {
        return text().zhCN();
    }

    public String en() {
        return text().en();
    }

    public String in(String language) {
        return text().in(language);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Explanation e && text().equals(e.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text().toString();
    }
}
