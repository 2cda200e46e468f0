package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.platform.http.PageGate;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report pages take turns (issue 21): a crowd of readers of a big board must not all build their tables at once
 * and exhaust a bounded heap. With every turn taken a page waits, and is served when a turn frees; with the queue
 * full too it is answered at once with the 503 page and Retry-After, in the reader's language.
 */
@QuarkusTest
class PageGateTest {

    @Inject
    PageGate pages;

    @Test
    void aPageWaitsForItsTurnAndIsRefusedWith503WhenTheQueueIsFull() throws Exception {
        int concurrency = Runtime.getRuntime().availableProcessors();
        CompletableFuture<String> release = new CompletableFuture<>();
        List<CompletableFuture<String>> held = new ArrayList<>();
        try {
            // every turn taken by a page that has not finished
            for (int i = 0; i < concurrency; i++) {
                held.add(pages.turn(() -> Uni.createFrom().completionStage(release)).subscribeAsCompletionStage()
                        .toCompletableFuture());
            }
            CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                    () -> given().queryParam("lang", "en").get("/reports").andReturn());
            // the page reaches the gate and waits there (on a cold server its way there can take seconds)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pages.waiting() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pages.waiting()).as("the page waits at the gate").isEqualTo(1);
            assertThat(waiting).as("a page with no turn free waits").isNotDone();

            // the rest of the queue (256 places by default, one taken by the waiting page) filled too
            for (int i = 0; i < 255; i++) {
                held.add(pages.turn(() -> Uni.createFrom().completionStage(release)).subscribeAsCompletionStage()
                        .toCompletableFuture());
            }
            Response refused = given().queryParam("lang", "zh-CN").get("/reports").andReturn();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            // told that pages are busy, not that a database connection or a turn to write was missing
            assertThat(refused.asString()).contains("同时生成的页面和导出过多").doesNotContain("数据库连接");

            release.complete("done");
            Response served = waiting.get(30, TimeUnit.SECONDS);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.asString()).contains("<html");
        } finally {
            release.complete("done");
            for (CompletableFuture<String> h : held) {
                // each held turn ends, served or expired: a failure here must not hide the test's own
                h.handle((done, failed) -> done).get(30, TimeUnit.SECONDS);
            }
        }
        given().get("/reports").then().statusCode(200);
    }

    /**
     * A whole board's export (CSV or JSON) takes its turn at the same gate as the pages: refused with the overload
     * problem and Retry-After while every turn and place is taken, read once a turn frees (here: a scheme that does
     * not exist, so the 404 shows it went on to read).
     */
    @Test
    void aWholeBoardExportTakesItsTurnWithThePages() throws Exception {
        int concurrency = Runtime.getRuntime().availableProcessors();
        CompletableFuture<String> release = new CompletableFuture<>();
        List<CompletableFuture<String>> held = new ArrayList<>();
        String export = "/api/v1/schemes/no-such-scheme/standings";
        try {
            for (int i = 0; i < concurrency + 256; i++) {
                held.add(pages.turn(() -> Uni.createFrom().completionStage(release)).subscribeAsCompletionStage()
                        .toCompletableFuture());
            }
            for (String format : List.of("csv", "json")) {
                Response refused = given().queryParam("period", "2025-Q2").queryParam("format", format)
                        .get(export).andReturn();
                assertThat(refused.statusCode()).as(format).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("2");
                assertThat(refused.jsonPath().getString("detail")).contains("pages and exports");
            }
        } finally {
            release.complete("done");
            for (CompletableFuture<String> h : held) {
                h.handle((done, failed) -> done).get(30, TimeUnit.SECONDS);
            }
        }
        given().queryParam("period", "2025-Q2").queryParam("format", "csv").get(export).then().statusCode(404);
    }
}
