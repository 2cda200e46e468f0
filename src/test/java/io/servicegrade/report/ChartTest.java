package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 20, point 7: the scorecard's trend chart and the bulletin's grade distribution, read as XML from the pages.
 * A region of two branches, each with three windows, under a fresh quarterly scheme from 2025 that ranks by the plain
 * average (inspection and mystery shop, half each): model needs the weighted composite (0.4 / 0.6) at 90,
 * compliant the average at 85.
 */
@QuarkusTest
class ChartTest {

    /** The width a 360 px phone leaves the chart: less the page's padding (24 px each side) and a 15 px scrollbar. */
    static final int PHONE_WIDTH = 297;

    record Data(String p, String scheme) {

        static Data make() {
            String p = freshPrefix();
            List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind",
                    "region")));
            for (int b = 1; b <= 2; b++) {
                units.add(Map.of("code", p + ".B" + b, "name", "分局" + b, "kind", "branch", "parent", p));
                for (int w = 3 * b - 2; w <= 3 * b; w++) {
                    units.add(Map.of("code", p + ".B" + b + ".W" + w, "name", "窗口" + w, "kind", "window", "parent",
                            p + ".B" + b));
                }
            }
            // B3: a window never evaluated, so B3 is no group of the distribution
            units.add(Map.of("code", p + ".B3", "name", "分局3", "kind", "branch", "parent", p));
            units.add(Map.of("code", p + ".B3.W7", "name", "窗口7", "kind", "window", "parent", p + ".B3"));
            asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
            String rubric = p.toLowerCase() + "-rubric";
            String scheme = p.toLowerCase() + "-scheme";
            SchemeStandingsTest.rubric(rubric);
            SchemeVersionsTest.put(scheme, """
                    name: {zh-CN: 图表方案, en: Chart scheme}
                    kinds: [window]
                    activeFrom: 2025-01-01
                    period: quarter
                    timeZone: Asia/Shanghai
                    sources:
                      - {source: inspection, rubric: %s}
                      - {source: mystery_shop, rubric: %s}
                    composites:
                      - {key: average, name: {zh-CN: 平均, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
                      - {key: weighted, name: {zh-CN: 加权, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
                    grades:
                      - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: 90}
                      - {key: compliant, name: {zh-CN: 达标, en: Compliant}, composite: average, min: 85}
                      - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                    rankBy: average
                    """.formatted(rubric, rubric)).statusCode(201);
            String q1 = "2025-02-10T10:00:00+08:00";
            String q2 = "2025-05-10T10:00:00+08:00";
            String q3 = "2025-08-10T10:00:00+08:00";
            String b1 = p + ".B1.W";
            String b2 = p + ".B2.W";
            SchemeVersionsTest.post(List.of(
                    // W1: Q1 average (92 + 93) / 2 = 92.5 (weighted 36.8 + 55.8 = 92.6: model)
                    evaluation(p + "-1a", "inspection", b1 + 1, rubric, q1, 92, true),
                    evaluation(p + "-1b", "mystery_shop", b1 + 1, rubric, q1, 93, true),
                    // Q2 average 88, vetoed by the inspection's failed sign: last grade
                    evaluation(p + "-1c", "inspection", b1 + 1, rubric, q2, 88, false),
                    evaluation(p + "-1d", "mystery_shop", b1 + 1, rubric, q2, 88, true),
                    // Q3 inspection mean (79 + 80) / 2 = 79.5, average (79.5 + 79) / 2 = 79.25
                    evaluation(p + "-1e", "inspection", b1 + 1, rubric, q3, 79, true),
                    evaluation(p + "-1f", "inspection", b1 + 1, rubric, "2025-08-20T10:00:00+08:00", 80, true),
                    evaluation(p + "-1g", "mystery_shop", b1 + 1, rubric, q3, 79, true),
                    // Q2, W2: 95 / 95, model; W3: average (86 + 84) / 2 = 85 compliant, weighted 34.4 + 50.4 = 84.8
                    evaluation(p + "-2a", "inspection", b1 + 2, rubric, q2, 95, true),
                    evaluation(p + "-2b", "mystery_shop", b1 + 2, rubric, q2, 95, true),
                    evaluation(p + "-3a", "inspection", b1 + 3, rubric, q2, 86, true),
                    evaluation(p + "-3b", "mystery_shop", b1 + 3, rubric, q2, 84, true),
                    // Q2, W4: 80 / 80 not compliant; W5: average 90.5, weighted 36 + 54.6 = 90.6 model;
                    // W6: an inspection only, so no composite: on the board without a grade
                    evaluation(p + "-4a", "inspection", b2 + 4, rubric, q2, 80, true),
                    evaluation(p + "-4b", "mystery_shop", b2 + 4, rubric, q2, 80, true),
                    evaluation(p + "-5a", "inspection", b2 + 5, rubric, q2, 90, true),
                    evaluation(p + "-5b", "mystery_shop", b2 + 5, rubric, q2, 91, true),
                    evaluation(p + "-6a", "inspection", b2 + 6, rubric, q2, 90, true)));
            return new Data(p, scheme);
        }
    }

    static Document svg(String html, String css) throws Exception {
        int start = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + css + "\"");
        assertThat(start).as("the page has the " + css + " chart").isGreaterThanOrEqualTo(0);
        String svg = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Document svg, String tag, String css) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (css == null || List.of(e.getAttribute("class").split(" ")).contains(css)) {
                found.add(e);
            }
        }
        return found;
    }

    static List<String> texts(Document svg, String css) {
        return elements(svg, "text", css).stream().map(Element::getTextContent).toList();
    }

    static BigDecimal number(Element e, String attribute) {
        return new BigDecimal(e.getAttribute(attribute));
    }

    /** Every text of the chart is at least 12 CSS px once its viewBox is scaled to a phone's page width. */
    static void legibleOnAPhone(Document svg) {
        String[] box = svg.getDocumentElement().getAttribute("viewBox").split(" ");
        assertThat(box).hasSize(4);
        BigDecimal width = new BigDecimal(box[2]);
        List<Element> texts = elements(svg, "text", null);
        assertThat(texts).isNotEmpty();
        for (Element text : texts) {
            BigDecimal size = number(text, "font-size");
            assertThat(size.multiply(BigDecimal.valueOf(PHONE_WIDTH)).divide(width, 2, java.math.RoundingMode.FLOOR))
                    .as("the rendered size of \"" + text.getTextContent() + "\"").isGreaterThanOrEqualTo(
                            BigDecimal.valueOf(12));
        }
    }

    @Test
    void theTrendChartLabelsExactValuesDrawsGradeLinesAndMarksTheVetoedPeriod() throws Exception {
        Data d = Data.make();
        String html = ReportResourceTest.page("/reports/scorecard", Map.of("scheme", d.scheme(), "unit",
                d.p() + ".B1.W1", "period", "2025-Q3"));
        Document svg = svg(html, "trend");
        Element root = svg.getDocumentElement();
        assertThat(root.getAttribute("viewBox")).startsWith("0 0 390 ");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        legibleOnAPhone(svg);

        // the points, from the decimals: 92.5, 88 and 79.25, not 93, 88 and 79
        assertThat(texts(svg, "value")).containsExactly("92.5", "88", "79.25");
        // the axis from 75 to 95 in steps of 5: the figures lie within, at least half a step from the edges
        assertThat(texts(svg, "tick")).containsExactly("75", "80", "85", "90", "95");
        // the plot is 200 high from y = 44: a value v is at 44 + 200 × (95 − v) / 20
        List<Element> grid = elements(svg, "line", "grid");
        assertThat(grid.stream().map(l -> number(l, "y1").stripTrailingZeros().toPlainString()))
                .containsExactly("244", "194", "144", "94", "44");
        List<Element> points = elements(svg, "circle", "point");
        assertThat(points.stream().map(c -> number(c, "cy").stripTrailingZeros().toPlainString()))
                // 92.5: 44 + 25 = 69; 79.25: 44 + 157.5 = 201.5 (88 is vetoed: a cross, not a dot)
                .containsExactly("69", "201.5");

        // the grade lines at the scheme's minimums: model 90 on the weighted composite (not the one plotted, so
        // named), compliant 85 on the plotted average
        assertThat(texts(svg, "threshold-label")).containsExactly("示范窗口 90（加权）", "达标 85");
        assertThat(elements(svg, "line", "threshold").stream().map(l -> number(l, "y1").stripTrailingZeros()
                .toPlainString())).containsExactly("94", "144");

        // the vetoed quarter: a cross at 88 (y = 44 + 70 = 114) in the middle band, and the word
        List<Element> veto = elements(svg, "path", "veto");
        assertThat(veto).hasSize(1);
        // three bands of 342 / 3 = 114 from x = 40: the second's middle is 40 + 171 = 211; the cross spans ±6
        assertThat(veto.get(0).getAttribute("d")).isEqualTo("M205.0 108.0 L217.0 120.0 M205.0 120.0 L217.0 108.0");
        assertThat(texts(svg, "veto-label")).containsExactly("一票否决");

        // in words for a screen reader, and in the periods table below the chart
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).contains("窗口1");
        assertThat(svg.getElementsByTagName("desc").item(0).getTextContent()).isEqualTo(
                "2025年第一季度：92.5；2025年第二季度：88，一票否决；2025年第三季度：79.25。 等级线：示范窗口 90（加权）；达标 85。");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("trend-title trend-desc");
        ReportResourceTest.inOrder(html, "</svg>", "<table id=\"table-periods\"", "92.50", "88.00", "79.25");

        String en = ReportResourceTest.page("/reports/scorecard", Map.of("scheme", d.scheme(), "unit",
                d.p() + ".B1.W1", "period", "2025-Q3", "lang", "en"));
        Document english = svg(en, "trend");
        assertThat(texts(english, "threshold-label")).containsExactly("Model window 90 (Weighted)", "Compliant 85");
        assertThat(texts(english, "veto-label")).containsExactly("Vetoed");
        assertThat(texts(english, "period")).containsExactly("Q1", "2025", "Q2", "2025", "Q3", "2025");
        legibleOnAPhone(english);
    }

    @Test
    void theBulletinCountsEachBranchsUnitsByGradeInAChartAndATable() throws Exception {
        Data d = Data.make();
        Map<String, String> query = Map.of("scheme", d.scheme(), "period", "2025-Q2");
        // by hand: B1 W2 model, W3 compliant, W1 vetoed (last grade); B2 W5 model, W4 not compliant, W6 ungraded;
        // B3 none evaluated: left out
        String csv = given().queryParams(query).queryParam("format", "csv").queryParam("table", "distribution")
                .get("/reports/bulletin").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertThat(csv).startsWith("\uFEFF县（区）局,代码,已评定,示范窗口,达标,未达标,其中一票否决,未评定");
        assertThat(csv.lines().filter(l -> l.contains(d.p() + ".B")).toList()).containsExactlyInAnyOrder(
                "分局1," + d.p() + ".B1,3,1,1,1,1,0",
                "分局2," + d.p() + ".B2,2,1,0,1,0,1");

        String html = ReportResourceTest.page("/reports/bulletin", query);
        ReportResourceTest.inOrder(html, "等级分布（按县（区）局）", "<svg", "</svg>", "<table id=\"table-distribution\"");
        Document svg = svg(html, "distribution");
        assertThat(svg.getDocumentElement().getAttribute("viewBox")).startsWith("0 0 390 ");
        legibleOnAPhone(svg);
        List<String> groups = texts(svg, "group");
        assertThat(groups).contains("分局1 (" + d.p() + ".B1)", "分局2 (" + d.p() + ".B2)")
                .doesNotContain("分局3 (" + d.p() + ".B3)");
        List<String> counts = texts(svg, "counts");
        assertThat(counts).contains("示范窗口 1 · 达标 1 · 未达标 1 · 一票否决 1", "示范窗口 1 · 达标 0 · 未达标 1 · 未评定 1");
        // one vetoed segment (hatched), in B1's bar
        assertThat(elements(svg, "rect", "vetoed").stream().filter(r -> !r.getAttribute("y").equals("")).count())
                .isGreaterThanOrEqualTo(2); // the legend's swatch and B1's segment
        assertThat(svg.getElementsByTagName("desc").item(0).getTextContent()).contains(
                "分局1 (" + d.p() + ".B1)：示范窗口 1；达标 1；未达标 1；一票否决 1");

        String en = ReportResourceTest.page("/reports/bulletin", Map.of("scheme", d.scheme(), "period", "2025-Q2",
                "lang", "en"));
        assertThat(en).contains("Grade distribution by branch");
        Document english = svg(en, "distribution");
        legibleOnAPhone(english);
        assertThat(texts(english, "counts")).anyMatch(t -> t.startsWith("Model window 1 · Compliant 1"));
    }
}
