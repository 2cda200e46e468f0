package io.servicegrade.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import io.servicegrade.TestApi;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    /** When every questionnaire here was conducted: a fixed past date, whatever today is. */
    static final String CONDUCTED_AT = "2025-10-15T10:30:00+08:00";

    /**
     * A questionnaire on the test's own window {@code unit}: {@code satisfied} answers to the overall question
     * (and one very satisfied), the rest N/A.
     */
    static Map<String, Object> survey(String unit, String externalId, int satisfied) {
        Map<String, Object> evaluation = new HashMap<>();
        evaluation.put("externalId", externalId);
        evaluation.put("source", "survey");
        evaluation.put("unit", unit);
        evaluation.put("rubric", "customer-satisfaction-5");
        evaluation.put("conductedAt", CONDUCTED_AT);
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

    /** Now plus {@code offset}, as a {@code conductedAt} with a China Standard Time offset. */
    static String fromNow(Duration offset) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(offset).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private long stored(String externalIdPrefix) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id LIKE $1")
                .execute(Tuple.of(externalIdPrefix + "%")).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aBatchIsScoredAndAnsweredInRequestOrder() {
        String key = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        // 1 very satisfied (100) + 1 satisfied (80): mean 90 → 36 of 40 → 90; with 3 satisfied: (100+240)/4 = 85
        post(key, Map.of("evaluations", List.of(survey(w, p + "-a", 1), survey(w, p + "-b", 3))))
                .then().statusCode(201)
                .body("evaluations.externalId", contains(p + "-a", p + "-b"))
                .body("evaluations.score", contains(90.0f, 85.0f))
                .body("evaluations.outcome", contains("created", "created"));

        long id = post(key, Map.of("evaluations", List.of(survey(w, p + "-a", 1)))).then().statusCode(201)
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
        String w = TestApi.window();
        Map<String, Object> badUnit = survey(w, p + "-b", 1);
        badUnit.put("unit", "NO-SUCH-UNIT");
        Map<String, Object> future = survey(w, p + "-c", 1);
        future.put("conductedAt", fromNow(Duration.ofDays(3)));
        Map<String, Object> badAnswers = survey(w, p + "-d", 1);
        badAnswers.put("answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", -1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        Map<String, Object> badRubric = survey(w, p + "-e", 1);
        badRubric.put("rubric", "customer-satisfaction-5@99");

        post(key, Map.of("evaluations", List.of(survey(w, p + "-a", 1), badUnit, future, badAnswers, badRubric,
                survey(w, p + "-a", 2))))
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
        String w = TestApi.window();
        long id = post(key, Map.of("evaluations", List.of(survey(w, p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        post(key, Map.of("evaluations", List.of(survey(w, p, 3)))).then().statusCode(409).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/evaluations/0/externalId"))
                .body("detail", org.hamcrest.Matchers.containsString("evaluation " + id));

        Map<String, Object> revision = survey(w, p, 3);
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
        String w = TestApi.window();
        long id = post(key, Map.of("evaluations", List.of(survey(w, p, 1)))).then().statusCode(201)
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
        String w = TestApi.window();
        Map<String, Object> body = Map.of("evaluations", List.of(survey(w, p, 1)));
        Response first = given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations");
        first.then().statusCode(201);

        given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(equalTo(first.asString()));
        given().header("X-Api-Key", key).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(survey(w, p, 2)))).post("/api/v1/evaluations")
                .then().statusCode(422).contentType(PROBLEM);
        // The key belongs to the agency: another agency may use the same key for its own request.
        given().header("X-Api-Key", agency(null)).header("Idempotency-Key", p).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("created"));
    }

    @Test
    void keysDecideWhoMayPostAndWhoMaySee() {
        String mine = agency(List.of("survey"));
        String theirs = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        long id = post(mine, Map.of("evaluations", List.of(survey(w, p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        given().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(survey(w, p + "x", 1))))
                .post("/api/v1/evaluations").then().statusCode(401).contentType(PROBLEM);
        given().header("X-Api-Key", theirs).get("/api/v1/evaluations/{id}", id).then().statusCode(403)
                .contentType(PROBLEM);
        given().header("X-Api-Key", theirs).contentType(ContentType.JSON).body(Map.of("reason", "mine now"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(403);
        asAdmin().get("/api/v1/evaluations/{id}", id).then().statusCode(200);
        given().header("X-Api-Key", mine).get("/api/v1/evaluations").then().statusCode(200)
                .body("items.id", contains((int) id));

        Map<String, Object> inspection = survey(w, p + "-i", 1);
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
        String w = TestApi.window();
        String old = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "n"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        String fresh = asAdmin().post("/api/v1/agencies/{code}/keys", code).then().statusCode(201)
                .extract().path("key");

        post(old, Map.of("evaluations", List.of(survey(w, code, 1)))).then().statusCode(401);
        post(fresh, Map.of("evaluations", List.of(survey(w, code, 1)))).then().statusCode(201);
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
        String w = TestApi.window();
        String id = String.valueOf(post(key, Map.of("evaluations", List.of(survey(w, p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id"));
        String query = """
                query($id: ID!) {
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
                .body("data.evaluation.unit.code", equalTo(w))
                .body("data.evaluation.breakdown.sections[0].items[0].name", equalTo("总体满意度"))
                .body("data.evaluation.history.kind", contains("CREATED"));
        given().header("X-Api-Key", agency(null)).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("id", id))).post("/graphql")
                .then().statusCode(200).body("data.evaluation", org.hamcrest.Matchers.nullValue())
                .body("errors[0].message", equalTo("Evaluation " + id + " belongs to another agency."));
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("id", id)))
                .post("/graphql").then().statusCode(200).body("data.evaluation", org.hamcrest.Matchers.nullValue())
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("Send a valid API key"));
    }

    @Test
    void conductedAtMayBeUpToOneDayInTheFuture() {
        String key = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        Map<String, Object> tomorrowMorning = survey(w, p + "-23h", 1);
        tomorrowMorning.put("conductedAt", fromNow(Duration.ofHours(23)));
        Map<String, Object> beyondADay = survey(w, p + "-25h", 1);
        beyondADay.put("conductedAt", fromNow(Duration.ofHours(25)));

        post(key, Map.of("evaluations", List.of(beyondADay))).then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/evaluations/0/conductedAt"));
        post(key, Map.of("evaluations", List.of(tomorrowMorning))).then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("created"));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void storedRevisionsCannotBeChangedOrDeletedEvenInTheDatabase() {
        String key = agency(null);
        String p = freshPrefix();
        long id = post(key, Map.of("evaluations", List.of(survey(TestApi.window(), p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        assertThatThrownBy(() -> pool.preparedQuery("UPDATE evaluation_revision SET score = 0, reason = 'tampered'"
                + " WHERE evaluation_id = $1").execute(Tuple.of(id)).await().indefinitely())
                .hasMessageContaining("evaluation_revision rows are immutable");
        assertThatThrownBy(() -> pool.preparedQuery("DELETE FROM evaluation_revision WHERE evaluation_id = $1")
                .execute(Tuple.of(id)).await().indefinitely())
                .hasMessageContaining("evaluation_revision rows are immutable");

        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("history.kind", contains("created")).body("history[0].score", equalTo(90.0f))
                .body("history[0].reason", org.hamcrest.Matchers.nullValue());
    }

    /** A one-section rubric worth {@code points}: a deduction item and a veto. */
    private static String rubric(String key, int points) {
        return """
                {"key": "%s", "name": {"zh-CN": "在用版本", "en": "Version in force"}, "total": %d,
                 "sections": [{"key": "main", "name": {"zh-CN": "主要", "en": "Main"}, "points": %d,
                   "items": [
                     {"key": "clean", "name": {"zh-CN": "整洁", "en": "Clean"}, "points": %d,
                      "rule": {"kind": "deduction", "perViolation": 1}},
                     {"key": "sign", "name": {"zh-CN": "店招", "en": "Sign"}, "points": 0, "rule": {"kind": "veto"}}]}]}
                """.formatted(key, points, points, points);
    }

    private static Map<String, Object> inspection(String unit, String externalId, String rubric, String at) {
        Map<String, Object> evaluation = new HashMap<>();
        evaluation.put("externalId", externalId);
        evaluation.put("source", "inspection");
        evaluation.put("unit", unit);
        evaluation.put("rubric", rubric);
        evaluation.put("conductedAt", at);
        evaluation.put("answers", List.of(Map.of("item", "clean", "violations", 1),
                Map.of("item", "sign", "pass", true)));
        return evaluation;
    }

    @Test
    void withoutAVersionTheVersionInForceWhenTheEvaluationWasConductedIsUsed() throws Exception {
        String rubric = freshPrefix().toLowerCase();
        // Three versions, worth 10, 20 and 30 points, created a moment apart.
        for (int points = 10; points <= 30; points += 10) {
            asAdmin().contentType(ContentType.JSON).body(rubric(rubric, points)).put("/api/v1/rubrics/{key}", rubric)
                    .then().statusCode(201).body("version", equalTo(points / 10));
            Thread.sleep(200);
        }
        // When each came into force, as the server stored it (rubric versions cannot be changed, so these are
        // the times the server itself decides by).
        List<OffsetDateTime> created = new ArrayList<>();
        pool.preparedQuery("SELECT created_at FROM rubric_version WHERE rubric_key = $1 ORDER BY version")
                .execute(Tuple.of(rubric)).await().indefinitely()
                .forEach(row -> created.add(row.getOffsetDateTime("created_at")));
        assertThat(created).hasSize(3).isSorted();
        OffsetDateTime v2 = created.get(1);
        OffsetDateTime v3 = created.get(2);
        OffsetDateTime betweenV2AndV3 = v2.plus(Duration.between(v2, v3).dividedBy(2));
        String key = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();

        post(key, Map.of("evaluations", List.of(
                inspection(w, p + "-before", rubric, "2025-03-01T09:00:00+08:00"),
                inspection(w, p + "-justBeforeV2", rubric, v2.minus(1, ChronoUnit.MICROS).toString()),
                inspection(w, p + "-atV2", rubric, v2.toString()),
                inspection(w, p + "-betweenV2AndV3", rubric, betweenV2AndV3.toString()),
                inspection(w, p + "-afterV3", rubric, v3.plusSeconds(1).toString()),
                inspection(w, p + "-named", rubric + "@1", v3.plusSeconds(1).toString()))))
                .then().statusCode(201)
                // 1 violation of 1 point: 10 − 1 = 9 of 10 → 90; 19 of 20 → 95; 29 of 30 → 96.67
                .body("evaluations.score", contains(90.0f, 90.0f, 95.0f, 95.0f, 96.67f, 90.0f));

        Map<String, Integer> versions = new HashMap<>();
        given().header("X-Api-Key", key).queryParam("unit", w).get("/api/v1/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class)
                .forEach(e -> versions.put((String) e.get("externalId"), (Integer) e.get("rubricVersion")));
        assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of(
                // The rubric is younger than the result: its first version.
                p + "-before", 1,
                // The latest version created by then.
                p + "-justBeforeV2", 1,
                p + "-atV2", 2,
                p + "-betweenV2AndV3", 2,
                p + "-afterV3", 3,
                // A version named is the version used.
                p + "-named", 1));
    }

    @Test
    void aListingPagesThroughEvaluationsAndSaysHowManyMatchInAll() {
        String key = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        List<Map<String, Object>> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(survey(w, p + "-" + i, 1));
        }
        post(key, Map.of("evaluations", five)).then().statusCode(201);

        // 5 match: pages of 2, 2 and 1, each saying 5
        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            io.restassured.specification.RequestSpecification request = given().header("X-Api-Key", key)
                    .queryParam("unit", w).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            io.restassured.path.json.JsonPath page = request.get("/api/v1/evaluations").then().statusCode(200)
                    .body("total", equalTo(5)).extract().jsonPath();
            seen.addAll(page.getList("items.externalId"));
            sizes.add(page.getList("items").size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly(p + "-0", p + "-1", p + "-2", p + "-3", p + "-4");
        // the filters count too: none of them is a mystery-shop visit, and another agency sees none of them
        given().header("X-Api-Key", key).queryParam("unit", w).queryParam("source", "mystery_shop")
                .get("/api/v1/evaluations").then().statusCode(200).body("total", equalTo(0));
        given().header("X-Api-Key", agency(null)).queryParam("unit", w)
                .get("/api/v1/evaluations").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aCorrectedResendThatMovesTheEvaluationToAnotherUnitAndTimeIsStoredSo() {
        String key = agency(null);
        String p = freshPrefix();
        List<String> windows = TestApi.windows(p, 2);
        long id = post(key, Map.of("evaluations", List.of(survey(windows.get(0), p, 1)))).then().statusCode(201)
                .extract().<Integer>path("evaluations[0].id");

        // the agency put it on the wrong window and day: the resend with a reason corrects both
        Map<String, Object> moved = survey(windows.get(1), p, 1);
        moved.put("conductedAt", "2025-05-10T10:30:00+08:00");
        moved.put("reason", "录错窗口和日期 wrong window and day");
        post(key, Map.of("evaluations", List.of(moved))).then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("revised")).body("evaluations[0].id", equalTo((int) id));

        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("unit", equalTo(windows.get(1)))
                .body("conductedAt", equalTo("2025-05-10T10:30:00+08:00"))
                .body("revision", equalTo(2));
    }

    @Test
    void conductedAtComesBackWithTheOffsetItWasSentWith() {
        String key = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        // 23:30 on 30 June in Beijing is still Q2 there; in UTC (15:30) too, but a client reading "…Z" dates by
        // their calendar day in another zone, or a 00:30 on 1 July, would not be: the offset sent is the offset kept
        Map<String, Object> beijing = survey(w, p + "-cn", 1);
        beijing.put("conductedAt", "2023-06-30T23:30:00+08:00");
        Map<String, Object> newYork = survey(w, p + "-us", 1);
        newYork.put("conductedAt", "2023-06-30T11:30:00-04:00");
        List<Integer> ids = post(key, Map.of("evaluations", List.of(beijing, newYork))).then().statusCode(201)
                .extract().path("evaluations.id");

        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", ids.get(0)).then().statusCode(200)
                .body("conductedAt", equalTo("2023-06-30T23:30:00+08:00"));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", ids.get(1)).then().statusCode(200)
                .body("conductedAt", equalTo("2023-06-30T11:30:00-04:00"));
        // the same instant in another offset is the same evaluation: an identical resend, nothing new
        Map<String, Object> sameInstant = survey(w, p + "-cn", 1);
        sameInstant.put("conductedAt", "2023-06-30T15:30:00Z");
        post(key, Map.of("evaluations", List.of(sameInstant))).then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("existing"));
        // GraphQL gives the same
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("query",
                "query($id: ID!) { evaluation(id: $id) { conductedAt } }", "variables",
                Map.of("id", String.valueOf(ids.get(1))))).post("/graphql").then().statusCode(200)
                .body("data.evaluation.conductedAt", org.hamcrest.Matchers.startsWith("2023-06-30T11:30"))
                .body("data.evaluation.conductedAt", org.hamcrest.Matchers.endsWith("-04:00"));
    }
}
