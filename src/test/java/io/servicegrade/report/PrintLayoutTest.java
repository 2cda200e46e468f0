package io.servicegrade.report;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.DemoData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the report pages as they print, in real headless Chromium (as {@link BrowserTest} drives it), read back
 * page by page with PDFBox: a board on landscape A4 with the page's title, scheme and period and its own page number
 * on every page, and every row's last column on the page that holds the row; a bulletin likewise; an evaluation
 * sheet on at most two A4 pages. The PDFs (Chromium's own {@code Page.printToPDF}, with no header or footer of the
 * browser's) are kept under target/print. And on screen, at 1280 px, no column header runs to more than three lines.
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
    void aBoardPrintsOnLandscapeA4WithItsTitleAndPageNumberOnEveryPageAndNoColumnClipped() throws Exception {
        // the demo's own tree: other tests' windows (leftovers of earlier runs too) are not its board's
        String board = "/reports/standings?scheme=" + DemoData.SCHEME + "&period=" + DemoData.quarter()
                + "&under=SZ&lang=zh-CN";
        List<PrintedRow> rows = fitsThePage(board, "standings");
        // the demo quarter ranks all 44 demo windows
        assertThat(rows).hasSizeGreaterThanOrEqualTo(44);
        Printed pdf = print("board");
        pdf.assertPages(A4_LONG, A4_SHORT);
        pdf.assertRunningHeaderAndNumbers("第 %d 页，共 %d 页");
        List<Integer> perPage = pdf.assertRowsWhole(rows);
        // each unit is named by its full bilingual path (up to two short lines a row, 8 pt at a line height of 1.25,
        // empty columns left off): a landscape page after the first (which begins with the board's summary) holds
        // at least 18 rows, and every page but the last is full
        for (int p = 1; p < perPage.size() - 1; p++) {
            assertThat(perPage.get(p)).as("rows on page " + (p + 1) + " of " + perPage).isGreaterThanOrEqualTo(18);
        }
        assertThat(pdf.pages()).as(rows.size() + " rows on " + perPage)
                .isLessThanOrEqualTo(1 + (rows.size() + 17) / 18);
    }

    @Test
    void aBulletinPrintsOnLandscapeA4WithItsTitleAndPageNumberOnEveryPageAndNoColumnClipped() throws Exception {
        String bulletin = "/reports/bulletin?scheme=" + DemoData.SCHEME + "&period=" + DemoData.quarter() + "&lang=en";
        List<PrintedRow> rows = fitsThePage(bulletin, "groups");
        // the grade distribution's heading and the first words of its chart, as printed
        String heading = Printed.compact(browser.findElement(By.id("distribution-heading")).getText());
        String chart = Printed.compact((String) browser.executeScript(
                "const t = document.querySelector('section.distribution svg text'); return t ? t.textContent : null;"));
        Printed pdf = print("bulletin");
        pdf.assertPages(A4_LONG, A4_SHORT);
        pdf.assertRunningHeaderAndNumbers("Page %d of %d");
        pdf.assertRowsWhole(rows);
        // issue 20: the distribution's heading is never left alone at the foot of a page: no page's text ends with
        // it, and the page that prints it prints its chart after it
        assertThat(heading).isNotEmpty();
        assertThat(chart).as("the demo bulletin's distribution chart").isNotEmpty();
        List<Integer> holding = new ArrayList<>();
        for (int p = 0; p < pdf.pages(); p++) {
            String text = pdf.texts().get(p);
            assertThat(text).as("page " + (p + 1) + "'s text").doesNotEndWith(heading);
            if (text.contains(heading)) {
                holding.add(p);
                assertThat(text.indexOf(chart, text.indexOf(heading))).as("page " + (p + 1)
                        + ": the chart (" + chart + ") after its heading (" + heading + ")").isPositive();
            }
        }
        assertThat(holding).as("the pages printing the distribution's heading").hasSize(1);
    }

    @Test
    void anEvaluationSheetPrintsOnAtMostTwoPortraitA4PagesWithItsLastColumn() throws Exception {
        browser.get(new URL(base, "/reports?lang=zh-CN").toString());
        browser.manage().addCookie(new Cookie(ReportResource.COOKIE, ReportResourceTest.signedInCookie(), "/reports"));
        String sheet = "/reports/evaluations/" + DemoData.firstEvaluation() + "?lang=zh-CN";
        browser.get(new URL(base, sheet).toString());
        assertThat(browser.findElements(By.cssSelector("table.form tbody tr"))).as("the sheet's items").hasSizeGreaterThan(10);
        List<PrintedRow> rows = printedRows();
        Printed pdf = print("sheet");
        assertThat(pdf.pages()).isBetween(1, 2);
        pdf.assertPages(A4_SHORT, A4_LONG);
        pdf.assertRunningHeaderAndNumbers("第 %d 页，共 %d 页");
        pdf.assertRowsWhole(rows);
    }

    @Test
    void noColumnHeaderOfABoardRunsToMoreThanThreeLinesAt1280Pixels() throws Exception {
        // the demo quarter has no previous period: its change columns are empty, the narrowest a table lays out
        for (String lang : List.of("zh-CN", "en")) {
            browser.get(new URL(base, "/reports/standings?scheme=" + DemoData.SCHEME + "&period=" + DemoData.quarter()
                    + "&under=SZ&lang=" + lang).toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> headers = (List<Map<String, Object>>) browser.executeScript("""
                    return [...document.querySelectorAll('#table-standings thead th')]
                      .filter(th => th.getBoundingClientRect().width > 0)
                      .map(th => {
                        const style = getComputedStyle(th);
                        const inner = th.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
                        // the header's text: its lines are its line boxes, each as tall as the line height
                        const range = document.createRange();
                        range.selectNodeContents(th);
                        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                          .map(r => Math.round(r.top)));
                        return {label: th.textContent.trim(), lines: tops.size, height: inner,
                                lineHeight: parseFloat(style.lineHeight)};
                      });""");
            io.servicegrade.Chromium.screenshot(browser, PDFS, "board-headers-" + lang);
            assertThat(headers).as(lang + ": the board's headers").hasSizeGreaterThan(10);
            assertThat(headers).as(lang + ": headers of more than three lines").allSatisfy(h -> {
                assertThat(((Number) h.get("lines")).intValue()).as(h.toString()).isBetween(1, 3);
                assertThat(((Number) h.get("height")).doubleValue()).as(h.toString())
                        .isLessThanOrEqualTo(3.5 * ((Number) h.get("lineHeight")).doubleValue());
            });
        }
    }

    @Test
    void theBoardFitsA1280PixelWindowWithItsUnitColumnReadable() throws Exception {
        // issue 20: at 1280 × 900 the page does not scroll sideways (a table too wide for the window scrolls in its
        // own region only), and the unit's path keeps a column of at least 150 px rather than a word a line
        io.servicegrade.Chromium.viewport(browser, 1280, 900);
        try {
            for (String lang : List.of("zh-CN", "en")) {
                browser.get(new URL(base, "/reports/standings?scheme=" + DemoData.SCHEME + "&period="
                        + DemoData.quarter() + "&under=SZ&lang=" + lang).toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> layout = (Map<String, Object>) browser.executeScript("""
                        const table = document.getElementById('table-standings');
                        const headers = [...table.querySelectorAll('thead th')];
                        const unit = headers.find(th => th.classList.contains('unit'));
                        const wrap = table.closest('.table-wrap');
                        // what sticks out past the window, for the message when something does
                        const wide = [...document.querySelectorAll('body *')]
                          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                              && !wrap.contains(e))
                          .slice(0, 5).map(e => e.tagName + '.' + e.className + ' '
                              + Math.round(e.getBoundingClientRect().right));
                        return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                                unit: unit ? unit.getBoundingClientRect().width : -1,
                                rows: table.querySelectorAll('tbody tr').length,
                                scrolls: wrap.scrollWidth > wrap.clientWidth,
                                region: wrap.getAttribute('role'), label: wrap.getAttribute('aria-label'),
                                tabindex: wrap.getAttribute('tabindex'), wide: wide.join('; ')};""");
                io.servicegrade.Chromium.screenshot(browser, PDFS, "board-1280-" + lang);
                assertThat(((Number) layout.get("rows")).intValue()).as(lang + ": the demo board's rows")
                        .isGreaterThanOrEqualTo(44);
                assertThat(((Number) layout.get("scrollWidth")).intValue()).as(lang + ": the page scrolls sideways "
                        + layout).isLessThanOrEqualTo(((Number) layout.get("innerWidth")).intValue());
                assertThat(((Number) layout.get("unit")).doubleValue()).as(lang + ": the unit column's width "
                        + layout).isGreaterThanOrEqualTo(150);
                // the table's own region, named and reachable by keyboard (axe's scrollable-region-focusable)
                assertThat(layout.get("region")).as(lang + ": " + layout).isEqualTo("region");
                assertThat((String) layout.get("label")).as(lang + ": " + layout).isNotBlank();
                assertThat(layout.get("tabindex")).as(lang + ": " + layout).isEqualTo("0");
            }
        } finally {
            io.servicegrade.Chromium.desktop(browser);
        }
    }

    /**
     * Lays the page out as print media on a viewport as wide as landscape A4's text: nothing may be wider than it (a
     * wider table is what printing clips), every cell of the table's last column ends within it. Answers the rows
     * of the page's tables as they print.
     */
    private List<PrintedRow> fitsThePage(String path, String table) throws Exception {
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
                          || c.getBoundingClientRect().width < 1).map(c => c.textContent)
                    };""", table);
            io.servicegrade.Chromium.screenshot(browser, PDFS, table + "-print-layout");
            assertThat(((Number) layout.get("scrollWidth")).intValue()).as(path + ": nothing wider than the page")
                    .isLessThanOrEqualTo(((Number) layout.get("width")).intValue());
            assertThat(((Number) layout.get("lastCells")).intValue()).isPositive();
            assertThat((List<?>) layout.get("outside")).as(path + ": last-column cells past the page's edge").isEmpty();
            return printedRows();
        } finally {
            io.servicegrade.Chromium.desktop(browser);
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /**
     * The rows of the current page's tables as they print, in the page's order: the text of the first two cells
     * printed (what names the row: a rank and a unit, an item and its points) and of the last printed cell with a
     * text (what printing would cut off first). Text that is only read aloud ({@code visually-hidden}) is left out.
     */
    private static List<PrintedRow> printedRows() {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            @SuppressWarnings("unchecked")
            List<List<String>> rows = (List<List<String>>) browser.executeScript("""
                    const shown = c => {
                      const copy = c.cloneNode(true);
                      copy.querySelectorAll('.visually-hidden').forEach(e => e.remove());
                      return copy.textContent;
                    };
                    return [...document.querySelectorAll('main table tbody tr')]
                      .filter(r => getComputedStyle(r).display !== 'none' && r.children.length > 2)
                      .map(r => [...r.children].filter(c => getComputedStyle(c).display !== 'none').map(shown))
                      .map(cells => [cells[0] + cells[1], cells.filter(t => t.trim() !== '').pop()]);""");
            return rows.stream().map(r -> new PrintedRow(Printed.compact(r.get(0)), Printed.compact(r.get(1))))
                    .toList();
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /** The page as Chromium prints it, on the page size its stylesheet asks for, with no header or footer of its own. */
    private Printed print(String name) throws Exception {
        String title = browser.findElement(By.tagName("h1")).getText();
        List<org.openqa.selenium.WebElement> subtitle = browser.findElements(By.cssSelector(".page-header .subtitle"));
        String header = title + (subtitle.isEmpty() ? "" : " · " + subtitle.get(0).getText());
        Map<String, Object> printed = browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true,
                "printBackground", true, "displayHeaderFooter", false));
        byte[] bytes = Base64.getDecoder().decode((String) printed.get("data"));
        Files.write(PDFS.resolve(name + ".pdf"), bytes);
        Files.writeString(PDFS.resolve(name + ".html"), browser.getPageSource());
        return Printed.read(bytes, header);
    }

    /** A row of a table as printed: what names it and its last text. */
    record PrintedRow(String key, String last) {
    }

    /**
     * A printed PDF as PDFBox reads it: each page's size and text, the text with its white space taken out (a
     * cell's text wraps where the page's width says, and PDF text has no spaces of its own to compare).
     */
    record Printed(List<double[]> sizes, List<String> texts, String header) {

        static Printed read(byte[] bytes, String header) throws java.io.IOException {
            try (PDDocument document = Loader.loadPDF(bytes)) {
                List<double[]> sizes = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                PDFTextStripper stripper = new PDFTextStripper();
                for (int p = 1; p <= document.getNumberOfPages(); p++) {
                    PDPage page = document.getPage(p - 1);
                    sizes.add(new double[] {page.getMediaBox().getWidth(), page.getMediaBox().getHeight()});
                    stripper.setStartPage(p);
                    stripper.setEndPage(p);
                    texts.add(compact(stripper.getText(document)));
                }
                return new Printed(sizes, texts, compact(header));
            }
        }

        static String compact(String text) {
            return text == null ? "" : text.replaceAll("\\s+", "");
        }

        int pages() {
            return texts.size();
        }

        void assertPages(double width, double height) {
            assertThat(sizes).as("the pages").isNotEmpty().allSatisfy(size -> {
                assertThat(size[0]).as("the page's width").isCloseTo(width, Offset.offset(2.0));
                assertThat(size[1]).as("the page's height").isCloseTo(height, Offset.offset(2.0));
            });
        }

        /** Every page names the page, its scheme and period, and says which page of how many it is. */
        void assertRunningHeaderAndNumbers(String numbered) {
            for (int p = 0; p < pages(); p++) {
                assertThat(texts.get(p)).as("page " + (p + 1) + "'s text").contains(header)
                        .contains(compact(numbered.formatted(p + 1, pages())));
            }
        }

        /**
         * Every row is printed, in order, whole on one page: its last text lies between what names it and what names
         * the next row (or the page's end). Answers the number of rows on each page.
         */
        List<Integer> assertRowsWhole(List<PrintedRow> rows) {
            assertThat(rows).as("the printed rows").isNotEmpty();
            List<Integer> perPage = new ArrayList<>(java.util.Collections.nCopies(pages(), 0));
            int page = 0;
            int at = 0;
            for (int r = 0; r < rows.size(); r++) {
                PrintedRow row = rows.get(r);
                int found = texts.get(page).indexOf(row.key(), at);
                while (found < 0 && page < pages() - 1) {
                    page++;
                    found = texts.get(page).indexOf(row.key());
                }
                assertThat(found).as("row " + (r + 1) + " (" + row.key() + ") printed, after the row before it")
                        .isNotNegative();
                String text = texts.get(page);
                int next = r + 1 < rows.size() ? text.indexOf(rows.get(r + 1).key(), found + row.key().length()) : -1;
                String printed = text.substring(found, next < 0 ? text.length() : next);
                assertThat(printed).as("row " + (r + 1) + " on page " + (page + 1) + " ends with its last column")
                        .contains(row.last());
                perPage.set(page, perPage.get(page) + 1);
                at = found + row.key().length();
            }
            return perPage;
        }
    }
}
