package io.servicegrade.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The evaluation mutations do what their REST twins do (issue 15, point 3): the same batch, checked by the same
 * readers (the same pointers), stored in the same way, under the same idempotency store, with the same keys.
 */
@QuarkusTest
class EvaluationMutationsTest {

    static final String POST = """
            mutation Post($input: PostEvaluationsInput!, $key: String) {
              postEvaluations(input: $input, idempotencyKey: $key) {
                evaluations { externalId id score vetoed outcome evaluation { id evaluationId status revision unit { code } } }
                replayed
                userErrors { pointer code message problemType }
              }
            }""";

    static final String REVISE = """
            mutation Revise($id: ID!, $input: ReviseEvaluationInput!, $reason: String!) {
              reviseEvaluation(id: $id, input: $input, reason: $reason) {
                evaluation { id revision score status history { kind reason } }
                userErrors { pointer code message }
              }
            }""";

    static final String VOID = """
            mutation Void($id: ID!, $reason: String!) {
              voidEvaluation(id: $id, reason: $reason) {
                evaluation { id revision status }
                userErrors { pointer code message }
              }
            }""";

    static final String LIST = """
            query List($unit: String) { evaluations(unit: $unit) { edges { node { externalId status } } } }""";

    /** A GraphQL request with {@code key} (none when null). */
    static Response graphql(String key, String query, Map<String, Object> variables) {
        return GraphqlCall.apiKey(key, query, variables);
    }

    /**
     * An evaluation of the REST body (EvaluationResourceTest.survey) as GraphQL input: the answers' maps
     * ({@code responses}, {@code rates}) become lists of entries.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asInput(Map<String, Object> evaluation) {
        Map<String, Object> input = new HashMap<>(evaluation);
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Object a : (List<Object>) evaluation.get("answers")) {
            Map<String, Object> answer = new HashMap<>((Map<String, Object>) a);
            if (answer.get("responses") instanceof Map<?, ?> responses) {
                List<Map<String, Object>> entries = new ArrayList<>();
                responses.forEach((level, count) -> entries.add(Map.of("level", level, "count", count)));
                answer.put("responses", entries);
            }
            answers.add(answer);
        }
        input.put("answers", answers);
        return input;
    }

    static Map<String, Object> batch(List<Map<String, Object>> evaluations, String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("input", Map.of("evaluations", evaluations.stream().map(EvaluationMutationsTest::asInput)
                .toList()));
        if (key != null) {
            variables.put("key", key);
        }
        return variables;
    }

    private static int storedFor(String unit) {
        return asAdmin().queryParam("unit", unit).get("/api/v1/evaluations").then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aBatchPostedOverGraphQLIsStoredAsRestWouldStoreIt() {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        JsonPath answer = graphql(key, POST, batch(List.of(EvaluationResourceTest.survey(w, p + "-a", 3),
                EvaluationResourceTest.survey(w, p + "-b", 1)), null))
                .then().statusCode(200).body("errors", equalTo(null))
                .body("data.postEvaluations.userErrors", hasSize(0))
                .body("data.postEvaluations.replayed", equalTo(false))
                .body("data.postEvaluations.evaluations.externalId", contains(p + "-a", p + "-b"))
                .body("data.postEvaluations.evaluations.outcome", contains("created", "created"))
                .body("data.postEvaluations.evaluations.evaluation.unit.code", contains(w, w))
                .body("data.postEvaluations.evaluations.evaluation.status", contains("ACTIVE", "ACTIVE"))
                .extract().jsonPath();
        // each outcome's id is the id the REST API uses; its evaluation's id is the global (Relay) id
        assertThat(answer.getList("data.postEvaluations.evaluations.evaluation.evaluationId"))
                .isEqualTo(answer.getList("data.postEvaluations.evaluations.id"));
        String id = answer.getString("data.postEvaluations.evaluations[0].id");

        // REST shows what was stored: the agency's own, scored as REST scores the same answers
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("externalId", equalTo(p + "-a")).body("unit", equalTo(w))
                .body("answers.find { it.item == 'q.overall' }.responses.satisfied", equalTo(3))
                .body("answers.find { it.item == 'q.attitude' }.notApplicable", equalTo(true))
                .body("evidence[0].uri", equalTo("urn:note:1"))
                .body("conductedAt", equalTo(EvaluationResourceTest.CONDUCTED_AT))
                .body("score", equalTo(answer.getFloat("data.postEvaluations.evaluations[0].score")))
                .body("history.kind", contains("created"));
        assertThat(storedFor(w)).isEqualTo(2);

        // the same batch again is an identical resend, as over REST
        graphql(key, POST, batch(List.of(EvaluationResourceTest.survey(w, p + "-a", 3)), null)).then()
                .body("data.postEvaluations.evaluations.outcome", contains("existing"))
                .body("data.postEvaluations.evaluations.id", contains(id));
    }

    @Test
    void aRefusedBatchStoresNothingAndNamesEveryBadFieldWithRestsPointers() {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        Map<String, Object> badUnit = EvaluationResourceTest.survey(w, p + "-b", 1);
        badUnit.put("unit", "NO-SUCH-UNIT");
        Map<String, Object> future = EvaluationResourceTest.survey(w, p + "-c", 1);
        future.put("conductedAt", EvaluationResourceTest.fromNow(Duration.ofDays(3)));
        Map<String, Object> badAnswers = EvaluationResourceTest.survey(w, p + "-d", 1);
        badAnswers.put("answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", -1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        Map<String, Object> badRubric = EvaluationResourceTest.survey(w, p + "-e", 1);
        badRubric.put("rubric", "customer-satisfaction-5@99");
        Map<String, Object> badDate = EvaluationResourceTest.survey(w, p + "-f", 1);
        badDate.put("conductedAt", "2025-10-15 10:30");
        List<Map<String, Object>> evaluations = List.of(EvaluationResourceTest.survey(w, p + "-a", 1), badUnit,
                future, badAnswers, badRubric, badDate, EvaluationResourceTest.survey(w, p + "-a", 2));

        List<String> rest = EvaluationResourceTest.post(key, Map.of("evaluations", evaluations)).then()
                .statusCode(422).extract().path("errors.pointer");
        List<String> restMessages = given().header("X-Api-Key", key).header("Accept-Language", "zh-CN")
                .contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                .post("/api/v1/evaluations").then().statusCode(422).extract().path("errors.message");
        assertThat(rest).contains("/evaluations/1/unit", "/evaluations/5/conductedAt");

        JsonPath answer = graphql(key, POST, batch(evaluations, null)).then().statusCode(200)
                .body("errors", equalTo(null))
                .body("data.postEvaluations.evaluations", equalTo(null))
                .extract().jsonPath();
        assertThat(answer.getList("data.postEvaluations.userErrors.pointer")).isEqualTo(rest);
        assertThat(answer.getList("data.postEvaluations.userErrors.code", String.class))
                .containsOnly("BAD_USER_INPUT");
        assertThat(answer.getList("data.postEvaluations.userErrors.problemType", String.class))
                .containsOnly("urn:servicegrade:problem:validation");

        // in the language of Accept-Language, the very texts REST gives
        List<String> chinese = given().header("X-Api-Key", key).header("Accept-Language", "zh-CN")
                .contentType(ContentType.JSON).body(Map.of("query", POST, "variables", batch(evaluations, null)))
                .post("/graphql").then().statusCode(200).extract().path("data.postEvaluations.userErrors.message");
        assertThat(chinese).isEqualTo(restMessages);

        assertThat(storedFor(w)).isZero();
        graphql(key, LIST, Map.of("unit", w)).then().body("data.evaluations.edges", hasSize(0));
    }

    @Test
    void oneIdempotencyKeyOverRestAndGraphQLGivesTheFirstAnswerAgain() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        Map<String, Object> evaluation = EvaluationResourceTest.survey(w, p, 2);
        String idempotencyKey = "gql-" + p;

        JsonPath first = graphql(key, POST, batch(List.of(evaluation), idempotencyKey)).then().statusCode(200)
                .body("data.postEvaluations.replayed", equalTo(false))
                .body("data.postEvaluations.evaluations.outcome", contains("created"))
                .extract().jsonPath();
        String id = first.getString("data.postEvaluations.evaluations[0].id");

        // REST with the same key and the same body: the kept answer, marked as a replay
        given().header("X-Api-Key", key).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(evaluation))).post("/api/v1/evaluations")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("evaluations.id", contains(Integer.parseInt(id)))
                .body("evaluations.outcome", contains("created"));
        // GraphQL again: the same, replayed
        graphql(key, POST, batch(List.of(evaluation), idempotencyKey)).then()
                .body("data.postEvaluations.replayed", equalTo(true))
                .body("data.postEvaluations.evaluations.id", contains(id))
                .body("data.postEvaluations.evaluations.outcome", contains("created"));

        // REST first, then GraphQL: a refusal kept under its key is given again, though the unit now exists
        String later = "L" + p;
        Map<String, Object> early = EvaluationResourceTest.survey(later + ".W1", p + "-x", 1);
        String restKey = "rest-" + p;
        given().header("X-Api-Key", key).header("Idempotency-Key", restKey).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(early))).post("/api/v1/evaluations").then().statusCode(422);
        TestApi.windows(later, 1);
        graphql(key, POST, batch(List.of(early), restKey)).then()
                .body("data.postEvaluations.replayed", equalTo(true))
                .body("data.postEvaluations.evaluations", equalTo(null))
                .body("data.postEvaluations.userErrors.pointer", contains("/evaluations/0/unit"));
        assertThat(storedFor(later + ".W1")).isZero();

        // the same key with another batch is refused as REST refuses it, and stores nothing
        graphql(key, POST, batch(List.of(EvaluationResourceTest.survey(w, p + "-other", 1)), idempotencyKey))
                .then().body("data.postEvaluations.userErrors.pointer", contains("/Idempotency-Key"));
        assertThat(storedFor(w)).isEqualTo(1);

        // an agency's keys are its own: another agency's same key is a new request
        String other = TestApi.agency(null);
        graphql(other, POST, batch(List.of(EvaluationResourceTest.survey(w, p + "-o", 1)), idempotencyKey)).then()
                .body("data.postEvaluations.replayed", equalTo(false))
                .body("data.postEvaluations.evaluations.outcome", contains("created"));
    }

    @Test
    void withoutALiveKeyNothingIsPostedRevisedOrVoided() {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        graphql(null, POST, batch(List.of(EvaluationResourceTest.survey(w, p, 1)), null)).then().statusCode(200)
                .body("data", equalTo(null)).body("errors", hasSize(1));
        graphql("not-a-key", POST, batch(List.of(EvaluationResourceTest.survey(w, p, 1)), null)).then()
                .body("data", equalTo(null)).body("errors", hasSize(1));
        assertThat(storedFor(w)).isZero();

        // another agency's evaluation is not its to revise or void: refused as REST refuses it (403)
        String id = graphql(key, POST, batch(List.of(EvaluationResourceTest.survey(w, p, 1)), null)).then()
                .extract().path("data.postEvaluations.evaluations[0].id");
        String other = TestApi.agency(null);
        graphql(other, VOID, Map.of("id", id, "reason", "not mine")).then().body("data", equalTo(null))
                .body("errors", hasSize(1));
        graphql(other, REVISE, Map.of("id", id, "input", Map.of(), "reason", "not mine")).then()
                .body("data", equalTo(null)).body("errors", hasSize(1));
        graphql(null, VOID, Map.of("id", id, "reason", "who")).then().body("data", equalTo(null));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("status", equalTo("active")).body("revision", equalTo(1));
    }

    @Test
    void aRevisionAndAVoidAreStoredAsRestStoresThem() {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        String id = graphql(key, POST, batch(List.of(EvaluationResourceTest.survey(w, p, 1)), null)).then()
                .extract().path("data.postEvaluations.evaluations[0].id");

        Map<String, Object> revised = asInput(EvaluationResourceTest.survey(w, p, 4));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("answers", revised.get("answers"));
        input.put("comment", "复核 rechecked");
        graphql(key, REVISE, Map.of("id", id, "input", input, "reason", "录入错误 typo")).then().statusCode(200)
                .body("errors", equalTo(null))
                .body("data.reviseEvaluation.userErrors", hasSize(0))
                .body("data.reviseEvaluation.evaluation.revision", equalTo(2))
                .body("data.reviseEvaluation.evaluation.history.kind", contains("CREATED", "REVISED"));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("revision", equalTo(2)).body("comment", equalTo("复核 rechecked"))
                .body("history[1].reason", equalTo("录入错误 typo"));

        // a bad revision: the pointers REST gives the same body, and nothing changes
        Map<String, Object> bad = Map.of("answers", List.of(Map.of("item", "q.overall",
                "responses", List.of(Map.of("level", "satisfied", "count", -1)))));
        List<String> rest = given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", -1))),
                        "reason", " "))
                .post("/api/v1/evaluations/{id}/revisions", id).then().statusCode(422).extract().path("errors.pointer");
        graphql(key, REVISE, Map.of("id", id, "input", bad, "reason", " ")).then()
                .body("data.reviseEvaluation.evaluation", equalTo(null))
                .body("data.reviseEvaluation.userErrors.pointer", equalTo(rest));
        List<String> restScore = given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", -1))),
                        "reason", "r"))
                .post("/api/v1/evaluations/{id}/revisions", id).then().statusCode(422).extract().path("errors.pointer");
        graphql(key, REVISE, Map.of("id", id, "input", bad, "reason", "r")).then()
                .body("data.reviseEvaluation.userErrors.pointer", equalTo(restScore));

        graphql(key, VOID, Map.of("id", id, "reason", "重复 duplicate")).then()
                .body("data.voidEvaluation.userErrors", hasSize(0))
                .body("data.voidEvaluation.evaluation.status", equalTo("VOIDED"))
                .body("data.voidEvaluation.evaluation.revision", equalTo(3));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then()
                .body("status", equalTo("voided")).body("history.kind", contains("created", "revised", "voided"));

        // a voided evaluation cannot change: REST's 409, as a user error
        graphql(key, VOID, Map.of("id", id, "reason", "again")).then()
                .body("data.voidEvaluation.evaluation", equalTo(null))
                .body("data.voidEvaluation.userErrors.code", contains("CONFLICT"))
                .body("data.voidEvaluation.userErrors[0].pointer", equalTo(null));
    }
}
