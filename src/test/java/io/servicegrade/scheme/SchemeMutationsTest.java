package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** putScheme does what PUT /api/v1/schemes/{key} does (issue 15, point 3), with the same pointers. */
@QuarkusTest
class SchemeMutationsTest {

    static final String PUT = """
            mutation Put($key: String!, $document: String!) {
              putScheme(key: $key, document: $document, format: YAML) {
                created
                scheme { key version period kinds }
                userErrors { pointer code message }
              }
            }""";

    static Response graphql(String key, String schemeKey, String document) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("X-Api-Key", key);
        }
        return request.body(Map.of("query", PUT, "variables", Map.of("key", schemeKey, "document", document)))
                .post("/graphql");
    }

    @Test
    void aSchemeIsStoredAsAVersionAsPutStoresIt() {
        String p = freshPrefix().toLowerCase();
        String rubric = p + "-rubric";
        SchemeStandingsTest.rubric(rubric);
        String yaml = SchemeVersionsTest.scheme(rubric, "2023-01-01", "90", "quarter", "Asia/Shanghai");
        graphql(TestApi.adminKey(), p, yaml).then().statusCode(200).body("errors", nullValue())
                .body("data.putScheme.created", equalTo(true))
                .body("data.putScheme.scheme.version", equalTo(1))
                .body("data.putScheme.scheme.kinds", equalTo(List.of("window")))
                .body("data.putScheme.userErrors", hasSize(0));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(200).body("version", equalTo(1))
                .body("origin", equalTo("api"));
        graphql(TestApi.adminKey(), p, yaml).then().body("data.putScheme.created", equalTo(false));
    }

    @Test
    void aRefusedSchemeStoresNothingAndHasPutsPointers() {
        String p = freshPrefix().toLowerCase();
        String bad = SchemeVersionsTest.scheme("no-such-rubric-" + p, "2023-13-01", "90", "fortnight", "Mars/Base");
        List<String> rest = asAdmin().contentType("application/yaml").body(bad.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", p).then().statusCode(422).extract().path("errors.pointer");
        graphql(TestApi.adminKey(), p, bad).then().body("errors", nullValue())
                .body("data.putScheme.scheme", nullValue())
                .body("data.putScheme.userErrors.pointer", equalTo(rest));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(404);

        graphql(TestApi.agency(null), p, SchemeVersionsTest.scheme("x", "2023-01-01", "90", "quarter",
                "Asia/Shanghai")).then().body("data", nullValue()).body("errors", hasSize(1));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(404);
    }
}
