package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeStandingsTest.rubric;
import static io.servicegrade.scheme.SchemeStandingsTest.scheme;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A standing's veto names its evaluation (vetoedById) only to a caller who may read the unit's evaluations (issue
 * 16: evaluations stay scoped on a public board; anyone sees that the unit was vetoed), and gives the evaluation
 * itself (vetoedBy) only to a caller who may read it: the admin or the agency that made it.
 */
@QuarkusTest
class VetoedByTest {

    private static final String QUERY = """
            query($scheme: String!, $under: String) {
              standings(scheme: $scheme, period: "2023-Q2", under: $under) {
                edges { node { unit { code } vetoed vetoedById
                               vetoedBy { id unit { code } breakdown { vetoed vetoedBy } } } }
              }
            }
            """;

    @Test
    void theVetoingEvaluationIsAnEvaluationForThoseWhoMayReadIt() {
        String p = freshPrefix();
        String rubricKey = p.toLowerCase() + "-rubric";
        String schemeKey = p.toLowerCase() + "-scheme";
        rubric(rubricKey);
        asAdmin().contentType("application/yaml").body(scheme(schemeKey, rubricKey).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", schemeKey).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".W1", "name", "窗口1", "kind", "window", "parent", p),
                Map.of("code", p + ".W2", "name", "窗口2", "kind", "window", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        String maker = TestApi.agency(null);
        String other = TestApi.agency(null);
        String at = "2023-05-10T10:00:00+08:00";
        // W1: 99 and 99, but the inspection failed the sign check (a veto item): vetoed, ranked last
        // W2: 90 and 90, no veto
        List<Object> ids = given().header("X-Api-Key", maker).contentType(ContentType.JSON).body(Map.of(
                "evaluations", List.of(
                        evaluation(p + "-1i", "inspection", p + ".W1", rubricKey, at, 99, false),
                        evaluation(p + "-1m", "mystery_shop", p + ".W1", rubricKey, at, 99, true),
                        evaluation(p + "-2i", "inspection", p + ".W2", rubricKey, at, 90, true),
                        evaluation(p + "-2m", "mystery_shop", p + ".W2", rubricKey, at, 90, true))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
        String vetoing = io.servicegrade.platform.graphql.GlobalIds.encode("Evaluation", ids.get(0).toString());

        // the agency that made it: the evaluation, with the item that vetoed it
        board(given().header("X-Api-Key", maker), schemeKey, p).body("errors", nullValue())
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1"))
                .body("data.standings.edges.node.vetoed", contains(false, true))
                .body("data.standings.edges.node.vetoedById", contains(null, vetoing))
                .body("data.standings.edges[0].node.vetoedBy", nullValue())
                .body("data.standings.edges[1].node.vetoedBy.id", equalTo(vetoing))
                .body("data.standings.edges[1].node.vetoedBy.unit.code", equalTo(p + ".W1"))
                .body("data.standings.edges[1].node.vetoedBy.breakdown.vetoed", equalTo(true))
                .body("data.standings.edges[1].node.vetoedBy.breakdown.vetoedBy", equalTo("sign"));
        // the admin reads every evaluation
        board(asAdmin(), schemeKey, p).body("errors", nullValue())
                .body("data.standings.edges[1].node.vetoedBy.id", equalTo(vetoing));
        // another agency sees the public board and the id, not the evaluation: null, without an error
        board(given().header("X-Api-Key", other), schemeKey, p).body("errors", nullValue())
                .body("data.standings.edges.node.vetoedById", contains(null, vetoing))
                .body("data.standings.edges[1].node.vetoedBy", nullValue());
        // without a key: the public board says the unit was vetoed, but neither names nor gives the evaluation
        // (issue 16), and that is no error
        board(given(), schemeKey, p).body("errors", nullValue())
                .body("data.standings.edges.node.vetoed", contains(false, true))
                .body("data.standings.edges.node.vetoedById", contains(null, null))
                .body("data.standings.edges[1].node.vetoedBy", nullValue());
        // a board nobody asks the evaluation of needs no key and has no error
        given().contentType(ContentType.JSON).body(Map.of("query", "query($s: String!, $u: String) { standings("
                        + "scheme: $s, period: \"2023-Q2\", under: $u) { edges { node { vetoed vetoedById } } } }",
                        "variables", Map.of("s", schemeKey, "u", p)))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.standings.edges[1].node.vetoed", equalTo(true))
                .body("data.standings.edges[1].node.vetoedById", nullValue());
    }

    private static ValidatableResponse board(RequestSpecification caller, String scheme, String under) {
        return caller.contentType(ContentType.JSON).body(Map.of("query", QUERY, "variables", Map.of("scheme", scheme,
                "under", under))).post("/graphql").then().statusCode(200);
    }
}
