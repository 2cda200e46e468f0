package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.scoring.Rule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of rule is handled everywhere a rule is: read from its document form (rubric/RuleDocument) and
 * written back, scored, explained in zh-CN and en, viewed (GraphQL's RubricView) and imported from the compact
 * notation (evaluation/AnswerNotation). The kinds are {@link Rule}'s permitted subclasses, so a new kind without
 * an example here, or missed by one of those places, fails this test, which names the kind and the part.
 */
@QuarkusTest
class RuleKindsCompleteTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String CONDUCTED_AT = "2025-03-01T10:00:00+08:00";

    /**
     * One kind's example: its rule (document form) on item {@code x} worth {@code points}, beside item
     * {@code clean} (10 points, 1 per violation, answered with 2 violations: 8 points); the answer to {@code x} in
     * the JSON form and in the compact notation; what {@code x} earns and the evaluation's score.
     */
    record Example(String kind, String rule, int points, String answer, String cell, String awarded, String score) {
    }

    private static final Map<Class<?>, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        // violations 1 × 2 + absent 3 + remittance 430 s over its limit 300 + 2 × 60 = 420 s for 30,000: 2;
        // 20 − 7 = 13; (8 + 13) / 30 = 70.00
        EXAMPLES.put(Rule.Deduction.class, new Example("deduction", """
                {"kind": "deduction", "perViolation": 2,
                 "named": [{"key": "absent", "name": {"zh-CN": "无人值守", "en": "Nobody there"}, "points": 3}],
                 "severeTakesAll": true,
                 "timing": [{"key": "remittance", "name": {"zh-CN": "汇款", "en": "Remittance"}, "limitSeconds": 300,
                             "amountBase": 10000, "amountStep": 10000, "secondsPerStep": 60}],
                 "zeroingEvents": [{"key": "media-exposure", "name": {"zh-CN": "被媒体曝光", "en": "Media exposure"}}]}
                """, 20, """
                {"item": "x", "violations": 1, "named": ["absent"],
                 "observations": [{"limit": "remittance", "seconds": 430, "amount": 30000}]}
                """, "1;absent;remittance@430/30000", "13.00", "70.00"));
        // a failed veto: worth no points, the evaluation keeps 8 of 10 = 80.00 and is vetoed
        EXAMPLES.put(Rule.Veto.class, new Example("veto", """
                {"kind": "veto"}
                """, 0, """
                {"item": "x", "pass": false}
                """, "不合格", "0.00", "80.00"));
        // upload-rate 97.5 < 98: −2.5; address-match-rate 92 ≥ 90; 10 − 2.5 = 7.5; (8 + 7.5) / 20 = 77.50
        EXAMPLES.put(Rule.Indicators.class, new Example("indicators", """
                {"kind": "indicators", "indicators": [
                  {"key": "upload-rate", "name": {"zh-CN": "上传率", "en": "Upload rate"}, "target": 98, "deducts": 2.5},
                  {"key": "address-match-rate", "name": {"zh-CN": "地址匹配率", "en": "Address match rate"},
                   "target": 90, "deducts": 2.5}]}
                """, 10, """
                {"item": "x", "rates": {"upload-rate": 97.5, "address-match-rate": 92}}
                """, "upload-rate=97.5;address-match-rate=92", "7.50", "77.50"));
        // 95 − 91.5 = 3.5 points short, counted per full point: 3 × 1 = 3; 10 − 3 = 7; (8 + 7) / 20 = 75.00
        EXAMPLES.put(Rule.Shortfall.class, new Example("shortfall", """
                {"kind": "shortfall", "target": 95, "perPercentagePoint": 1, "proportional": false,
                 "zeroingEvents": [{"key": "media-exposure", "name": {"zh-CN": "被媒体曝光", "en": "Media exposure"}}]}
                """, 10, """
                {"item": "x", "rate": 91.5}
                """, "91.5", "7.00", "75.00"));
        // mean (2 × 100 + 2 × 80) / 4 = 90; 15 × 90 / 100 = 13.5; (8 + 13.5) / 25 = 86.00
        EXAMPLES.put(Rule.Rating.class, new Example("rating", """
                {"kind": "rating", "scale": [
                  {"key": "very-satisfied", "name": {"zh-CN": "非常满意", "en": "Very satisfied"}, "value": 100},
                  {"key": "satisfied", "name": {"zh-CN": "满意", "en": "Satisfied"}, "value": 80},
                  {"key": "dissatisfied", "name": {"zh-CN": "不满意", "en": "Dissatisfied"}, "value": 0}],
                 "satisfiedAtOrAbove": "satisfied"}
                """, 15, """
                {"item": "x", "responses": {"very-satisfied": 2, "satisfied": 2}}
                """, "very-satisfied=2;satisfied=2", "13.50", "86.00"));
        // 2 units × 1 = 2 (cap 3) make up 2 of the 2 points lost: (8 + 2) / 10 = 100.00
        EXAMPLES.put(Rule.Bonus.class, new Example("bonus", """
                {"kind": "bonus", "perUnit": 1, "cap": 3}
                """, 0, """
                {"item": "x", "count": 2}
                """, "2", "2.00", "100.00"));
    }

    @Test
    void everyRuleKindIsReadScoredExplainedViewedAndImported() throws Exception {
        String agency = TestApi.agency(null);
        String prefix = freshPrefix();
        List<String> windows = TestApi.windows(prefix, Rule.class.getPermittedSubclasses().length);
        List<String> missing = new ArrayList<>();
        int n = 0;
        for (Class<?> kind : Rule.class.getPermittedSubclasses()) {
            Example example = EXAMPLES.get(kind);
            if (example == null) {
                missing.add(kind.getSimpleName() + ": no example in RuleKindsCompleteTest (add one)");
                continue;
            }
            check(example, agency, prefix.toLowerCase() + "-" + example.kind(), windows.get(n++), missing);
        }
        assertThat(missing).as("rule kinds not handled everywhere").isEmpty();
    }

    private void check(Example example, String agency, String key, String window, List<String> missing)
            throws Exception {
        String kind = example.kind();
        JsonNode rule = JSON.readTree(example.rule());
        // read (RuleDocument.read) and written back (RuleDocument.write)
        Response put = asAdmin().contentType(ContentType.JSON).body(rubric(key, example)).put("/api/v1/rubrics/{key}", key);
        if (put.statusCode() != 201) {
            missing.add(kind + ": read: the rubric was refused: " + put.asString());
            return;
        }
        JsonNode stored = JSON.readTree(given().get("/api/v1/rubrics/{key}", key).asString())
                .at("/rubric/sections/0/items/1/rule");
        if (!sameJson(rule, stored)) {
            missing.add(kind + ": read: the document written back is " + stored + ", not " + rule);
        }

        // scored and explained
        String body = "{\"answers\": [{\"item\": \"clean\", \"violations\": 2}, " + example.answer() + "]}";
        Response scored = given().header("X-Api-Key", agency).contentType(ContentType.JSON).body(body)
                .post("/api/v1/rubrics/{key}/score", key);
        if (scored.statusCode() != 200) {
            missing.add(kind + ": score: the answers were refused: " + scored.asString());
        } else {
            JsonPath breakdown = scored.jsonPath().setRootPath("breakdown");
            Map<String, Object> item = breakdown.getMap("sections[0].items.find { it.key == 'x' }");
            if (!kind.equals(item.get("rule"))) {
                missing.add(kind + ": score: the item's rule is " + item.get("rule"));
            }
            if (new BigDecimal(String.valueOf(item.get("awarded"))).compareTo(new BigDecimal(example.awarded())) != 0) {
                missing.add(kind + ": score: the item earned " + item.get("awarded") + ", not " + example.awarded());
            }
            if (new BigDecimal(breakdown.getString("score")).compareTo(new BigDecimal(example.score())) != 0) {
                missing.add(kind + ": score: " + breakdown.getString("score") + ", not " + example.score());
            }
            explained(kind, JSON.readTree(scored.asString()).at("/breakdown/sections/0/items/1"), missing);
        }

        viewed(kind, key, rule, missing);
        imported(example, agency, key, window, missing);
    }

    /** The item's deductions and notes say why, in both languages. */
    private static void explained(String kind, JsonNode item, List<String> missing) {
        List<JsonNode> texts = new ArrayList<>();
        item.path("deductions").forEach(d -> texts.add(d.path("text")));
        item.path("notes").forEach(texts::add);
        if (texts.isEmpty()) {
            missing.add(kind + ": explain: the breakdown of the example says nothing about the item");
        }
        for (JsonNode text : texts) {
            String zh = text.path("zh-CN").asText("");
            String en = text.path("en").asText("");
            if (zh.isBlank() || en.isBlank() || zh.equals(en) || !zh.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)) {
                missing.add(kind + ": explain: not worded in zh-CN and en: " + text);
            }
        }
    }

    /** GraphQL's view of the rule has every field of its document form, with as many entries. */
    private static void viewed(String kind, String key, JsonNode rule, List<String> missing) throws Exception {
        StringBuilder fields = new StringBuilder("kind");
        rule.fieldNames().forEachRemaining(name -> {
            if (!name.equals("kind")) {
                fields.append(' ').append(name).append(rule.get(name).isArray() ? " { key name }" : "");
            }
        });
        for (String lang : List.of("zh-CN", "en")) {
            String query = "query($key: String!, $lang: String) { rubric(key: $key, lang: $lang) { sections { items {"
                    + " key rule { " + fields + " } } } } }";
            JsonNode answer = JSON.readTree(given().contentType(ContentType.JSON)
                    .body(Map.of("query", query, "variables", Map.of("key", key, "lang", lang))).post("/graphql")
                    .asString());
            if (answer.has("errors")) {
                missing.add(kind + ": view (" + lang + "): " + answer.get("errors"));
                continue;
            }
            JsonNode view = answer.at("/data/rubric/sections/0/items/1/rule");
            if (!kind.toUpperCase(java.util.Locale.ROOT).equals(view.path("kind").asText())) {
                missing.add(kind + ": view (" + lang + "): the kind is " + view.path("kind"));
            }
            for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode shown = view.path(name);
                if (shown.isNull() || shown.isMissingNode()
                        || rule.get(name).isArray() && shown.size() != rule.get(name).size()) {
                    missing.add(kind + ": view (" + lang + "): " + name + " is " + shown);
                }
            }
        }
    }

    /** A file row with the answer in the compact notation is imported and scores as the JSON answer does. */
    private static void imported(Example example, String agency, String key, String window, List<String> missing)
            throws Exception {
        String kind = example.kind();
        String externalId = key + "-import";
        String csv = "externalId,source,unit,rubric,conductedAt,clean,x\n"
                + externalId + ",survey," + window + "," + key + "," + CONDUCTED_AT + ",2,\"" + example.cell() + "\"\n";
        JsonPath job = ImportResourceTest.importFile(agency, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        if (!"succeeded".equals(job.getString("status"))) {
            missing.add(kind + ": import: the compact answer '" + example.cell() + "' was refused: "
                    + job.getList("errors"));
            return;
        }
        String score = given().header("X-Api-Key", agency).queryParam("unit", window).get("/api/v1/evaluations")
                .then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.externalId == '" + externalId + "' }.score");
        if (score == null || new BigDecimal(score).compareTo(new BigDecimal(example.score())) != 0) {
            missing.add(kind + ": import: scored " + score + ", not " + example.score());
        }
    }

    private static String rubric(String key, Example example) {
        return """
                {"key": "%s", "name": {"zh-CN": "规则种类", "en": "Rule kinds"}, "total": %d,
                 "sections": [{"key": "main", "name": {"zh-CN": "主要", "en": "Main"}, "points": %d,
                   "items": [
                     {"key": "clean", "name": {"zh-CN": "整洁", "en": "Clean"}, "points": 10,
                      "rule": {"kind": "deduction", "perViolation": 1}},
                     {"key": "x", "name": {"zh-CN": "示例", "en": "Example"}, "points": %d, "rule": %s}]}]}
                """.formatted(key, 10 + example.points(), 10 + example.points(), example.points(), example.rule());
    }

    /** The same JSON, numbers compared by value (2 and 2.0 are one number). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                : x.equals(y) ? 0 : 1, b);
    }
}
