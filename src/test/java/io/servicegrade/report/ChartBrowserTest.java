package io.servicegrade.report;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the charts as a phone shows them, in headless Chromium at 360 px wide: every text of the trend chart
 * and of the grade distribution is drawn at 12 CSS px or more, no chart reaches past the screen, and axe-core finds
 * nothing ({@link io.servicegrade.Axe}). Screenshots go to target/screenshots-charts.
 */
@QuarkusTest
class ChartBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots-charts");

    /** The smallest drawn text size of the page's charts (its scale on screen included), how many, the page width. */
    static final String MEASURE = """
            var min = 1e9, n = 0, right = 0;
            document.querySelectorAll('svg.trend text, svg.distribution text').forEach(function (t) {
              var m = t.getScreenCTM();
              var size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
              min = Math.min(min, size); n++;
            });
            document.querySelectorAll('figure.chart').forEach(function (f) {
              right = Math.max(right, f.getBoundingClientRect().right);
            });
            return [min, n, right, document.documentElement.clientWidth];
            """;

    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        io.servicegrade.Chromium.require();
        io.servicegrade.Axe.require();
        browser = io.servicegrade.Chromium.start(360, 1400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theChartsTextIsAtLeast12PxOnAPhone() throws Exception {
        ChartTest.Data d = ChartTest.Data.make();
        for (String[] page : List.of(
                new String[] {"trend-zh", "/reports/scorecard?scheme=" + d.scheme() + "&unit=" + d.p()
                        + ".B1.W1&period=2025-Q3&lang=zh-CN"},
                new String[] {"trend-en", "/reports/scorecard?scheme=" + d.scheme() + "&unit=" + d.p()
                        + ".B1.W1&period=2025-Q3&lang=en"},
                new String[] {"distribution-zh", "/reports/bulletin?scheme=" + d.scheme()
                        + "&period=2025-Q2&lang=zh-CN"},
                new String[] {"distribution-en", "/reports/bulletin?scheme=" + d.scheme()
                        + "&period=2025-Q2&lang=en"})) {
            browser.get(new URL(base, page[1]).toString());
            @SuppressWarnings("unchecked")
            List<Number> measured = (List<Number>) browser.executeScript(MEASURE);
            double smallest = measured.get(0).doubleValue();
            assertThat(measured.get(3).intValue()).as(page[0] + ": the viewport's width").isLessThanOrEqualTo(360);
            assertThat(measured.get(1).intValue()).as(page[0] + ": texts in the chart").isGreaterThan(5);
            assertThat(smallest).as(page[0] + ": the smallest chart text in CSS px").isGreaterThanOrEqualTo(12.0);
            assertThat(measured.get(2).doubleValue()).as(page[0] + ": the chart's right edge")
                    .isLessThanOrEqualTo(measured.get(3).doubleValue());
            browser.executeScript("document.querySelector('figure.chart').scrollIntoView()");
            io.servicegrade.Chromium.screenshot(browser, SCREENSHOTS, page[0]);
            assertThat(io.servicegrade.Axe.check(browser, page[0])).as(page[0] + ": what axe-core finds").isEmpty();
        }
    }
}
