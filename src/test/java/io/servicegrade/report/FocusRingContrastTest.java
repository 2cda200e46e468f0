package io.servicegrade.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the focus ring of the report pages' stylesheet (the one {@code layout.html} links) is seen against what
 * is behind it: at least 3:1 (WCAG 2.2, 1.4.11 non-text contrast) by WCAG's relative-luminance formula, computed
 * from the stylesheet's own colour values, on every focusable element: links, buttons, inputs, selects.
 */
class FocusRingContrastTest {

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");

    @Test
    void theFocusRingHasAtLeastThreeToOneAgainstEveryBackgroundItIsDrawnOn() throws IOException {
        Map<String, String> rules = rules(css());
        String paper = variable(rules, "--paper");
        String nav = colour(rules.get("nav.top"), "background");

        String ring = null;
        String navRing = null;
        List<String> covered = new ArrayList<>();
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            if (!rule.getKey().contains(":focus")) {
                continue;
            }
            String outline = colour(rule.getValue(), "outline");
            String outlineColor = colour(rule.getValue(), "outline-color");
            String colour = outlineColor != null ? outlineColor : outline;
            if (colour == null) {
                continue;
            }
            if (rule.getKey().trim().startsWith("nav.top")) {
                navRing = colour;
            } else {
                ring = colour;
                covered.addAll(List.of(rule.getKey().split(",")).stream().map(String::trim).toList());
            }
        }
        assertThat(covered).contains("a:focus", "button:focus", "input:focus", "select:focus");
        assertThat(ring).as("the focus ring's colour").isNotNull();
        assertThat(contrast(ring, paper)).as("ring %s on the page %s", ring, paper).isGreaterThanOrEqualTo(3.0);
        // every light background a focusable element sits on: filters, table heads, graded and vetoed rows
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            String background = colour(rule.getValue(), "background");
            if (background != null && !rule.getKey().contains("nav.top") && !rule.getKey().contains(":focus")) {
                assertThat(contrast(ring, background)).as("ring %s on %s (%s)", ring, background, rule.getKey())
                        .isGreaterThanOrEqualTo(3.0);
            }
        }
        assertThat(navRing).as("the navigation bar's focus ring").isNotNull();
        assertThat(contrast(navRing, nav)).as("ring %s on the navigation bar %s", navRing, nav)
                .isGreaterThanOrEqualTo(3.0);
        // the ring of earlier versions, amber on white, was 1.6:1: the formula says so too
        assertThat(contrast("#ffbf47", "#ffffff")).isLessThan(1.7);
    }

    /** WCAG's contrast ratio of two colours: (L1 + 0.05) / (L2 + 0.05), the lighter's luminance over the darker's. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG's relative luminance of an sRGB colour written #rrggbb or #rgb. */
    static double luminance(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
            channels[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    private static String css() throws IOException {
        try (InputStream in = FocusRingContrastTest.class.getResourceAsStream("/META-INF/resources/reports.css")) {
            assertThat(in).as("the report pages' stylesheet").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }

    /** The stylesheet's rules outside @media blocks, by selector (a later rule of the same selector adds to it). */
    private static Map<String, String> rules(String css) {
        String top = css.replaceAll("(?s)@media[^{]*\\{(?:[^{}]*\\{[^{}]*})*[^{}]*}", "");
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher m = RULE.matcher(top);
        while (m.find()) {
            rules.merge(m.group(1).trim().replaceAll("\\s+", " "), m.group(2), (x, y) -> x + ";" + y);
        }
        return rules;
    }

    private static String variable(Map<String, String> rules, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s*:\\s*(#[0-9a-fA-F]{3,6})").matcher(rules.get(":root"));
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    /** The hex colour of a declaration ({@code outline: 3px solid #1a1a1a}), or null. */
    private static String colour(String declarations, String property) {
        if (declarations == null) {
            return null;
        }
        for (String declaration : declarations.split(";")) {
            String[] parts = declaration.split(":", 2);
            if (parts.length == 2 && parts[0].trim().equals(property)) {
                Matcher hex = HEX.matcher(parts[1]);
                return hex.find() ? hex.group() : null;
            }
        }
        return null;
    }
}
