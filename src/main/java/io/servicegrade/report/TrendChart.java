package io.servicegrade.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of a unit's value over periods, drawn on the server as SVG: it prints, needs no script, and
 * carries its own title and a text label on every point for readers who cannot see the line.
 */
final class TrendChart {

    /** One period's value; null when the unit had none. */
    record Point(String label, BigDecimal value) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int PAD = 48;

    private TrendChart() {
    }

    static String svg(List<Point> points, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-labelledby=\"trend-title\">")
                .append("<title id=\"trend-title\">").append(escape(title)).append("</title>");
        BigDecimal low = null;
        BigDecimal high = null;
        for (Point p : points) {
            if (p.value() != null) {
                low = low == null || p.value().compareTo(low) < 0 ? p.value() : low;
                high = high == null || p.value().compareTo(high) > 0 ? p.value() : high;
            }
        }
        double min = low == null ? 0 : Math.floor(low.doubleValue() / 5) * 5 - 5;
        double max = high == null ? 100 : Math.min(100, Math.ceil(high.doubleValue() / 5) * 5 + 5);
        if (max <= min) {
            max = min + 10;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        // horizontal grid lines with their values
        for (int i = 0; i <= 4; i++) {
            double value = min + (max - min) * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f"
                    + "</text>", LEFT - 6, y + 4, value));
        }
        StringBuilder line = new StringBuilder();
        int n = points.size();
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            // points stay clear of the edges, so that the first and last labels fit
            double x = LEFT + PAD + (n == 1 ? (plotWidth - 2 * PAD) / 2 : (plotWidth - 2 * PAD) * i / (n - 1));
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                    + "%s</text>", x, HEIGHT - 14, escape(p.label())));
            if (p.value() == null) {
                continue;
            }
            double y = TOP + plotHeight - plotHeight * (p.value().doubleValue() - min) / (max - min);
            line.append(line.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            String shown = p.value().setScale(2, RoundingMode.HALF_UP).toPlainString();
            svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"middle\">%s</text>", x, y - 9, shown));
        }
        if (!line.isEmpty()) {
            svg.append("<path class=\"line\" d=\"").append(line).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
