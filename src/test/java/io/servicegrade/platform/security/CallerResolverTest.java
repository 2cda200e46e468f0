package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.adminKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * One resolver turns a request's key into its caller; each edge still accepts what it accepted: REST and GraphQL a
 * key in X-Api-Key or Authorization: Bearer, the report pages the key kept in their sign-in cookie.
 */
@QuarkusTest
class CallerResolverTest {

    private static final String REPORT_COOKIE = "sg_report_key";

    @Test
    void oneGraphqlRequestWithTwoFieldsThatNeedAKeyLooksTheKeyUpOnce() {
        String key = TestApi.agency(null);
        String window = TestApi.window();
        String externalId = TestApi.freshPrefix();
        String id = String.valueOf(given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(survey(window, externalId)))).post("/api/v1/evaluations")
                .then().statusCode(201).extract().<Integer>path("evaluations[0].id"));
        // graphql-java resolves the two root fields at the same time and both ask who the caller is: they share
        // one lookup (two at once would share one Hibernate Reactive session, which fails).
        String query = """
                query($id: ID!, $unit: String!) {
                  one: evaluation(id: $id) { externalId }
                  all: evaluations(unit: $unit) { edges { node { externalId } } }
                }
                """;

        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id, "unit", window))).post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.one.externalId", equalTo(externalId))
                .body("data.all.edges.node.externalId", contains(externalId));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id, "unit", window))).post("/graphql")
                .then().statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("API key"));
        given().header("X-Api-Key", "sg_not-a-key").contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id, "unit", window))).post("/graphql")
                .then().statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("API key"));
    }

    @Test
    void aKeyThatIdentifiesNoOneIsRefusedEvenOnAnOpenRead() {
        given().get("/api/v1/units/{code}", "SZ").then().statusCode(200);
        given().header("X-Api-Key", "sg_not-a-key").get("/api/v1/units/{code}", "SZ").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer sg_not-a-key").get("/api/v1/units/{code}", "SZ").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + adminKey()).get("/api/v1/units/{code}", "SZ").then()
                .statusCode(200);
    }

    @Test
    void theReportCookieSignsInReportPagesOnlyAndHeadersSignInTheApiOnly() {
        // The API does not read the report pages' cookie: a page's key is not a credential for a script.
        given().cookie(REPORT_COOKIE, adminKey()).get("/api/v1/evaluations").then().statusCode(401);
        given().header("X-Api-Key", adminKey()).get("/api/v1/evaluations").then().statusCode(200);
        // A report page reads only its cookie: a key header leaves it signed out.
        given().header("X-Api-Key", adminKey()).redirects().follow(false).get("/reports/evaluations/{id}", 1)
                .then().statusCode(303).header("Location", containsString("/reports/sign-in"));
        given().cookie(REPORT_COOKIE, "sg_not-a-key").redirects().follow(false)
                .get("/reports/evaluations/{id}", 1).then().statusCode(303)
                .header("Location", containsString("/reports/sign-in"));
    }

    private static Map<String, Object> survey(String unit, String externalId) {
        return Map.of("externalId", externalId, "source", "survey", "unit", unit,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-05-20T15:00:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true)));
    }
}
