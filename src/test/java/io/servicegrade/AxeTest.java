package io.servicegrade;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Axe} finds what it is there to find: a page with an image without a text alternative and grey text on white
 * fails with both rules named, their targets and help; the same page with the two mended passes. The faint draft
 * watermark both pages carry is the one element {@link Axe#EXCUSED} lets the contrast rule pass over.
 */
class AxeTest {

    /** #aaaaaa on white is 2.32:1, below the 4.5:1 WCAG AA asks of normal text; #595959 is 7:1. */
    static final String PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Axe test</title></head>
            <body><main><h1>A test page</h1>
            <div class="watermark" aria-hidden="true" style="color:#f1e9e0">DRAFT</div>
            <img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" %s>
            <p id="faint" style="color:%s;background:#ffffff;font-size:14px">Queue time this quarter</p>
            </main></body></html>""";

    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        Axe.require();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anImageWithoutAltAndLowContrastTextAreReportedWithTheirTargets() {
        show(PAGE.formatted("", "#aaaaaa"));
        List<Axe.Violation> found = Axe.check(browser, "broken");
        assertThat(found).extracting(Axe.Violation::rule).contains("image-alt", "color-contrast");
        Axe.Violation alt = found.stream().filter(v -> v.rule().equals("image-alt")).findFirst().orElseThrow();
        assertThat(alt.impact()).isEqualTo("critical");
        assertThat(alt.targets()).singleElement().asString().startsWith("#logo ::");
        Axe.Violation contrast = found.stream().filter(v -> v.rule().equals("color-contrast")).findFirst().orElseThrow();
        assertThat(contrast.targets()).singleElement().asString().startsWith("#faint ::").contains("2.32");
        assertThat(contrast.toString()).startsWith("broken: color-contrast (serious) ").contains("dequeuniversity.com");
    }

    @Test
    void theSamePageMendedHasNoViolation() {
        show(PAGE.formatted("alt=\"ServiceGrade\"", "#595959"));
        assertThat(Axe.check(browser, "mended")).isEmpty();
    }

    private static void show(String html) {
        browser.get("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
