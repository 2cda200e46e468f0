package io.servicegrade;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A new headless browser on a fresh profile; what it logged on its own before the first page is dropped. */
    public static ChromeDriver start() throws java.io.IOException {
        Path profile = Files.createTempDirectory("sg-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(TestMachine.CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(TestMachine.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().logs().get(LogType.PERFORMANCE);
        return browser;
    }
}
