package io.servicegrade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.Axe;
import io.servicegrade.Chromium;
import io.servicegrade.DemoData;
import io.servicegrade.rectification.RectificationFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static io.servicegrade.TestApi.adminKey;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report page of the demo in real headless Chromium (Debian's chromium and chromedriver; .ci/run installs
 * them), in Chinese and in English, on a phone and on a desktop: no console errors, no failed requests, no
 * violation axe-core finds ({@link Axe}: WCAG 2.1 A and AA and axe's best practices), and a screenshot of each under
 * target/screenshots, named page-language-width.
 */
@QuarkusTest
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The widths and languages every page is checked at; the desktop in Chinese last. */
    static final List<String> WIDTHS = List.of("phone", "desktop");
    static final List<String> LANGUAGES = List.of("en", "zh-CN");

    static ChromeDriver browser;

    /** The pages {@link #visit} showed, by name. */
    final List<String> visited = new ArrayList<>();

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        Axe.require();
        // screenshots of an earlier run must not count for this one
        Chromium.clearScreenshots(SCREENSHOTS);
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyDemoPageLoadsCleanlyAndPassesAxeInChromium() throws Exception {
        String scheme = DemoData.SCHEME;
        // the demo's first evaluation, and the quarter the demo's evaluations are in
        int evaluation = DemoData.firstEvaluation();
        String period = DemoData.quarter();
        String q = "?scheme=" + scheme + "&period=" + period;
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("standings", "/reports/standings" + q);
        pages.put("standings-sorted", "/reports/standings" + q + "&sort=grade&dir=asc");
        pages.put("standings-branches", "/reports/standings" + q + "&kind=branch");
        // issue 20: the demo region (SZ) has the scheme's targets: its board checks them in a block of its own
        pages.put("standings-targets", "/reports/standings" + q + "&under=SZ");
        pages.put("scorecard-window", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS.GQ.W1");
        pages.put("scorecard-branch", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS");
        pages.put("notice", "/reports/notice" + q);
        pages.put("bulletin", "/reports/bulletin" + q);
        pages.put("sign-in", "/reports/sign-in?return=/reports/evaluations/" + evaluation);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            visit(page.getKey(), page.getValue(), problems);
            if (page.getKey().equals("standings-targets")) {
                assertThat(browser.findElements(By.cssSelector(".unit-targets li"))).as("the region's targets")
                        .isNotEmpty();
            }
            if (page.getKey().equals("standings")) {
                // the board of the demo quarter ranks all 44 demo windows: an empty board is not a clean page
                assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).hasSizeGreaterThanOrEqualTo(44);
            }
        }
        // Sign in through the form (the last page visited is the sign-in page in Chinese); it leads to the sheet
        browser.findElement(By.id("key")).sendKeys(adminKey());
        // the key's own form: the page has a second one, for a login and password
        browser.findElement(By.xpath("//input[@id='key']/ancestor::form//button")).click();
        // the click returns once the form is sent, not once the 303 is followed: wait for the sheet (CI once read
        // the sign-in page's own address right after the click)
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (browser.getCurrentUrl().contains("/reports/sign-in") && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(browser.getCurrentUrl()).as(() -> "after signing in: " + browser.getPageSource())
                .contains("/reports/evaluations/" + evaluation).doesNotContain("/reports/sign-in");
        check("sheet-after-sign-in", problems);
        visit("sheet", "/reports/evaluations/" + evaluation, problems);
        // the demo quarter asked for: other tests' evaluations may make a later period the scorecard's default
        visit("scorecard-window-signed-in", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS.GQ.W1&period="
                + period, problems);
        assertThat(browser.findElements(By.cssSelector("a[href*='/reports/evaluations/']"))).isNotEmpty();
        // the administration of accounts: the list, and a demo account's page
        visit("accounts", "/reports/admin/accounts", problems);
        visit("account-edit", "/reports/admin/accounts/demo.analyst", problems);
        // issue 18: the appeals pages, with an appeal of the test's own (the list and form, the decision form)
        io.servicegrade.appeal.AppealFixture appeal = io.servicegrade.appeal.AppealFixture.of(1);
        long appealed = appeal.post(appeal.setup().region() + "-i1", "inspection", appeal.window(1), 80);
        appeal.publish();
        long appealId = io.servicegrade.appeal.AppealFixture.file(appeal.manager(),
                appeal.againstEvaluation(appealed, List.of("findings")));
        visit("appeals", "/reports/appeals", problems);
        visit("appeals-filed", "/reports/appeals?state=filed", problems);
        visit("appeal-decision", "/reports/appeals/" + appealId, problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#reason"))).hasSize(1);
        // issue 19: the rectification pages, with orders of the test's own (one overdue, one replied)
        RectificationFixture rect = RectificationFixture.of(1);
        long rectOverdue = RectificationFixture.raise(rect.analyst(), RectificationFixture.fromEvaluation(
                rect.evaluation(rect.window(1), "2025-02-03T10:00:00+08:00", 88, true), List.of("findings")));
        long rectReplied = RectificationFixture.raise(rect.analyst(), Map.of("unit", rect.window(1),
                "title", "叫号机故障 / queue machine broken"));
        RectificationFixture.reply(rect.manager(), rectReplied);
        visit("rectifications", "/reports/rectifications?unit=" + rect.region(), problems);
        // issue 19b: imports: the upload form of orders from a file (the admin raises orders)
        assertThat(browser.findElements(By.cssSelector("form.upload input[type=file]#file"))).hasSize(1);
        visit("rectifications-overdue", "/reports/rectifications?overdue=true", problems);
        visit("rectification-reply", "/reports/rectifications/" + rectOverdue, problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#text"))).hasSize(1);
        visit("rectification-verify", "/reports/rectifications/" + rectReplied, problems);
        assertThat(browser.findElements(By.cssSelector("form input[name=outcome]"))).hasSize(2);
        // issue 19: the complaints pages, with an overdue complaint of the test's own (the list, the reply form)
        String complaintRegion = io.servicegrade.scheme.SchemeVersionsTest.region(1);
        long complaintId = ((Number) asAdmin()
                .contentType(ContentType.JSON).body(Map.of("channel", "hotline",
                        "receivedAt", "2025-03-07T16:00:00+08:00", "unit", complaintRegion + ".W1",
                        "category", "fees", "subject", "多收邮费", "customerRef", complaintRegion + "-c",
                        "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        visit("complaints", "/reports/complaints", problems);
        // issue 19b: the list's registration form
        assertThat(browser.findElements(By.cssSelector("form select#new-category option"))).hasSize(7);
        visit("complaint-reply", "/reports/complaints/" + complaintId, problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#resolution"))).hasSize(1);
        // issue 19b: the satisfaction form of a replied complaint
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("resolution", "已退费", "repliedAt", "2025-03-10T10:00:00+08:00"))
                .post("/api/v1/complaints/{id}/reply", complaintId).then().statusCode(200);
        visit("complaint-satisfaction", "/reports/complaints/" + complaintId, problems);
        assertThat(browser.findElements(By.cssSelector("form select#satisfaction-value"))).hasSize(1);
        // issue 19: the inspection coverage page (rates, overdue, never inspected)
        visit("coverage", "/reports/coverage?period=2025-Q2&at=2025-07-20", problems);
        // issue 19: the to-do of rectification orders and complaints awaiting an answer
        visit("todo", "/reports/todo", problems);
        // issue 19b: the webhook pages, with a subscription of the test's own whose delivery was given up (its
        // receiver listens nowhere), so the log shows a marked row and its replay button
        long webhook = ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/browser-test", "kinds", List.of("period.closed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        try {
            webhookEvent(webhook);
            visit("webhooks", "/reports/webhooks", problems);
            visit("webhook-log", "/reports/webhooks/" + webhook, problems);
            assertThat(browser.findElements(By.cssSelector("form button[type=submit]"))).isNotEmpty();
            // issue 20: both webhook tables are cards on a phone, nothing wider than the phone, each value labelled
            phoneCards("/reports/webhooks?lang=zh-CN", "编号");
            phoneCards("/reports/webhooks/" + webhook + "?lang=en", "No.");
        } finally {
            asAdmin().delete("/api/v1/webhooks/{id}", webhook);
        }

        // issue 20: the board on a phone's width: each row a card, its grade first and on the screen
        Chromium.phone(browser);
        try {
            browser.get(new URL(base, "/reports/standings" + q + "&lang=zh-CN").toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> card = (Map<String, Object>) browser.executeScript("""
                    const row = document.querySelector('main table tbody tr');
                    const grade = row.querySelector('td[class*="grade-"]');
                    const shown = [...row.children].filter(c => getComputedStyle(c).display !== 'none');
                    const box = grade.getBoundingClientRect();
                    return {
                      width: document.documentElement.clientWidth,
                      scrollWidth: document.documentElement.scrollWidth,
                      left: box.left, right: box.right,
                      first: shown.every(c => c === grade || c.getBoundingClientRect().top >= box.bottom - 0.5),
                      label: getComputedStyle(grade, '::before').content
                    };""");
            assertThat(((Number) card.get("scrollWidth")).intValue()).as("nothing wider than the phone")
                    .isLessThanOrEqualTo(((Number) card.get("width")).intValue());
            assertThat(((Number) card.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(((Number) card.get("right")).doubleValue()).isLessThanOrEqualTo(((Number) card.get("width"))
                    .doubleValue());
            assertThat(card.get("first")).as("the grade is the card's first line").isEqualTo(true);
            assertThat((String) card.get("label")).as("each value is labelled").contains("等级");
        } finally {
            Chromium.desktop(browser);
        }
        assertThat(problems).as(() -> problems.size() + " problems:\n" + String.join("\n", problems)).isEmpty();
        List<String> expected = new ArrayList<>(List.of("sheet-after-sign-in"));
        for (String page : visited) {
            for (String width : WIDTHS) {
                for (String lang : LANGUAGES) {
                    expected.add(shotName(page, lang, width));
                }
            }
        }
        try (var shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(p -> Files.isRegularFile(p) && sizeOf(p) > 1_000)
                    .map(p -> p.getFileName().toString().replaceFirst("\\.png$", "")))
                    .as("a screenshot of every page visited in this run, in each language at each width")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @jakarta.inject.Inject
    io.servicegrade.platform.events.OutboundEvents outboundEvents;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /**
     * Shows {@code path} at a phone's width and checks that its table's rows are cards: no header row shown,
     * nothing wider than the phone, the row's first cell labelled {@code label}.
     */
    @SuppressWarnings("unchecked")
    private void phoneCards(String path, String label) throws Exception {
        Chromium.phone(browser);
        try {
            browser.get(new URL(base, path).toString());
            Map<String, Object> card = (Map<String, Object>) browser.executeScript("""
                    const row = document.querySelector('main table tbody tr');
                    const box = row.getBoundingClientRect();
                    return {
                      width: document.documentElement.clientWidth,
                      scrollWidth: document.documentElement.scrollWidth,
                      left: box.left, right: box.right,
                      head: getComputedStyle(document.querySelector('main table thead')).display,
                      label: getComputedStyle(row.firstElementChild, '::before').content
                    };""");
            assertThat(((Number) card.get("scrollWidth")).intValue()).as(path + ": nothing wider than the phone")
                    .isLessThanOrEqualTo(((Number) card.get("width")).intValue());
            assertThat(((Number) card.get("left")).doubleValue()).as(path).isGreaterThanOrEqualTo(0);
            assertThat(((Number) card.get("right")).doubleValue()).as(path)
                    .isLessThanOrEqualTo(((Number) card.get("width")).doubleValue());
            assertThat(card.get("head")).as(path + ": the header row is hidden").isEqualTo("none");
            assertThat((String) card.get("label")).as(path + ": each value is labelled").contains(label);
        } finally {
            Chromium.desktop(browser);
        }
    }

    /** Tells the webhook of an event and waits until its delivery is given up (4 failed attempts in the test profile). */
    private void webhookEvent(long webhook) throws InterruptedException {
        outboundEvents.emit(pool, io.servicegrade.platform.events.EventKind.PERIOD_CLOSED, "period/browser-test",
                new io.vertx.core.json.JsonObject()).await().indefinitely();
        long end = System.nanoTime() + 20_000_000_000L;
        while (asAdmin().get("/api/v1/webhooks/{id}/deliveries?state=failed", webhook)
                .then().extract().jsonPath().getList("$").isEmpty()) {
            assertThat(System.nanoTime()).as("the delivery given up").isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Shows {@code path} on a phone and on the desktop, in English and in Chinese (the desktop in Chinese last, for
     * what the test reads next), and checks each.
     */
    private void visit(String name, String path, List<String> problems) throws Exception {
        visited.add(name);
        for (String width : WIDTHS) {
            if (width.equals("phone")) {
                Chromium.phone(browser);
            }
            try {
                for (String lang : LANGUAGES) {
                    browser.get(new URL(base, withLanguage(path, lang)).toString());
                    check(shotName(name, lang, width), problems);
                }
            } finally {
                Chromium.desktop(browser);
            }
        }
    }

    private static String shotName(String page, String lang, String width) {
        return page + "-" + (lang.equals("zh-CN") ? "zh" : lang) + "-" + width;
    }

    /** {@code path} with its query's {@code lang} set to {@code lang}. */
    static String withLanguage(String path, String lang) {
        int query = path.indexOf('?');
        List<String> params = new ArrayList<>();
        if (query >= 0) {
            for (String param : path.substring(query + 1).split("&")) {
                if (!param.startsWith("lang=")) {
                    params.add(param);
                }
            }
        }
        params.add("lang=" + lang);
        return (query >= 0 ? path.substring(0, query) : path) + "?" + String.join("&", params);
    }

    /** Reads what the browser logged since the last page, runs axe-core on the page, then saves a screenshot. */
    private void check(String name, List<String> problems) throws Exception {
        assertThat(browser.findElements(By.tagName("h1"))).as(name + ": " + browser.getPageSource()).isNotEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).as(name).isNotBlank();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(name + ": console " + entry.getMessage());
            }
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            if (method.equals("Network.requestWillBeSent")) {
                urls.put(params.path("requestId").asText(), params.path("request").path("url").asText());
            } else if (method.equals("Network.loadingFailed")) {
                String url = urls.get(params.path("requestId").asText());
                if (url == null) {
                    // sent before this page's log began: the browser's own start-up tab, not the pages' doing
                    continue;
                }
                problems.add(name + ": request failed " + params.path("errorText").asText() + " for " + url + " "
                        + params);
            } else if (method.equals("Network.responseReceived") && params.path("response").path("status").asInt() >= 400) {
                problems.add(name + ": HTTP " + params.path("response").path("status").asInt() + " for "
                        + params.path("response").path("url").asText());
            }
        }
        Axe.check(browser, name).forEach(v -> problems.add(v.toString()));
        Chromium.screenshot(browser, SCREENSHOTS, name);
    }
}
