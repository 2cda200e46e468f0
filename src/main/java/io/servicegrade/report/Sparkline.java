package io.servicegrade.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * A row's sparkline (issue 20): its values over the recent periods as a small line drawn on the server in SVG,
 * oldest left. Decorative: the row carries the same values in words beside it, so the drawing is hidden from screen
 * readers. Styled by the stylesheet (the pages' policy allows no inline style).
 */
final class Sparkline {

    static final int WIDTH = 64;
    static final int HEIGHT = 18;
    private static final int PAD = 3;

    private Sparkline() {
    }

    /** The line through the values (a gap where one is null); empty when there is no value at all. */
    static String svg(List<BigDecimal> values) {
        BigDecimal low = null;
        BigDecimal high = null;
        for (BigDecimal v : values) {
            if (v != null) {
                low = low == null || v.compareTo(low) < 0 ? v : low;
                high = high == null || v.compareTo(high) > 0 ? v : high;
            }
        }
        if (low == null) {
            return "";
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" "
                + "aria-hidden=\"true\" focusable=\"false\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\">");
        BigDecimal span = high.subtract(low);
        int n = values.size();
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            BigDecimal v = values.get(i);
            if (v == null) {
                if (line.length() > 0) {
                    svg.append(polyline(line));
                    line.setLength(0);
                }
                continue;
            }
            String x = coordinate(n == 1 ? BigDecimal.valueOf(WIDTH / 2) : BigDecimal.valueOf(PAD).add(BigDecimal
                    .valueOf((long) (WIDTH - 2 * PAD) * i).divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL64)));
            // the highest value at the top; a flat line in the middle
            BigDecimal fraction = span.signum() == 0 ? new BigDecimal("0.5")
                    : high.subtract(v).divide(span, MathContext.DECIMAL64);
            String y = coordinate(BigDecimal.valueOf(PAD).add(fraction.multiply(BigDecimal.valueOf(HEIGHT - 2 * PAD))));
            line.append(line.length() == 0 ? "" : " ").append(x).append(',').append(y);
            if (i == n - 1) {
                dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2\"/>");
            }
        }
        if (line.length() > 0) {
            svg.append(polyline(line));
        }
        return svg.append(dots).append("</svg>").toString();
    }

    private static String polyline(StringBuilder points) {
        return "<polyline points=\"" + points + "\"/>";
    }

    private static String coordinate(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
