package io.servicegrade.platform;

import io.servicegrade.platform.database.DatabaseOwner;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OperationsTest {

    @Test
    void healthMetricsAndApiDocsAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/units"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/graphql-ui/").then().statusCode(200);
    }

    @Test
    void theCheckedInSchemaIsTheServedSchema() throws Exception {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        String checkedIn = Files.readString(Path.of("graphql/schema.graphql"), StandardCharsets.UTF_8);
        // what the server serves, for copying over graphql/schema.graphql after a schema change
        Files.writeString(Path.of("target/served-schema.graphql"), served, StandardCharsets.UTF_8);
        assertThat(checkedIn.strip())
                .as("graphql/schema.graphql is out of date: copy target/served-schema.graphql over it")
                .isEqualTo(served.strip());
    }

    @Test
    void theEmbeddedDatabaseKeepsAcknowledgedWritesAndListensOnLocalhostOnly() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("listen_addresses")).isEqualTo("localhost");
        assertThat(Path.of(setting("data_directory")))
                .isEqualTo(Path.of("target/test-data/pg").toAbsolutePath());
    }

    @Test
    void theDemoOrganisationIsLoaded() {
        given().queryParam("under", "SZ").queryParam("kind", "window").queryParam("limit", 500)
                .get("/api/v1/units").then().statusCode(200)
                .body("items.size()", equalTo(44));
        given().get("/api/v1/units/SZ.CS").then().statusCode(200).body("area", equalTo("rural"));
        // A quarter of demo evaluations: 3 inspections, 2 mystery-shop visits and 3 questionnaires per window.
        io.servicegrade.TestApi.asAdmin().queryParam("unit", "SZ.GS.GQ.W1").queryParam("limit", 500)
                .get("/api/v1/evaluations").then().statusCode(200)
                .body("items.findAll { it.externalId.startsWith('demo-') }.source.unique().sort()",
                        org.hamcrest.Matchers.contains("inspection", "mystery_shop", "survey"))
                .body("items.findAll { it.externalId.startsWith('demo-') }.size()", equalTo(8));
        // The demo scheme ranks the demo quarter (read from the demo's evaluations: it is the last complete quarter
        // before the database's first start, not before today); its survey source is a satisfaction rate (0..100).
        given().queryParam("period", io.servicegrade.DemoData.quarter()).queryParam("under", "SZ.GS.GQ")
                .get("/api/v1/schemes/create-satisfied-windows/standings").then().statusCode(200)
                .body("standings.size()", equalTo(5))
                .body("standings[0].rank", equalTo(1))
                .body("standings.sources.flatten().findAll { it.source == 'survey' }.samples.unique()",
                        org.hamcrest.Matchers.contains(3))
                .body("standings.sources.flatten().findAll { it.source == 'survey' }.every { it.value <= 100 }",
                        equalTo(true));
    }

    /** As the database's owner: some settings (data_directory) are not the application role's to read. */
    private String setting(String name) {
        return DatabaseOwner.show(name);
    }
}
