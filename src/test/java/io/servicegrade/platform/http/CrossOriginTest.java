package io.servicegrade.platform.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, point 2: browsers on the origins of {@code quarkus.http.cors.origins} may call the API (the tests list
 * {@code https://app.test.example}, {@code /https://[a-z]+\.tests\.example/} and {@code http://127.0.0.1:*}):
 * real preflights and real cross-origin requests (an {@code Origin} header) against /graphql and a REST endpoint,
 * from an allowed origin and a refused one. The report pages keep their own origin checks (ReportSessionTest).
 */
@QuarkusTest
class CrossOriginTest {

    static final String APP = "https://app.test.example";
    static final String EVIL = "https://evil.example";

    private static Response preflight(String origin, String path, String method, String headers) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).header("Sec-Fetch-Site", "cross-site")
                .options(path);
    }

    @Test
    void aPreflightFromAnAllowedOriginAllowsTheApisHeaders() {
        for (String path : new String[] {"/graphql", "/api/v1/units", "/api/v1/evaluations"}) {
            Response answer = preflight(APP, path, "POST", "authorization, content-type, idempotency-key, x-api-key");
            assertThat(answer.statusCode()).as(path).isEqualTo(204);
            assertThat(answer.header("Access-Control-Allow-Origin")).as(path).isEqualTo(APP);
            assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST").contains("PUT");
            assertThat(answer.header("Access-Control-Allow-Headers")).contains("Authorization")
                    .contains("X-Api-Key").contains("Idempotency-Key").contains("Content-Type")
                    .contains("Accept-Language");
            assertThat(answer.header("Vary")).contains("Origin");
        }
        // an origin matched by a /regex/ entry
        assertThat(preflight("https://frontend.tests.example", "/graphql", "POST", "content-type")
                .header("Access-Control-Allow-Origin")).isEqualTo("https://frontend.tests.example");
    }

    @Test
    void aCrossOriginRequestFromAnAllowedOriginIsAnsweredWithItsHeadersExposed() {
        Response graphql = given().header("Origin", APP).contentType(ContentType.JSON)
                .body(Map.of("query", "{ unit(code: \"SZ\") { code } }")).post("/graphql");
        assertThat(graphql.statusCode()).isEqualTo(200);
        assertThat(graphql.jsonPath().getString("data.unit.code")).isEqualTo("SZ");
        assertThat(graphql.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(graphql.header("Access-Control-Expose-Headers")).contains("Idempotent-Replayed")
                .contains("Retry-After").contains("Location");

        Response rest = given().header("Origin", APP).header("Authorization", "Bearer " + adminKey())
                .get("/api/v1/units/SZ");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(rest.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        // an error answer carries them too, or the page could not read why it was refused
        Response missing = given().header("Origin", APP).header("Authorization", "Bearer " + adminKey())
                .get("/api/v1/units/NO.SUCH.UNIT.X");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    // issue 16, audit log: a browser app on another origin reads the X-Request-Id that names its write's row
    @Test
    void aWriteFromAnotherOriginExposesItsRequestIdToTheScript() {
        Response preflight = preflight(APP, "/api/v1/units", "PUT", "authorization, content-type, x-request-id");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-Request-Id");

        String code = io.servicegrade.TestApi.freshPrefix();
        Response write = given().header("Origin", APP).header("Authorization", "Bearer " + adminKey())
                .header("X-Request-Id", "app-" + code).contentType(ContentType.JSON)
                .body(java.util.List.of(Map.of("code", code, "name", "跨源", "kind", "outlet"))).put("/api/v1/units");
        assertThat(write.statusCode()).isEqualTo(200);
        assertThat(write.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(write.header("X-Request-Id")).isEqualTo("app-" + code);
        assertThat(write.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        // and the row it names is there
        io.servicegrade.TestApi.asAdmin().queryParam("action", "unit.put").queryParam("limit", 500)
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.requestId", org.hamcrest.Matchers.hasItem("app-" + code));
    }

    @Test
    void anotherOriginIsRefusedBeforeAnythingRuns() {
        Response preflight = preflight(EVIL, "/graphql", "POST", "content-type");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Response post = given().header("Origin", EVIL).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(Map.of("query", "{ unit(code: \"SZ\") { code } }")).post("/graphql");
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.contentType()).startsWith("application/problem+json");
        assertThat(post.header("Access-Control-Allow-Origin")).isNull();
        assertThat(post.jsonPath().getString("type")).endsWith("origin-not-allowed");
        assertThat(post.jsonPath().getString("detail")).contains(EVIL).contains("QUARKUS_HTTP_CORS_ORIGINS");

        Response rest = given().header("Origin", "null").header("Accept-Language", "zh-CN")
                .header("Authorization", "Bearer " + adminKey()).get("/api/v1/units/SZ");
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.jsonPath().getString("detail")).contains("不能调用此 API");
        // a listed origin's look-alike is not listed
        assertThat(preflight("https://app.test.example.evil.example", "/graphql", "POST", "content-type")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theServersOwnPagesAndProgramsAreNotCorsRequests() {
        // GraphiQL and Swagger UI call from the server's own origin: the browser says same-origin
        Response own = given().header("Origin", "https://servicegrade.example").header("Sec-Fetch-Site", "same-origin")
                .contentType(ContentType.JSON).body(Map.of("query", "{ unit(code: \"SZ\") { code } }"))
                .post("/graphql");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.header("Access-Control-Allow-Origin")).isNull();
        // an Origin naming the host the request was sent to (a browser without Sec-Fetch-Site)
        Response host = given().header("Origin", "http://api.example").header("Host", "api.example")
                .contentType(ContentType.JSON).body(Map.of("query", "{ unit(code: \"SZ\") { code } }"))
                .post("/graphql");
        assertThat(host.statusCode()).isEqualTo(200);
        // a program sends no Origin; OPTIONS without a preflight's headers still answers Allow
        assertThat(given().options("/api/v1/units").header("Allow")).contains("PUT");
        // the report pages are not the API: another site's sign-in post gets the pages' own refusal
        Response page = given().header("Origin", EVIL).contentType(ContentType.URLENC).formParam("key", "x")
                .post("/reports/sign-in");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Access-Control-Allow-Origin")).isNull();
    }
}
