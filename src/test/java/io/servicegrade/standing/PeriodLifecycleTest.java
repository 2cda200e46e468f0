package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 18, points 1 and 3: a period is open, then published with an objection window fixed at publication, then
 * closed; a closed period's boards stay as they stood (tree, values, ranks, grades, group figures), writes that would
 * change it are refused with a 409 naming it, and an administrator may reopen it with a reason; each closing is kept.
 */
@QuarkusTest
class PeriodLifecycleTest {

    /** Two branches of windows under a region, a test rubric and a quarterly scheme with the given objection days. */
    record Campaign(String region, String rubric, String scheme) {

        static Campaign of(int objectionDays) {
            String p = freshPrefix();
            asAdmin().contentType(ContentType.JSON).body(List.of(
                    Map.of("code", p, "name", "区", "kind", "region"),
                    Map.of("code", p + ".B1", "name", "一分局", "kind", "branch", "parent", p),
                    Map.of("code", p + ".B2", "name", "二分局", "kind", "branch", "parent", p),
                    Map.of("code", p + ".B1.W1", "name", "窗口一", "kind", "window", "parent", p + ".B1"),
                    Map.of("code", p + ".B1.W2", "name", "窗口二", "kind", "window", "parent", p + ".B1"),
                    Map.of("code", p + ".B2.W1", "name", "窗口三", "kind", "window", "parent", p + ".B2")))
                    .put("/api/v1/units").then().statusCode(200);
            Campaign c = new Campaign(p, p.toLowerCase() + "-rubric", p.toLowerCase() + "-scheme");
            SchemeStandingsTest.rubric(c.rubric());
            SchemeVersionsTest.put(c.scheme(), SchemeVersionsTest.scheme(c.rubric(), "2023-01-01", "90", "quarter",
                    "Asia/Shanghai") + "lifecycle: {objectionDays: " + objectionDays + "}\n").statusCode(201);
            return c;
        }

        Map<String, Object> evaluation(String id, String source, String window, String when, int score) {
            return SchemeStandingsTest.evaluation(region + "-" + id, source, region + "." + window, rubric, when,
                    score, true);
        }

        /** Posts a batch; answers the ids of its evaluations, in order. */
        List<Integer> post(List<Map<String, Object>> evaluations) {
            return asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                    .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
        }

        /** Q1 and Q2 of 2023 with standings; answers the ids of the Q1 evaluations. */
        List<Integer> seed() {
            List<Integer> q1 = post(List.of(
                    evaluation("q1-i1", "inspection", "B1.W1", "2023-02-10T10:00:00+08:00", 90),
                    evaluation("q1-m1", "mystery_shop", "B1.W1", "2023-02-11T10:00:00+08:00", 90),
                    evaluation("q1-i2", "inspection", "B1.W2", "2023-02-10T10:00:00+08:00", 84)));
            // Q2: W1 weighted 0.4 × 88 + 0.6 × 91 = 89.8 (average 89.5: compliant); B1.W2 95 / 95: model;
            // B2.W1 80 / 80: not compliant
            post(List.of(
                    evaluation("q2-i1", "inspection", "B1.W1", "2023-05-10T10:00:00+08:00", 88),
                    evaluation("q2-m1", "mystery_shop", "B1.W1", "2023-05-11T10:00:00+08:00", 91),
                    evaluation("q2-i2", "inspection", "B1.W2", "2023-05-10T10:00:00+08:00", 95),
                    evaluation("q2-m2", "mystery_shop", "B1.W2", "2023-05-11T10:00:00+08:00", 95),
                    evaluation("q2-i3", "inspection", "B2.W1", "2023-05-10T10:00:00+08:00", 80),
                    evaluation("q2-m3", "mystery_shop", "B2.W1", "2023-05-11T10:00:00+08:00", 80)));
            return q1;
        }

        /** The boards a closing freezes: every window, the branches' figures, one branch's windows, as REST serves them. */
        List<String> boards(String period) {
            return List.of(board(period, Map.of()), board(period, Map.of("kind", "branch")),
                    board(period, Map.of("under", region + ".B1")),
                    board(period, Map.of("format", "csv", "lang", "zh-CN")));
        }

        /** The board of this campaign's region (the scheme grades every window of the tree). */
        String board(String period, Map<String, String> filters) {
            Map<String, String> all = new java.util.HashMap<>(Map.of("under", region));
            all.putAll(filters);
            return given().queryParams(all).queryParam("period", period)
                    .get("/api/v1/schemes/{key}/standings", scheme).then().statusCode(200).extract().asString();
        }


        io.restassured.response.ValidatableResponse close(String period) {
            return asAdmin().post("/api/v1/schemes/{key}/periods/{period}/close", scheme, period).then();
        }
    }

    @Test
    void aClosedPeriodKeepsItsBoardsAndRefusesWritesUntilReopenedWithAReason() {
        Campaign c = Campaign.of(0);
        List<Integer> q1 = c.seed();
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2").then()
                .statusCode(200).body("stage", equalTo("PUBLISHED")).body("objectionUntil", notNullValue());
        c.close("2023-Q2").statusCode(200).body("stage", equalTo("CLOSED")).body("closing", equalTo(1))
                .body("closedAt", notNullValue());
        List<String> frozen = c.boards("2023-Q2");
        given().queryParam("period", "2023-Q2").queryParam("under", c.region())
                .get("/api/v1/schemes/{key}/standings", c.scheme()).then()
                .body("closing", equalTo(1)).body("closedAt", notNullValue())
                .body("standings.unit", contains(c.region() + ".B1.W2", c.region() + ".B1.W1",
                        c.region() + ".B2.W1"))
                .body("standings.grade.key", contains("model", "compliant", "noncompliant"));

        // an evaluation into the closed quarter, alone or beside one into the next quarter: refused whole
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                c.evaluation("late-q3", "inspection", "B1.W1", "2023-08-10T10:00:00+08:00", 70),
                c.evaluation("late-q2", "inspection", "B2.W1", "2023-06-10T10:00:00+08:00", 100))))
                .post("/api/v1/evaluations").then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("period-closed")).body("detail", containsString("2023-Q2"))
                .body("detail", containsString(c.scheme()));
        given().header("Accept-Language", "zh-CN").header("Authorization", "Bearer " + TestApi.adminKey())
                .contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        c.evaluation("late-q2b", "inspection", "B2.W1", "2023-06-10T10:00:00+08:00", 100))))
                .post("/api/v1/evaluations").then().statusCode(409).body("title", equalTo("考核周期已关闭"));
        assertThat(c.board("2023-Q3", Map.of())).contains("\"totalCount\":3").doesNotContain("\"samples\":1");

        // a revision or a void of a Q2 evaluation: refused; one of Q1 (open) goes through
        int q2 = c.post(List.of(c.evaluation("q2-i1", "inspection", "B1.W1", "2023-05-10T10:00:00+08:00", 88)))
                .get(0);
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "复核", "answers", List.of(
                Map.of("item", "findings", "violations", 0), Map.of("item", "sign", "pass", true))))
                .post("/api/v1/evaluations/{id}/revisions", q2).then().statusCode(409)
                .body("type", endsWith("period-closed"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "重复"))
                .post("/api/v1/evaluations/{id}/void", q2).then().statusCode(409);
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "重复"))
                .post("/api/v1/evaluations/{id}/void", q1.get(2)).then().statusCode(200);

        // the tree changes: a rename, a move to the other branch, a retirement, a new window
        patch(c.region() + ".B1.W1", Map.of("name", "新窗口一"));
        patch(c.region() + ".B1.W2", Map.of("parent", c.region() + ".B2"));
        patch(c.region() + ".B2.W1", Map.of("active", false));
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", c.region() + ".B1.W9", "name", "新窗口",
                "kind", "window", "parent", c.region() + ".B1"))).put("/api/v1/units").then().statusCode(200);
        assertThat(c.boards("2023-Q2")).isEqualTo(frozen);

        // reopening: the admin's alone, and with a reason
        given().header("X-Api-Key", TestApi.agency(null)).contentType(ContentType.JSON)
                .body(Map.of("reason", "复核")).post("/api/v1/schemes/{key}/periods/{period}/reopen", c.scheme(),
                        "2023-Q2").then().statusCode(403);
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/v1/schemes/{key}/periods/{period}/reopen", c.scheme(), "2023-Q2").then()
                .statusCode(422).body("errors.pointer", contains("/reason"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "申诉成立，需更正 appeal upheld"))
                .post("/api/v1/schemes/{key}/periods/{period}/reopen", c.scheme(), "2023-Q2").then()
                .statusCode(200).body("stage", equalTo("PUBLISHED")).body("closing", nullValue());
        // live again: the tree as it is now (B2.W1 retired, W9 new, W1 renamed), and writes go through
        given().queryParam("period", "2023-Q2").queryParam("under", c.region())
                .get("/api/v1/schemes/{key}/standings", c.scheme()).then()
                .body("closing", nullValue())
                .body("standings.unit", org.hamcrest.Matchers.containsInAnyOrder(c.region() + ".B1.W2",
                        c.region() + ".B1.W1", c.region() + ".B1.W9"))
                .body("standings.find { it.unit == '" + c.region() + ".B1.W1' }.name", equalTo("新窗口一"));
        c.post(List.of(c.evaluation("after", "inspection", "B1.W1", "2023-06-10T10:00:00+08:00", 100)));

        c.close("2023-Q2").statusCode(200).body("closing", equalTo(2));
        given().get("/api/v1/schemes/{key}/periods/{period}/closings", c.scheme(), "2023-Q2").then()
                .statusCode(200).body("closing", contains(2, 1))
                .body("[1].reopenReason", equalTo("申诉成立，需更正 appeal upheld"))
                .body("[1].reopenedBy", startsWithKey()).body("[0].reopenedAt", nullValue())
                .body("[1].closedBy", startsWithKey());
        given().get("/api/v1/schemes/{key}/periods", c.scheme()).then()
                .body("find { it.period == '2023-Q2' }.stage", equalTo("CLOSED"))
                .body("find { it.period == '2023-Q2' }.closing", equalTo(2))
                .body("find { it.period == '2023-Q1' }.stage", equalTo("OPEN"));
        // the pages say it: final on the notice and the bulletin, and on the home page's list of periods
        String notice = given().queryParams(Map.of("scheme", c.scheme(), "period", "2023-Q2", "lang", "en"))
                .get("/reports/notice").then().statusCode(200).extract().asString();
        assertThat(notice).contains("<strong>Final.</strong>", "(closing 2)", "This period was published with no objection period.")
                .doesNotContain("class=\"watermark\"");
        assertThat(given().queryParams(Map.of("scheme", c.scheme(), "period", "2023-Q2", "lang", "zh-CN"))
                .get("/reports/bulletin").then().statusCode(200).extract().asString())
                .contains("<strong>最终结果。</strong>", "第 2 次关闭");
        assertThat(given().queryParam("lang", "en").get("/reports").then().statusCode(200).extract().asString())
                .contains("Final (closing 2)");
        assertThat(given().queryParams(Map.of("scheme", c.scheme(), "period", "2023-Q1", "lang", "en"))
                .get("/reports/notice").then().statusCode(200).extract().asString())
                .contains("<strong>Draft.</strong>", "class=\"watermark\"");
    }

    @Test
    void anImportWithARowInAClosedPeriodFailsWholeAndSaysWhy() throws Exception {
        Campaign c = Campaign.of(0);
        c.seed();
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2").then()
                .statusCode(200);
        c.close("2023-Q2").statusCode(200);
        List<String> frozen = c.boards("2023-Q2");
        String csv = "externalId,source,unit,rubric,conductedAt,findings,sign\n"
                + c.region() + "-imp-q3,inspection," + c.region() + ".B1.W1," + c.rubric() + ",2023-08-02 09:30,0,pass\n"
                + c.region() + "-imp-q2,inspection," + c.region() + ".B2.W1," + c.rubric() + ",2023-06-02 09:30,0,pass\n";
        io.restassured.path.json.JsonPath job = importCsv(csv);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("errors[0].message.en")).contains("2023-Q2", "closed");
        assertThat(String.valueOf(job.getMap("errors[0].message").get("zh-CN"))).contains("2023-Q2", "已关闭");
        assertThat(c.boards("2023-Q2")).isEqualTo(frozen);
        assertThat(c.board("2023-Q3", Map.of())).doesNotContain("\"samples\":1");
    }

    private static io.restassured.path.json.JsonPath importCsv(String csv) throws InterruptedException {
        int id = asAdmin().contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            io.restassured.path.json.JsonPath job = asAdmin().get("/api/v1/imports/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 60 s");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/graphql")
    java.net.URI graphql;

    @Test
    void subscribersHearAClosingAndAReopening() throws Exception {
        Campaign c = Campaign.of(0);
        c.seed();
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2").then()
                .statusCode(200);
        try (io.servicegrade.GraphqlSubscriber subscriber = new io.servicegrade.GraphqlSubscriber(graphql)) {
            subscriber.subscribe("1", """
                    subscription { standingUpdates(scheme: "%s", period: "2023-Q2", unit: "%s") { value rank } }
                    """.formatted(c.scheme(), c.region() + ".B1.W1"));
            assertThat(subscriber.next()).contains("\"value\":89.8");
            c.close("2023-Q2").statusCode(200);
            // the board of the closing: the same standing, heard as the period's change
            assertThat(subscriber.next()).contains("\"value\":89.8").contains("\"rank\":2");
            asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "更正"))
                    .post("/api/v1/schemes/{key}/periods/{period}/reopen", c.scheme(), "2023-Q2").then()
                    .statusCode(200);
            assertThat(subscriber.next()).contains("\"value\":89.8");
            // open again: a new inspection is heard (inspection (88 + 100) / 2 = 94; 0.4 × 94 + 0.6 × 91 = 92.2)
            c.post(List.of(c.evaluation("q2-i1b", "inspection", "B1.W1", "2023-05-12T10:00:00+08:00", 100)));
            assertThat(subscriber.next()).contains("\"value\":92.2");
        }
    }

    private static org.hamcrest.Matcher<String> startsWithKey() {
        return org.hamcrest.Matchers.startsWith("key:");
    }

    private static void patch(String code, Map<String, Object> change) {
        asAdmin().contentType(ContentType.JSON).body(change).patch("/api/v1/units/{code}", code).then()
                .statusCode(200);
    }

    @Test
    void aPeriodClosesOnlyOncePublishedAndItsObjectionWindowIsOver() {
        Campaign c = Campaign.of(3);
        c.seed();
        c.close("2023-Q2").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("period-not-published"));
        String until = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2")
                .then().statusCode(200).extract().path("objectionUntil");
        // three days, the publication day included: the window ends as the fourth day begins, in the scheme's zone
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        assertThat(OffsetDateTime.parse(until).toInstant())
                .isEqualTo(LocalDate.now(zone).plusDays(3).atStartOfDay(zone).toInstant());
        c.close("2023-Q2").statusCode(409).body("type", endsWith("objections-open"))
                .body("detail", containsString("2023-Q2"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/schemes/{key}/periods/{period}/reopen", c.scheme(), "2023-Q2").then()
                .statusCode(409).body("type", endsWith("period-not-closed"));
        // GraphQL: the same refusal as a user error; a survey agency may not close at all
        GraphqlCall.apiKey(TestApi.adminKey(), CLOSE, Map.of("scheme", c.scheme(), "period", "2023-Q2")).then()
                .statusCode(200).body("errors", nullValue()).body("data.closePeriod.period", nullValue())
                .body("data.closePeriod.userErrors", hasSize(1))
                .body("data.closePeriod.userErrors[0].code", equalTo("CONFLICT"));
        GraphqlCall.apiKey(TestApi.agency(null), CLOSE, Map.of("scheme", c.scheme(), "period", "2023-Q2")).then()
                .body("data", nullValue()).body("errors", hasSize(1));
        given().get("/api/v1/schemes/{key}/periods", c.scheme()).then()
                .body("find { it.period == '2023-Q2' }.stage", equalTo("PUBLISHED"));
    }

    static final String CLOSE = """
            mutation Close($scheme: String!, $period: String!) {
              closePeriod(scheme: $scheme, period: $period) {
                period { key state objectionUntil closing closedAt }
                userErrors { pointer code message }
              }
            }""";

    static final String REOPEN = """
            mutation Reopen($scheme: String!, $period: String!, $reason: String!) {
              reopenPeriod(scheme: $scheme, period: $period, reason: $reason) {
                period { key state closing }
                userErrors { pointer code message }
              }
            }""";

    static final String BOARD = """
            query Board($scheme: String!, $period: String!, $under: String) {
              standings(scheme: $scheme, period: $period, under: $under, first: 10) {
                closing closedAt totalCount
                edges { node { rank value unit { code name } grade { key } } }
              }
            }""";

    @Test
    void overGraphQLAPeriodClosesAndReopensAndTheBoardSaysWhichClosingItShows() {
        Campaign c = Campaign.of(0);
        c.seed();
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2").then()
                .statusCode(200);
        GraphqlCall.apiKey(TestApi.adminKey(), CLOSE, Map.of("scheme", c.scheme(), "period", "2023-Q2")).then()
                .body("errors", nullValue()).body("data.closePeriod.userErrors", hasSize(0))
                .body("data.closePeriod.period.state", equalTo("CLOSED"))
                .body("data.closePeriod.period.closing", equalTo(1));
        GraphqlCall.apiKey(TestApi.adminKey(), BOARD, Map.of("scheme", c.scheme(), "period", "2023-Q2",
                "under", c.region())).then()
                .body("errors", nullValue()).body("data.standings.closing", equalTo(1))
                .body("data.standings.edges.node.unit.code", contains(c.region() + ".B1.W2",
                        c.region() + ".B1.W1", c.region() + ".B2.W1"));
        GraphqlCall.apiKey(TestApi.adminKey(), REOPEN, Map.of("scheme", c.scheme(), "period", "2023-Q2",
                "reason", "")).then().body("data.reopenPeriod.period", nullValue())
                .body("data.reopenPeriod.userErrors.pointer", contains("/reason"));
        GraphqlCall.apiKey(TestApi.adminKey(), REOPEN, Map.of("scheme", c.scheme(), "period", "2023-Q2",
                "reason", "更正 correction")).then().body("data.reopenPeriod.userErrors", hasSize(0))
                .body("data.reopenPeriod.period.state", equalTo("PUBLISHED"))
                .body("data.reopenPeriod.period.closing", nullValue());
        GraphqlCall.apiKey(TestApi.adminKey(), BOARD, Map.of("scheme", c.scheme(), "period", "2023-Q2",
                "under", c.region())).then()
                .body("data.standings.closing", nullValue());
        GraphqlCall.apiKey(TestApi.adminKey(), """
                query Period($scheme: String!) {
                  periods(scheme: $scheme) { key state objectionUntil closings { closing closedBy reopenReason } }
                }""", Map.of("scheme", c.scheme())).then().body("errors", nullValue())
                .body("data.periods.find { it.key == '2023-Q2' }.state", equalTo("PUBLISHED"))
                .body("data.periods.find { it.key == '2023-Q2' }.closings.closing", contains(1))
                .body("data.periods.find { it.key == '2023-Q2' }.closings[0].reopenReason", equalTo("更正 correction"))
                .body("data.periods.find { it.key == '2023-Q1' }.closings", hasSize(0));
    }

    /**
     * The property of point 3: whatever is written later — evaluations into the closed period (refused), into the
     * periods around it (the one before is its change column), revisions and voids of those, units renamed, moved
     * between branches, retired and restored, new units — the closed period's boards stay byte for byte as they were.
     */
    @Test
    void aClosedBoardNeverChangesUnderRandomLaterWritesAndTreeMoves() {
        for (long seed : new long[] {18L, 1801L}) {
            Random random = new Random(seed);
            Campaign c = Campaign.of(0);
            List<Integer> earlier = new ArrayList<>(c.seed());
            asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", c.scheme(), "2023-Q2").then()
                    .statusCode(200);
            c.close("2023-Q2").statusCode(200);
            List<String> frozen = c.boards("2023-Q2");
            List<String> windows = new ArrayList<>(List.of("B1.W1", "B1.W2", "B2.W1"));
            List<String> ops = new ArrayList<>();
            for (int step = 0; step < 14; step++) {
                String window = windows.get(random.nextInt(windows.size()));
                String code = c.region() + "." + window;
                int op = random.nextInt(7);
                ops.add(op + ":" + window);
                if (op <= 1) {
                    patch(code, Map.of("active", true));
                }
                switch (op) {
                    case 0 -> asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                            c.evaluation("s" + seed + "-" + step, random.nextBoolean() ? "inspection" : "mystery_shop",
                                    window, "2023-0" + (4 + random.nextInt(3)) + "-15T10:00:00+08:00",
                                    random.nextInt(101))))).post("/api/v1/evaluations").then().statusCode(409);
                    case 1 -> earlier.addAll(c.post(List.of(c.evaluation("s" + seed + "-" + step, "inspection",
                            window, random.nextBoolean() ? "2023-03-15T10:00:00+08:00" : "2023-08-15T10:00:00+08:00",
                            random.nextInt(101)))));
                    case 2 -> {
                        if (!earlier.isEmpty()) {
                            int id = earlier.remove(random.nextInt(earlier.size()));
                            asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "随机 random"))
                                    .post("/api/v1/evaluations/{id}/void", id).then().statusCode(200);
                        }
                    }
                    case 3 -> patch(code, Map.of("name", "改名" + step));
                    case 4 -> patch(code, Map.of("parent", c.region() + (random.nextBoolean() ? ".B1" : ".B2")));
                    case 5 -> patch(code, Map.of("active", random.nextBoolean()));
                    default -> {
                        String added = "B" + (1 + random.nextInt(2)) + ".N" + step;
                        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", c.region() + "." + added,
                                "name", "新" + step, "kind", "window", "parent",
                                c.region() + "." + added.substring(0, 2)))).put("/api/v1/units").then()
                                .statusCode(200);
                        windows.add(added);
                    }
                }
                assertThat(c.boards("2023-Q2")).as("seed %d after %s", seed, ops).isEqualTo(frozen);
            }
        }
    }
}
