package io.servicegrade.evaluation;

import io.servicegrade.platform.database.DatabaseOwner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.platform.idempotency.IdempotencyStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The Idempotency-Key rules of docs/evaluations.md, beyond the plain replay. */
@QuarkusTest
class IdempotencyKeyTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** An agency of the test's own: its code, key and scope (its id, the space its idempotency keys live in). */
    record Agency(String code, String key, long scope) {
    }

    private Agency agency(List<String> sources) {
        String code = freshPrefix();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "测评公司"));
        if (sources != null) {
            body.put("sources", sources);
        }
        String key = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/agencies")
                .then().statusCode(201).extract().path("key");
        long scope = pool.preparedQuery("SELECT id FROM agency WHERE code = $1").execute(Tuple.of(code))
                .await().indefinitely().iterator().next().getLong(0);
        return new Agency(code, key, scope);
    }

    private static Response post(String key, String idempotencyKey, String body) {
        return given().header("X-Api-Key", key).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body).post("/api/v1/evaluations");
    }

    private String body(String unit, String externalId, int satisfied) throws Exception {
        return json.writeValueAsString(Map.of("evaluations",
                List.of(EvaluationResourceTest.survey(unit, externalId, satisfied))));
    }

    /** The request hash the server keeps with a key (checked against a stored one below). */
    private String requestHash(String body) throws Exception {
        return IdempotencyStore.requestHash(json.readTree(body));
    }

    /** Leaves a claim as a request that is still running (or died with the server) would leave it. */
    private void claim(Agency agency, String idempotencyKey, String body, Duration age) throws Exception {
        pool.preparedQuery("INSERT INTO idempotency_key (agency_scope, idempotency_key, request_hash, state, created_at)"
                + " VALUES ($1, $2, $3, 'running', now() - make_interval(secs => $4))")
                .execute(Tuple.of(agency.scope(), idempotencyKey, requestHash(body), age.toSeconds()))
                .await().indefinitely();
    }

    private long stored(String externalId) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE external_id = $1")
                .execute(Tuple.of(externalId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aValidationRefusalIsReplayedWithTheSameKey() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String later = "L" + p;
        String body = body(later + ".W1", p, 1);
        Response first = post(agency.key(), p, body);
        first.then().statusCode(422).contentType(PROBLEM).header("Idempotent-Replayed", nullValue())
                .body("errors.pointer", contains("/evaluations/0/unit"));

        // The unit exists now, yet the key answers what it answered: the same refusal, marked as a replay.
        TestApi.windows(later, 1);
        post(agency.key(), p, body).then().statusCode(422).contentType(PROBLEM)
                .header("Idempotent-Replayed", "true").body(equalTo(first.asString()));
        assertThat(stored(p)).isZero();
    }

    @Test
    void aForbiddenSourceRefusalIsReplayedWithTheSameKey() throws Exception {
        Agency agency = agency(List.of("inspection"));
        String p = freshPrefix();
        String body = body(TestApi.window(), p, 1);
        Response first = post(agency.key(), p, body);
        first.then().statusCode(403).contentType(PROBLEM).header("Idempotent-Replayed", nullValue())
                .body("errors[0].pointer", equalTo("/evaluations/0/source"));

        // The agency may post surveys now, yet the key answers what it answered.
        asAdmin().contentType(ContentType.JSON).body(Map.of("sources", List.of("inspection", "survey")))
                .patch("/api/v1/agencies/{code}", agency.code()).then().statusCode(200);
        post(agency.key(), p, body).then().statusCode(403).contentType(PROBLEM)
                .header("Idempotent-Replayed", "true").body(equalTo(first.asString()));
        assertThat(stored(p)).isZero();
    }

    @Test
    void theSameDocumentWithItsMembersReorderedIsTheSameRequest() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        Response first = post(agency.key(), p, body(w, p, 1));
        first.then().statusCode(201);
        // the same evaluation with its members written in reverse order
        ObjectNode reversed = json.createObjectNode();
        JsonNode evaluation = json.readTree(body(w, p, 1)).at("/evaluations/0");
        List<String> names = new ArrayList<>();
        evaluation.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        for (String name : names) {
            reversed.set(name, evaluation.get(name));
        }
        String reordered = "{\"evaluations\":[" + json.writeValueAsString(reversed) + "]}";
        assertThat(reordered).isNotEqualTo(body(w, p, 1));

        post(agency.key(), p, reordered).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(equalTo(first.asString()));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAtTheIdempotencyKey() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        post(agency.key(), p, body(w, p, 1)).then().statusCode(201);

        post(agency.key(), p, body(w, p, 2)).then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/Idempotency-Key"));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void theSameKeyWhileTheFirstRequestIsStillRunningIs409() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        // The claim a running request leaves carries the hash of its body: check ours is the server's.
        String probe = body(w, p + "-probe", 1);
        post(agency.key(), p + "-probe", probe).then().statusCode(201);
        assertThat(pool.preparedQuery("SELECT request_hash FROM idempotency_key WHERE agency_scope = $1"
                + " AND idempotency_key = $2").execute(Tuple.of(agency.scope(), p + "-probe")).await().indefinitely()
                .iterator().next().getString(0)).isEqualTo(requestHash(probe));

        String body = body(w, p, 1);
        claim(agency, p, body, Duration.ofMinutes(1));

        post(agency.key(), p, body).then().statusCode(409).contentType(PROBLEM)
                .header("Retry-After", "1")
                .body("type", endsWith("idempotency-running"));
        assertThat(stored(p)).isZero();
        // Another agency's same key is another key.
        post(agency(null).key(), p, body).then().statusCode(201).body("evaluations[0].outcome", equalTo("created"));
    }

    @Test
    void aClaimOlderThanFiveMinutesIsTakenOverAndTheRequestRuns() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        String body = body(w, p, 1);
        claim(agency, p, body, Duration.ofMinutes(6));

        Response taken = post(agency.key(), p, body);
        taken.then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("evaluations[0].outcome", equalTo("created"));
        assertThat(stored(p)).isEqualTo(1);
        // The answer is kept now: the next retry replays it.
        post(agency.key(), p, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(equalTo(taken.asString()));
    }

    @Test
    void aClaimYoungerThanFiveMinutesIsNotTakenOver() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String body = body(TestApi.window(), p, 1);
        claim(agency, p, body, Duration.ofMinutes(4).plusSeconds(50));

        post(agency.key(), p, body).then().statusCode(409).body("type", endsWith("idempotency-running"));
        assertThat(stored(p)).isZero();
    }

    @Test
    void anAnswerOf500IsNotKeptSoTheRetryRunsAgain() throws Exception {
        Agency agency = agency(null);
        String p = freshPrefix();
        String body = body(TestApi.window(), p, 1);
        // A fault in the database for this one evaluation only: its insert fails, and the server answers 500.
        String fault = "fault_" + p.toLowerCase();
        DatabaseOwner.execute("CREATE FUNCTION " + fault + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'injected fault'; END; $$");
        try {
            DatabaseOwner.execute("CREATE TRIGGER " + fault + " BEFORE INSERT ON evaluation FOR EACH ROW"
                    + " WHEN (NEW.external_id = '" + p + "') EXECUTE FUNCTION " + fault + "()");
            post(agency.key(), p, body).then().statusCode(500).contentType(PROBLEM)
                    .header("Idempotent-Replayed", nullValue());
        } finally {
            DatabaseOwner.execute("DROP TRIGGER IF EXISTS " + fault + " ON evaluation");
            DatabaseOwner.execute("DROP FUNCTION " + fault + "()");
        }
        assertThat(stored(p)).isZero();

        post(agency.key(), p, body).then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("evaluations[0].outcome", equalTo("created"));
        assertThat(stored(p)).isEqualTo(1);
    }
}
