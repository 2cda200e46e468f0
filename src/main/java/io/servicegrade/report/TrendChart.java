package io.servicegrade.report;

import io.servicegrade.scheme.Scheme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of a unit's value over periods, drawn on the server as SVG: it prints and needs no script. Every
 * label is written from the exact decimal (a point at 92.5 reads 92.5; ticks fall on round values, so a grid line
 * is what its label says), the scheme's grade thresholds are drawn as labelled lines, a vetoed period carries a
 * cross and the word, and a title and a description say the same for readers who cannot see the chart. It is
 * {@value #WIDTH} units wide with text of {@value Svg#FONT}, so that scaled to a phone's width (297 CSS px of a
 * 360 px screen, less its padding and a scrollbar) the text is still 12 px; hence at most {@value #MAX_POINTS} periods, the latest (the
 * periods table beside it lists them all).
 */
final class TrendChart {

    /** One period's value (null when the unit had none) and whether the unit was vetoed in it. */
    record Point(String label, BigDecimal value, boolean vetoed) {

        Point(String label, BigDecimal value) {
            this(label, value, false);
        }
    }

    /** A grade's minimum, drawn as a line across the chart with its label (e.g. "示范窗口 90"). */
    record Threshold(String label, BigDecimal value) {
    }

    static final int WIDTH = 390;
    static final int MAX_POINTS = 5;
    private static final int LEFT = 40;
    private static final int RIGHT = 8;
    private static final int TOP = 44;
    private static final int PLOT = 200;
    private static final int LINE = Svg.FONT + 4;
    private static final BigDecimal[] STEPS = {BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.valueOf(5),
            BigDecimal.TEN, BigDecimal.valueOf(20), BigDecimal.valueOf(25), BigDecimal.valueOf(50),
            BigDecimal.valueOf(100), BigDecimal.valueOf(250), BigDecimal.valueOf(500), BigDecimal.valueOf(1000)};

    private TrendChart() {
    }

    /**
     * The scheme's grade thresholds on composites, best grade first: each minimum a grade's rule requires of a
     * composite (alone or with other conditions all required), labelled with the grade and the figure, and with the
     * composite's name when it is not the ranking one the chart plots. A minimum that is one choice among others
     * ({@code any}) is no line a unit must cross, and is left out.
     */
    static List<Threshold> thresholds(Scheme scheme, String lang, ChartMessages cm) {
        List<Threshold> lines = new ArrayList<>();
        for (Scheme.Grade grade : scheme.grades()) {
            List<Scheme.Condition.Compare> minimums = new ArrayList<>();
            required(grade.when(), minimums);
            for (Scheme.Condition.Compare c : minimums) {
                String name = grade.name().in(lang);
                String figure = Svg.number(c.min());
                Scheme.Composite composite = scheme.composite(c.key());
                lines.add(new Threshold(c.key().equals(scheme.rankBy()) || composite == null
                        ? cm.trendThreshold(name, figure)
                        : cm.trendThresholdOn(name, figure, composite.name().in(lang)), c.min()));
            }
        }
        return lines;
    }

    private static void required(Scheme.Condition condition,
            List<Scheme.Condition.Compare> into) {
        if (condition instanceof Scheme.Condition.Compare c
                && c.operand() == Scheme.Operand.COMPOSITE && c.min() != null) {
            into.add(c);
        } else if (condition instanceof Scheme.Condition.All all) {
            all.conditions().forEach(each -> required(each, into));
        }
    }

    /** The points the chart draws: the latest {@value #MAX_POINTS}. */
    static List<Point> shown(List<Point> points) {
        return points.subList(Math.max(0, points.size() - MAX_POINTS), points.size());
    }

    static String svg(List<Point> all, List<Threshold> thresholds, String title, ChartMessages cm) {
        List<Point> points = shown(all);
        BigDecimal low = null;
        BigDecimal high = null;
        List<BigDecimal> figures = new ArrayList<>();
        points.stream().map(Point::value).filter(v -> v != null).forEach(figures::add);
        thresholds.forEach(t -> figures.add(t.value()));
        for (BigDecimal v : figures) {
            low = low == null || v.compareTo(low) < 0 ? v : low;
            high = high == null || v.compareTo(high) > 0 ? v : high;
        }
        if (low == null) {
            low = BigDecimal.ZERO;
            high = BigDecimal.valueOf(100);
        }
        Scale scale = Scale.of(low, high);

        int n = points.size();
        BigDecimal plotWidth = BigDecimal.valueOf(WIDTH - LEFT - RIGHT);
        BigDecimal band = n == 0 ? plotWidth : plotWidth.divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
        // period labels on two lines (2025年 / 第三季度, Q3 / 2025); upright when every line fits its band
        List<String[]> labels = points.stream().map(p -> lines(p.label())).toList();
        int widest = labels.stream().flatMap(java.util.Arrays::stream).mapToInt(l -> Svg.width(l, Svg.FONT)).max()
                .orElse(0);
        boolean upright = widest <= band.intValue() - 4;
        int longest = points.stream().mapToInt(p -> Svg.width(p.label(), Svg.FONT)).max().orElse(0);
        int axis = TOP + PLOT;
        int height = axis + (upright ? 12 + 2 * LINE : 16 + longest) + 8;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" aria-labelledby=\"trend-title trend-desc\">")
                .append("<title id=\"trend-title\">").append(Svg.escape(title)).append("</title>")
                .append("<desc id=\"trend-desc\">").append(Svg.escape(description(all, points, thresholds, cm)))
                .append("</desc>");
        for (BigDecimal tick = scale.low(); tick.compareTo(scale.high()) <= 0; tick = tick.add(scale.step())) {
            String y = Svg.at(scale.y(tick));
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(y).append("\"/>");
            svg.append(Svg.text("axis tick", Svg.at(LEFT - 6), Svg.at(scale.y(tick).add(BigDecimal.valueOf(5))),
                    "end", Svg.number(tick)));
        }
        thresholds(svg, thresholds, scale);

        StringBuilder line = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        boolean joined = false;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            BigDecimal x = band.multiply(BigDecimal.valueOf(2L * i + 1)).divide(BigDecimal.valueOf(2), 4,
                    RoundingMode.HALF_UP).add(BigDecimal.valueOf(LEFT));
            String[] label = labels.get(i);
            if (upright) {
                for (int l = 0; l < label.length; l++) {
                    svg.append(Svg.text("axis period", Svg.at(x), Svg.at(axis + 12 + LINE * (l + 1) - 4), "middle",
                            label[l]));
                }
            } else {
                // upright labels would overlap: each reads upwards from below the axis
                String y = Svg.at(axis + 12);
                svg.append("<text class=\"axis period\" x=\"").append(Svg.at(x.add(BigDecimal.valueOf(5))))
                        .append("\" y=\"").append(y).append("\" text-anchor=\"end\" font-size=\"").append(Svg.FONT)
                        .append("\" transform=\"rotate(-90 ").append(Svg.at(x.add(BigDecimal.valueOf(5))))
                        .append(' ').append(y).append(")\">").append(Svg.escape(p.label())).append("</text>");
            }
            if (p.value() == null) {
                joined = false;
                continue;
            }
            BigDecimal y = scale.y(p.value());
            line.append(joined ? " L" : line.isEmpty() ? "M" : " M").append(Svg.at(x)).append(' ').append(Svg.at(y));
            joined = true;
            if (p.vetoed()) {
                // a cross, not a dot, and the word above the value: a veto is not told by colour alone
                BigDecimal r = BigDecimal.valueOf(6);
                marks.append("<path class=\"veto\" d=\"M").append(Svg.at(x.subtract(r))).append(' ')
                        .append(Svg.at(y.subtract(r))).append(" L").append(Svg.at(x.add(r))).append(' ')
                        .append(Svg.at(y.add(r))).append(" M").append(Svg.at(x.subtract(r))).append(' ')
                        .append(Svg.at(y.add(r))).append(" L").append(Svg.at(x.add(r))).append(' ')
                        .append(Svg.at(y.subtract(r))).append("\"/>");
                marks.append(Svg.text("veto-label", Svg.at(x), Svg.at(y.subtract(BigDecimal.valueOf(12 + LINE))),
                        "middle", cm.trendVetoed()));
            } else {
                marks.append("<circle class=\"point\" cx=\"").append(Svg.at(x)).append("\" cy=\"")
                        .append(Svg.at(y)).append("\" r=\"4\"/>");
            }
            marks.append(Svg.text("value", Svg.at(x), Svg.at(y.subtract(BigDecimal.valueOf(10))), "middle",
                    Svg.number(p.value())));
        }
        if (!line.isEmpty()) {
            svg.append("<path class=\"line\" d=\"").append(line).append("\"/>");
        }
        return svg.append(marks).append("</svg>").toString();
    }

    /** Each threshold a dashed line with its label above it at the left; a label too near the one before goes right. */
    private static void thresholds(StringBuilder svg, List<Threshold> thresholds, Scale scale) {
        BigDecimal previous = null;
        boolean right = false;
        for (Threshold t : thresholds.stream().sorted((a, b) -> b.value().compareTo(a.value())).toList()) {
            BigDecimal y = scale.y(t.value());
            svg.append("<line class=\"threshold\" x1=\"").append(LEFT).append("\" y1=\"").append(Svg.at(y))
                    .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(Svg.at(y)).append("\"/>");
            right = previous != null && y.subtract(previous).compareTo(BigDecimal.valueOf(LINE)) < 0 && !right;
            svg.append(Svg.text("threshold-label", Svg.at(right ? WIDTH - RIGHT - 4 : LEFT + 4),
                    Svg.at(y.subtract(BigDecimal.valueOf(4))), right ? "end" : "start", t.label()));
            previous = y;
        }
    }

    /** The chart in words: each period's value (and veto), the grade lines, and which periods it leaves out. */
    static String description(List<Point> all, List<Point> points, List<Threshold> thresholds, ChartMessages cm) {
        List<String> parts = new ArrayList<>();
        for (Point p : points) {
            parts.add(p.value() == null ? cm.trendNoValue(p.label()) : p.vetoed()
                    ? cm.trendPointVetoed(p.label(), Svg.number(p.value()))
                    : cm.trendPoint(p.label(), Svg.number(p.value())));
        }
        StringBuilder text = new StringBuilder(String.join(cm.listSeparator(), parts)).append(cm.sentenceEnd());
        if (!thresholds.isEmpty()) {
            text.append(' ').append(cm.trendLines(String.join(cm.listSeparator(),
                    thresholds.stream().map(Threshold::label).toList())));
        }
        if (points.size() < all.size()) {
            text.append(' ').append(cm.trendLatest(points.size(), all.size()));
        }
        return text.toString();
    }

    /** A label on two lines: broken after 年 or at its last space; one line when it has neither. */
    static String[] lines(String label) {
        int year = label.indexOf('年');
        if (year > 0 && year < label.length() - 1) {
            return new String[] {label.substring(0, year + 1), label.substring(year + 1)};
        }
        int space = label.lastIndexOf(' ');
        return space > 0 && space < label.length() - 1
                ? new String[] {label.substring(0, space), label.substring(space + 1)}
                : new String[] {label};
    }

    /**
     * The value axis: from {@code low} to {@code high} in steps of {@code step}, the figures shown at least half a
     * step inside, not below 0 nor above 100 unless a figure is; at most 6 steps.
     */
    record Scale(BigDecimal low, BigDecimal high, BigDecimal step) {

        static Scale of(BigDecimal min, BigDecimal max) {
            BigDecimal low = null;
            BigDecimal high = null;
            BigDecimal step = null;
            for (BigDecimal s : STEPS) {
                BigDecimal half = s.divide(BigDecimal.valueOf(2));
                low = min.subtract(half).divide(s, 0, RoundingMode.FLOOR).multiply(s);
                high = max.add(half).divide(s, 0, RoundingMode.CEILING).multiply(s);
                if (min.signum() >= 0 && low.signum() < 0) {
                    low = BigDecimal.ZERO;
                }
                BigDecimal hundred = BigDecimal.valueOf(100);
                if (max.compareTo(hundred) <= 0 && high.compareTo(hundred) > 0) {
                    high = hundred.max(low.add(s));
                }
                step = s;
                if (high.subtract(low).divide(s, 0, RoundingMode.CEILING).intValue() <= 6) {
                    break;
                }
            }
            return new Scale(low, high, step);
        }

        /** Where {@code value} is drawn, in the chart's units from its top. */
        BigDecimal y(BigDecimal value) {
            return high.subtract(value).multiply(BigDecimal.valueOf(PLOT))
                    .divide(high.subtract(low), 4, RoundingMode.HALF_UP).add(BigDecimal.valueOf(TOP));
        }
    }
}
