package io.servicegrade.agency;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.contains;
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

    static Response graphql(String key, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Authorization", "Bearer " + key);
        }
        return request.body(Map.of("query", query, "variables", variables)).post("/graphql");
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
