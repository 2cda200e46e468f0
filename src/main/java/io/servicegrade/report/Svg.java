package io.servicegrade.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the server-drawn charts share: text escaped for XML, figures written exactly from their decimals (92.5 is
 * "92.5", never "93"), coordinates to a tenth of a unit, and a width estimate for laying text out without a font.
 */
final class Svg {

    /**
     * Every chart's text size in its own units; the charts are 390 wide, so this is 12 CSS px or more on a 360 px
     * phone (297 px left for the chart: 24 px padding each side, a 15 px scrollbar).
     */
    static final int FONT = 16;

    private Svg() {
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A figure as it is, without trailing zeros: 92.50 is "92.5", 88.00 is "88", 79.25 is "79.25". */
    static String number(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal plain = value.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }

    /** A coordinate to a tenth. */
    static String at(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String at(int value) {
        return Integer.toString(value);
    }

    /**
     * About how wide {@code text} is at {@code size}: a Chinese character takes a full em, anything else about
     * six tenths of one (a margin for the widest Latin letters); enough to keep labels apart.
     */
    static int width(String text, int size) {
        int tenths = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            tenths += c >= 0x2E80 ? 10 : 6;
            i += Character.charCount(c);
        }
        return (tenths * size + 9) / 10;
    }

    /** The charts' texts in the page's language. */
    static ChartMessages messages(ReportLanguage language) {
        return io.quarkus.qute.i18n.MessageBundles.get(ChartMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /** A text element at the charts' size. */
    static String text(String css, String x, String y, String anchor, String content) {
        return "<text class=\"" + css + "\" x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor
                + "\" font-size=\"" + FONT + "\">" + escape(content) + "</text>";
    }
}
