package io.servicegrade;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.logging.Level;

/**
 * Real headless Chromium for the browser tests (Debian's chromium and chromedriver; .ci/run installs them), with
 * its console and network logs kept, on a fresh profile.
 */
public final class Chromium {

    private Chromium() {
    }

    /** Skips (outside CI) or fails (in CI) the calling test when Chromium or its driver is missing. */
    public static void require() {
        TestMachine.require(TestMachine.hasChromium(),
                "Debian's chromium and chromium-driver (.ci/run installs them)");
    }

    /** The width and height of the window {@link #start()} opens, in CSS pixels. */
    public static final int DESKTOP_WIDTH = 1280;
    public static final int DESKTOP_HEIGHT = 1600;
    /** A phone's screen in CSS pixels (an iPhone 12 to 15's), as {@link #phone} emulates it. */
    public static final int PHONE_WIDTH = 390;
    public static final int PHONE_HEIGHT = 844;

    /** A new headless browser on a fresh profile; what it logged on its own before the first page is dropped. */
    public static ChromeDriver start() throws java.io.IOException {
        return start(DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    /** As {@link #start()}, with a window of {@code width} × {@code height} CSS pixels. */
    public static ChromeDriver start(int width, int height) throws java.io.IOException {
        Path profile = Files.createTempDirectory("sg-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(TestMachine.CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT,
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(TestMachine.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().logs().get(LogType.PERFORMANCE);
        if (width != DESKTOP_WIDTH || height != DESKTOP_HEIGHT) {
            // Chromium's --window-size stops at 500 px wide; resizing the open window goes narrower
            browser.manage().window().setSize(new Dimension(width, height));
        }
        return browser;
    }

    /** From now on the browser shows pages as a phone does (its width, a touch screen's mobile layout), until {@link #desktop}. */
    public static void phone(ChromeDriver browser) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH,
                "height", PHONE_HEIGHT, "deviceScaleFactor", 2, "mobile", true));
    }

    /** Lays pages out on a viewport of {@code width} × {@code height} CSS pixels at scale 1, until {@link #desktop}. */
    public static void viewport(ChromeDriver browser, int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** Back to the window's own size after {@link #phone} or {@link #viewport}. */
    public static void desktop(ChromeDriver browser) {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves what the browser shows now as {@code dir/name.png}. */
    public static Path screenshot(WebDriver browser, Path dir, String name) throws java.io.IOException {
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Empties {@code dir} of an earlier run's screenshots, so that only this run's count. */
    public static void clearScreenshots(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var old = Files.list(dir)) {
                for (Path shot : old.filter(p -> p.getFileName().toString().endsWith(".png")).toList()) {
                    Files.delete(shot);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
