package io.servicegrade.unit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class UnitGraphQLTest {

    private static io.restassured.response.ValidatableResponse query(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200);
    }

    @Test
    void aDemoWindowAnswersWithItsAncestors() {
        query("""
                query($code: String!) { unit(code: $code) { name kind serviceLine area ancestors { code } } }
                """, Map.of("code", "SZ.GS.GQ.W1"))
                .body("errors", nullValue())
                .body("data.unit.kind", equalTo("window"))
                .body("data.unit.serviceLine", equalTo("counter"))
                .body("data.unit.area", equalTo("URBAN"))
                .body("data.unit.ancestors.code", contains("SZ", "SZ.GS", "SZ.GS.GQ"));
    }

    @Test
    void nestedParentsChildrenAndCountsResolveForEveryNode() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region", "area", "urban"),
                Map.of("code", p + ".O1", "name", "一", "kind", "outlet", "parent", p),
                Map.of("code", p + ".O2", "name", "二", "kind", "outlet", "parent", p),
                Map.of("code", p + ".O1.W", "name", "窗", "kind", "window", "parent", p + ".O1",
                        "serviceLine", "counter"))).put("/api/v1/units").then().statusCode(200);

        query("""
                query($p: String!) {
                  unit(code: $p) {
                    descendantCount
                    parent { code }
                    children { code parent { code } descendantCount children { code area serviceLine } }
                  }
                }
                """, Map.of("p", p))
                .body("errors", nullValue())
                .body("data.unit.descendantCount", equalTo(3))
                .body("data.unit.parent", nullValue())
                .body("data.unit.children.code", contains(p + ".O1", p + ".O2"))
                .body("data.unit.children.parent.code", contains(p, p))
                .body("data.unit.children.descendantCount", contains(1, 0))
                .body("data.unit.children[0].children[0].area", equalTo("URBAN"))
                .body("data.unit.children[0].children[0].serviceLine", equalTo("counter"));
    }

    @Test
    void unitsIsARelayConnectionFilteredByKindAndArea() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region", "area", "rural"),
                Map.of("code", p + ".W1", "name", "1", "kind", "window", "parent", p),
                Map.of("code", p + ".W2", "name", "2", "kind", "window", "parent", p),
                Map.of("code", p + ".W3", "name", "3", "kind", "window", "parent", p, "area", "urban")))
                .put("/api/v1/units").then().statusCode(200);
        String page = """
                query($p: String!, $after: String) {
                  units(under: $p, kind: "window", area: RURAL, first: 1, after: $after) {
                    edges { cursor node { code } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
                """;

        String end = query(page, Map.of("p", p))
                .body("data.units.edges.node.code", contains(p + ".W1"))
                .body("data.units.pageInfo.hasNextPage", equalTo(true))
                .extract().path("data.units.pageInfo.endCursor");
        query(page, Map.of("p", p, "after", end))
                .body("data.units.edges.node.code", contains(p + ".W2"))
                .body("data.units.pageInfo.hasNextPage", equalTo(false));
    }

    @Test
    void anUnknownUnitIsNullAndABadPageSizeIsAnError() {
        query("{ unit(code: \"NO-SUCH-UNIT\") { code } }", Map.of()).body("data.unit", nullValue());
        query("{ units(first: 0) { edges { cursor } } }", Map.of())
                .body("errors[0].message", equalTo("first must be a number from 1 to 500"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }
}
