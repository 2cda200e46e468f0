package io.servicegrade.rubric;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 17, point 4, through the real server: a rubric with a lower-is-better indicator and shortfall (seed 001's
 * 京东 complaint rate below 0.5‰ and 嘉丽购 refusal rate below 12 %) is stored, an evaluation is posted against
 * it, and its score and breakdown are read back, explained as above the target in both languages.
 */
@QuarkusTest
class LowerIsBetterApiTest {

    private static final String PROBLEM = "application/problem+json";

    static String rubric(String key, String lowerIsBetter) {
        return """
                {"key": "%s", "name": {"zh-CN": "重点商务邮件", "en": "Key business mail"}, "total": 20,
                 "sections": [{"key": "s", "name": {"zh-CN": "考核指标", "en": "Indicators"}, "points": 20, "items": [
                   {"key": "jd", "name": {"zh-CN": "京东邮件", "en": "JD mail"}, "points": 10,
                    "rule": {"kind": "indicators", "indicators": [
                      {"key": "delivery-success", "name": {"zh-CN": "配送成功率", "en": "Delivery success rate"},
                       "target": 97.5, "deducts": 5},
                      {"key": "complaint-rate", "name": {"zh-CN": "投诉率", "en": "Complaint rate"},
                       "target": 0.05, "deducts": 5, "lowerIsBetter": %s, "strict": true}]}},
                   {"key": "refusals", "name": {"zh-CN": "邮件拒收率", "en": "Refusal rate"}, "points": 10,
                    "rule": {"kind": "shortfall", "target": 12, "perPercentagePoint": 1, "proportional": true,
                             "lowerIsBetter": %s}}]}]}
                """.formatted(key, lowerIsBetter, lowerIsBetter);
    }

    @Test
    void anEvaluationIsScoredAndExplainedAgainstLowerIsBetterTargets() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body(rubric(key, "true")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(201);
        // written back with the flags
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(200)
                .body("rubric.sections[0].items[0].rule.indicators.lowerIsBetter", contains(null, true))
                .body("rubric.sections[0].items[0].rule.indicators.strict", contains(null, true))
                .body("rubric.sections[0].items[1].rule.lowerIsBetter", equalTo(true));

        String agency = TestApi.agency(null);
        String window = TestApi.window();
        Map<String, Object> evaluation = Map.of("externalId", key + "-1", "source", "inspection", "unit", window,
                "rubric", key, "conductedAt", "2025-06-30T16:00:00+08:00", "answers", List.of(
                        Map.of("item", "jd", "rates", Map.of("delivery-success", 98, "complaint-rate", 0.06)),
                        Map.of("item", "refusals", "rate", 14.5)));
        // 京东: 98 ≥ 97.5 met; 0.06 % > 0.05 % (0.6‰ against 0.5‰): −5 → 10 − 5 = 5
        // 拒收率: 14.5 − 12 = 2.5 points above, × 1 = −2.5 → 10 − 2.5 = 7.5
        // awarded 5 + 7.5 = 12.5 of 20 → 62.50
        int id = given().header("X-Api-Key", agency).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(evaluation))).post("/api/v1/evaluations")
                .then().statusCode(201).body("evaluations[0].score", equalTo(62.5f))
                .extract().path("evaluations[0].id");

        given().header("X-Api-Key", agency).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("breakdown.score", equalTo(62.5f))
                .body("breakdown.awarded", equalTo(12.5f))
                .body("breakdown.sections[0].items[0].awarded", equalTo(5.0f))
                .body("breakdown.sections[0].items[0].deductions.cause", contains("indicator:complaint-rate"))
                .body("breakdown.sections[0].items[0].deductions[0].text.zh-CN",
                        equalTo("投诉率 0.06%，高于目标 0.05%：扣 5 分"))
                .body("breakdown.sections[0].items[0].deductions[0].text.en",
                        equalTo("Complaint rate 0.06% is above its 0.05% target: −5 points"))
                .body("breakdown.sections[0].items[1].awarded", equalTo(7.5f))
                .body("breakdown.sections[0].items[1].deductions[0].text.zh-CN",
                        equalTo("实际 14.5%，比目标 12% 高 2.5 个百分点：2.5 × 1 = 扣 2.5 分"))
                .body("breakdown.sections[0].items[1].deductions[0].text.en",
                        equalTo("Measured 14.5% is 2.5 points above the 12% target: 2.5 × 1 = −2.5 points"));

        // GraphQL shows the direction of each target
        String query = "query($key: String!) { rubric(key: $key, lang: \"en\") { sections { items { rule {"
                + " lowerIsBetter indicators { key lowerIsBetter strict } } } } } }";
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("key", key)))
                .post("/graphql").then().statusCode(200)
                .body("data.rubric.sections[0].items[0].rule.indicators.lowerIsBetter", contains(false, true))
                .body("data.rubric.sections[0].items[0].rule.indicators.strict", contains(false, true))
                .body("data.rubric.sections[0].items[1].rule.lowerIsBetter", equalTo(true));
    }

    @Test
    void aLowerIsBetterThatIsNotABooleanIsRefusedByPointerAndNothingIsStored() {
        String key = freshPrefix().toLowerCase();
        asAdmin().contentType(ContentType.JSON).body(rubric(key, "\"yes\"")).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder(
                        "/sections/0/items/0/rule/indicators/1/lowerIsBetter",
                        "/sections/0/items/1/rule/lowerIsBetter"));
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404).contentType(PROBLEM);
    }
}
