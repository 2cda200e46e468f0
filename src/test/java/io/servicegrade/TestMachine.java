package io.servicegrade;

import io.servicegrade.platform.database.ExternalPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * What some tests need of the machine beyond a JDK: PostgreSQL's own binaries, kubectl, Chromium. On a developer's
 * machine a test whose need is missing is skipped with the reason; with {@code CI} set (as {@code .ci/run} does) it
 * fails with the reason instead, so that CI never reports a promise as kept that it did not try.
 */
public final class TestMachine {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private TestMachine() {
    }

    /** True when the tests run in CI, where nothing may be skipped. */
    public static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips (outside CI) or fails (in CI) the calling test when {@code met} is false. */
    public static void require(boolean met, String need) {
        if (met) {
            return;
        }
        if (ci()) {
            fail("This test needs " + need + ", and CI is set: in CI a test that cannot run fails.");
        }
        abort("needs " + need);
    }

    public static boolean hasPostgresBinaries() {
        return ExternalPostgres.available();
    }

    /** For {@code @EnabledIf}: run where the machine has PostgreSQL's binaries, and always in CI (to fail there). */
    public static boolean postgresBinariesOrCi() {
        return hasPostgresBinaries() || ci();
    }

    public static boolean hasChromium() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static boolean hasKubectl() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
