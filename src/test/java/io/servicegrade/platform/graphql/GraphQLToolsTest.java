package io.servicegrade.platform.graphql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.servicegrade.NodeTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 15, points 1, 2 and 6: the standard tools work on the first try. The full introspection query of graphql-js
 * 16 (what GraphiQL, Apollo, GraphQL Code Generator and graphql-inspector send) answers the schema, which
 * graphql-js builds; a data query deeper than {@code servicegrade.graphql.max-depth} is still refused; queries come
 * over GET in urql's shape, mutations never; GraphQL Code Generator with {@code graphql/codegen.ts} generates
 * TypeScript that compiles.
 */
@QuarkusTest
class GraphQLToolsTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    /** graphql-js 16's getIntrospectionQuery() with its defaults, as graphql-js prints it. */
    static String introspectionQuery() {
        try (InputStream in = GraphQLToolsTest.class.getResourceAsStream("/graphql/introspection-graphql-js-16.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ValidatableResponse post(String query, String language) {
        return given().contentType(ContentType.JSON).header("Accept-Language", language)
                .body(Map.of("query", query)).post("/graphql").then();
    }

    /** {@code unit(code: "SZ")}, {@code levels - 2} levels of children and their code: {@code levels} fields deep. */
    static String unitsDeep(int levels) {
        String query = "code";
        for (int i = 2; i < levels; i++) {
            query = "children { " + query + " }";
        }
        return "{ unit(code: \"SZ\") { " + query + " } }";
    }

    /** Point 1: the full introspection query of graphql-js 16 answers the schema, with no error. */
    @Test
    void theFullIntrospectionQueryOfGraphqlJs16AnswersTheSchema() {
        String query = introspectionQuery();
        assertThat(query).contains("fragment TypeRef on __Type").contains("query IntrospectionQuery");
        post(query, "en").statusCode(200)
                .body("errors", nullValue())
                .body("data.__schema.queryType.name", equalTo("Query"))
                .body("data.__schema.subscriptionType.name", equalTo("Subscription"))
                .body("data.__schema.types.name", hasItem("Standing"))
                .body("data.__schema.types.name", hasItem("BigDecimal"));
    }

    /** Point 1: graphql-js builds a valid client schema from the server's answer, as GraphiQL and codegen do. */
    @Test
    void graphqlJsBuildsAValidClientSchemaFromTheAnswer() {
        NodeTools.require();
        String answer = post(introspectionQuery(), "en").statusCode(200).extract().asString();
        NodeTools.Run built = NodeTools.run(List.of(NodeTools.NODE.toString(),
                Path.of("src/test/resources/graphql/check-introspection.cjs").toAbsolutePath().toString()),
                Map.of(), answer, 120);
        assertThat(built.exit()).as(built.output()).isZero();
        assertThat(built.output()).contains("schema ok: Query").contains("standings");
    }

    /** Point 1: a data query 13 levels deep is still refused, in the language asked for; 12 levels are not. */
    @Test
    void aDataQueryDeeperThanTwelveLevelsIsStillRefused() {
        post(unitsDeep(13), "en").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("13"))
                .body("errors[0].message", containsString("at most 12"));
        post(unitsDeep(13), "zh-CN").statusCode(200)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("最多允许 12 层"));
        String twelve = post(unitsDeep(12), "en").statusCode(200).extract().asString();
        assertThat(twelve).as(unitsDeep(12)).startsWith("{\"data\":{\"unit\":{\"children\":[")
                .doesNotContain("\"errors\"");
    }

    /** Point 1: introspection under a data field does not count either, but the data fields around it do. */
    @Test
    void introspectionDoesNotCountTowardsTheDepthWhereverItIs() {
        post("{ unit(code: \"SZ\") { __typename code } __type(name: \"Unit\") { fields { type { ofType { ofType "
                + "{ ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } "
                + "} } } } } } } } }", "en").statusCode(200)
                .body("errors", nullValue())
                .body("data.__type.fields.size()", greaterThan(3));
    }

    /** Point 2: urql's default request for a query (GET, ?query=&variables=&operationName=) is answered. */
    @Test
    void urqlsGetRequestForAQueryIsAnswered() {
        given().queryParam("query", "query Unit($code: String!) { unit(code: $code) { code name } }")
                .queryParam("variables", "{\"code\":\"SZ\"}").queryParam("operationName", "Unit")
                .accept("application/graphql-response+json, application/json").get("/graphql").then()
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.unit.code", equalTo("SZ"));
    }

    /**
     * Point 2: over GET, a query reads as it was sent: "%5A" in a variable stays "%5A" (not "Z"), a comment ends at its line,
     * and an operationName picks its operation. (SmallRye GraphQL decoded GET parameters twice, dropped line
     * breaks and read the query as the operationName: GraphQLGet hands the request on in a form it reads right.)
     */
    @Test
    void aGetQueryReadsAsItWasSent() {
        given().queryParam("query", "# the root unit\nquery Root { unit(code: \"SZ\") { code } }\n"
                        + "query Plus { unit(code: \"SZ+1\") { code } }")
                .queryParam("operationName", "Root").get("/graphql").then()
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.unit.code", equalTo("SZ"));
        given().queryParam("query", "query($c: String!) { unit(code: $c) { code } }")
                .queryParam("variables", "{\"c\":\"S%5A\"}").get("/graphql").then()
                .statusCode(200)
                .body("data.unit", nullValue());
        given().queryParam("query", "query A { unit(code: \"SZ\") { code } }").queryParam("operationName", "B")
                .header("Accept-Language", "en").get("/graphql").then()
                .statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"))
                .body("errors[0].message", containsString("'B'"));
    }

    /**
     * Point 2: a mutation never comes over GET: 405 with {@code Allow: POST}, before it is validated or run, in the
     * language asked for. (The schema has no Mutation type yet: the refusal looks at the operation only, so it holds
     * for the mutations to come.) The same document's query, named, is answered.
     */
    @Test
    void aMutationOverGetIsRefusedWith405AllowPost() {
        given().queryParam("query", "mutation Upsert { upsertUnits(units: []) { userErrors { code } } }")
                .header("Accept-Language", "en").get("/graphql").then()
                .statusCode(405)
                .header("Allow", "POST")
                .contentType(containsString("application/json"))
                .body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"))
                .body("errors[0].message", containsString("POST"));
        given().queryParam("query", "mutation { x }").header("Accept-Language", "zh-CN").get("/graphql").then()
                .statusCode(405).header("Allow", "POST")
                .body("errors[0].message", containsString("须以 POST 发送"));
        String both = "query Read { unit(code: \"SZ\") { code } } mutation Write { x }";
        given().queryParam("query", both).queryParam("operationName", "Write").get("/graphql").then()
                .statusCode(405);
        given().queryParam("query", both).queryParam("operationName", "Read").get("/graphql").then()
                .statusCode(200).body("data.unit.code", equalTo("SZ"));
    }

    /** Point 2: over GET the limits hold as over POST: the fragment bomb is refused before it is expanded. */
    @Test
    void theFragmentBombIsRefusedOverGet() {
        given().queryParam("query", GraphQLLimitsTest.fragmentBomb()).accept("application/json").get("/graphql")
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_LARGE"));
        given().queryParam("query", unitsDeep(13)).accept("application/json").get("/graphql").then()
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
    }

    /**
     * Point 6: GraphQL Code Generator, run with graphql/codegen.ts against this server's URL (introspection over
     * HTTP) and the example operations, generates TypeScript that the TypeScript compiler accepts, with the custom
     * scalars typed (not {@code any} or {@code unknown}).
     */
    @Test
    void graphqlCodeGeneratorGeneratesTypeScriptThatCompiles() throws IOException {
        NodeTools.require();
        // where codegen.ts writes by default (git-ignored), beside the packages the generated code imports
        Path out = NodeTools.DIR.resolve("generated");
        Files.deleteIfExists(out.resolve("graphql.ts")); // an earlier run's cannot pass for this one's
        NodeTools.Run generated = NodeTools.run(List.of(NodeTools.NODE.toString(),
                "node_modules/@graphql-codegen/cli/cjs/bin.js", "--config", "codegen.ts"),
                Map.of("SERVICEGRADE_GRAPHQL_URL", graphql.toString()), null, 300);
        assertThat(generated.exit()).as(generated.output()).isZero();
        Path types = out.resolve("graphql.ts");
        assertThat(types).exists();
        String source = Files.readString(types);
        // scores (BigDecimal) are numbers, date-times strings: the scalar map is applied, nothing is left untyped
        String evaluations = source.lines().filter(l -> l.startsWith("export type EvaluationsQuery =")).findFirst()
                .orElseThrow();
        assertThat(evaluations).contains("score: number").contains("conductedAt: string").doesNotContain("any")
                .doesNotContain("unknown");
        assertThat(source).contains("from?: string | null").contains("export type StandingsQuery =")
                .contains("export type UnitsQuery =");
        // and the map says what the server sends: a BigDecimal is a JSON number, a DateTime a string
        String sent = post("{ rubric(key: \"postal-counter-model-window\") { total } units(first: 1) { edges { "
                + "node { createdAt } } } }", "en").statusCode(200).extract().asString();
        assertThat(sent).containsPattern("\"total\":[0-9]").containsPattern("\"createdAt\":\"[0-9]{4}-");
        NodeTools.Run compiled = NodeTools.run(List.of(NodeTools.NODE.toString(),
                "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--skipLibCheck", "--target", "es2020",
                "--moduleResolution", "node", out.resolve("graphql.ts").toString(), out.resolve("gql.ts").toString()),
                Map.of(), null, 300);
        assertThat(compiled.exit()).as(compiled.output()).isZero();
    }
}
