package io.servicegrade.agency;

import io.servicegrade.platform.database.DatabaseOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * An agency and its first key, and a key rotation, are each one user action: all of it is stored or none. The
 * faults are real: a PostgreSQL trigger, installed for this test's agency only, refuses one of the steps.
 */
@QuarkusTest
class AgencyTest {

    @Test
    void anAgencyIsCreatedWithItsFirstKeyShownOnceAndItsCodeOnce() {
        String code = TestApi.freshPrefix();
        JsonPath created = create(code).then().statusCode(201)
                .body("code", equalTo(code)).body("name", equalTo("测评公司 Survey Co")).body("active", equalTo(true))
                .body("sources", nullValue()).body("key", startsWith("sg_")).extract().jsonPath();
        String key = created.getString("key");

        asAdmin().get("/api/v1/agencies/{code}", code).then().statusCode(200).body("code", equalTo(code))
                .body("createdAt", equalTo(created.getString("createdAt"))).body("createdAt", endsWith("Z"))
                .body("key", nullValue());
        given().header("X-Api-Key", key).get("/api/v1/evaluations").then().statusCode(200);
        create(code).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:servicegrade:problem:agency-exists"));
        assertThat(liveKeys(code)).hasSize(1);
    }

    @Test
    void twoCreatesOfOneCodeAtOnceGiveOne201AndOne409() throws Exception {
        String code = TestApi.freshPrefix();
        // The winner's key insert waits half a second inside its transaction, so the other create runs while the
        // agency row is written but not committed: it passes the existence check and meets the unique index.
        try (Fault slow = fault(code, "INSERT", "NEW.name = 'agency " + code + "'", "PERFORM pg_sleep(0.5)")) {
            Callable<String> post = () -> {
                var answer = create(code);
                return answer.statusCode() + (answer.statusCode() == 201 ? "" : " " + answer.path("type"));
            };
            List<AtOnce.Call<String>> calls = AtOnce.run(List.of(post, post));

            assertThat(AtOnce.mostInFlight(calls)).isEqualTo(2);
            assertThat(calls.stream().map(AtOnce.Call::value).sorted().toList())
                    .containsExactly("201", "409 urn:servicegrade:problem:agency-exists");
        }
        assertThat(liveKeys(code)).hasSize(1);
    }

    @Test
    void anAgencyWhoseFirstKeyCannotBeStoredIsNotCreated() {
        String code = TestApi.freshPrefix();
        try (Fault refused = fault(code, "INSERT", "NEW.name = 'agency " + code + "'", null)) {
            create(code).then().statusCode(500).contentType("application/problem+json");
        }

        asAdmin().get("/api/v1/agencies/{code}", code).then().statusCode(404);
        assertThat(asAdmin().get("/api/v1/agencies").then().statusCode(200).extract().<String>jsonPath()
                .getList("code")).doesNotContain(code);
        assertThat(keys(code)).isEmpty();
        create(code).then().statusCode(201);
    }

    @Test
    void aRotationThatCannotRevokeTheOldKeyLeavesTheOldKeyAndNoNewOne() {
        String code = TestApi.freshPrefix();
        JsonPath created = create(code).then().statusCode(201).extract().jsonPath();
        String old = created.getString("key");
        long oldId = created.getLong("keyId");

        try (Fault refused = fault(code, "UPDATE", "OLD.name = 'agency " + code + "' AND OLD.revoked_at IS NULL"
                + " AND NEW.revoked_at IS NOT NULL", null)) {
            asAdmin().post("/api/v1/agencies/{code}/keys", code).then().statusCode(500)
                    .contentType("application/problem+json");
        }

        given().header("X-Api-Key", old).get("/api/v1/evaluations").then().statusCode(200);
        assertThat(keys(code)).extracting(k -> ((Number) k.get("id")).longValue()).containsExactly(oldId);
        assertThat(liveKeys(code)).hasSize(1);

        String fresh = asAdmin().post("/api/v1/agencies/{code}/keys", code).then().statusCode(201)
                .extract().path("key");
        given().header("X-Api-Key", old).get("/api/v1/evaluations").then().statusCode(401);
        given().header("X-Api-Key", fresh).get("/api/v1/evaluations").then().statusCode(200);
    }

    @Test
    void twoRotationsAtOnceLeaveOneLiveKey() throws Exception {
        String code = TestApi.freshPrefix();
        create(code).then().statusCode(201);
        // Each new key's insert waits half a second, so the two rotations overlap; the agency's row lock makes
        // the second revoke the first one's key rather than miss it.
        List<AtOnce.Call<String>> calls;
        try (Fault slow = fault(code, "INSERT", "NEW.name = 'agency " + code + "'", "PERFORM pg_sleep(0.5)")) {
            Callable<String> rotate = () -> asAdmin().post("/api/v1/agencies/{code}/keys", code).then()
                    .statusCode(201).extract().path("key");
            calls = AtOnce.run(List.of(rotate, rotate));
        }

        assertThat(AtOnce.mostInFlight(calls)).isEqualTo(2);
        assertThat(liveKeys(code)).hasSize(1);
        List<Integer> statuses = calls.stream().map(call -> given().header("X-Api-Key", call.value())
                .get("/api/v1/evaluations").statusCode()).sorted().toList();
        assertThat(statuses).containsExactly(200, 401);
    }

    @Test
    void theDemosSurveysArePostedByTheDemoSurveyAgency() {
        asAdmin().get("/api/v1/agencies/{code}", "demo-survey").then().statusCode(200)
                .body("name", equalTo("苏州明察测评有限公司 Mingcha Survey Co")).body("active", equalTo(true));
        List<Object> surveyAgencies = io.servicegrade.DemoData.evaluations().stream()
                .filter(e -> "survey".equals(e.get("source"))).map(e -> e.get("agency")).distinct().toList();
        assertThat(surveyAgencies).containsExactly("demo-survey");
    }

    @Test
    void anAgencyIsRenamedLimitedAndRetiredByPatch() {
        String code = TestApi.freshPrefix();
        create(code).then().statusCode(201);

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "新名字", "sources", List.of("survey")))
                .patch("/api/v1/agencies/{code}", code).then().statusCode(200)
                .body("name", equalTo("新名字")).body("sources", equalTo(List.of("survey")))
                .body("active", equalTo(true));
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/v1/agencies/{code}", code).then().statusCode(200)
                .body("name", equalTo("新名字")).body("sources", equalTo(List.of("survey")))
                .body("active", equalTo(false));
        asAdmin().contentType(ContentType.JSON).body("{\"sources\": null}")
                .patch("/api/v1/agencies/{code}", code).then().statusCode(200).body("sources", nullValue());
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(201)))
                .patch("/api/v1/agencies/{code}", code).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/name"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", true))
                .patch("/api/v1/agencies/{code}", TestApi.freshPrefix()).then().statusCode(404);
    }

    private static io.restassured.response.Response create(String code) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司 Survey Co"))
                .post("/api/v1/agencies");
    }

    /** The agency's keys (named after it), live and revoked, as the admin lists them. */
    private static List<Map<String, Object>> keys(String code) {
        List<Map<String, Object>> all = asAdmin().get("/api/v1/admin/keys").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return all.stream().filter(k -> ("agency " + code).equals(k.get("name"))).toList();
    }

    private static List<Map<String, Object>> liveKeys(String code) {
        return keys(code).stream().filter(k -> k.get("revokedAt") == null).toList();
    }

    /** A trigger on api_key; dropped when closed. */
    interface Fault extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Installs a trigger, BEFORE {@code event} on {@code api_key}, for the rows where {@code when} holds: it runs
     * {@code action} and goes on, or, when {@code action} is null, raises an exception (the statement fails).
     */
    private Fault fault(String code, String event, String when, String action) {
        String name = "fault_" + code.toLowerCase();
        String body = action == null ? "RAISE EXCEPTION 'injected fault for %', NEW.name;"
                : action + "; RETURN NEW;";
        run("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + body + " END $$");
        run("CREATE TRIGGER " + name + " BEFORE " + event + " ON api_key FOR EACH ROW WHEN (" + when + ")"
                + " EXECUTE FUNCTION " + name + "()");
        return () -> {
            run("DROP TRIGGER IF EXISTS " + name + " ON api_key");
            run("DROP FUNCTION IF EXISTS " + name + "()");
        };
    }

    /** Runs {@code sql} as the database's owner: the application's role may not make triggers. */
    private void run(String sql) {
        DatabaseOwner.execute(sql);
    }
}
