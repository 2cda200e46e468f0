package io.servicegrade.report;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the report pages as they print, in real headless Chromium (as {@link BrowserTest} drives it): a board on
 * landscape A4 with a running header and no table wider than the page, an evaluation sheet on at most two A4 pages,
 * a bulletin whose last column is on the page. The PDFs are Chromium's own ({@code Page.printToPDF}, with its page
 * numbers in the footer), kept under target/print.
 */
@QuarkusTest
class PrintLayoutTest {

    static final Path PDFS = Path.of("target/print");

    /** A4's sides in PostScript points (210 mm and 297 mm). */
    static final double A4_SHORT = 595.3;
    static final double A4_LONG = 841.9;

    /** The width of landscape A4's text, in CSS pixels: 297 mm less the 2 × 10 mm margins, at 96 px an inch. */
    static final int LANDSCAPE_TEXT_PX = (int) Math.floor((297 - 20) / 25.4 * 96);

    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        io.servicegrade.Chromium.require();
        browser = io.servicegrade.Chromium.start();
        Files.createDirectories(PDFS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aBoardPrintsOnLandscapeA4WithItsTitleOnEveryPageAndNoColumnClipped() throws Exception {
        // the demo's own tree: other tests' windows (leftovers of earlier runs too) are not its board's
        String board = "/reports/standings?scheme=" + DemoData.SCHEME + "&period=" + DemoData.quarter()
                + "&under=SZ&lang=zh-CN";
        browser.get(new URL(base, board).toString());
        int rows = browser.findElements(By.cssSelector("main table tbody tr")).size();
        // the demo quarter ranks all 44 demo windows
        assertThat(rows).isGreaterThanOrEqualTo(44);
        Pdf pdf = print("board");
        assertThat(pdf.pages()).as("the board's pages").isNotEmpty().allSatisfy(page -> {
            assertThat(page.width()).as("landscape A4's width").isCloseTo(A4_LONG, org.assertj.core.data.Offset.offset(2.0));
            assertThat(page.height()).as("landscape A4's height").isCloseTo(A4_SHORT, org.assertj.core.data.Offset.offset(2.0));
        });
        assertFitsThePage(board, "standings");
        // portrait A4 printed 6 to 8 rows a page. Landscape at 8 pt holds about 30 rows of a line each; since each
        // unit is named by its full path (the demo's names are bilingual: two lines a row) it holds 11 or so, with the
        // summary above the table on the first page: at least 10 a page (44 rows: 4 pages)
        assertThat(pdf.pages().size()).as(rows + " rows").isLessThanOrEqualTo((rows + 9) / 10);
    }

    @Test
    void aBulletinPrintsOnLandscapeA4WithItsLastColumnOnThePage() throws Exception {
        String bulletin = "/reports/bulletin?scheme=" + DemoData.SCHEME + "&period=" + DemoData.quarter() + "&lang=en";
        browser.get(new URL(base, bulletin).toString());
        Pdf pdf = print("bulletin");
        assertThat(pdf.pages()).isNotEmpty().allSatisfy(page -> assertThat(page.width()).isGreaterThan(page.height()));
        assertFitsThePage(bulletin, "groups");
    }

    @Test
    void anEvaluationSheetPrintsOnAtMostTwoPortraitA4Pages() throws Exception {
        browser.get(new URL(base, "/reports?lang=zh-CN").toString());
        browser.manage().addCookie(new Cookie(ReportResource.COOKIE, ReportResourceTest.signedInCookie(), "/reports"));
        browser.get(new URL(base, "/reports/evaluations/" + DemoData.firstEvaluation() + "?lang=zh-CN").toString());
        assertThat(browser.findElements(By.cssSelector("table.form tbody tr"))).as("the sheet's items").hasSizeGreaterThan(10);
        Pdf pdf = print("sheet");
        assertThat(pdf.pages()).hasSizeBetween(1, 2).allSatisfy(page -> {
            assertThat(page.width()).isCloseTo(A4_SHORT, org.assertj.core.data.Offset.offset(2.0));
            assertThat(page.height()).isCloseTo(A4_LONG, org.assertj.core.data.Offset.offset(2.0));
        });
    }

    /**
     * Lays the page out as print media on a viewport as wide as landscape A4's text: nothing may be wider than it
     * (a wider table is what printing clips), every cell of the table's last column ends within it, and the table's
     * running header (title, scheme, period) is shown, as it is at the top of every printed page.
     */
    private void assertFitsThePage(String path, String table) throws Exception {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        io.servicegrade.Chromium.viewport(browser, LANDSCAPE_TEXT_PX, 800);
        try {
            browser.get(new URL(base, path).toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> layout = (Map<String, Object>) browser.executeScript("""
                    const table = document.getElementById('table-' + arguments[0]);
                    const width = document.documentElement.clientWidth;
                    // the last column printed: a column the print stylesheet hides (the sparklines) is not on paper
                    const last = [...table.querySelectorAll('tbody tr')]
                        .map(r => [...r.children].filter(c => getComputedStyle(c).display !== 'none').pop());
                    return {
                      width: width,
                      scrollWidth: document.documentElement.scrollWidth,
                      lastCells: last.length,
                      outside: last.filter(c => c.getBoundingClientRect().right > width + 0.5
                          || c.getBoundingClientRect().width < 1).map(c => c.textContent),
                      running: getComputedStyle(table.querySelector('thead tr.running')).display,
                      runningText: table.querySelector('thead tr.running').textContent.trim()
                    };""", table);
            io.servicegrade.Chromium.screenshot(browser, PDFS, table + "-print-layout");
            assertThat(((Number) layout.get("scrollWidth")).intValue()).as(path + ": nothing wider than the page")
                    .isLessThanOrEqualTo(((Number) layout.get("width")).intValue());
            assertThat(((Number) layout.get("lastCells")).intValue()).isPositive();
            assertThat((List<?>) layout.get("outside")).as(path + ": last-column cells past the page's edge").isEmpty();
            assertThat(layout.get("running")).isEqualTo("table-row");
            assertThat((String) layout.get("runningText")).contains(browser.findElement(By.tagName("h1")).getText());
        } finally {
            io.servicegrade.Chromium.desktop(browser);
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /** The page as Chromium prints it, on the page size its stylesheet asks for, page numbers in the footer. */
    private static Pdf print(String name) throws Exception {
        Map<String, Object> printed = browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true,
                "printBackground", true, "displayHeaderFooter", true, "headerTemplate", "<span></span>",
                "footerTemplate", "<div style='font-size:8px;width:100%;text-align:center'>"
                        + "<span class='pageNumber'></span> / <span class='totalPages'></span></div>"));
        byte[] bytes = Base64.getDecoder().decode((String) printed.get("data"));
        Files.write(PDFS.resolve(name + ".pdf"), bytes);
        return Pdf.read(bytes);
    }

    /** A page of a PDF: its media box's width and height in points. */
    record PdfPage(double width, double height) {
    }

    /**
     * The pages of a PDF as its structure lists them (Chromium writes each page object, with its media box, as plain
     * text; only the content streams are compressed): enough to count pages and tell portrait from landscape.
     */
    record Pdf(List<PdfPage> pages) {

        static final Pattern PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");
        static final Pattern BOX = Pattern.compile("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*\\]");
        static final Pattern COUNT = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)|/Count\\s+(\\d+)[^>]*?/Type\\s*/Pages\\b");

        static Pdf read(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("%PDF-");
            List<PdfPage> pages = new ArrayList<>();
            Matcher page = PAGE.matcher(text);
            while (page.find()) {
                // the page object's dictionary: from its "obj" to its "endobj"
                int start = text.lastIndexOf(" obj", page.start());
                int end = text.indexOf("endobj", page.end());
                Matcher box = BOX.matcher(text.substring(start, end));
                assertThat(box.find()).as("a media box on each page object").isTrue();
                pages.add(new PdfPage(Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1)),
                        Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2))));
            }
            // a long document's page tree has intermediate nodes (Chromium groups pages by 8): the root's count,
            // the largest, is the document's
            Matcher count = COUNT.matcher(text);
            int counted = -1;
            while (count.find()) {
                counted = Math.max(counted, Integer.parseInt(count.group(1) != null ? count.group(1) : count.group(2)));
            }
            assertThat(counted).as("the page tree's count").isNotNegative();
            assertThat(pages).as("page objects against the page tree's count").hasSize(counted);
            return new Pdf(pages);
        }
    }
}
