package io.servicegrade.agency;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The agency and key mutations do what their REST twins do (issue 15, point 3). */
@QuarkusTest
class AgencyMutationsTest {

    static final String CREATE = """
            mutation Create($input: CreateAgencyInput!) {
              createAgency(input: $input) {
                agency { code name sources active }
                key { id prefix agency secret }
                userErrors { pointer code message }
              }
            }""";

    static final String ROTATE = """
            mutation Rotate($code: String!) {
              rotateAgencyKey(code: $code) { key { id secret } userErrors { pointer code } }
            }""";

    static final String CREATE_KEY = """
            mutation Key($name: String!) { createApiKey(name: $name) { key { id name secret } userErrors { pointer } } }""";

    static final String REVOKE_KEY = """
            mutation Revoke($id: ID!) { revokeApiKey(id: $id) { key { id revokedAt } userErrors { code } } }""";

    static final String UPDATE = """
            mutation Update($code: String!, $input: AgencyPatchInput!) {
              updateAgency(code: $code, input: $input) {
                agency { code name sources active }
                userErrors { pointer code message }
              }
            }""";

    static Response graphql(String key, String query, Map<String, Object> variables) {
        return GraphqlCall.bearer(key, query, variables);
    }

    @Test
    void anAgencyAndItsKeysAreMadeAsOverRest() {
        String code = freshPrefix();
        JsonPath created = graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("code", code,
                "name", "测评公司 Survey Co", "sources", List.of("survey")))).then().statusCode(200)
                .body("errors", nullValue())
                .body("data.createAgency.userErrors", hasSize(0))
                .body("data.createAgency.agency.sources", contains("survey"))
                .body("data.createAgency.key.agency", equalTo(code))
                .body("data.createAgency.key.secret", notNullValue())
                .extract().jsonPath();
        String first = created.getString("data.createAgency.key.secret");
        asAdmin().get("/api/v1/agencies/{code}", code).then().statusCode(200).body("sources", contains("survey"));
        given().header("X-Api-Key", first).get("/api/v1/evaluations").then().statusCode(200);

        // the same code again: REST's 409, as a user error; a bad code: REST's pointer
        graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("code", code, "name", "again"))).then()
                .body("data.createAgency.agency", nullValue())
                .body("data.createAgency.userErrors.code", contains("CONFLICT"));
        List<String> rest = asAdmin().contentType(ContentType.JSON).body(Map.of("code", "bad code!", "name", "x"))
                .post("/api/v1/agencies").then().statusCode(422).extract().path("errors.pointer");
        graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("code", "bad code!", "name", "x"))).then()
                .body("data.createAgency.userErrors.pointer", equalTo(rest));

        // a rotation: the new key works, the old one no more
        String second = graphql(TestApi.adminKey(), ROTATE, Map.of("code", code)).then()
                .body("data.rotateAgencyKey.userErrors", hasSize(0))
                .extract().path("data.rotateAgencyKey.key.secret");
        given().header("X-Api-Key", second).get("/api/v1/evaluations").then().statusCode(200);
        given().header("X-Api-Key", first).get("/api/v1/evaluations").then().statusCode(401);
    }

    /**
     * updateAgency is PATCH /api/v1/agencies/{code}: a merge patch (a field left out stays, sources: null is any),
     * refused input named by REST's pointers with nothing changed, and only for the admin key.
     */
    @Test
    void anAgencyIsUpdatedAsPatchUpdatesIt() {
        String code = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司", "sources",
                List.of("survey"))).post("/api/v1/agencies").then().statusCode(201);

        graphql(TestApi.adminKey(), UPDATE, Map.of("code", code, "input", Map.of("name", "某某测评公司 Survey Co")))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.updateAgency.agency.name", equalTo("某某测评公司 Survey Co"))
                .body("data.updateAgency.agency.sources", contains("survey"))
                .body("data.updateAgency.userErrors", hasSize(0));
        Map<String, Object> anySource = new java.util.HashMap<>();
        anySource.put("sources", null);
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", code, "input", anySource)).then()
                .body("data.updateAgency.agency.sources", nullValue())
                .body("data.updateAgency.agency.name", equalTo("某某测评公司 Survey Co"));
        asAdmin().get("/api/v1/agencies/{code}", code).then().statusCode(200)
                .body("name", equalTo("某某测评公司 Survey Co")).body("sources", nullValue());

        // refused: REST's pointers, in the language asked for, and nothing changed
        Map<String, Object> bad = Map.of("name", "名".repeat(201), "sources", List.of("survey", "moon"));
        List<String> rest = asAdmin().contentType(ContentType.JSON).body(bad)
                .patch("/api/v1/agencies/{code}", code).then().statusCode(422).extract().path("errors.pointer");
        assertThat(rest).containsExactlyInAnyOrder("/name", "/sources/1");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestApi.adminKey())
                .header("Accept-Language", "zh-CN")
                .body(Map.of("query", UPDATE, "variables", Map.of("code", code, "input", bad))).post("/graphql")
                .then().body("errors", nullValue())
                .body("data.updateAgency.agency", nullValue())
                .body("data.updateAgency.userErrors.pointer", equalTo(rest))
                .body("data.updateAgency.userErrors.code", everyItem(equalTo("BAD_USER_INPUT")))
                .body("data.updateAgency.userErrors[1].message", containsString("moon"));
        asAdmin().get("/api/v1/agencies/{code}", code).then().body("name", equalTo("某某测评公司 Survey Co"));

        // not the admin's key: FORBIDDEN / UNAUTHENTICATED, nothing changed; an unknown agency: NOT_FOUND
        graphql(TestApi.agency(null), UPDATE, Map.of("code", code, "input", Map.of("active", false))).then()
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        graphql(null, UPDATE, Map.of("code", code, "input", Map.of("active", false))).then()
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        asAdmin().get("/api/v1/agencies/{code}", code).then().body("active", equalTo(true));
        graphql(TestApi.adminKey(), UPDATE, Map.of("code", code + "-none", "input", Map.of("name", "x"))).then()
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void anAdminKeyIsMadeAndRevokedAsOverRest() {
        JsonPath key = graphql(TestApi.adminKey(), CREATE_KEY, Map.of("name", "前端 frontend " + freshPrefix()))
                .then().body("errors", nullValue()).extract().jsonPath();
        String secret = key.getString("data.createApiKey.key.secret");
        String id = key.getString("data.createApiKey.key.id");
        given().header("X-Api-Key", secret).get("/api/v1/admin/keys").then().statusCode(200);

        graphql(TestApi.adminKey(), REVOKE_KEY, Map.of("id", id)).then()
                .body("data.revokeApiKey.key.revokedAt", notNullValue());
        given().header("X-Api-Key", secret).get("/api/v1/admin/keys").then().statusCode(401);

        // a bad name: REST's pointer
        graphql(TestApi.adminKey(), CREATE_KEY, Map.of("name", " ")).then()
                .body("data.createApiKey.key", nullValue())
                .body("data.createApiKey.userErrors.pointer", contains("/name"));
    }

    @Test
    void onlyTheAdminKeyMakesAgenciesAndKeys() {
        String agency = TestApi.agency(null);
        String code = freshPrefix();
        graphql(agency, CREATE, Map.of("input", Map.of("code", code, "name", "x"))).then().statusCode(200)
                .body("data", nullValue()).body("errors", hasSize(1));
        graphql(null, CREATE, Map.of("input", Map.of("code", code, "name", "x"))).then()
                .body("data", nullValue()).body("errors", hasSize(1));
        graphql(agency, CREATE_KEY, Map.of("name", "mine")).then().body("data", nullValue());
        asAdmin().get("/api/v1/agencies/{code}", code).then().statusCode(404);
    }
}
