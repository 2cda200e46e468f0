package io.servicegrade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.DemoData;
import io.servicegrade.TestMachine;
import io.servicegrade.rectification.RectificationFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * them): no console errors, no failed requests, and a screenshot of each under target/screenshots.
 */
@QuarkusTest
class BrowserTest {

    static final Path CHROMIUM = TestMachine.CHROMIUM;
    static final Path CHROMEDRIVER = TestMachine.CHROMEDRIVER;
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        io.servicegrade.Chromium.require();
        // Screenshots of an earlier run must not count for this one.
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path shot : old.toList()) {
                    Files.delete(shot);
                }
            }
        }
        browser = io.servicegrade.Chromium.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyDemoPageLoadsCleanlyInChromium() throws Exception {
        String scheme = DemoData.SCHEME;
        // the demo's first evaluation, and the quarter the demo's evaluations are in
        int evaluation = DemoData.firstEvaluation();
        String period = DemoData.quarter();
        String q = "?scheme=" + scheme + "&period=" + period;
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home-zh", "/?lang=zh-CN");
        pages.put("home-en", "/?lang=en");
        pages.put("standings-zh", "/reports/standings" + q + "&lang=zh-CN");
        pages.put("standings-en-sorted", "/reports/standings" + q + "&lang=en&sort=grade&dir=asc");
        pages.put("standings-branches", "/reports/standings" + q + "&kind=branch");
        pages.put("scorecard-window", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS.GQ.W1&lang=zh-CN");
        pages.put("scorecard-branch-en", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS&lang=en");
        pages.put("notice-zh", "/reports/notice" + q + "&lang=zh-CN");
        pages.put("bulletin-en", "/reports/bulletin" + q + "&lang=en");
        pages.put("sign-in", "/reports/sign-in?lang=zh-CN&return=/reports/evaluations/" + evaluation);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            visit(page.getKey(), page.getValue(), problems);
            if (page.getKey().startsWith("standings-zh")) {
                // the board of the demo quarter ranks all 44 demo windows: an empty board is not a clean page
                assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).hasSizeGreaterThanOrEqualTo(44);
            }
        }
        // Sign in through the form; it leads to the evaluation sheet
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
        check("sheet-zh", problems);
        visit("sheet-en", "/reports/evaluations/" + evaluation + "?lang=en", problems);
        // the demo quarter asked for: other tests' evaluations may make a later period the scorecard's default
        visit("scorecard-window-signed-in", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS.GQ.W1&period="
                + period + "&lang=en", problems);
        assertThat(browser.findElements(By.cssSelector("a[href*='/reports/evaluations/']"))).isNotEmpty();
        // issue 18: the appeals pages, with an appeal of the test's own (the list and form, the decision form)
        io.servicegrade.appeal.AppealFixture appeal = io.servicegrade.appeal.AppealFixture.of(1);
        long appealed = appeal.post(appeal.setup().region() + "-i1", "inspection", appeal.window(1), 80);
        appeal.publish();
        long appealId = io.servicegrade.appeal.AppealFixture.file(appeal.manager(),
                appeal.againstEvaluation(appealed, List.of("findings")));
        visit("appeals-zh", "/reports/appeals?lang=zh-CN", problems);
        visit("appeals-en", "/reports/appeals?state=filed&lang=en", problems);
        visit("appeal-decision-zh", "/reports/appeals/" + appealId + "?lang=zh-CN", problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#reason"))).hasSize(1);
        // issue 19: the rectification pages, with orders of the test's own (one overdue, one replied)
        RectificationFixture rect = RectificationFixture.of(1);
        long rectOverdue = RectificationFixture.raise(rect.analyst(), RectificationFixture.fromEvaluation(
                rect.evaluation(rect.window(1), "2025-02-03T10:00:00+08:00", 88, true), List.of("findings")));
        long rectReplied = RectificationFixture.raise(rect.analyst(), Map.of("unit", rect.window(1),
                "title", "叫号机故障 / queue machine broken"));
        RectificationFixture.reply(rect.manager(), rectReplied);
        visit("rectifications-zh", "/reports/rectifications?lang=zh-CN&unit=" + rect.region(), problems);
        // issue 19b: imports: the upload form of orders from a file (the admin raises orders)
        assertThat(browser.findElements(By.cssSelector("form.upload input[type=file]#file"))).hasSize(1);
        visit("rectifications-en-overdue", "/reports/rectifications?lang=en&overdue=true", problems);
        visit("rectification-reply-zh", "/reports/rectifications/" + rectOverdue + "?lang=zh-CN", problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#text"))).hasSize(1);
        visit("rectification-verify-en", "/reports/rectifications/" + rectReplied + "?lang=en", problems);
        assertThat(browser.findElements(By.cssSelector("form input[name=outcome]"))).hasSize(2);
        // issue 19: the complaints pages, with an overdue complaint of the test's own (the list, the reply form)
        String complaintRegion = io.servicegrade.scheme.SchemeVersionsTest.region(1);
        long complaintId = ((Number) asAdmin()
                .contentType(ContentType.JSON).body(Map.of("channel", "hotline",
                        "receivedAt", "2025-03-07T16:00:00+08:00", "unit", complaintRegion + ".W1",
                        "category", "fees", "subject", "多收邮费", "customerRef", complaintRegion + "-c",
                        "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
        visit("complaints-zh", "/reports/complaints?lang=zh-CN", problems);
        visit("complaint-reply-en", "/reports/complaints/" + complaintId + "?lang=en", problems);
        assertThat(browser.findElements(By.cssSelector("form textarea#resolution"))).hasSize(1);
        // issue 19b: the satisfaction form of a replied complaint, and the list's registration form
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("resolution", "已退费", "repliedAt", "2025-03-10T10:00:00+08:00"))
                .post("/api/v1/complaints/{id}/reply", complaintId).then().statusCode(200);
        visit("complaint-satisfaction-zh", "/reports/complaints/" + complaintId + "?lang=zh-CN", problems);
        assertThat(browser.findElements(By.cssSelector("form select#satisfaction-value"))).hasSize(1);
        visit("complaints-register-en", "/reports/complaints?lang=en", problems);
        assertThat(browser.findElements(By.cssSelector("form select#new-category option"))).hasSize(7);
        // issue 19: the inspection coverage page (rates, overdue, never inspected)
        visit("coverage-zh", "/reports/coverage?lang=zh-CN&period=2025-Q2&at=2025-07-20", problems);
        // issue 19: the to-do of rectification orders and complaints awaiting an answer
        visit("todo-en", "/reports/todo?lang=en", problems);
        // issue 19b: the webhook pages, with a subscription of the test's own whose delivery was given up (its
        // receiver listens nowhere), so the log shows a marked row and its replay button
        long webhook = ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/browser-test", "kinds", List.of("period.closed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        try {
            webhookEvent(webhook);
            visit("webhooks-zh", "/reports/webhooks?lang=zh-CN", problems);
            visit("webhook-log-en", "/reports/webhooks/" + webhook + "?lang=en", problems);
            assertThat(browser.findElements(By.cssSelector("form button[type=submit]"))).isNotEmpty();
        } finally {
            asAdmin().delete("/api/v1/webhooks/{id}", webhook);
        }

        // issue 20: the board on a phone's width: each row a card, its grade first and on the screen
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 2, "mobile", true));
        try {
            visit("standings-phone-zh", "/reports/standings" + q + "&lang=zh-CN", problems);
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
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        assertThat(problems).isEmpty();
        List<String> expected = new ArrayList<>(pages.keySet());
        expected.addAll(List.of("standings-phone-zh", "sheet-zh", "sheet-en", "scorecard-window-signed-in", "appeals-zh", "appeals-en",
                "appeal-decision-zh", "rectifications-zh", "rectifications-en-overdue", "rectification-reply-zh",
                "rectification-verify-en", "complaints-zh", "complaint-reply-en", "coverage-zh", "todo-en",
                "complaint-satisfaction-zh", "complaints-register-en", "webhooks-zh", "webhook-log-en"));
        try (var shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(p -> Files.isRegularFile(p) && sizeOf(p) > 1_000)
                    .map(p -> p.getFileName().toString().replaceFirst("\\.png$", "")))
                    .as("a screenshot of every page visited in this run")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @jakarta.inject.Inject
    io.servicegrade.platform.events.OutboundEvents outboundEvents;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

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

    private void visit(String name, String path, List<String> problems) throws Exception {
        browser.get(new URL(base, path).toString());
        check(name, problems);
    }

    /** Reads what the browser logged since the last page, then saves a screenshot. */
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
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
