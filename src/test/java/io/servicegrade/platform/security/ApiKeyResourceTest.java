package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ApiKeyResourceTest {

    @Test
    void theFirstAdminKeyIsWrittenForItsOwnerOnly() throws Exception {
        var file = TestApi.DATA_DIR.resolve("admin-api-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(TestApi.adminKey()).startsWith("sg_");
    }

    @Test
    void aNewKeyWorksUntilItIsRevoked() {
        var created = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "survey agency"))
                .post("/api/v1/admin/keys")
                .then().statusCode(201).body("key", startsWith("sg_")).body("id", notNullValue())
                .extract();
        String key = created.path("key");
        int id = created.path("id");
        String code = TestApi.freshPrefix();
        var unit = List.of(Map.of("code", code, "name", "n", "kind", "region"));

        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(unit).put("/api/v1/units")
                .then().statusCode(200);
        asAdmin().get("/api/v1/admin/keys").then().statusCode(200)
                .body("id", hasItem(id))
                .body("key", not(hasItem(key)));

        asAdmin().delete("/api/v1/admin/keys/{id}", id).then().statusCode(200).body("revokedAt", notNullValue());
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(unit)
                .put("/api/v1/units").then().statusCode(401);
    }

    @Test
    void keyAdministrationNeedsAKeyAndAName() {
        given().get("/api/v1/admin/keys").then().statusCode(401).contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", " ")).post("/api/v1/admin/keys")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/name"));
        asAdmin().delete("/api/v1/admin/keys/{id}", 987654321).then().statusCode(404);
    }

    private static io.restassured.response.Response postEvaluation(String key, String unit, String externalId) {
        Map<String, Object> evaluation = Map.of("externalId", externalId, "source", "survey", "unit", unit,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-05-20T15:00:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true)));
        return given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(evaluation))).post("/api/v1/evaluations");
    }

    @Test
    void anInactiveAgencysKeyIsRefusedUntilTheAgencyIsActiveAgain() {
        String code = TestApi.freshPrefix();
        String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        String window = TestApi.window();
        int id = postEvaluation(key, window, code + "-1").then().statusCode(201).extract().path("evaluations[0].id");

        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/v1/agencies/{code}", code)
                .then().statusCode(200).body("active", equalTo(false));
        postEvaluation(key, window, code + "-2").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Api-Key", key).get("/api/v1/evaluations").then().statusCode(401);
        // Its evaluations stay: the admin still reads them.
        asAdmin().get("/api/v1/evaluations/{id}", id).then().statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("active", true)).patch("/api/v1/agencies/{code}", code)
                .then().statusCode(200).body("active", equalTo(true));
        postEvaluation(key, window, code + "-2").then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("created"));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200);
    }
}
