package io.servicegrade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.scheme.Period;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every report page of the demo in real headless Chromium (Debian's chromium and chromedriver; .ci/run installs
 * them): no console errors, no failed requests, and a screenshot of each under target/screenshots.
 */
@QuarkusTest
class BrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    static ChromeDriver browser;
    static Path profile;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        profile = Files.createTempDirectory("sg-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // What the browser did on its own before the first page (its start-up tab) is not the pages' doing.
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().logs().get(LogType.PERFORMANCE);
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
        String scheme = "create-satisfied-windows";
        // the demo's first evaluation, and the quarter the demo's evaluations are in
        io.restassured.path.json.JsonPath first = asAdmin().queryParam("unit", "SZ.GS.GQ.W1")
                .queryParam("limit", "1").get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
        int evaluation = first.getInt("items[0].id");
        String period = Period.of(Period.Kind.QUARTER, OffsetDateTime.parse(first.getString("items[0].conductedAt"))
                .toInstant(), ZoneId.of("Asia/Shanghai")).id();
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
        }
        // Sign in through the form; it leads to the evaluation sheet
        browser.findElement(By.id("key")).sendKeys(adminKey());
        browser.findElement(By.cssSelector("form.sign-in button")).click();
        assertThat(browser.getCurrentUrl()).contains("/reports/evaluations/" + evaluation);
        check("sheet-zh", problems);
        visit("sheet-en", "/reports/evaluations/" + evaluation + "?lang=en", problems);
        visit("scorecard-window-signed-in", "/reports/scorecard?scheme=" + scheme + "&unit=SZ.GS.GQ.W1&lang=en",
                problems);
        assertThat(browser.findElements(By.cssSelector("a[href*='/reports/evaluations/']"))).isNotEmpty();

        assertThat(problems).isEmpty();
        assertThat(Files.list(SCREENSHOTS).filter(p -> p.toString().endsWith(".png")).count())
                .isGreaterThanOrEqualTo(pages.size() + 2);
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
                problems.add(name + ": request failed " + params.path("errorText").asText() + " for "
                        + urls.get(params.path("requestId").asText()) + " " + params);
            } else if (method.equals("Network.responseReceived") && params.path("response").path("status").asInt() >= 400) {
                problems.add(name + ": HTTP " + params.path("response").path("status").asInt() + " for "
                        + params.path("response").path("url").asText());
            }
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
