package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.servicegrade.AtOnce;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeStandingsTest.rubric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
public class SchemeVersionsTest {

    @Inject
    Pool pool;

    private static final String BOARD = """
            query($scheme: String!, $period: String!, $under: String) {
              standings(scheme: $scheme, period: $period, under: $under) {
                schemeVersion publishedAt totalCount
                edges { node { unit { code name } value grade { key } previous { value grade { key } }
                               sources { source value samples } } }
              }
            }
            """;

    public static String scheme(String rubric, String activeFrom, String modelMin, String period, String zone) {
        return """
                name: {zh-CN: 创满意窗口, en: Satisfied windows}
                kinds: [window]
                activeFrom: %s
                period: %s
                timeZone: %s
                sources:
                  - {source: inspection, rubric: %s}
                  - {source: mystery_shop, rubric: %s}
                composites:
                  - {key: average, name: {zh-CN: 平均, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
                  - {key: weighted, name: {zh-CN: 加权, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
                grades:
                  - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: %s}
                  - {key: compliant, name: {zh-CN: 达标, en: Compliant}, composite: average, min: 85}
                  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                rankBy: weighted
                """.formatted(activeFrom, period, zone, rubric, rubric, modelMin);
    }

    public static ValidatableResponse put(String key, String yaml) {
        return asAdmin().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then();
    }

    static ValidatableResponse board(String key, String period, String under) {
        return given().contentType(ContentType.JSON).body(Map.of("query", BOARD, "variables",
                Map.of("scheme", key, "period", period, "under", under))).post("/graphql").then().statusCode(200);
    }

    /** A region with {@code windows} windows; answers the region's code. */
    public static String region(int windows) {
        String p = freshPrefix();
        List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind", "region")));
        for (int w = 1; w <= windows; w++) {
            units.add(Map.of("code", p + ".W" + w, "name", "窗口" + w, "kind", "window", "parent", p));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        return p;
    }

    /** A region of windows, a test rubric and a quarterly scheme (model from 90) over them, from 2023. */
    public record Setup(String region, String rubric, String scheme) {

        public static Setup of(int windows) {
            String p = SchemeVersionsTest.region(windows);
            Setup setup = new Setup(p, p.toLowerCase() + "-rubric", p.toLowerCase() + "-scheme");
            SchemeStandingsTest.rubric(setup.rubric());
            put(setup.scheme(), SchemeVersionsTest.scheme(setup.rubric(), "2023-01-01", "90", "quarter",
                    "Asia/Shanghai")).statusCode(201);
            return setup;
        }
    }

    public static void post(List<Map<String, Object>> evaluations) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                .post("/api/v1/evaluations").then().statusCode(201);
    }

    @Test
    void aNewVersionAppliesToTheUnpublishedPeriodsItCoversWhilePublishedPeriodsKeepTheirs() {
        Setup setup = Setup.of(1);
        String p = setup.region();
        String rubric = setup.rubric();
        String key = setup.scheme();
        List<Map<String, Object>> evaluations = new ArrayList<>();
        // The seed's worked example in each of three quarters: weighted 89.8, average 89.5
        for (String when : List.of("2023-05-10T10:00:00+08:00", "2023-08-10T10:00:00+08:00",
                "2023-11-10T10:00:00+08:00")) {
            evaluations.add(evaluation(p + "-i" + when.substring(5, 7), "inspection", p + ".W1", rubric, when, 88,
                    true));
            evaluations.add(evaluation(p + "-m" + when.substring(5, 7), "mystery_shop", p + ".W1", rubric, when, 91,
                    true));
        }
        post(evaluations);

        String publishedAt = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2023-Q2")
                .then().statusCode(200).body("period", equalTo("2023-Q2")).body("published", equalTo(true))
                .body("publishedVersion", equalTo(1)).extract().path("publishedAt");
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2023-Q2")
                .then().statusCode(200).body("publishedAt", equalTo(publishedAt));

        // Version 2 makes 89.5 enough for a model window, from the same start
        put(key, scheme(rubric, "2023-01-01", "89.5", "quarter", "Asia/Shanghai")).statusCode(201)
                .body("version", equalTo(2));
        // Version 3 applies from the fourth quarter only, and asks 95
        put(key, scheme(rubric, "2023-10-01", "95", "quarter", "Asia/Shanghai")).statusCode(201)
                .body("version", equalTo(3));

        for (int pass = 0; pass < 2; pass++) {
            board(key, "2023-Q2", p).body("errors", nullValue())
                    .body("data.standings.schemeVersion", equalTo(1))
                    .body("data.standings.publishedAt", notNullValue())
                    .body("data.standings.edges[0].node.grade.key", equalTo("compliant"));
            board(key, "2023-Q3", p).body("errors", nullValue())
                    .body("data.standings.schemeVersion", equalTo(2))
                    .body("data.standings.publishedAt", nullValue())
                    .body("data.standings.edges[0].node.grade.key", equalTo("model"))
                    // the previous quarter as it was published
                    .body("data.standings.edges[0].node.previous.grade.key", equalTo("compliant"));
            board(key, "2023-Q4", p).body("errors", nullValue())
                    .body("data.standings.schemeVersion", equalTo(3))
                    .body("data.standings.edges[0].node.grade.key", equalTo("compliant"));
            // A full rebuild computes each period with the same version again
            asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        }

        given().get("/api/v1/schemes/{key}/periods", key).then().statusCode(200)
                .body("period", contains("2023-Q4", "2023-Q3", "2023-Q2"))
                .body("published", contains(false, false, true))
                .body("publishedVersion", contains(null, null, 1))
                .body("lastDay", contains("2023-12-31", "2023-09-30", "2023-06-30"));
        // The same periods as GraphQL types: open ones computed by the version in force for their dates, the
        // published one by the version it keeps; node(id:) gives a period again
        String q2 = given().contentType(ContentType.JSON).body(Map.of("query", "{ periods(scheme: \"" + key
                        + "\") { id key firstDay lastDay state publishedAt schemeVersion revision } }"))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.periods.key", contains("2023-Q4", "2023-Q3", "2023-Q2"))
                .body("data.periods.firstDay", contains("2023-10-01", "2023-07-01", "2023-04-01"))
                .body("data.periods.lastDay", contains("2023-12-31", "2023-09-30", "2023-06-30"))
                .body("data.periods.state", contains("OPEN", "OPEN", "PUBLISHED"))
                .body("data.periods.schemeVersion", contains(3, 2, 1))
                .body("data.periods[2].publishedAt", notNullValue())
                .body("data.periods[0].publishedAt", nullValue())
                .body("data.periods.revision", everyItem(greaterThan(0)))
                .extract().path("data.periods[2].id");
        given().contentType(ContentType.JSON).body(Map.of("query", "query($id: ID!, $key: String!) { "
                        + "node(id: $id) { ... on Period { key state schemeVersion } } "
                        + "period(scheme: $key, period: \"2023-Q3\") { key state } "
                        + "none: period(scheme: $key, period: \"2022-Q1\") { key } }",
                        "variables", Map.of("id", q2, "key", key)))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.node.key", equalTo("2023-Q2")).body("data.node.state", equalTo("PUBLISHED"))
                .body("data.node.schemeVersion", equalTo(1))
                .body("data.period.key", equalTo("2023-Q3")).body("data.period.state", equalTo("OPEN"))
                .body("data.none", nullValue());

        given().queryParam("period", "2022-Q4").get("/api/v1/schemes/{key}/standings", key)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/period"));
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2022-Q4")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/period"));
        given().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2023-Q3").then().statusCode(401);
    }

    @Test
    void aNewVersionKeepsThePeriodKindAndTimeZone() {
        String rubric = freshPrefix().toLowerCase() + "-rubric";
        String key = freshPrefix().toLowerCase() + "-scheme";
        rubric(rubric);
        put(key, scheme(rubric, "2023-01-01", "90", "quarter", "Asia/Shanghai")).statusCode(201);
        put(key, scheme(rubric, "2023-01-01", "90", "month", "Europe/Paris")).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/period", "/timeZone"));
        asAdmin().header("Accept-Language", "zh-CN").contentType("application/yaml")
                .body(scheme(rubric, "2023-01-01", "90", "half", "Asia/Shanghai").getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(422)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("不可再从 quarter 更改"));
        given().get("/api/v1/schemes/{key}", key).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void standingsShowEveryChangeAsSoonAsItIsAcknowledged() {
        Setup setup = Setup.of(2);
        String p = setup.region();
        String rubric = setup.rubric();
        String key = setup.scheme();
        String when = "2023-05-10T10:00:00+08:00";
        post(List.of(evaluation(p + "-1", "inspection", p + ".W1", rubric, when, 80, true),
                evaluation(p + "-2", "mystery_shop", p + ".W1", rubric, when, 80, true)));
        board(key, "2023-Q2", p).body("data.standings.edges[0].node.value", equalTo(80.0f));

        post(List.of(evaluation(p + "-3", "mystery_shop", p + ".W1", rubric, when, 90, true)));
        board(key, "2023-Q2", p).body("data.standings.edges[0].node.value", equalTo(83.0f))
                .body("data.standings.edges[0].node.sources[1].samples", equalTo(2));

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "改名窗口 Renamed"))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200);
        board(key, "2023-Q2", p).body("data.standings.edges[0].node.unit.name", equalTo("改名窗口 Renamed"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/v1/units/{code}", p + ".W2").then().statusCode(200);
        board(key, "2023-Q2", p).body("data.standings.totalCount", equalTo(1));
    }

    @Test
    void concurrentBatchesForTheSameWindowAndPeriodAllCount() throws Exception {
        Setup setup = Setup.of(1);
        String p = setup.region();
        String rubric = setup.rubric();
        String key = setup.scheme();
        // 64 uploaders at one moment (four times the connection pool), each with 5 inspections of the same window
        // in the same quarter
        List<java.util.concurrent.Callable<Integer>> posts = new ArrayList<>();
        for (int client = 0; client < 64; client++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(evaluation(p + "-" + client + "-" + i, "inspection", p + ".W1", rubric,
                        "2023-05-" + (10 + i) + "T10:00:00+08:00", 80 + i, true));
            }
            posts.add(() -> asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("evaluations", batch)).post("/api/v1/evaluations").statusCode());
        }
        List<AtOnce.Call<Integer>> answered = AtOnce.run(posts);
        AtOnce.assertOverlapped(answered, 2);
        assertThat(AtOnce.values(answered)).containsOnly(201);
        // 320 inspections; each batch's mean is (80 + 81 + 82 + 83 + 84) / 5 = 82, so the window's mean is 82
        String incremental = board(key, "2023-Q2", p)
                .body("data.standings.edges[0].node.sources[0].samples", equalTo(320))
                .body("data.standings.edges[0].node.sources[0].value", equalTo(82.0f))
                .extract().asString();
        asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        assertThat(board(key, "2023-Q2", p).extract().asString()).isEqualTo(incremental);
    }

    @Test
    void aCorrectionOrVoidInAPublishedPeriodShowsInItsStandingsWhileThePeriodKeepsItsVersion() {
        Setup setup = Setup.of(2);
        String p = setup.region();
        String rubric = setup.rubric();
        String key = setup.scheme();
        String when = "2023-05-10T10:00:00+08:00";
        List<Integer> ids = asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        // W1: average (80 + 90) / 2 = 85, weighted 0.4 × 80 + 0.6 × 90 = 86 → compliant
                        evaluation(p + "-1i", "inspection", p + ".W1", rubric, when, 80, true),
                        evaluation(p + "-1m", "mystery_shop", p + ".W1", rubric, when, 90, true),
                        // W2: third party (100 + 80) / 2 = 90; weighted 0.4 × 70 + 0.6 × 90 = 82 → not compliant
                        evaluation(p + "-2i", "inspection", p + ".W2", rubric, when, 70, true),
                        evaluation(p + "-2m", "mystery_shop", p + ".W2", rubric, when, 100, true),
                        evaluation(p + "-2m2", "mystery_shop", p + ".W2", rubric, when, 80, true))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body(row(p + ".W1") + ".value", equalTo(86.0f))
                .body(row(p + ".W1") + ".grade.key", equalTo("compliant"))
                .body(row(p + ".W2") + ".value", equalTo(82.0f));

        String publishedAt = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", key, "2023-Q2")
                .then().statusCode(200).body("publishedVersion", equalTo(1)).extract().path("publishedAt");
        // Version 2, covering the same dates, asks 95 for a model window: the published quarter keeps version 1
        put(key, scheme(rubric, "2023-01-01", "95", "quarter", "Asia/Shanghai")).statusCode(201)
                .body("version", equalTo(2));

        // W1's inspection corrected to 95: average (95 + 90) / 2 = 92.5, weighted 0.4 × 95 + 0.6 × 90 = 92
        // → a model window under version 1 (from 90); version 2 (from 95) would say compliant
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "复核更正 rechecked", "answers", List.of(
                        Map.of("item", "findings", "violations", 5), Map.of("item", "sign", "pass", true))))
                .post("/api/v1/evaluations/{id}/revisions", ids.get(0)).then().statusCode(201)
                .body("score", equalTo(95.0f));
        // W2's third-party 100 voided: third party 80; weighted 0.4 × 70 + 0.6 × 80 = 76
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "重复录入 entered twice"))
                .post("/api/v1/evaluations/{id}/void", ids.get(3)).then().statusCode(200)
                .body("status", equalTo("voided"));

        for (int pass = 0; pass < 2; pass++) {
            board(key, "2023-Q2", p).body("errors", nullValue())
                    .body("data.standings.schemeVersion", equalTo(1))
                    .body("data.standings.publishedAt", notNullValue())
                    .body(row(p + ".W1") + ".value", equalTo(92.0f))
                    .body(row(p + ".W1") + ".grade.key", equalTo("model"))
                    .body(row(p + ".W1") + ".sources.value", contains(95.0f, 90.0f))
                    .body(row(p + ".W2") + ".value", equalTo(76.0f))
                    .body(row(p + ".W2") + ".grade.key", equalTo("noncompliant"))
                    .body(row(p + ".W2") + ".sources.samples", contains(1, 1));
            // A full rebuild gives the same: the published quarter under version 1, with the corrected data
            asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        }
        given().get("/api/v1/schemes/{key}/periods", key).then().statusCode(200)
                .body("find { it.period == '2023-Q2' }.published", equalTo(true))
                .body("find { it.period == '2023-Q2' }.publishedVersion", equalTo(1))
                .body("find { it.period == '2023-Q2' }.publishedAt", equalTo(publishedAt));

        asAdmin().get("/api/v1/evaluations/{id}", ids.get(0)).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("history.kind", contains("created", "revised"))
                .body("history[1].reason", equalTo("复核更正 rechecked"))
                .body("history[1].previousScore", equalTo(80.0f));
        asAdmin().get("/api/v1/evaluations/{id}", ids.get(3)).then().statusCode(200)
                .body("status", equalTo("voided"))
                .body("history.kind", contains("created", "voided"))
                .body("history[1].reason", equalTo("重复录入 entered twice"));
    }

    /** The GPath of a unit's row on a {@link #BOARD}. */
    private static String row(String code) {
        return "data.standings.edges.find { it.node.unit.code == '" + code + "' }.node";
    }

    @Test
    void storedSchemeVersionsCannotBeChangedOrDeletedEvenInTheDatabase() {
        String rubric = freshPrefix().toLowerCase() + "-rubric";
        String key = freshPrefix().toLowerCase() + "-scheme";
        rubric(rubric);
        put(key, scheme(rubric, "2023-01-01", "90", "quarter", "Asia/Shanghai")).statusCode(201);

        assertThatThrownBy(() -> pool.preparedQuery("UPDATE scheme_version SET content = '{}' WHERE scheme_key = $1")
                .execute(Tuple.of(key)).await().indefinitely()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> pool.preparedQuery("DELETE FROM scheme_version WHERE scheme_key = $1")
                .execute(Tuple.of(key)).await().indefinitely()).hasMessageContaining("immutable");
        assertThat(pool.preparedQuery("SELECT count(*) FROM scheme_version WHERE scheme_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
        given().get("/api/v1/schemes/{key}", key).then().statusCode(200).body("version", equalTo(1))
                .body("scheme.rankBy", equalTo("weighted"));
    }
}
