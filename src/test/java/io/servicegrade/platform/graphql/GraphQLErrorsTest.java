package io.servicegrade.platform.graphql;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;
import io.servicegrade.platform.problem.CursorProblems;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 15, point 4: GraphQL errors a program can act on. Each failure carries {@code extensions.code}, the REST
 * problem's URN as {@code extensions.problemType} and, for a bad argument, its {@code pointer}; the message is in
 * the language of {@code Accept-Language}; a failed field gives one error (no second "non null" one) and leaves
 * its siblings where the schema allows; a malformed request is 400, never 500. All through the real server.
 */
@QuarkusTest
class GraphQLErrorsTest {

    private static final String SCHEME = "create-satisfied-windows";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    GraphQLErrors errors;

    @Inject
    Languages languages;

    private static ValidatableResponse post(RequestSpecification request, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        return request.contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(200);
    }

    private static ValidatableResponse post(String query) {
        return post(given(), query, null);
    }

    private static Map<String, Object> survey(String unit, String externalId) {
        Map<String, Object> evaluation = new HashMap<>();
        evaluation.put("externalId", externalId);
        evaluation.put("source", "survey");
        evaluation.put("unit", unit);
        evaluation.put("rubric", "customer-satisfaction-5");
        evaluation.put("conductedAt", "2025-10-15T10:30:00+08:00");
        evaluation.put("answers", List.of(
                Map.of("item", "q.overall", "responses", Map.of("satisfied", 1, "very-satisfied", 1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        return evaluation;
    }

    /** Without a key, evaluations is UNAUTHENTICATED with REST's problem type, and that is the only error. */
    @Test
    void evaluationsWithoutAKeyAreUnauthenticated() {
        post("{ evaluations { edges { cursor } } }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].extensions.problemType", equalTo("urn:servicegrade:problem:unauthorized"))
                .body("errors[0].extensions.status", equalTo(401))
                .body("errors[0].path", contains("evaluations"))
                .body("errors[0].message", containsString("API key"));
        given().get("/api/v1/evaluations").then().statusCode(401)
                .body("type", equalTo("urn:servicegrade:problem:unauthorized"));
    }

    /** An agency reading another agency's evaluation is FORBIDDEN, as REST answers it 403, with the same type. */
    @Test
    void anotherAgencysEvaluationIsForbiddenAsOverRest() {
        String owner = TestApi.agency(null);
        String id = String.valueOf(given().header("X-Api-Key", owner).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(survey(TestApi.window(), TestApi.freshPrefix()))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().<Integer>path("evaluations[0].id"));
        String other = TestApi.agency(null);
        String type = given().header("X-Api-Key", other).get("/api/v1/evaluations/{id}", id).then().statusCode(403)
                .extract().path("type");
        post(given().header("X-Api-Key", other), "query($id: ID!) { evaluation(id: $id) { score } }",
                Map.of("id", id))
                .body("data.evaluation", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].extensions.problemType", equalTo(type))
                .body("errors[0].message", equalTo("Evaluation " + id + " belongs to another agency."));
    }

    /** A scheme that does not exist is NOT_FOUND, with the type REST gives it. */
    @Test
    void aMissingSchemeIsNotFoundWithItsProblemType() {
        String scheme = "no-such-" + TestApi.freshPrefix().toLowerCase();
        String type = given().queryParam("period", "2023-Q2").get("/api/v1/schemes/{key}/standings", scheme).then()
                .statusCode(404).extract().path("type");
        post("{ periods(scheme: \"" + scheme + "\") { key } }")
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.problemType", equalTo(type))
                .body("errors[0].extensions.problemType", equalTo("urn:servicegrade:problem:not-found"))
                .body("errors[0].message", equalTo("There is no scheme '" + scheme + "'."));
    }

    /** A bad argument is BAD_USER_INPUT with a JSON pointer to the argument, and no second "non null" error. */
    @Test
    void aBadArgumentIsBadUserInputWithItsPointer() {
        post("{ units(first: 0) { edges { cursor } } }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.pointer", equalTo("/first"))
                .body("errors[0].extensions.problemType", equalTo("urn:servicegrade:problem:validation"))
                .body("errors[0].message", equalTo("first must be a number from 1 to 500"));
        post("{ standings(scheme: \"" + SCHEME + "\", period: \"2023-Q2\", kind: \"BRANCH\") { totalCount } }")
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.pointer", equalTo("/kind"))
                .body("errors[0].message", containsString("window"));
        post(asAdmin(), "{ evaluations(after: \"not-a-cursor\") { edges { cursor } } }", null)
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.pointer", equalTo("/after"));
        // each bad filter of one field is its own error, each with its pointer
        post("{ units(kind: \"Not A Kind!\", serviceLine: \"Not A Line!\") { edges { cursor } } }")
                .body("errors.extensions.code", contains("BAD_USER_INPUT", "BAD_USER_INPUT"))
                .body("errors.extensions.pointer", contains("/kind", "/serviceLine"))
                .body("errors.message", not(contains(containsString("non null"))));
    }

    /** The message is in Chinese when the request asks for zh-CN, in English otherwise; the code is the same. */
    @Test
    void theMessageIsInTheLanguageOfAcceptLanguage() {
        String scheme = "no-such-" + TestApi.freshPrefix().toLowerCase();
        String query = "{ periods(scheme: \"" + scheme + "\") { key } }";
        post(given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"), query, null)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("不存在考核方案 '" + scheme + "'。"));
        post(given().header("Accept-Language", "en-GB"), query, null)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("There is no scheme '" + scheme + "'."));
        post(given().header("Accept-Language", "zh-CN"), "{ units(first: 0) { edges { cursor } } }", null)
                .body("errors[0].extensions.pointer", equalTo("/first"))
                .body("errors[0].message", containsString("1")).body("errors[0].message", containsString("500"))
                .body("errors[0].message", not(containsString("must be")));
    }

    /** A nullable root field that fails leaves its sibling root fields answered. */
    @Test
    void aFailingNullableRootFieldLeavesItsSiblings() {
        String window = TestApi.window();
        String scheme = "no-such-" + TestApi.freshPrefix().toLowerCase();
        post("query($w: String!) { unit(code: $w) { code } standing(scheme: \"" + scheme
                + "\", period: \"2023-Q2\", unit: $w) { rank } }", Map.of("w", window))
                .body("data.unit.code", equalTo(window))
                .body("data.standing", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].path", contains("standing"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    private static ValidatableResponse post(String query, Map<String, Object> variables) {
        return post(given(), query, variables);
    }

    /**
     * A non-null root field that fails nulls the whole data, as GraphQL says it must, and adds nothing else: one
     * error for the failure, none for the nulled sibling, and no "non null" error.
     */
    @Test
    void aFailingNonNullRootFieldGivesOneErrorOnly() {
        String window = TestApi.window();
        post("query($w: String!) { unit(code: $w) { code } evaluations { edges { cursor } } }", Map.of("w", window))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].path", contains("evaluations"));
    }

    /**
     * A variable of the wrong type is BAD_USER_INPUT naming the argument, with no second "non null" error; a
     * document that does not validate is coded too.
     */
    @Test
    void graphqlJavasOwnErrorsAreCoded() {
        post("query($first: Int!) { units(first: $first) { edges { cursor } } }", Map.of("first", "many"))
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.pointer", equalTo("/first"));
        post("{ units(first: 1) { noSuchField } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    /**
     * graphql-java's own messages (a document that does not validate) are in Chinese when the request asks for zh-CN, in English otherwise; the codes are the same.
     */
    @Test
    void graphqlJavasOwnMessagesAreInTheLanguageAskedFor() {
        String unknownField = "{ units(first: 1) { noSuchField } }";
        post(given().header("Accept-Language", "zh-CN,zh;q=0.9"), unknownField, null)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", containsString("类型 'UnitConnection' 没有字段 'noSuchField'"));
        post(given().header("Accept-Language", "en-US"), unknownField, null)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", containsString("Field 'noSuchField' in type 'UnitConnection' is undefined"));
    }

    /** Malformed POST requests are 400 with a coded JSON error, never 500. */
    @Test
    void malformedRequestsAre400() {
        for (String body : List.of("{\"query\": ", "[1, 2]", "{\"query\": 5}", "\"{ units { totalCount } }\"",
                "{\"query\": \"{ units(first: 1) { edges { cursor } } }\", \"extensions\": []}")) {
            given().contentType(ContentType.JSON).body(body).post("/graphql").then()
                    .statusCode(400)
                    .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        }
        // no query at all, or no body: refused as a request, not a server error
        for (String body : List.of("{}", "{\"variables\": {}}")) {
            given().contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(400)
                    .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        }
        given().contentType(ContentType.JSON).post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    /** Over the WebSocket, too: the code, the problem type and the upgrade request's language. */
    @Test
    void overTheWebSocketTheErrorIsCodedAndInTheLanguageAskedFor() throws Exception {
        String scheme = "no-such-" + TestApi.freshPrefix().toLowerCase();
        try (GraphQLSocket socket = new GraphQLSocket(graphql, "graphql-transport-ws",
                Map.of("Accept-Language", "zh-CN"))) {
            socket.subscribe("q", "query { periods(scheme: \"" + scheme + "\") { key } }");
            String answer = socket.next(Duration.ofSeconds(15));
            assertThat(answer).contains("\"id\":\"q\"").contains("NOT_FOUND")
                    .contains("urn:servicegrade:problem:not-found").contains("不存在考核方案");
        }
    }

    /** A subscription to a unit that does not exist is refused with NOT_FOUND, in the upgrade request's language. */
    @Test
    void aSubscriptionToAMissingUnitIsNotFound() throws Exception {
        String unit = TestApi.freshPrefix();
        try (GraphQLSocket socket = new GraphQLSocket(graphql, "graphql-transport-ws",
                Map.of("Accept-Language", "zh-CN"))) {
            socket.subscribe("s", "subscription { standingUpdates(scheme: \"" + SCHEME
                    + "\", period: \"2023-Q2\", unit: \"" + unit + "\") { value } }");
            String answer = socket.next(Duration.ofSeconds(15));
            assertThat(answer).contains("\"id\":\"s\"").contains("NOT_FOUND")
                    .contains("urn:servicegrade:problem:not-found").contains(unit).doesNotContain("Exception");
        }
    }

    /**
     * An unexpected failure is INTERNAL with the error id of the log line and nothing of the failure itself;
     * 503 is UNAVAILABLE with retryAfter; a stale cursor is STALE_CURSOR with the argument's pointer.
     */
    @Test
    void theHomeCodesInternalUnavailableAndStaleCursorFailures() {
        ProblemMessages english = languages.problemMessages("en");
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(
                io.servicegrade.platform.problem.Problems.class.getName());
        log.addHandler(handler);
        List<GraphQLError> internal;
        try {
            internal = errors.rewrite(List.of(fetching(new IllegalStateException(
                    "SELECT secret FROM api_key at org.postgresql"))), english, true);
        } finally {
            log.removeHandler(handler);
        }
        assertThat(internal).hasSize(1);
        Map<String, Object> extensions = internal.get(0).getExtensions();
        assertThat(extensions).containsEntry("code", "INTERNAL")
                .containsEntry("problemType", "urn:servicegrade:problem:internal");
        String id = (String) extensions.get("errorId");
        assertThat(internal.get(0).getMessage()).contains(id).doesNotContain("SELECT", "postgresql", "Exception");
        assertThat(logged).anySatisfy(record -> assertThat(
                String.valueOf(record.getParameters() == null ? record.getMessage()
                        : java.util.Arrays.toString(record.getParameters()))).contains(id));

        List<GraphQLError> unavailable = errors.rewrite(List.of(fetching(new ProblemException(503, "unavailable",
                ProblemMessages::unavailableTitle, ProblemMessages::databaseUnavailable).retryAfter(5))), english, true);
        assertThat(unavailable.get(0).getExtensions()).containsEntry("code", "UNAVAILABLE")
                .containsEntry("retryAfter", 5);

        List<GraphQLError> stale = errors.rewrite(List.of(fetching(GraphQLErrors.staleCursor("after", 3, 4))),
                english, true);
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).getExtensions()).containsEntry("code", "STALE_CURSOR")
                .containsEntry("problemType", "urn:servicegrade:problem:" + CursorProblems.STALE_TYPE)
                .containsEntry("pointer", "/after");
    }

    private static GraphQLError fetching(Throwable failure) {
        return new ExceptionWhileDataFetching(ResultPath.rootPath().segment("standings"), failure,
                new SourceLocation(1, 3));
    }
}
