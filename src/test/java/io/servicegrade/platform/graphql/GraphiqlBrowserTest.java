package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, points 1 and 2, in real headless Chromium: GraphiQL at /q/graphql-ui loads the schema (its
 * documentation explorer shows the root types and their fields) and runs a query; a page on an allowed origin
 * calls /graphql with fetch, one on another origin cannot. Screenshots under target/screenshots-graphiql.
 */
@QuarkusTest
class GraphiqlBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots-graphiql");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a busy 2-core machine to load GraphiQL's scripts; the page is waited for, not timed. */
    static final Duration LOAD = Duration.ofSeconds(60);

    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void graphiqlLoadsTheSchemaIntoItsDocumentationExplorerAndRunsAQuery() throws Exception {
        String query = "{ unit(code: \"SZ\") { code name children { code } } }";
        browser.get(new URL(base, "/q/graphql-ui/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"))
                .toString());

        // the documentation explorer: root types, then the Query type's fields, from the introspected schema
        WebElement docs = until(b -> b.findElements(By.cssSelector("button[aria-label*='Documentation']"))
                .stream().findFirst().orElse(null));
        if (browser.findElements(By.cssSelector(".graphiql-doc-explorer")).isEmpty()) {
            docs.click();
        }
        String explorer = until(b -> b.findElements(By.cssSelector(".graphiql-doc-explorer")).stream()
                .map(WebElement::getText).filter(t -> t.contains("Root Types") || t.contains("No GraphQL schema"))
                .findFirst().orElse(null));
        assertThat(explorer).contains("Root Types").contains("Query").contains("Subscription")
                .doesNotContain("No GraphQL schema");
        WebElement queryType = until(b -> b.findElements(By.cssSelector(".graphiql-doc-explorer a")).stream()
                .filter(e -> e.getText().equals("Query")).findFirst().orElse(null));
        queryType.click();
        until(b -> b.findElement(By.cssSelector(".graphiql-doc-explorer")).getText().contains("standings"));
        shoot("docs-query");

        // run the query in the editor
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
        String result = until(b -> {
            String text = b.findElement(By.cssSelector(".graphiql-response")).getText();
            return text.contains("\"code\": \"SZ\"") || text.contains("\"errors\"") ? text : null;
        });
        shoot("query-result");
        assertThat(result).contains("\"code\": \"SZ\"").doesNotContain("\"errors\"");
        assertThat(browser.getPageSource()).doesNotContain("maximum query depth");
        assertThat(failedRequests()).isEmpty();
    }

    @Test
    void aPageOnAnAllowedOriginCallsTheApiWithFetchAndAnotherOriginCannot() throws Exception {
        URI server = base.toURI();
        // http://127.0.0.1:<port> is another origin than http://localhost:<port>; the tests list it as allowed
        String allowedPage = "http://127.0.0.1:" + server.getPort() + "/q/graphql-ui/";
        String api = "http://localhost:" + server.getPort();
        browser.get(allowedPage);
        Map<String, Object> answer = fetch(api + "/graphql", "POST",
                "{\"query\":\"{ unit(code: \\\"SZ\\\") { code } }\"}");
        assertThat(answer).as(answer.toString()).containsEntry("status", 200L);
        JsonNode body = JSON.readTree((String) answer.get("body"));
        assertThat(body.path("data").path("unit").path("code").asText()).isEqualTo("SZ");
        // a REST read with the key in Authorization (a header that needs the browser's preflight first)
        Map<String, Object> rest = fetch(api + "/api/v1/units/SZ", "GET", null);
        assertThat(rest).as(rest.toString()).containsEntry("status", 200L);

        // a page whose origin is not listed (a data: page has the opaque origin "null"): the browser gets no answer
        browser.get("data:text/html,<title>elsewhere</title><p>elsewhere</p>");
        Map<String, Object> refused = fetch(api + "/graphql", "POST", "{\"query\":\"{ unit(code: \\\"SZ\\\") { code } }\"}");
        assertThat(refused).as(refused.toString()).containsKey("error");
    }

    /** {@code fetch} in the page, with an Authorization header (so the browser sends a preflight first). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(String url, String method, String body) {
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const init = { method: arguments[1], headers: { 'Authorization': arguments[3],
                    'Accept-Language': 'en' } };
                if (arguments[2] !== null) {
                  init.body = arguments[2];
                  init.headers['Content-Type'] = 'application/json';
                }
                fetch(arguments[0], init)
                  .then(r => r.text().then(t => done({ status: r.status, body: t,
                      exposed: String(r.headers.get('Retry-After')) + ' ' + String(r.headers.get('Content-Type')) })))
                  .catch(e => done({ error: String(e) }));
                """, url, method, body, "Bearer " + io.servicegrade.TestApi.adminKey());
        return (Map<String, Object>) result;
    }

    /** What {@code look} finds once it finds something (not null, not false), looking until {@link #LOAD}. */
    private static <T> T until(java.util.function.Function<ChromeDriver, T> look) throws InterruptedException {
        long end = System.nanoTime() + LOAD.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                T found = look.apply(browser);
                if (found != null && !Boolean.FALSE.equals(found)) {
                    return found;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                last = e; // not there yet, or replaced while read
            }
            Thread.sleep(200);
        }
        try {
            shoot("not-found");
        } catch (Exception e) {
            // the message below is what counts
        }
        String page = browser.findElements(By.cssSelector("#graphiql")).stream().map(WebElement::getText)
                .findFirst().orElse(browser.getPageSource());
        throw new AssertionError("not found within " + LOAD + " on " + browser.getCurrentUrl() + ": " + page, last);
    }

    private static List<String> failedRequests() throws Exception {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            if (message.path("method").asText().equals("Network.responseReceived")
                    && params.path("response").path("status").asInt() >= 400) {
                problems.add("HTTP " + params.path("response").path("status").asInt() + " for "
                        + params.path("response").path("url").asText());
            }
        }
        return problems;
    }

    private static void shoot(String name) throws Exception {
        Chromium.screenshot(browser, SCREENSHOTS, name);
    }
}
