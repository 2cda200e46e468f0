package io.servicegrade.platform.database;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The key path on a configured PostgreSQL, given only its reactive URL: nothing embedded may start. */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.External.class)
@EnabledIf("io.servicegrade.TestMachine#postgresBinariesOrCi")
class ExternalDatabaseTest {

    static final String DATA_DIR = "target/test-data-external";

    public static class External implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("servicegrade.data-dir", DATA_DIR);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalPostgres.class));
        }
    }

    @Inject
    Pool pool;

    @ConfigProperty(name = "external-postgres.data-directory")
    String externalDataDirectory;

    @Test
    void theConfiguredServerIsUsedAndNothingEmbeddedStarts() throws Exception {
        String dataDirectory = pool.query("SHOW data_directory").execute().await().indefinitely()
                .iterator().next().getString(0);
        assertThat(Path.of(dataDirectory).toRealPath()).isEqualTo(Path.of(externalDataDirectory).toRealPath());
        assertThat(Path.of(DATA_DIR, "pg")).doesNotExist();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        String key = Files.readString(Path.of(DATA_DIR, "admin-api-key"), StandardCharsets.US_ASCII).trim();
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(List.of(Map.of("code", "EXT.W", "name", "窗口", "kind", "window", "parent", "EXT"),
                        Map.of("code", "EXT", "name", "网点", "kind", "outlet", "area", "urban")))
                .put("/api/v1/units").then().statusCode(200);
        given().get("/api/v1/units/EXT.W").then().statusCode(200).body("path", contains("EXT"))
                .body("area", equalTo("urban"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "{ unit(code: \"SZ.GS.GQ.W1\") { name ancestors { code } } }"))
                .post("/graphql").then().statusCode(200)
                .body("data.unit.ancestors.code", contains("SZ", "SZ.GS", "SZ.GS.GQ"));
    }
}
