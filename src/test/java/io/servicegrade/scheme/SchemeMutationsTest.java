package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * putScheme does what PUT /api/v1/schemes/{key} does, with the same pointers, and recomputeStandings what POST
 * /api/v1/schemes/{key}/recompute does (issue 15, point 3).
 */
@QuarkusTest
class SchemeMutationsTest {

    static final String PUT = """
            mutation Put($key: String!, $document: String!) {
              putScheme(key: $key, document: $document, format: YAML) {
                created
                scheme { key version period kinds }
                userErrors { pointer code message }
              }
            }""";

    static Response graphql(String key, String schemeKey, String document) {
        return GraphqlCall.apiKey(key, PUT, Map.of("key", schemeKey, "document", document));
    }

    static final String RECOMPUTE = """
            mutation Recompute($scheme: String!) {
              recomputeStandings(scheme: $scheme) {
                recomputed
                scheme { key version }
                userErrors { pointer code message }
              }
            }""";

    @Inject
    Pool pool;

    static Response recompute(String key, String scheme) {
        return GraphqlCall.bearer(key, RECOMPUTE, Map.of("scheme", scheme));
    }

    /**
     * recomputeStandings rebuilds the standings inputs from the evaluations, as POST /recompute does: with the
     * inputs lost (deleted by SQL, before any board was read), the board is whole again after it.
     */
    @Test
    void recomputeStandingsRebuildsTheInputsAsRestRecomputeDoes() {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(1);
        SchemeVersionsTest.post(List.of(SchemeStandingsTest.evaluation(setup.region() + "-i", "inspection",
                setup.region() + ".W1", setup.rubric(), "2023-05-10T10:00:00+08:00", 88, true)));
        pool.preparedQuery("DELETE FROM standing_input WHERE scheme_key = $1").execute(Tuple.of(setup.scheme()))
                .await().indefinitely();

        recompute(TestApi.adminKey(), setup.scheme()).then().statusCode(200).body("errors", nullValue())
                .body("data.recomputeStandings.recomputed", equalTo(true))
                .body("data.recomputeStandings.scheme.key", equalTo(setup.scheme()))
                .body("data.recomputeStandings.scheme.version", equalTo(1))
                .body("data.recomputeStandings.userErrors", hasSize(0));
        SchemeVersionsTest.board(setup.scheme(), "2023-Q2", setup.region())
                .body("data.standings.edges[0].node.sources[0].samples", equalTo(1));
    }

    /**
     * What REST refuses, GraphQL refuses the same way: a scheme that does not exist is NOT_FOUND (REST's 404: the
     * scheme is the path, not an input field), an agency's key FORBIDDEN and no key UNAUTHENTICATED, as top-level
     * errors with nothing done.
     */
    @Test
    void recomputeStandingsIsRefusedAsRestRefusesIt() {
        String missing = "no-such-" + freshPrefix().toLowerCase();
        asAdmin().post("/api/v1/schemes/{key}/recompute", missing).then().statusCode(404);
        recompute(TestApi.adminKey(), missing).then().statusCode(200).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", containsString(missing));

        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(1);
        recompute(TestApi.agency(null), setup.scheme()).then().body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        recompute(null, setup.scheme()).then().body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aSchemeIsStoredAsAVersionAsPutStoresIt() {
        String p = freshPrefix().toLowerCase();
        String rubric = p + "-rubric";
        SchemeStandingsTest.rubric(rubric);
        String yaml = SchemeVersionsTest.scheme(rubric, "2023-01-01", "90", "quarter", "Asia/Shanghai");
        graphql(TestApi.adminKey(), p, yaml).then().statusCode(200).body("errors", nullValue())
                .body("data.putScheme.created", equalTo(true))
                .body("data.putScheme.scheme.version", equalTo(1))
                .body("data.putScheme.scheme.kinds", equalTo(List.of("window")))
                .body("data.putScheme.userErrors", hasSize(0));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(200).body("version", equalTo(1))
                .body("origin", equalTo("api"));
        graphql(TestApi.adminKey(), p, yaml).then().body("data.putScheme.created", equalTo(false));
    }

    @Test
    void aRefusedSchemeStoresNothingAndHasPutsPointers() {
        String p = freshPrefix().toLowerCase();
        String bad = SchemeVersionsTest.scheme("no-such-rubric-" + p, "2023-13-01", "90", "fortnight", "Mars/Base");
        List<String> rest = asAdmin().contentType("application/yaml").body(bad.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", p).then().statusCode(422).extract().path("errors.pointer");
        graphql(TestApi.adminKey(), p, bad).then().body("errors", nullValue())
                .body("data.putScheme.scheme", nullValue())
                .body("data.putScheme.userErrors.pointer", equalTo(rest));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(404);

        graphql(TestApi.agency(null), p, SchemeVersionsTest.scheme("x", "2023-01-01", "90", "quarter",
                "Asia/Shanghai")).then().body("data", nullValue()).body("errors", hasSize(1));
        given().get("/api/v1/schemes/{key}", p).then().statusCode(404);
    }
}
