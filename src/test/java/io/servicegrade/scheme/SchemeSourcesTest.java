package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeStandingsTest.rubric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Scheme sources as the regulations write them (issue 17), through the real server: a rubric per service line, an
 * outlet's inspection rolled down to its windows and a teller's visit up to the window, the sum of deductions,
 * campaign dates bounding the evaluations counted, and monthly bulletins of a quarterly scheme.
 */
@QuarkusTest
class SchemeSourcesTest {

    private static final String BOARD = """
            query($scheme: String!, $period: String!, $under: String) {
              standings(scheme: $scheme, period: $period, under: $under, first: 500) {
                totalCount
                edges { node { unit { code } rank value grade { key } vetoed
                               sources { source value samples } previous { value rank } } }
              }
            }
            """;

    /** The scheme: inspections on the savings rubric for savings windows and on the counter rubric for the rest. */
    private static String scheme(String key, String counter, String savings, String check) {
        return """
                key: %s
                name: {zh-CN: 按条线评分, en: Standards per line}
                kinds: [window]
                activeFrom: 2023-04-10
                activeTo: 2023-12-31
                period: quarter
                bulletin: month
                timeZone: Asia/Shanghai
                sources:
                  - source: inspection
                    rubrics:
                      - {rubric: %s, serviceLines: [savings]}
                      - {rubric: %s}
                    alsoCountsFor: {below: [window]}
                  - {source: mystery_shop, rubric: %s, alsoCountsFor: {above: [window]}}
                  - {source: self, rubric: %s, combine: deductions, base: 100, floor: 60}
                composites:
                  - {key: c, name: {zh-CN: 检查, en: Inspection}, weights: {inspection: 1}}
                  - {key: d, name: {zh-CN: 日常, en: Daily}, weights: {self: 1}}
                grades:
                  - {key: good, name: {zh-CN: 好, en: Good}, composite: c, min: 85}
                  - {key: other, name: {zh-CN: 其他, en: Other}}
                rankBy: c
                """.formatted(key, savings, counter, counter, check);
    }

    private static void put(String key, String yaml) {
        asAdmin().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
    }

    /** A region › outlet › counter window (› teller) and savings window; answers the region's code. */
    private static String tree() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".O", "name", "网点", "kind", "outlet", "parent", p),
                Map.of("code", p + ".C", "name", "营业窗口", "kind", "window", "serviceLine", "counter",
                        "parent", p + ".O"),
                Map.of("code", p + ".S", "name", "储蓄窗口", "kind", "window", "serviceLine", "savings",
                        "parent", p + ".O"),
                Map.of("code", p + ".T", "name", "柜员", "kind", "staff", "parent", p + ".C")))
                .put("/api/v1/units").then().statusCode(200);
        return p;
    }

    private static List<Integer> post(List<Map<String, Object>> evaluations) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
    }

    private static JsonPath board(String key, String period, String under) {
        return given().contentType(ContentType.JSON).body(Map.of("query", BOARD, "variables",
                        Map.of("scheme", key, "period", period, "under", under)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** A decimal as its plain digits without trailing zeros (75.00 → 75), null as null. */
    private static String number(Object value) {
        return value == null ? "null" : new java.math.BigDecimal(value.toString()).stripTrailingZeros()
                .toPlainString();
    }

    /** A unit's row on a board, as text: value, grade, each source's value and samples, previous value. */
    private static String row(JsonPath board, String code) {
        List<Map<String, Object>> nodes = board.getList("data.standings.edges.node");
        return nodes.stream().filter(n -> code.equals(((Map<?, ?>) n.get("unit")).get("code"))).findFirst()
                .map(SchemeSourcesTest::text).orElse("absent");
    }

    private static String text(Map<String, Object> n) {
        String sources = ((List<?>) n.get("sources")).stream().map(s -> (Map<?, ?>) s)
                .map(s -> s.get("source") + "=" + number(s.get("value")) + "/" + s.get("samples"))
                .collect(Collectors.joining(" "));
        Map<?, ?> previous = (Map<?, ?>) n.get("previous");
        return "rank " + n.get("rank") + " value " + number(n.get("value")) + " grade "
                + (n.get("grade") == null ? null : ((Map<?, ?>) n.get("grade")).get("key")) + " vetoed "
                + n.get("vetoed") + " | " + sources + " | previous "
                + (previous == null ? null : number(previous.get("value")) + "/" + previous.get("rank"));
    }

    @Test
    void eachWindowIsJudgedByItsLinesStandardWithRollUpsDeductionsCampaignDatesAndMonthlyBulletins() {
        String key = freshPrefix().toLowerCase() + "-lines";
        String counter = key + "-counter";
        String savings = key + "-savings";
        String check = key + "-check";
        rubric(counter);
        rubric(savings);
        rubric(check);
        put(key, scheme(key, counter, savings, check));
        String p = tree();
        String c = p + ".C";
        String s = p + ".S";
        post(List.of(
                evaluation(p + "-1", "inspection", s, savings, "2023-04-20T10:00:00+08:00", 88, true),
                evaluation(p + "-2", "inspection", s, savings, "2023-05-10T10:00:00+08:00", 92, true),
                // on the counter standard: not the savings window's, so not counted for it
                evaluation(p + "-3", "inspection", s, counter, "2023-05-11T10:00:00+08:00", 50, true),
                // before the campaign began on 10 April: not counted
                evaluation(p + "-4", "inspection", s, savings, "2023-04-05T10:00:00+08:00", 10, true),
                evaluation(p + "-5", "inspection", c, counter, "2023-05-12T10:00:00+08:00", 80, true),
                // the outlet's inspection, rolled down to both windows
                evaluation(p + "-6", "inspection", p + ".O", counter, "2023-06-02T10:00:00+08:00", 70, true),
                // the teller's mystery-shopper visit, rolled up to the counter window
                evaluation(p + "-7", "mystery_shop", p + ".T", counter, "2023-05-15T10:00:00+08:00", 94, true),
                evaluation(p + "-8", "mystery_shop", c, counter, "2023-04-21T10:00:00+08:00", 88, true),
                evaluation(p + "-9", "self", c, check, "2023-04-22T10:00:00+08:00", 98, true),
                evaluation(p + "-10", "self", c, check, "2023-04-23T10:00:00+08:00", 95, true),
                evaluation(p + "-11", "self", c, check, "2023-05-02T10:00:00+08:00", 100, true),
                evaluation(p + "-12", "self", s, check, "2023-05-03T10:00:00+08:00", 70, true),
                evaluation(p + "-13", "self", s, check, "2023-05-04T10:00:00+08:00", 75, true)));

        JsonPath quarter = board(key, "2023-Q2", p);
        assertThat(quarter.getInt("data.standings.totalCount")).isEqualTo(2);
        // savings window: inspection (88 + 92 + 70) / 3 = 250 / 3 = 83.33 < 85, the outlet's 70 rolled down, not
        // the 50 on the counter standard nor the 10 before the campaign; daily: 100 − (30 + 25) = 45 → floor 60
        assertThat(row(quarter, s)).isEqualTo("rank 1 value 83.33 grade other vetoed false"
                + " | inspection=83.33/3 mystery_shop=null/0 self=60/2 | previous null");
        // counter window: inspection (80 + 70) / 2 = 75; mystery shopping (88 + the teller's 94) / 2 = 91;
        // daily 100 − (2 + 5 + 0) = 93
        assertThat(row(quarter, c)).isEqualTo("rank 2 value 75 grade other vetoed false"
                + " | inspection=75/2 mystery_shop=91/2 self=93/3 | previous null");
        // the teller is not on the board: the scheme grades windows
        assertThat(row(quarter, p + ".T")).isEqualTo("absent");

        // the monthly bulletins of the quarter, on the same board API
        JsonPath april = board(key, "2023-04", p);
        // April: the savings window's 88 only (the 10 of 5 April is before the campaign) → good
        assertThat(row(april, s)).isEqualTo("rank 1 value 88 grade good vetoed false"
                + " | inspection=88/1 mystery_shop=null/0 self=null/0 | previous null");
        // April: no inspection of the counter window; its own visit 88; daily 100 − (2 + 5) = 93
        assertThat(row(april, c)).isEqualTo("rank null value null grade null vetoed false"
                + " | inspection=null/0 mystery_shop=88/1 self=93/2 | previous null");
        JsonPath may = board(key, "2023-05", p);
        // May: the savings window's 92 (not the 50 on the counter standard) → good; April beside it: 88, rank 1
        assertThat(row(may, s)).isEqualTo("rank 1 value 92 grade good vetoed false"
                + " | inspection=92/1 mystery_shop=null/0 self=60/2 | previous 88/1");
        // May: the counter window's 80; the teller's 94; one daily check of 100
        assertThat(row(may, c)).isEqualTo("rank 2 value 80 grade other vetoed false"
                + " | inspection=80/1 mystery_shop=94/1 self=100/1 | previous null");
        JsonPath june = board(key, "2023-06", p);
        // June: only the outlet's inspection, rolled down to both windows: 70 each, tied
        assertThat(row(june, s)).startsWith("rank 1 value 70 grade other");
        assertThat(row(june, c)).startsWith("rank 1 value 70 grade other");

        // the same month as REST JSON and CSV
        asAdmin().queryParam("period", "2023-05").queryParam("under", p)
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .body("period", equalTo("2023-05"));
        // the report pages: the home page links each month's board, and the board reads like the quarter's
        assertThat(given().queryParam("lang", "en").get("/reports").then().statusCode(200).extract().asString())
                .containsPattern("href=\"[^\"]*(scheme=" + key + "[^\"]*period=2023-05|period=2023-05[^\"]*scheme="
                        + key + ")");
        assertThat(given().queryParam("scheme", key).queryParam("period", "2023-05").queryParam("under", p)
                .queryParam("lang", "en").get("/reports/standings").then().statusCode(200).extract().asString())
                .contains("May 2023").contains("92.00");
                // a month is a view: it is not published on its own
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2023-05").then().statusCode(422);

        // the kept inputs equal a rebuild from the evaluations
        Map<String, String> kept = boards(key, p);
        asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        assertThat(boards(key, p)).isEqualTo(kept);

        // the scheme as GraphQL shows it
        given().contentType(ContentType.JSON).body(Map.of("query", """
                        query($key: String!) { scheme(key: $key) { bulletin sources { source rubric
                          rubrics { rubric serviceLines } combine base floor alsoCountsForAbove alsoCountsForBelow } } }
                        """, "variables", Map.of("key", key)))
                .post("/graphql").then().statusCode(200)
                .body("data.scheme.bulletin", equalTo("MONTH"))
                .body("data.scheme.sources[0].rubrics.rubric", org.hamcrest.Matchers.contains(savings, counter))
                .body("data.scheme.sources[0].rubrics[0].serviceLines", org.hamcrest.Matchers.contains("savings"))
                .body("data.scheme.sources[0].alsoCountsForBelow", org.hamcrest.Matchers.contains("window"))
                .body("data.scheme.sources[1].alsoCountsForAbove", org.hamcrest.Matchers.contains("window"))
                .body("data.scheme.sources[2].combine", equalTo("DEDUCTIONS"))
                .body("data.scheme.sources[2].floor", equalTo(60));
        // the period lists its bulletin parts
        given().contentType(ContentType.JSON).body(Map.of("query", """
                        query($key: String!) { period(scheme: $key, period: "2023-Q2") { key bulletins } }
                        """, "variables", Map.of("key", key)))
                .post("/graphql").then().statusCode(200)
                .body("data.period.bulletins", org.hamcrest.Matchers.contains("2023-04", "2023-05", "2023-06"));
    }

    private static final List<String> VIEWS = List.of("2023-Q2", "2023-Q3", "2023-04", "2023-05", "2023-06",
            "2023-07", "2023-08", "2023-09");

    /** Every view's rows, by view. */
    private static Map<String, String> boards(String key, String under) {
        Map<String, String> boards = new java.util.TreeMap<>();
        for (String view : VIEWS) {
            List<Map<String, Object>> nodes = board(key, view, under).getList("data.standings.edges.node");
            boards.put(view, nodes.stream().map(n -> ((Map<?, ?>) n.get("unit")).get("code") + ": " + text(n))
                    .collect(Collectors.joining("\n")));
        }
        return boards;
    }

    @Test
    void standingsKeptUpWithRubricsPerLineRollUpsAndBulletinsEqualAFullRecompute() {
        for (long seed : new long[] {17, 1701, 170117}) {
            Random random = new Random(seed);
            String key = freshPrefix().toLowerCase() + "-prop";
            String counter = key + "-counter";
            String savings = key + "-savings";
            String check = key + "-check";
            rubric(counter);
            rubric(savings);
            rubric(check);
            put(key, scheme(key, counter, savings, check).replace("activeFrom: 2023-04-10",
                    "activeFrom: 2023-04-10\nactiveTo: 2023-09-20").replace("activeTo: 2023-12-31\n", ""));
            String p = tree();
            List<String> units = List.of(p + ".O", p + ".C", p + ".S", p + ".T", p);
            List<String> rubrics = List.of(counter, savings, check);
            List<String> sources = List.of("inspection", "mystery_shop", "self", "callback");
            // around the campaign's first and last days and the months' ends, in Beijing time and elsewhere
            String[] times = {"2023-04-09T23:30:00+08:00", "2023-04-10T00:10:00+08:00", "2023-04-30T23:59:00+08:00",
                    "2023-05-01T00:00:00+08:00", "2023-06-30T20:00:00-06:00", "2023-07-15T10:00:00+08:00",
                    "2023-09-20T23:00:00+08:00", "2023-09-21T00:30:00+08:00", "2023-08-01T08:00:00+08:00"};
            List<Integer> ids = new ArrayList<>();
            List<Map<String, Object>> posted = new ArrayList<>();
            for (int batch = 0; batch < 4; batch++) {
                List<Map<String, Object>> evaluations = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String source = sources.get(random.nextInt(4));
                    String unit = units.get(random.nextInt(units.size()));
                    // mostly the rubric the scheme chooses for the unit, now and then another
                    String rubric = random.nextInt(4) == 0 ? rubrics.get(random.nextInt(3))
                            : source.equals("self") ? check : unit.endsWith(".S") ? savings : counter;
                    evaluations.add(evaluation(p + "-" + batch + "-" + i, source, unit, rubric,
                            times[random.nextInt(times.length)], 50 + random.nextInt(51), random.nextInt(15) > 0));
                }
                posted.addAll(evaluations);
                ids.addAll(post(evaluations));
                for (int change = 0; change < 2; change++) {
                    int pick = random.nextInt(ids.size());
                    if (random.nextBoolean()) {
                        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "作废 void"))
                                .post("/api/v1/evaluations/{id}/void", ids.get(pick))
                                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 409));
                    } else {
                        // a corrected resend that moves it to another unit, rubric and month
                        Map<String, Object> moved = new HashMap<>(evaluation((String) posted.get(pick)
                                        .get("externalId"), (String) posted.get(pick).get("source"),
                                units.get(random.nextInt(units.size())), rubrics.get(random.nextInt(3)),
                                times[random.nextInt(times.length)], 50 + random.nextInt(51), true));
                        moved.put("reason", "登记有误 wrong unit, standard and date");
                        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(moved)))
                                .post("/api/v1/evaluations").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
                    }
                }
            }
            Map<String, String> kept = boards(key, p);
            assertThat(String.join("\n", kept.values())).as("seed %d values windows, rolls up and down", seed)
                    .containsPattern("value \\d").containsPattern("inspection=[\\d.]+/[2-9]")
                    .containsPattern("mystery_shop=[\\d.]+/\\d");
            asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
            assertThat(boards(key, p)).as("seed %d", seed).isEqualTo(kept);
        }
    }

    @Test
    void everyProblemOfTheNewSourceFieldsIsReportedAtOnce() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType("application/yaml").body("""
                name: {zh-CN: 坏, en: Bad}
                kinds: [window]
                activeFrom: 2023-01-01
                period: quarter
                bulletin: year
                sources:
                  - {source: inspection, rubric: r, rubrics: [{rubric: r}]}
                  - source: mystery_shop
                    rubrics:
                      - {rubric: a}
                      - {rubric: b, serviceLines: [savings]}
                      - {rubric: c, kinds: [], tags: [Bad Tag]}
                    base: 90
                  - {source: self, rubric: d, combine: deductions, base: 80, floor: 90, alsoCountsFor: {}}
                  - {source: shop, rubric: e, alsoCountsFor: {sideways: [x]}}
                composites:
                  - {key: c, name: {zh-CN: 综, en: C}, weights: {inspection: 1}}
                grades:
                  - {key: good, name: {zh-CN: 好, en: Good}, composite: c, min: 85}
                  - {key: bad, name: {zh-CN: 差, en: Bad}}
                rankBy: c
                """.getBytes(StandardCharsets.UTF_8)).put("/api/v1/schemes/{key}", key)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/bulletin", "/sources/0", "/sources/1/rubrics/1",
                        "/sources/1/rubrics/2", "/sources/1/rubrics/2/kinds", "/sources/1/rubrics/2/tags/0",
                        "/sources/1/base", "/sources/2/floor", "/sources/2/alsoCountsFor",
                        "/sources/3/alsoCountsFor/sideways", "/sources/3/alsoCountsFor"));
        asAdmin().get("/api/v1/schemes/{key}", key).then().statusCode(404);
    }

    @Test
    void theNewFieldsRoundTripThroughTheCanonicalDocument() {
        com.fasterxml.jackson.databind.JsonNode yaml;
        try {
            yaml = SchemeResource.YAML.readTree(scheme("k", "cr", "sr", "dr"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Scheme read = SchemeDocument.read(yaml, java.time.ZoneOffset.UTC).scheme();
        Scheme again = SchemeDocument.read(SchemeDocument.write(read), java.time.ZoneOffset.UTC).scheme();
        assertThat(again).isEqualTo(read);
        assertThat(read.bulletin()).isEqualTo(Period.Kind.MONTH);
        assertThat(read.source("inspection").rubricFor("window", "savings", List.of())).isEqualTo("sr");
        assertThat(read.source("inspection").rubricFor("window", "counter", List.of())).isEqualTo("cr");
        assertThat(read.source("self").base()).isEqualByComparingTo("100");
        // a source on one rubric for every unit keeps its short form
        assertThat(SchemeDocument.write(read).get("sources").get(1).has("rubric")).isTrue();
    }

    @Test
    void theDemoSchemeJudgesEachLineByItsOwnStandardAndCarriesTheCampaignsTargets() {
        String quarter = io.servicegrade.DemoData.quarter();
        JsonPath board = given().contentType(ContentType.JSON).body(Map.of("query", """
                        query($period: String!) {
                          standings(scheme: "create-satisfied-windows", period: $period, kind: "region", lang: "en") {
                            edges { node { unit { code } group { graded
                              targets { key area grade { key } composite { key } required actual met counted } } } }
                          }
                          lines: standings(scheme: "create-satisfied-windows", period: $period, first: 500) {
                            edges { node { unit { code serviceLine } sources { source samples } } }
                          }
                        }
                        """, "variables", Map.of("period", quarter)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath();
        // seed 000's three targets over the whole bureau: compliance 100 %, model windows 100 % of the designated,
        // satisfaction 86
        assertThat(board.getList("data.standings.edges[0].node.group.targets.key"))
                .containsExactly("compliant", "model", "satisfaction");
        assertThat(board.getList("data.standings.edges[0].node.group.targets.area")).containsOnly("ALL");
        assertThat(board.getInt("data.standings.edges[0].node.group.targets[1].counted"))
                .as("every graded demo window is a designated model-window unit")
                .isEqualTo(board.getInt("data.standings.edges[0].node.group.graded"));
        // savings and delivery windows count their visits on their own lines' standards
        List<Map<String, Object>> rows = board.getList("data.lines.edges.node");
        for (String line : List.of("counter", "savings", "delivery")) {
            assertThat(rows).as("%s windows are scored", line).anyMatch(row -> line.equals(((Map<?, ?>) row
                    .get("unit")).get("serviceLine")) && ((List<?>) row.get("sources")).stream()
                    .anyMatch(source -> ((Number) ((Map<?, ?>) source).get("samples")).intValue() > 0));
        }
    }
}
