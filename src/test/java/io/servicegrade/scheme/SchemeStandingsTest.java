package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
public class SchemeStandingsTest {

    /** A 100-point rubric scoring 100 − violations, with a veto item: any score is easy to post. */
    public static void rubric(String key) {
        asAdmin().contentType(ContentType.JSON).body("""
                {"name": {"zh-CN": "测试", "en": "Test"}, "total": 100, "sections": [
                  {"key": "s", "name": {"zh-CN": "部分", "en": "Section"}, "points": 100, "items": [
                    {"key": "findings", "name": {"zh-CN": "发现", "en": "Findings"}, "points": 100,
                     "rule": {"kind": "deduction", "perViolation": 1}},
                    {"key": "sign", "name": {"zh-CN": "店招", "en": "Sign"}, "points": 0, "rule": {"kind": "veto"}}]}]}
                """).put("/api/v1/rubrics/{key}", key).then().statusCode(201);
    }

    static String scheme(String key, String rubric) {
        return "key: " + key + "\n"
                + SchemeVersionsTest.scheme(rubric, "2023-01-01", "90", "quarter", "Asia/Shanghai");
    }

    public static Map<String, Object> evaluation(String id, String source, String unit, String rubric, String when,
            int score, boolean pass) {
        return Map.of("externalId", id, "source", source, "unit", unit, "rubric", rubric, "conductedAt", when,
                "answers", List.of(Map.of("item", "findings", "violations", 100 - score),
                        Map.of("item", "sign", "pass", pass)));
    }

    @Test
    void anIncoherentSchemeIsRefusedWithEveryProblem() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body("""
                {"name": {"zh-CN": "坏", "en": "Bad"}, "kinds": ["window"], "activeFrom": "2023-01-01",
                 "period": "fortnight", "timeZone": "Mars/Olympus",
                 "sources": [{"source": "inspection", "rubric": "r"}, {"source": "survey", "rubric": "s",
                              "statistic": "satisfactionRate"}],
                 "composites": [{"key": "c", "name": {"zh-CN": "综", "en": "C"},
                                 "weights": {"inspection": 0.5, "mystery_shop": 0.4}}],
                 "grades": [{"key": "good", "name": {"zh-CN": "好", "en": "Good"}, "composite": "c"},
                            {"key": "bad", "name": {"zh-CN": "差", "en": "Bad"}}],
                 "rankBy": "nope"}
                """).put("/api/v1/schemes/{key}", key)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/period", "/timeZone", "/sources/1/item",
                        "/composites/0/weights/mystery_shop", "/composites/0/weights", "/grades/0", "/rankBy"));
    }

    @Test
    void standingsFollowTheSeedRulesRankTiesAndVetoes() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        rubric(rubric);
        asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201).body("version", equalTo(1));
        asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(200).body("created", equalTo(false));
        List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind", "region")));
        for (int w = 1; w <= 5; w++) {
            units.add(Map.of("code", p + ".W" + w, "name", "窗口" + w, "kind", "window", "parent", p));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        String agency = io.servicegrade.TestApi.agency(null);
        String q2 = "2023-05-10T10:00:00+08:00";
        String lastMinuteOfQ2 = "2023-06-30T23:30:00+08:00";   // still Q2 in Beijing (15:30 UTC)
        given().header("X-Api-Key", agency).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                // W1: the seed's worked example, inspection 88 and third party 91
                evaluation(p + "-1i", "inspection", p + ".W1", rubric, q2, 88, true),
                evaluation(p + "-1m", "mystery_shop", p + ".W1", rubric, lastMinuteOfQ2, 91, true),
                // W2: 95 / 95 → model window
                evaluation(p + "-2i", "inspection", p + ".W2", rubric, q2, 95, true),
                evaluation(p + "-2m", "mystery_shop", p + ".W2", rubric, q2, 95, true),
                // W3: the same values as W1 → shares its rank
                evaluation(p + "-3i", "inspection", p + ".W3", rubric, q2, 88, true),
                evaluation(p + "-3m", "mystery_shop", p + ".W3", rubric, q2, 91, true),
                // W4: high scores but a failed sign check → vetoed, last
                evaluation(p + "-4i", "inspection", p + ".W4", rubric, q2, 99, false),
                evaluation(p + "-4m", "mystery_shop", p + ".W4", rubric, q2, 99, true),
                // W5: only an inspection, and one in Q3 (00:30 on 1 July in Beijing)
                evaluation(p + "-5i", "inspection", p + ".W5", rubric, q2, 90, true),
                evaluation(p + "-5m", "mystery_shop", p + ".W5", rubric, "2023-07-01T00:30:00+08:00", 90, true))))
                .post("/api/v1/evaluations").then().statusCode(201);

        String query = """
                query($scheme: String!, $under: String) {
                  standings(scheme: $scheme, period: "2023-Q2", under: $under, lang: "zh-CN") {
                    totalCount
                    edges { node { unit { code } rank value grade { key name } vetoed complete
                                   composites { key value } sources { source value samples } } }
                  }
                }
                """;
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("scheme", key,
                "under", p))).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.standings.totalCount", equalTo(5))
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1", p + ".W3", p + ".W4",
                        p + ".W5"))
                .body("data.standings.edges.node.rank", contains(1, 2, 2, 4, null))
                .body("data.standings.edges[1].node.composites.value", contains(89.5f, 89.8f))
                .body("data.standings.edges.node.grade.key", contains("model", "compliant", "compliant",
                        "noncompliant"))
                .body("data.standings.edges[4].node.grade", nullValue())
                .body("data.standings.edges[1].node.grade.name", equalTo("达标"))
                .body("data.standings.edges[3].node.vetoed", equalTo(true))
                .body("data.standings.edges[4].node.complete", equalTo(false))
                .body("data.standings.edges[4].node.sources[1].samples", equalTo(0));

        // W2 95, W1 89.8, W3 89.8, W4 99 (vetoed, still valued), W5 none: mean 373.6 / 4 = 93.4
        given().contentType(ContentType.JSON).body(Map.of("query", """
                query($scheme: String!, $under: String) {
                  windows: standings(scheme: $scheme, period: "2023-Q2", under: $under, first: 1) {
                    edges { node { parentMean aboveParentMean } } }
                  groups: standings(scheme: $scheme, period: "2023-Q2", kind: "region") {
                    edges { node { unit { code } value group { mean graded grades { grade { key } count } } } } }
                }
                """, "variables", Map.of("scheme", key, "under", p))).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.windows.edges[0].node.parentMean", equalTo(93.4f))
                .body("data.windows.edges[0].node.aboveParentMean", equalTo(1.6f))
                .body("data.groups.edges.find { it.node.unit.code == '" + p + "' }.node.group.mean", equalTo(93.4f))
                .body("data.groups.edges.find { it.node.unit.code == '" + p + "' }.node.group.graded", equalTo(4))
                .body("data.groups.edges.find { it.node.unit.code == '" + p + "' }.node.group.grades.count",
                        contains(1, 2, 1));

        String csv = given().queryParam("period", "2023-Q2").queryParam("under", p).queryParam("format", "csv")
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFFrank,unit,name,grade,Average,Weighted");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("1," + p + ".W2,");
        given().queryParam("period", "2023-13").get("/api/v1/schemes/{key}/standings", key)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/period"));
    }

    @Test
    void standingsKeptUpAsEvaluationsArriveEqualAFullRecompute() {
        for (long seed = 1; seed <= 3; seed++) {
            java.util.Random random = new java.util.Random(seed);
            String p = freshPrefix();
            String rubric = p.toLowerCase() + "-rubric";
            String key = p.toLowerCase() + "-scheme";
            rubric(rubric);
            asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/schemes/{key}", key).then().statusCode(201);
            List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind",
                    "region")));
            for (int w = 1; w <= 6; w++) {
                units.add(Map.of("code", p + ".W" + w, "name", "窗口" + w, "kind", "window", "parent", p));
            }
            asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
            String[] times = {"2023-04-02T09:00:00+08:00", "2023-06-30T23:30:00+08:00", "2023-07-01T00:30:00+08:00",
                    "2023-08-15T10:00:00+08:00", "2023-05-20T14:00:00+08:00"};
            List<Integer> ids = new ArrayList<>();
            List<Map<String, Object>> posted = new ArrayList<>();
            for (int batch = 0; batch < 4; batch++) {
                List<Map<String, Object>> evaluations = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    evaluations.add(evaluation(p + "-" + batch + "-" + i, random.nextBoolean() ? "inspection"
                                    : "mystery_shop", p + ".W" + (1 + random.nextInt(6)), rubric,
                            times[random.nextInt(times.length)], 70 + random.nextInt(31), random.nextInt(12) > 0));
                }
                posted.addAll(evaluations);
                ids.addAll(asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                        .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id"));
                int pick = random.nextInt(ids.size());
                int changed = ids.get(pick);
                switch (random.nextInt(3)) {
                    case 0 -> asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "复核 recheck",
                                    "answers", List.of(Map.of("item", "findings", "violations", random.nextInt(30)),
                                            Map.of("item", "sign", "pass", random.nextInt(8) > 0))))
                            .post("/api/v1/evaluations/{id}/revisions", changed)
                            .then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
                    case 1 -> asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "作废 void"))
                            .post("/api/v1/evaluations/{id}/void", changed)
                            .then().statusCode(org.hamcrest.Matchers.oneOf(200, 409));
                    default -> {
                        // A corrected resend that moves the evaluation to another window and period
                        Map<String, Object> moved = new java.util.HashMap<>(evaluation(
                                (String) posted.get(pick).get("externalId"), (String) posted.get(pick).get("source"),
                                p + ".W" + (1 + random.nextInt(6)), rubric, times[random.nextInt(times.length)],
                                70 + random.nextInt(31), random.nextInt(12) > 0));
                        moved.put("reason", "登记有误 wrong window and date");
                        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(moved)))
                                .post("/api/v1/evaluations")
                                .then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
                    }
                }
            }
            String incremental = boards(key, p);
            asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
            assertThat(boards(key, p)).as("seed " + seed).isEqualTo(incremental);
        }
    }

    private static String boards(String key, String under) {
        StringBuilder all = new StringBuilder();
        for (String period : List.of("2023-Q2", "2023-Q3")) {
            all.append(given().queryParam("period", period).queryParam("under", under)
                    .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200).extract().asString());
        }
        return all.toString();
    }
}
