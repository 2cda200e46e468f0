package io.servicegrade.scheme;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.standing.StandingsEngine;
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

    public static String scheme(String key, String rubric) {
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
    void aSatisfactionRateSourceAveragesEachQuestionnairesRateNotThePooledResponses() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-survey";
        String key = p.toLowerCase() + "-scheme";
        String scale = """
                "rule": {"kind": "rating", "satisfiedAtOrAbove": "satisfied", "scale": [
                  {"key": "very-satisfied", "name": {"zh-CN": "非常满意", "en": "Very satisfied"}, "value": 100},
                  {"key": "satisfied", "name": {"zh-CN": "满意", "en": "Satisfied"}, "value": 80},
                  {"key": "fairly-satisfied", "name": {"zh-CN": "基本满意", "en": "Fairly satisfied"}, "value": 60},
                  {"key": "dissatisfied", "name": {"zh-CN": "不满意", "en": "Dissatisfied"}, "value": 20},
                  {"key": "very-dissatisfied", "name": {"zh-CN": "非常不满意", "en": "Very dissatisfied"}, "value": 0}]}
                """;
        asAdmin().contentType(ContentType.JSON).body("""
                {"name": {"zh-CN": "问卷", "en": "Questionnaire"}, "total": 100, "sections": [
                  {"key": "q", "name": {"zh-CN": "问卷", "en": "Questionnaire"}, "points": 100, "items": [
                    {"key": "q.overall", "name": {"zh-CN": "总体", "en": "Overall"}, "points": 60,
                     "notApplicable": true, %s},
                    {"key": "q.other", "name": {"zh-CN": "其他", "en": "Other"}, "points": 40, %s}]}]}
                """.formatted(scale, scale)).put("/api/v1/rubrics/{key}", rubric).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body("""
                {"name": {"zh-CN": "满意", "en": "Satisfaction"}, "kinds": ["window"], "activeFrom": "2023-01-01",
                 "period": "quarter",
                 "sources": [{"source": "survey", "rubric": "%s", "statistic": "satisfactionRate",
                              "item": "q.overall"}],
                 "composites": [{"key": "satisfaction", "name": {"zh-CN": "满意率", "en": "Satisfaction"},
                                 "weights": {"survey": 1}}],
                 "grades": [{"key": "good", "name": {"zh-CN": "好", "en": "Good"}, "composite": "satisfaction",
                             "min": 80},
                            {"key": "poor", "name": {"zh-CN": "差", "en": "Poor"}}],
                 "rankBy": "satisfaction"}
                """.formatted(rubric)).put("/api/v1/schemes/{key}", key).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".W1", "name", "窗口1", "kind", "window", "parent", p),
                Map.of("code", p + ".W2", "name", "窗口2", "kind", "window", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        // W1, 1 of 2 answers at satisfied or better (fairly satisfied is below): rate 50
                        survey(p + "-1a", p + ".W1", rubric, Map.of("item", "q.overall", "responses",
                                Map.of("very-satisfied", 1, "fairly-satisfied", 1))),
                        // W1, 6 of 6: rate 100
                        survey(p + "-1b", p + ".W1", rubric, Map.of("item", "q.overall", "responses",
                                Map.of("satisfied", 6))),
                        // W1, the item not asked: no rate, so not a sample of the source
                        survey(p + "-1c", p + ".W1", rubric, Map.of("item", "q.overall", "notApplicable", true)),
                        // W2, 4 of 5 (3 very satisfied, 1 satisfied, 1 dissatisfied): rate 80
                        survey(p + "-2a", p + ".W2", rubric, Map.of("item", "q.overall", "responses",
                                Map.of("very-satisfied", 3, "satisfied", 1, "dissatisfied", 1))))))
                .post("/api/v1/evaluations").then().statusCode(201);

        // W1: the mean of the questionnaires' rates, (50 + 100) / 2 = 75 — not the pooled 7 of 8 = 87.5
        given().contentType(ContentType.JSON).body(Map.of("query", """
                query($scheme: String!, $under: String) {
                  standings(scheme: $scheme, period: "2023-Q2", under: $under) {
                    edges { node { unit { code } rank value grade { key } sources { source value samples } } }
                  }
                }
                """, "variables", Map.of("scheme", key, "under", p))).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1"))
                .body("data.standings.edges.node.rank", contains(1, 2))
                .body("data.standings.edges.node.value", contains(80.0f, 75.0f))
                .body("data.standings.edges.node.grade.key", contains("good", "poor"))
                .body("data.standings.edges[1].node.sources[0].source", equalTo("survey"))
                .body("data.standings.edges[1].node.sources[0].value", equalTo(75.0f))
                .body("data.standings.edges[1].node.sources[0].samples", equalTo(2));
    }

    private static Map<String, Object> survey(String id, String unit, String rubric, Map<String, Object> overall) {
        return Map.of("externalId", id, "source", "survey", "unit", unit, "rubric", rubric,
                "conductedAt", "2023-05-10T10:00:00+08:00",
                "answers", List.of(overall, Map.of("item", "q.other", "responses", Map.of("satisfied", 1))));
    }

    /** A quarterly scheme over two sources of {@code rubric}, combined as asked. */
    static String propertyScheme(String key, String rubric, String inspection, int inspectionMin, String shop,
            String whenMissing) {
        return """
                key: %s
                name: {zh-CN: 性质, en: Property}
                kinds: [window]
                activeFrom: 2023-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: inspection, rubric: %s, combine: %s, minSamples: %d}
                  - {source: mystery_shop, rubric: %s, combine: %s}
                composites:
                  - {key: average, name: {zh-CN: 平均, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5},
                     whenMissing: %s}
                  - {key: weighted, name: {zh-CN: 加权, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6},
                     whenMissing: %s}
                grades:
                  - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: 90}
                  - {key: compliant, name: {zh-CN: 达标, en: Compliant}, composite: average, min: 85}
                  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                rankBy: weighted
                """.formatted(key, rubric, inspection, inspectionMin, rubric, shop, whenMissing, whenMissing);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final List<String> PERIODS = List.of("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4");

    /**
     * The standings kept up as evaluations arrive are checked against an independent computation: the test reads
     * the evaluations back through the API, puts each active one in its period with {@link Period#of} (not the
     * database's period SQL), and runs the pure {@link StandingsEngine} over them, unit by unit. Seeded, so a
     * failure replays; each seed combines sources another way (mean, latest, lowest; minimum samples; rescaling).
     */
    @Test
    void standingsKeptUpAsEvaluationsArriveEqualTheEngineOverTheRawEvaluationsAndAFullRecompute() throws Exception {
        String[][] variants = {{"mean", "1", "mean", "incomplete"}, {"latest", "1", "min", "rescale"},
                {"min", "2", "latest", "rescale"}, {"mean", "2", "mean", "incomplete"}};
        for (long seed = 1; seed <= variants.length; seed++) {
            java.util.Random random = new java.util.Random(seed);
            String[] v = variants[(int) seed - 1];
            String p = freshPrefix();
            String rubric = p.toLowerCase() + "-rubric";
            String otherRubric = p.toLowerCase() + "-other";
            String key = p.toLowerCase() + "-scheme";
            rubric(rubric);
            rubric(otherRubric);
            asAdmin().contentType("application/yaml").body(propertyScheme(key, rubric, v[0], Integer.parseInt(v[1]),
                            v[2], v[3]).getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/schemes/{key}", key).then().statusCode(201);
            List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind",
                    "region")));
            List<String> windows = new ArrayList<>();
            for (int w = 1; w <= 6; w++) {
                windows.add(p + ".W" + w);
                units.add(Map.of("code", p + ".W" + w, "name", "窗口" + w, "kind", "window", "parent", p));
            }
            asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
            // Beijing time (UTC+8) cuts the quarters: 1 July 00:30 there is still 30 June in UTC; 30 September
            // 20:00 in UTC−6 is 1 October 10:00 in Beijing; repeated times make ties for "latest" (then by id).
            String[] times = {"2023-04-02T09:00:00+08:00", "2023-06-30T23:30:00+08:00", "2023-07-01T00:30:00+08:00",
                    "2023-08-15T10:00:00+08:00", "2023-05-20T14:00:00+08:00", "2023-03-31T23:59:59+08:00",
                    "2023-09-30T20:00:00-06:00"};
            List<Integer> ids = new ArrayList<>();
            List<Map<String, Object>> posted = new ArrayList<>();
            for (int batch = 0; batch < 4; batch++) {
                List<Map<String, Object>> evaluations = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int kind = random.nextInt(12);
                    // now and then a source or a rubric the scheme does not count
                    String source = kind == 0 ? "self" : kind % 2 == 0 ? "inspection" : "mystery_shop";
                    evaluations.add(evaluation(p + "-" + batch + "-" + i, source, windows.get(random.nextInt(6)),
                            kind == 1 ? otherRubric : rubric, times[random.nextInt(times.length)],
                            70 + random.nextInt(31), random.nextInt(12) > 0));
                }
                posted.addAll(evaluations);
                ids.addAll(asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                        .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id"));
                for (int change = 0; change < 2; change++) {
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
                                    windows.get(random.nextInt(6)), (String) posted.get(pick).get("rubric"),
                                    times[random.nextInt(times.length)], 70 + random.nextInt(31),
                                    random.nextInt(12) > 0));
                            moved.put("reason", "登记有误 wrong window and date");
                            asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(moved)))
                                    .post("/api/v1/evaluations")
                                    .then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
                        }
                    }
                }
            }
            String incremental = boards(key, p);
            Map<String, Map<String, String>> expected = engine(key, p, windows);
            assertThat(expected.values().stream().flatMap(rows -> rows.values().stream()))
                    .as("seed %d ranks some units and vetoes some", seed)
                    .anyMatch(row -> !row.startsWith("rank null")).anyMatch(row -> row.contains("vetoed true"));
            for (String period : PERIODS) {
                assertThat(served(key, period, p)).as("seed %d, %s", seed, period).isEqualTo(expected.get(period));
            }
            asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
            assertThat(boards(key, p)).as("seed " + seed).isEqualTo(incremental);
        }
    }

    /**
     * Each period's rows as the engine computes them from the evaluations read back through the API: by unit code,
     * a line of rank, value, grade, veto, completeness, composites, sources and the previous period's row.
     */
    private static Map<String, Map<String, String>> engine(String key, String under, List<String> windows)
            throws Exception {
        JsonNode stored = JSON.readTree(given().get("/api/v1/schemes/{key}", key)
                .then().statusCode(200).extract().asString());
        // a stored scheme names its time zone: the default zone given here is never used
        Scheme scheme = SchemeDocument.read(stored.get("scheme"), java.time.ZoneOffset.UTC).scheme();
        JsonNode page = JSON.readTree(asAdmin().queryParam("under", under)
                .queryParam("limit", 500).get("/api/v1/evaluations").then().statusCode(200).extract().asString());
        assertThat(page.get("nextCursor").isNull()).as("one page holds them all").isTrue();
        Map<String, Map<String, Map<String, List<StandingsEngine.Sample>>>> byPeriod = new java.util.HashMap<>();
        for (JsonNode e : page.get("items")) {
            Scheme.Source source = scheme.source(e.get("source").asText());
            if (!e.get("status").asText().equals("active") || source == null
                    || !source.takes(e.get("rubric").asText())) {
                continue;
            }
            java.time.Instant at = java.time.OffsetDateTime.parse(e.get("conductedAt").asText()).toInstant();
            java.time.LocalDate day = at.atZone(scheme.timeZone()).toLocalDate();
            if (day.isBefore(scheme.activeFrom()) || scheme.activeTo() != null && day.isAfter(scheme.activeTo())) {
                continue; // the campaign's dates bound the evaluations counted
            }
            String period = Period.of(scheme.period(), at, scheme.timeZone()).id();
            byPeriod.computeIfAbsent(period, x -> new java.util.HashMap<>())
                    .computeIfAbsent(e.get("unit").asText(), x -> new java.util.HashMap<>())
                    .computeIfAbsent(source.source(), x -> new ArrayList<>())
                    .add(new StandingsEngine.Sample(e.get("id").asLong(), e.get("score").decimalValue(), at,
                            e.get("vetoed").asBoolean()));
        }
        Map<String, Map<String, StandingsEngine.Standing>> standings = new java.util.HashMap<>();
        for (String period : List.of("2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4")) {
            List<StandingsEngine.UnitSamples> samples = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                samples.add(new StandingsEngine.UnitSamples(i, byPeriod.getOrDefault(period, Map.of())
                        .getOrDefault(windows.get(i), Map.of())));
            }
            Map<String, StandingsEngine.Standing> byCode = new java.util.HashMap<>();
            StandingsEngine.compute(scheme, samples).forEach(s -> byCode.put(windows.get((int) s.unitId()), s));
            standings.put(period, byCode);
        }
        Map<String, Map<String, String>> result = new java.util.HashMap<>();
        for (String period : PERIODS) {
            String before = Period.parse(scheme.period(), period).previous().id();
            Map<String, String> rows = new java.util.TreeMap<>();
            for (String code : windows) {
                StandingsEngine.Standing s = standings.get(period).get(code);
                StandingsEngine.Standing previous = period.equals("2023-Q1") ? null   // 2022 is outside the scheme
                        : standings.get(before).get(code);
                StandingsEngine.CompositeValue ranked = s.composite(scheme.rankBy());
                String previousRow = previous == null || previous.composite(scheme.rankBy()).value() == null
                        && previous.grade() == null ? "none"
                        : shown(previous.composite(scheme.rankBy()).value()) + "/" + previous.rank() + "/"
                                + previous.grade();
                rows.put(code, row(s.rank(), shown(ranked.value()), s.grade(), s.vetoed(),
                        s.vetoedBy() == null ? null : s.vetoedBy().toString(), s.complete(),
                        s.composites().stream().map(c -> c.key() + ":" + shown(c.value()) + ":" + c.complete())
                                .toList(),
                        s.sources().stream().map(x -> x.source() + ":" + shown(x.value()) + ":" + x.samples())
                                .toList(), previousRow));
            }
            result.put(period, rows);
        }
        return result;
    }

    /** The served board's rows of a period, by unit code, in the form {@link #engine} writes them. */
    private static Map<String, String> served(String key, String period, String under) throws Exception {
        // as the admin: a veto names its evaluation only to a reader of evaluations (issue 16)
        JsonNode board = JSON.readTree(io.servicegrade.TestApi.asAdmin().queryParam("period", period)
                .queryParam("under", under).get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .extract().asString());
        Map<String, String> rows = new java.util.TreeMap<>();
        for (JsonNode n : board.get("standings")) {
            List<String> composites = new ArrayList<>();
            n.get("composites").forEach(c -> composites.add(c.get("key").asText() + ":" + decimal(c.get("value"))
                    + ":" + c.get("complete").asBoolean()));
            List<String> sources = new ArrayList<>();
            n.get("sources").forEach(x -> sources.add(x.get("source").asText() + ":" + decimal(x.get("value"))
                    + ":" + x.get("samples").asInt()));
            JsonNode previous = n.get("previous");
            String previousRow = previous.isNull() ? "none" : decimal(previous.get("value")) + "/"
                    + (previous.get("rank").isNull() ? null : previous.get("rank").asInt()) + "/"
                    + (previous.get("grade").isNull() ? null : previous.get("grade").get("key").asText());
            rows.put(n.get("unit").asText(), row(n.get("rank").isNull() ? null : n.get("rank").asInt(),
                    decimal(n.get("value")), n.get("grade").isNull() ? null : n.get("grade").get("key").asText(),
                    n.get("vetoed").asBoolean(), n.get("vetoedBy").isNull() ? null : n.get("vetoedBy").asText(),
                    n.get("complete").asBoolean(), composites, sources, previousRow));
        }
        return rows;
    }

    private static String row(Integer rank, String value, String grade, boolean vetoed, String vetoedBy,
            boolean complete, List<String> composites, List<String> sources, String previous) {
        return "rank " + rank + ", value " + value + ", grade " + grade + ", vetoed " + vetoed + " by " + vetoedBy
                + ", complete " + complete + ", composites " + composites + ", sources " + sources + ", previous "
                + previous;
    }

    /** As the API shows values: 2 places, half up. */
    private static String shown(java.math.BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** A served value, which must already have 2 places. */
    private static String decimal(JsonNode value) {
        return value == null || value.isNull() ? null
                : value.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String boards(String key, String under) {
        StringBuilder all = new StringBuilder();
        for (String period : PERIODS) {
            all.append(given().queryParam("period", period).queryParam("under", under)
                    .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200).extract().asString());
        }
        return all.toString();
    }
}
