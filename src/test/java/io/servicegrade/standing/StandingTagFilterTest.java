package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeStandingsTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 17, point 9: the boards' {@code tag} filter (GraphQL, REST JSON and CSV, the report page) ranks the graded
 * units carrying the tag only, among themselves; a tag no unit carries is an empty board, not an error.
 */
@QuarkusTest
class StandingTagFilterTest {

    @Test
    void aTaggedBoardRanksOnlyTheUnitsCarryingTheTag() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType("application/yaml")
                .body(SchemeStandingsTest.scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
        List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind", "region")));
        for (int w = 1; w <= 4; w++) {
            Map<String, Object> window = new HashMap<>(Map.of("code", p + ".W" + w, "name", "窗口" + w,
                    "kind", "window", "parent", p));
            if (w % 2 == 1) {
                window.put("tags", List.of("model-candidate"));   // W1 and W3 are designated model units
            }
            units.add(window);
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        String q2 = "2023-05-10T10:00:00+08:00";
        int[] scores = {90, 95, 80, 85};
        List<Map<String, Object>> evaluations = new ArrayList<>();
        for (int w = 1; w <= 4; w++) {
            evaluations.add(evaluation(p + "-" + w + "i", "inspection", p + ".W" + w, rubric, q2, scores[w - 1], true));
            evaluations.add(evaluation(p + "-" + w + "m", "mystery_shop", p + ".W" + w, rubric, q2, scores[w - 1],
                    true));
        }
        given().header("X-Api-Key", io.servicegrade.TestApi.agency(null)).contentType(ContentType.JSON)
                .body(Map.of("evaluations", evaluations)).post("/api/v1/evaluations").then().statusCode(201);

        // untagged: W2 95, W1 90, W4 85, W3 80
        String query = """
                query($scheme: String!, $under: String, $tag: String) {
                  standings(scheme: $scheme, period: "2023-Q2", under: $under, tag: $tag) {
                    totalCount edges { node { id unit { code } rank value } }
                  }
                }""";
        graphql(query, Map.of("scheme", key, "under", p))
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1", p + ".W4", p + ".W3"));
        // tagged: W1 90 first and W3 80 second, ranked among the two only
        String id = graphql(query, Map.of("scheme", key, "under", p, "tag", "model-candidate"))
                .body("data.standings.totalCount", equalTo(2))
                .body("data.standings.edges.node.unit.code", contains(p + ".W1", p + ".W3"))
                .body("data.standings.edges.node.rank", contains(1, 2))
                .body("data.standings.edges.node.value", contains(90.0f, 80.0f))
                .extract().path("data.standings.edges[1].node.id");
        // the node's id names the tagged board: fetched again, W3 is still second of two
        graphql("query($id: ID!) { node(id: $id) { ... on Standing { unit { code } rank } } }", Map.of("id", id))
                .body("data.node.unit.code", equalTo(p + ".W3")).body("data.node.rank", equalTo(2));
        // a tag no unit carries: an empty board, not an error
        graphql(query, Map.of("scheme", key, "under", p, "tag", "nobody-has-this"))
                .body("data.standings.totalCount", equalTo(0));
        // the groups' figures over the tagged graded units only: (90 + 80) / 2 = 85
        graphql("""
                query($scheme: String!) {
                  standings(scheme: $scheme, period: "2023-Q2", kind: "region", tag: "model-candidate") {
                    edges { node { unit { code } group { mean graded } } } }
                }""", Map.of("scheme", key))
                .body("data.standings.edges.find { it.node.unit.code == '" + p + "' }.node.group.graded",
                        equalTo(2))
                .body("data.standings.edges.find { it.node.unit.code == '" + p + "' }.node.group.mean",
                        equalTo(85.0f));

        given().queryParam("period", "2023-Q2").queryParam("under", p).queryParam("tag", "model-candidate")
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .body("standings.unit", contains(p + ".W1", p + ".W3"));
        String csv = given().queryParam("period", "2023-Q2").queryParam("under", p)
                .queryParam("tag", "model-candidate").queryParam("format", "csv")
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.lines().skip(1).toList()).hasSize(2);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("1," + p + ".W1,");
        given().queryParam("period", "2023-Q2").queryParam("tag", "Model_Candidate")
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(422)
                .body("errors.pointer", contains("/tag"));

        // tagging W2 is a change of the tree like any other: the kept board is read again, and it is audited
        asAdmin().contentType(ContentType.JSON).body(Map.of("tags", List.of("model-candidate")))
                .patch("/api/v1/units/{code}", p + ".W2").then().statusCode(200);
        graphql(query, Map.of("scheme", key, "under", p, "tag", "model-candidate"))
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1", p + ".W3"))
                .body("data.standings.edges.node.rank", contains(1, 2, 3));
        asAdmin().queryParam("target", "unit:" + p + ".W2").queryParam("action", "unit.patch")
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(1));
        asAdmin().contentType(ContentType.JSON).body(Map.of("tags", List.of()))
                .patch("/api/v1/units/{code}", p + ".W2").then().statusCode(200);

        String page = given().queryParams(Map.of("scheme", key, "period", "2023-Q2", "under", p,
                        "tag", "model-candidate", "lang", "en"))
                .get("/reports/standings").then().statusCode(200).contentType(startsWith("text/html"))
                .extract().asString();
        assertThat(page).contains(p + ".W1", p + ".W3", "name=\"tag\" value=\"model-candidate\"")
                .doesNotContain(p + ".W2").doesNotContain(p + ".W4");
    }

    private static io.restassured.response.ValidatableResponse graphql(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).body("errors", nullValue());
    }
}
