package io.servicegrade;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core, the accessibility checker, run in the page a browser test shows: WCAG 2.0 and 2.1 at levels A and AA and
 * axe's best practices. The version is pinned in {@code src/test/browser/package.json} and its lockfile and installed
 * on first use into {@code src/test/browser/node_modules} (git-ignored) with {@code npm ci}; {@link #require()} skips
 * (outside CI) or fails (in CI) when Node.js or npm is missing.
 */
public final class Axe {

    public static final Path DIR = Path.of("src/test/browser").toAbsolutePath();
    /** The rule sets run: no rule is switched off. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /**
     * Elements a rule is wrong about, each with the reason; only that rule, only those elements. A draft notice's or
     * bulletin's watermark ("草稿" / "DRAFT", faint on purpose, {@code aria-hidden}) repeats what the page's stage line
     * says in full contrast text ({@code .stage}, role status): it is decoration, which WCAG 1.4.3 exempts from
     * contrast, and at 3:1 it would hide the notice it lies over.
     */
    public static final List<Excused> EXCUSED = List.of(new Excused("color-contrast", ".watermark[aria-hidden=true]"));

    /** axe-core's own runner; the callback gets its violations as plain data (rule, impact, help, targets). */
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const excused = arguments[1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'],
                    elementRef: true })
              .then(r => done(r.violations.map(v => ({
                  rule: v.id, impact: String(v.impact), help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.filter(n => !excused.some(e => e.rule === v.id && n.element
                      && n.element.matches(e.selector)))
              })).filter(v => v.nodes.length > 0).map(v => ({
                  rule: v.rule, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  targets: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ')
                      + ' :: ' + n.html.slice(0, 160))
              }))))
              .catch(e => done([{ rule: 'axe-error', impact: 'critical', help: String(e), helpUrl: '', targets: [] }]));
            """;

    private static String source;

    /** One rule broken on one page: where, how badly, what axe says to do, and the elements that break it. */
    public record Violation(String page, String rule, String impact, String help, String helpUrl, List<String> targets) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(page + ": " + rule + " (" + impact + ") " + help + " <" + helpUrl + ">");
            targets.forEach(t -> text.append("\n    ").append(t));
            return text.toString();
        }
    }

    /** Elements matching {@code selector} that {@code rule} does not count; see {@link #EXCUSED} for why. */
    public record Excused(String rule, String selector) {
    }

    private Axe() {
    }

    /** Skips (outside CI) or fails (in CI) the calling test when axe-core cannot be installed; installs it first. */
    public static void require() {
        NodeTools.require(DIR, "axe-core");
    }

    /** What axe-core finds wrong with the page {@code browser} shows now; {@code page} names it in the findings. */
    @SuppressWarnings("unchecked")
    public static List<Violation> check(WebDriver browser, String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(source());
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        List<Map<String, Object>> found = (List<Map<String, Object>>) js.executeAsyncScript(RUN, TAGS,
                EXCUSED.stream().map(e -> Map.of("rule", e.rule(), "selector", e.selector())).toList());
        List<Violation> violations = new ArrayList<>();
        for (Map<String, Object> v : found) {
            violations.add(new Violation(page, (String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
                    (String) v.get("helpUrl"), (List<String>) v.get("targets")));
        }
        return violations;
    }

    private static synchronized String source() {
        if (source == null) {
            try {
                source = Files.readString(DIR.resolve("node_modules/axe-core/axe.min.js"));
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is not installed: call Axe.require() first", e);
            }
        }
        return source;
    }
}
