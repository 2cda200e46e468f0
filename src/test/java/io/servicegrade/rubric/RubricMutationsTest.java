package io.servicegrade.rubric;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** putRubric does what PUT /api/v1/rubrics/{key} does (issue 15, point 3), with the same pointers. */
@QuarkusTest
class RubricMutationsTest {

    static final String PUT = """
            mutation Put($key: String!, $document: String!, $format: DocumentFormat) {
              putRubric(key: $key, document: $document, format: $format, lang: "zh-CN") {
                created
                rubric { key version total name sections { key items { key } } }
                userErrors { pointer code message }
              }
            }""";

    static Response graphql(String key, Map<String, Object> variables) {
        return GraphqlCall.bearer(key, PUT, variables);
    }

    private static Map<String, Object> put(String key, String document, String format) {
        Map<String, Object> variables = new HashMap<>(Map.of("key", key, "document", document));
        if (format != null) {
            variables.put("format", format);
        }
        return variables;
    }

    @Test
    void aRubricIsStoredAsAVersionAsPutStoresIt() {
        String key = freshPrefix().toLowerCase();
        graphql(TestApi.adminKey(), put(key, RubricResourceTest.rubricJson(key, "10"), null)).then()
                .statusCode(200).body("errors", nullValue())
                .body("data.putRubric.created", equalTo(true))
                .body("data.putRubric.rubric.version", equalTo(1))
                .body("data.putRubric.rubric.name", equalTo("测试标准"))
                .body("data.putRubric.userErrors", hasSize(0));
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(200).body("version", equalTo(1))
                .body("origin", equalTo("api")).body("rubric.total", equalTo(10));

        // the same rubric as YAML: nothing new, as over REST
        graphql(TestApi.adminKey(), put(key, RubricResourceTest.rubricYaml(key, "10"), "YAML")).then()
                .body("data.putRubric.created", equalTo(false)).body("data.putRubric.rubric.version", equalTo(1));
        graphql(TestApi.adminKey(), put(key, RubricResourceTest.rubricJson(key, "20"), "JSON")).then()
                .body("data.putRubric.created", equalTo(true)).body("data.putRubric.rubric.version", equalTo(2));
        given().get("/api/v1/rubrics/{key}", key).then().body("version", equalTo(2)).body("rubric.total", equalTo(20));
    }

    @Test
    void aRefusedRubricStoresNothingAndHasPutsPointers() {
        String key = freshPrefix().toLowerCase();
        String bad = """
                {"name": {"zh-CN": "坏标准", "en": "Bad"}, "total": 100,
                 "sections": [{"key": "a", "name": {"zh-CN": "甲", "en": "A"}, "points": 10, "items": [
                   {"key": "x", "name": {"zh-CN": "一", "en": "One"}, "points": 4, "rule": {"kind": "deduction", "perViolation": -1}},
                   {"key": "x", "name": {"zh-CN": "二", "en": "Two"}, "points": 4,
                    "rule": {"kind": "shortfall", "target": 120, "perPercentagePoint": 1, "proportional": true}}]}]}
                """;
        List<String> rest = asAdmin().contentType(ContentType.JSON).body(bad).put("/api/v1/rubrics/{key}", key)
                .then().statusCode(422).extract().path("errors.pointer");
        graphql(TestApi.adminKey(), put(key, bad, null)).then().statusCode(200).body("errors", nullValue())
                .body("data.putRubric.rubric", nullValue())
                .body("data.putRubric.userErrors.pointer", equalTo(rest));
        // not JSON at all: REST's 400, as a user error
        graphql(TestApi.adminKey(), put(key, "{\"total\": ", null)).then()
                .body("data.putRubric.userErrors[0].code", equalTo("BAD_USER_INPUT"));
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404);
    }

    @Test
    void onlyTheAdminKeyStoresARubric() {
        String key = freshPrefix().toLowerCase();
        graphql(TestApi.agency(null), put(key, RubricResourceTest.rubricJson(key, "10"), null)).then()
                .statusCode(200).body("data", nullValue()).body("errors", hasSize(1));
        graphql(null, put(key, RubricResourceTest.rubricJson(key, "10"), null)).then()
                .body("data", nullValue()).body("errors", hasSize(1));
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404);
    }
}
