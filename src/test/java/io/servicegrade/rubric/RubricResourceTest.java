package io.servicegrade.rubric;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RubricResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    /** A two-item rubric: a deduction worth {@code points} and a veto. */
    static String rubricJson(String key, String points) {
        return """
                {"key": "%s", "name": {"zh-CN": "测试标准", "en": "Test rubric"}, "total": %s,
                 "sections": [{"key": "main", "name": {"zh-CN": "主要", "en": "Main"}, "points": %s,
                   "items": [
                     {"key": "clean", "name": {"zh-CN": "整洁", "en": "Clean"}, "points": %s,
                      "rule": {"kind": "deduction", "perViolation": 1.0}},
                     {"key": "sign", "name": {"zh-CN": "店招", "en": "Sign"}, "points": 0, "rule": {"kind": "veto"}}]}]}
                """.formatted(key, points, points, points);
    }

    static String rubricYaml(String key, String points) {
        return """
                key: %s
                name: {zh-CN: 测试标准, en: Test rubric}
                total: %s
                sections:
                  - key: main
                    name: {zh-CN: 主要, en: Main}
                    points: %s
                    items:
                      - key: clean
                        name: {zh-CN: 整洁, en: Clean}
                        points: %s
                        rule: {kind: deduction, perViolation: 1}
                      - {key: sign, name: {zh-CN: 店招, en: Sign}, points: 0, rule: {kind: veto}}
                """.formatted(key, points, points, points);
    }

    @Test
    void thePresetsAreInstalledAtStart() {
        given().get("/api/v1/rubrics").then().statusCode(200)
                .body("key", hasItems("postal-counter-model-window", "customer-satisfaction-5"));
        given().get("/api/v1/rubrics/postal-counter-model-window").then().statusCode(200)
                .body("origin", equalTo("preset"))
                .body("rubric.total", equalTo(100))
                .body("rubric.sections.key", contains("organisation", "signage", "environment", "facilities",
                        "etiquette", "quality", "management", "capacity", "outcomes"))
                .body("rubric.sections[1].items[0].rule.kind", equalTo("veto"));
    }

    @Test
    void aNewVersionIsStoredOnlyWhenTheContentChangesWhateverItsForm() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body(rubricJson(key, "10")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(201)
                .body("key", equalTo(key)).body("version", equalTo(1)).body("created", equalTo(true));
        // The same rubric again, as YAML with 1 for 1.0: nothing new.
        asAdmin().contentType("application/yaml").body(rubricYaml(key, "10").getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(200).body("version", equalTo(1)).body("created", equalTo(false));
        asAdmin().contentType(ContentType.JSON).body(rubricJson(key, "20")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(201).body("version", equalTo(2));

        given().get("/api/v1/rubrics/{key}", key).then().statusCode(200)
                .body("version", equalTo(2)).body("rubric.total", equalTo(20)).body("origin", equalTo("api"));
        given().get("/api/v1/rubrics/{key}/versions/1", key).then().statusCode(200)
                .body("rubric.total", equalTo(10));
    }

    @Test
    void storedVersionsCannotBeChangedEvenInTheDatabase() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body(rubricJson(key, "10")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(201);

        assertThatThrownBy(() -> pool.preparedQuery("UPDATE rubric_version SET origin = 'preset' WHERE rubric_key = $1")
                .execute(Tuple.of(key)).await().indefinitely()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> pool.preparedQuery("DELETE FROM rubric_version WHERE rubric_key = $1")
                .execute(Tuple.of(key)).await().indefinitely()).hasMessageContaining("immutable");
    }

    @Test
    void anIncoherentRubricIsRefusedWithEveryProblemAndNothingIsStored() {
        String key = freshPrefix().toLowerCase();
        String body = """
                {"name": {"zh-CN": "坏标准"}, "total": 100,
                 "sections": [{"key": "a", "name": {"zh-CN": "甲", "en": "A"}, "points": 10, "items": [
                   {"key": "x", "name": {"zh-CN": "一", "en": "One"}, "points": 4, "rule": {"kind": "deduction", "perViolation": -1}},
                   {"key": "x", "name": {"zh-CN": "二", "en": "Two"}, "points": 4,
                    "rule": {"kind": "shortfall", "target": 120, "perPercentagePoint": 1, "proportional": true}},
                   {"key": "z", "name": {"zh-CN": "三", "en": "Three"}, "points": 1, "rule": {"kind": "teleport"}}]}]}
                """;
        asAdmin().contentType(ContentType.JSON).body(body).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/name/en", "/sections/0/items/2/rule/kind"));

        String coherentShapeWrongSums = """
                {"name": {"zh-CN": "坏标准", "en": "Bad"}, "total": 100,
                 "sections": [{"key": "a", "name": {"zh-CN": "甲", "en": "A"}, "points": 10, "items": [
                   {"key": "x", "name": {"zh-CN": "一", "en": "One"}, "points": 4, "rule": {"kind": "deduction", "perViolation": -1}},
                   {"key": "x", "name": {"zh-CN": "二", "en": "Two"}, "points": 4,
                    "rule": {"kind": "shortfall", "target": 120, "perPercentagePoint": 1, "proportional": true}}]}]}
                """;
        asAdmin().contentType(ContentType.JSON).body(coherentShapeWrongSums).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/total", "/sections/0/points",
                        "/sections/0/items/0/rule/perViolation", "/sections/0/items/1/key",
                        "/sections/0/items/1/rule/target"));

        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badRequestsGetProblems() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body(rubricJson("other-key", "10")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/key"));
        asAdmin().contentType("application/yaml").body("key: [unclosed".getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(rubricJson(key, "10")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/rubrics/{key}/versions/x", key).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/version"));
        given().get("/api/v1/rubrics/postal-counter-model-window/versions/999").then().statusCode(404);
    }

    /** The postal preset's latest version, as the API says: a kept database may hold more than one. */
    private static int postalVersion() {
        return given().get("/api/v1/rubrics/postal-counter-model-window").then().statusCode(200)
                .extract().path("version");
    }

    @Test
    void dryRunScoringExplainsTheScoreAndStoresNothing() {
        int latest = postalVersion();
        var answers = List.of(
                Map.of("item", "org.setup", "violations", 1),
                Map.of("item", "org.reporting", "notApplicable", true),
                Map.of("item", "signage.identity", "pass", true),
                Map.of("item", "env.service-officer", "named", List.of("absent")),
                Map.of("item", "env.lobby"), Map.of("item", "env.layout"), Map.of("item", "fac.public-info"),
                Map.of("item", "fac.hours"), Map.of("item", "fac.convenience"), Map.of("item", "fac.equipment"),
                Map.of("item", "eti.appearance"), Map.of("item", "eti.demeanour"), Map.of("item", "eti.attitude"),
                Map.of("item", "eti.language"),
                Map.of("item", "eti.protocol", "observations", List.of(Map.of("seconds", 1000))),
                Map.of("item", "qual.supervision"), Map.of("item", "qual.discipline"),
                Map.of("item", "mgmt.registers"), Map.of("item", "mgmt.rules"), Map.of("item", "mgmt.security"),
                Map.of("item", "mgmt.supplies"),
                Map.of("item", "cap.time-limits", "observations",
                        List.of(Map.of("limit", "remittance", "seconds", 430, "amount", 30000))),
                Map.of("item", "cap.it-indicators", "rates", Map.of("upload-rate", 99, "address-match-rate", 89.5)),
                Map.of("item", "out.revenue", "rate", 100),
                Map.of("item", "out.overall", "rate", 83.2));

        // available 100 − 3 (N/A) = 97; lost: 1 + 2 + 1 + 1 + 2.5 + 1.8 = 9.3; awarded 87.7; 87.7 / 97 = 90.41…%
        asAdmin().contentType(ContentType.JSON).body(Map.of("answers", answers))
                .post("/api/v1/rubrics/postal-counter-model-window/score")
                .then().statusCode(200)
                .body("version", equalTo(latest))
                .body("breakdown.available", equalTo(97))
                .body("breakdown.awarded", equalTo(87.7f))
                .body("breakdown.score", equalTo(90.41f))
                .body("breakdown.vetoed", equalTo(false))
                .body("breakdown.sections[7].items[0].deductions[0].cause", equalTo("timing:remittance"))
                .body("breakdown.sections[7].items[0].deductions[0].text.zh-CN",
                        equalTo("收兑汇款（金额 30000 元）用时 430 秒，超过时限 420 秒：扣 1 分"))
                .body("breakdown.sections[0].items[1].awarded", nullValue());
    }

    @Test
    void answersThatDoNotFitTheRubricAreAllReported() {
        int latest = postalVersion();
        List<String> items = given().get("/api/v1/rubrics/postal-counter-model-window/versions/{v}", latest)
                .then().statusCode(200).extract().path("rubric.sections.items.flatten().key");
        assertThat(items).hasSize(25).startsWith("org.setup", "org.reporting", "signage.identity");

        // A value of the wrong JSON type is a problem of the answers' form: docs/rubrics.md says those are
        // reported first, and alone; the rubric's checks need well-formed answers.
        var answers = List.of(
                Map.of("item", "org.setup", "violations", -2),
                Map.of("item", "signage.identity", "notApplicable", true),
                Map.of("item", "env.lobby", "violations", "three"),
                Map.of("item", "no.such.item"));
        List<Map<String, String>> formProblems = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/v1/rubrics/postal-counter-model-window/score?version={v}", latest)
                .then().statusCode(422).contentType(PROBLEM).extract().path("errors");
        assertThat(formProblems).extracting(e -> e.get("pointer"), e -> e.get("message"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/answers/2/violations",
                        "must be a whole number"));

        // Well-formed answers: every problem at once, each with its pointer, in this order:
        // −2 violations, N/A on an item that forbids it, an unknown item, then each of the 25 − 2 = 23 items
        // left unanswered (none has a default), in rubric order, at /answers.
        var typed = List.of(
                Map.of("item", "org.setup", "violations", -2),
                Map.of("item", "signage.identity", "notApplicable", true),
                Map.of("item", "no.such.item"));
        List<Map<String, String>> problems = asAdmin().contentType(ContentType.JSON)
                .header("Accept-Language", "zh-CN").body(Map.of("answers", typed))
                .post("/api/v1/rubrics/postal-counter-model-window/score")
                .then().statusCode(422).contentType(PROBLEM).extract().path("errors");
        List<org.assertj.core.groups.Tuple> expected = new java.util.ArrayList<>(List.of(
                org.assertj.core.groups.Tuple.tuple("/answers/0/violations", "不能为负数"),
                org.assertj.core.groups.Tuple.tuple("/answers/1/notApplicable", "此项目不能标为不适用"),
                org.assertj.core.groups.Tuple.tuple("/answers/2/item", "评分标准中没有项目 'no.such.item'")));
        items.stream().filter(key -> !key.equals("org.setup") && !key.equals("signage.identity"))
                .forEach(key -> expected.add(org.assertj.core.groups.Tuple.tuple("/answers",
                        "项目 '" + key + "' 未作答，也未标为不适用")));
        assertThat(expected).hasSize(3 + 23);
        assertThat(problems).extracting(e -> e.get("pointer"), e -> e.get("message"))
                .containsExactlyElementsOf(expected);
        asAdmin().contentType(ContentType.JSON).body(Map.of("answers", typed))
                .post("/api/v1/rubrics/no-such-rubric/score").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void graphqlShowsRubricsInTheLanguageAskedFor() {
        given().contentType(ContentType.JSON).body(Map.of("query", """
                { rubric(key: "postal-counter-model-window", lang: "zh-CN") {
                    name total sections { name items { key name criteria rule { kind perViolation
                      timing { key name limitSeconds amountBase amountStep secondsPerStep } } } } }
                  english: rubric(key: "postal-counter-model-window") { name }
                  rubrics { key version } }
                """)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.rubric.name", equalTo("邮政营业优质服务示范窗口验收标准"))
                .body("data.english.name", equalTo("Postal counter model-window acceptance standard"))
                .body("data.rubric.sections[7].items[0].rule.timing[4].name", equalTo("收兑汇款"))
                .body("data.rubric.sections[7].items[0].rule.timing[4].secondsPerStep", equalTo(60))
                .body("data.rubrics.key", hasItems("postal-counter-model-window", "customer-satisfaction-5"));
    }
}
