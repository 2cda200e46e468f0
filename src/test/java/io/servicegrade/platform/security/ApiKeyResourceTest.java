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
}
