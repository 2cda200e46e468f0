package io.servicegrade.unit;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The unit mutations do what PUT and PATCH /api/v1/units do (issue 15, point 3), with the same pointers. */
@QuarkusTest
class UnitMutationsTest {

    static final String UPSERT = """
            mutation Upsert($input: [UnitInput!]!) {
              upsertUnits(input: $input) {
                created updated unchanged
                units { code name kind area parent { code } }
                userErrors { pointer code message }
              }
            }""";

    static final String UPDATE = """
            mutation Update($code: String!, $input: UnitPatchInput!) {
              updateUnit(code: $code, input: $input) {
                unit { code name active parent { code } ancestors { code } }
                userErrors { pointer code message }
              }
            }""";

    private static Map<String, Object> unit(String code, String kind, String parent) {
        Map<String, Object> unit = new HashMap<>();
        unit.put("code", code);
        unit.put("name", code + " 名称");
        unit.put("kind", kind);
        if (parent != null) {
            unit.put("parent", parent);
        }
        return unit;
    }

    private static Response graphql(String key, String query, Map<String, Object> variables) {
        return GraphqlCall.bearer(key, query, variables);
    }

    @Test
    void upsertedUnitsAreStoredAsPutStoresThem() {
        String p = freshPrefix();
        // the child comes before its parent, as PUT allows
        Map<String, Object> outlet = unit(p + ".O", "outlet", p);
        outlet.put("area", "rural");
        graphql(TestApi.adminKey(), UPSERT, Map.of("input", List.of(outlet, unit(p, "region", null))))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.upsertUnits.created", equalTo(2))
                .body("data.upsertUnits.userErrors", hasSize(0))
                .body("data.upsertUnits.units.code", contains(p + ".O", p))
                .body("data.upsertUnits.units[0].parent.code", equalTo(p));

        given().get("/api/v1/units/{code}", p + ".O").then().statusCode(200)
                .body("parent", equalTo(p)).body("area", equalTo("rural")).body("path", contains(p));
        graphql(TestApi.adminKey(), UPSERT, Map.of("input", List.of(outlet, unit(p, "region", null))))
                .then().body("data.upsertUnits.unchanged", equalTo(2));
    }

    @Test
    void aRefusedUpsertStoresNothingAndNamesEveryBadFieldWithPutsPointers() {
        String p = freshPrefix();
        Map<String, Object> badCode = unit(p + " X", "window", null);
        Map<String, Object> badArea = unit(p + ".A", "Window", p + ".MISSING");
        badArea.put("area", "city");
        List<Map<String, Object>> units = List.of(unit(p, "region", null), badCode, badArea,
                unit(p + ".O", "outlet", p + ".NOPE"), unit(p + ".LA", "branch", p + ".LB"),
                unit(p + ".LB", "branch", p + ".LA"));

        List<String> rest = asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units")
                .then().statusCode(422).extract().path("errors.pointer");
        List<String> restChinese = asAdmin().header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(units).put("/api/v1/units").then().statusCode(422).extract().path("errors.message");
        assertThat(rest).hasSize(7);

        graphql(TestApi.adminKey(), UPSERT, Map.of("input", units)).then().statusCode(200)
                .body("errors", nullValue())
                .body("data.upsertUnits.units", nullValue())
                .body("data.upsertUnits.userErrors.pointer", equalTo(rest))
                .body("data.upsertUnits.userErrors.code.unique()", contains("BAD_USER_INPUT"));
        List<String> chinese = given().header("Authorization", "Bearer " + TestApi.adminKey())
                .header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(Map.of("query", UPSERT, "variables", Map.of("input", units))).post("/graphql")
                .then().extract().path("data.upsertUnits.userErrors.message");
        assertThat(chinese).isEqualTo(restChinese);

        given().get("/api/v1/units/{code}", p).then().statusCode(404);
    }

    @Test
    void anUpdateIsAMergePatchAsPatchIs() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(List.of(unit(p, "region", null), unit(p + ".A", "branch", p),
                unit(p + ".B", "branch", p), unit(p + ".A.O", "outlet", p + ".A"))).put("/api/v1/units")
                .then().statusCode(200);

        // moved: its subtree follows; fields left out stay
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", p + ".A.O", "input", Map.of("parent", p + ".B")))
                .then().body("errors", nullValue())
                .body("data.updateUnit.unit.parent.code", equalTo(p + ".B"))
                .body("data.updateUnit.unit.ancestors.code", contains(p, p + ".B"))
                .body("data.updateUnit.unit.name", equalTo(p + ".A.O 名称"));
        given().get("/api/v1/units/{code}", p + ".A.O").then().body("path", contains(p, p + ".B"));

        // parent given as null makes a root, as in a merge patch
        Map<String, Object> root = new HashMap<>();
        root.put("parent", null);
        root.put("name", "独立 Alone");
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", p + ".B", "input", root)).then()
                .body("data.updateUnit.unit.parent", nullValue())
                .body("data.updateUnit.unit.name", equalTo("独立 Alone"));
        given().get("/api/v1/units/{code}", p + ".B").then().body("parent", nullValue())
                .body("name", equalTo("独立 Alone"));

        // a move under its own descendant: PATCH's pointer, nothing moved
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", p, "input", Map.of("parent", p + ".A"))).then()
                .body("data.updateUnit.unit", nullValue())
                .body("data.updateUnit.userErrors.pointer", contains("/parent"));
        given().get("/api/v1/units/{code}", p).then().body("parent", nullValue());

        // retired
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", p + ".A", "input", Map.of("active", false))).then()
                .body("data.updateUnit.unit.active", equalTo(false));
        given().get("/api/v1/units/{code}", p + ".A").then().body("active", equalTo(false));
    }

    @Test
    void onlyTheAdminKeyWritesUnitsAsOverRest() {
        String p = freshPrefix();
        String agency = TestApi.agency(null);
        graphql(null, UPSERT, Map.of("input", List.of(unit(p, "region", null)))).then().statusCode(200)
                .body("data", nullValue()).body("errors", hasSize(1));
        graphql(agency, UPSERT, Map.of("input", List.of(unit(p, "region", null)))).then()
                .body("data", nullValue()).body("errors", hasSize(1));
        asAdmin().contentType(ContentType.JSON).body(List.of(unit(p + ".R", "region", null))).put("/api/v1/units")
                .then().statusCode(200);
        graphql(agency, UPDATE, Map.of("code", p + ".R", "input", Map.of("name", "x"))).then()
                .body("data", nullValue()).body("errors", hasSize(1));
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
        given().get("/api/v1/units/{code}", p + ".R").then().body("name", equalTo(p + ".R 名称"));
        // REST refuses the agency key alike
        given().header("X-Api-Key", agency).contentType(ContentType.JSON).body(List.of(unit(p, "region", null)))
                .put("/api/v1/units").then().statusCode(403);
    }
}
