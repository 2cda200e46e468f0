package io.servicegrade.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class EvaluationResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    static String agency(List<String> sources) {
        return io.servicegrade.TestApi.agency(sources);
    }

    /** A questionnaire on a demo window: {@code satisfied} answers to the overall question, the rest N/A. */
    static Map<String, Object> survey(String externalId, int satisfied) {
        Map<String, Object> evaluation = new HashMap<>();
        evaluation.put("externalId", externalId);
        evaluation.put("source", "survey");
        evaluation.put("unit", "SZ.GS.GQ.W1");
        evaluation.put("rubric", "customer-satisfaction-5");
        evaluation.put("conductedAt", "2026-10-15T10:30:00+08:00");
        evaluation.put("evaluator", "调查员-07");
        evaluation.put("comment", "顾客很满意 — happy customers");
        evaluation.put("evidence", List.of(Map.of("kind", "note", "uri", "urn:note:1")));
        evaluation.put("answers", List.of(
                Map.of("item", "q.overall", "responses", Map.of("satisfied", satisfied, "very-satisfied", 1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        return evaluation;
    }

    static Response post(String key, Object body) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/evaluations");
    }

    private long stored(String externalIdPrefix) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id LIKE $1")
                .execute(Tuple.of(externalIdPrefix + "%")).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aBatchIsScoredAndAnsweredInRequestOrder() {
        String key = agency(null);
        String p = freshPrefix();
        // 1 very satisfied (100) + 1 satisfied (80): mean 90 → 36 of 40 → 90; with 3 satisfied: (100+240)/4 = 85
        post(key, Map.of("evaluations", List.of(survey(p + "-a", 1), survey(p + "-b", 3))))
                .then().statusCode(201)
                .body("evaluations.externalId", contains(p + "-a", p + "-b"))
                .body("evaluations.score", contains(90.0f, 85.0f))
                .body("evaluations.outcome", contains("created", "created"));

        long id = post(key, Map.of("evaluations", List.of(survey(p + "-a", 1)))).then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("existing")).extract().<Integer>path("evaluations[0].id");
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("externalId", equalTo(p + "-a"))
                .body("evaluator", equalTo("调查员-07"))
                .body("rubricVersion", notNullValue())
                .body("breakdown.score", equalTo(90.0f))
                .body("breakdown.sections[0].items[0].satisfactionRate", equalTo(100.0f))
                .body("history", hasSize(1));
        assertThat(stored(p)).isEqualTo(2);
    }

    @Test
    void oneBadEvaluationRejectsTheBatchWithEveryProblemAndStoresNothing() {
        String key = agency(null);
        String p = freshPrefix();
        Map<String, Object> badUnit = survey(p + "-b", 1);
        badUnit.put("unit", "NO-SUCH-UNIT");
        Map<String, Object> future = survey(p + "-c", 1);
        future.put("conductedAt", "2099-01-01T00:00:00+08:00");
        Map<String, Object> badAnswers = survey(p + "-d", 1);
        badAnswers.put("answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", -1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        Map<String, Object> badRubric = survey(p + "-e", 1);
        badRubric.put("rubric", "customer-satisfaction-5@99");

        post(key, Map.of("evaluations", List.of(survey(p + "-a", 1), badUnit, future, badAnswers, badRubric,
                survey(p + "-a", 2))))
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/evaluations/1/unit", "/evaluations/2/conductedAt",
                        "/evaluations/3/answers/0/responses/satisfied",
                        "/evaluations/4/rubric",
                        "/evaluations/5/externalId"));
        assertThat(stored(p)).isZero();
    }

    @Test
    void aChangedResendIsAConflictUnlessItCarriesAReasonThenItIsARevision() {
        String key = agency(null);
        String p = freshPrefix();
        long id = post(key, Map.of("evaluations", List.of(survey(p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        post(key, Map.of("evaluations", List.of(survey(p, 3)))).then().statusCode(409).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/evaluations/0/externalId"))
                .body("detail", org.hamcrest.Matchers.containsString("evaluation " + id));

        Map<String, Object> revision = survey(p, 3);
        revision.put("reason", "录入错误 data entry error");
        post(key, Map.of("evaluations", List.of(revision))).then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("revised")).body("evaluations[0].id", equalTo((int) id));

        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("revision", equalTo(2)).body("score", equalTo(85.0f))
                .body("history.kind", contains("created", "revised"))
                .body("history[1].reason", equalTo("录入错误 data entry error"))
                .body("history[1].previousScore", equalTo(90.0f))
                .body("history[1].score", equalTo(85.0f));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void revisionsAndVoidsKeepTheWholeHistory() {
        String key = agency(null);
        String p = freshPrefix();
        long id = post(key, Map.of("evaluations", List.of(survey(p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("reason", "复核 recheck", "answers", List.of(
                        Map.of("item", "q.overall", "responses", Map.of("very-satisfied", 2)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true))))
                .post("/api/v1/evaluations/{id}/revisions", id)
                .then().statusCode(201).body("revision", equalTo(2)).body("score", equalTo(100.0f));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("answers", List.of()))
                .post("/api/v1/evaluations/{id}/revisions", id)
                .then().statusCode(422).body("errors.pointer", contains("/reason"));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "重复 duplicate"))
                .post("/api/v1/evaluations/{id}/void", id)
                .then().statusCode(200).body("status", equalTo("voided")).body("revision", equalTo(3))
                .body("history.kind", contains("created", "revised", "voided"))
                .body("history.score", contains(90.0f, 100.0f, 100.0f));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        String key = agency(null);
        String p = freshPrefix();
        Map<String, Object> body = Map.of("evaluations", List.of(survey(p, 1)));
        Response first = given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations");
        first.then().statusCode(201);

        given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(equalTo(first.asString()));
        given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(survey(p, 2)))).post("/api/v1/evaluations")
                .then().statusCode(422).contentType(PROBLEM);
        // The key belongs to the agency: another agency may use the same key for its own request.
        given().header("X-Api-Key", agency(null)).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("created"));
    }

    @Test
    void twentyConcurrentIdenticalRequestsStoreExactlyOneEvaluation() throws Exception {
        String key = agency(null);
        String withKey = freshPrefix();
        String withoutKey = freshPrefix();
        ExecutorService pool20 = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> given().header("X-Api-Key", key).header("Idempotency-Key", withKey)
                        .contentType(ContentType.JSON).body(Map.of("evaluations", List.of(survey(withKey, 1))))
                        .post("/api/v1/evaluations").statusCode());
                calls.add(() -> post(key, Map.of("evaluations", List.of(survey(withoutKey, 1)))).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool20.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        } finally {
            pool20.shutdown();
        }
        assertThat(stored(withKey)).isEqualTo(1);
        assertThat(stored(withoutKey)).isEqualTo(1);
    }

    @Test
    void keysDecideWhoMayPostAndWhoMaySee() {
        String mine = agency(List.of("survey"));
        String theirs = agency(null);
        String p = freshPrefix();
        long id = post(mine, Map.of("evaluations", List.of(survey(p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        given().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(survey(p + "x", 1))))
                .post("/api/v1/evaluations").then().statusCode(401).contentType(PROBLEM);
        given().header("X-Api-Key", theirs).get("/api/v1/evaluations/{id}", id).then().statusCode(403)
                .contentType(PROBLEM);
        given().header("X-Api-Key", theirs).contentType(ContentType.JSON).body(Map.of("reason", "mine now"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(403);
        asAdmin().get("/api/v1/evaluations/{id}", id).then().statusCode(200);
        given().header("X-Api-Key", mine).get("/api/v1/evaluations").then().statusCode(200)
                .body("items.id", contains((int) id));

        Map<String, Object> inspection = survey(p + "-i", 1);
        inspection.put("source", "inspection");
        post(mine, Map.of("evaluations", List.of(inspection))).then().statusCode(403).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/evaluations/0/source"));
        given().header("X-Api-Key", mine).contentType(ContentType.JSON)
                .body(List.of(Map.of("code", p, "name", "n", "kind", "region"))).put("/api/v1/units")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aRotatedKeyIsRefused() {
        String code = freshPrefix();
        String old = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "n"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        String fresh = asAdmin().post("/api/v1/agencies/{code}/keys", code).then().statusCode(201)
                .extract().path("key");

        post(old, Map.of("evaluations", List.of(survey(code, 1)))).then().statusCode(401);
        post(fresh, Map.of("evaluations", List.of(survey(code, 1)))).then().statusCode(201);
    }

    @Test
    void malformedOversizedAndMistypedRequestsGetProblems() {
        String key = agency(null);
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("{\"evaluations\": [")
                .post("/api/v1/evaluations").then().statusCode(400).contentType(PROBLEM);
        given().header("X-Api-Key", key).contentType(ContentType.TEXT).body("x").post("/api/v1/evaluations")
                .then().statusCode(415).contentType(PROBLEM);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= EvaluationService.MAX_BATCH; i++) {
            many.add(Map.of("externalId", "m" + i));
        }
        post(key, Map.of("evaluations", many)).then().statusCode(413).contentType(PROBLEM);
        post(key, Map.of("items", List.of())).then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/evaluations", "/items"));
    }

    @Test
    void graphqlShowsAnAgencyItsOwnEvaluationsWithBreakdownsAndHistory() {
        String key = agency(null);
        String p = freshPrefix();
        String id = String.valueOf(post(key, Map.of("evaluations", List.of(survey(p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id"));
        String query = """
                query($id: String!) {
                  evaluation(id: $id) {
                    externalId score unit { code }
                    breakdown(lang: "zh-CN") { score sections { items { name notes } } }
                    history { kind score }
                  }
                }
                """;

        given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id))).post("/graphql")
                .then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.evaluation.externalId", equalTo(p))
                .body("data.evaluation.score", equalTo(90.0f))
                .body("data.evaluation.unit.code", equalTo("SZ.GS.GQ.W1"))
                .body("data.evaluation.breakdown.sections[0].items[0].name", equalTo("总体满意度"))
                .body("data.evaluation.history.kind", contains("created"));
        given().header("X-Api-Key", agency(null)).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id))).post("/graphql")
                .then().statusCode(200).body("data.evaluation", org.hamcrest.Matchers.nullValue())
                .body("errors[0].message", equalTo("Evaluation " + id + " belongs to another agency."));
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("id", id)))
                .post("/graphql").then().statusCode(200).body("data.evaluation", org.hamcrest.Matchers.nullValue())
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("Send a valid API key"));
    }
}
