package io.servicegrade.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.AtOnce;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.platform.database.DatabaseOwner;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The audit log (issue 16, point 5): every write and sign-in leaves its row (who, what, which target, from where),
 * written with the write or not at all; rows cannot be changed by the application; administrators read it over
 * REST and GraphQL, filtered and paged. Each test acts with its own new admin key, so its rows are its own
 * ({@code actor=key:<id>}).
 */
@QuarkusTest
class AuditTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    Pool pool;

    /** A new admin key of the test's own: its id and its secret. */
    private record Key(long id, String secret) {
        RequestSpecification as() {
            return given().header("Authorization", "Bearer " + secret);
        }

        String actor() {
            return "key:" + id;
        }
    }

    private static Key newAdminKey() {
        Response made = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "audit test"))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().response();
        return new Key(((Number) made.path("id")).longValue(), made.path("key"));
    }

    /** The audit rows of {@code actor}, newest first (one page of up to 500). */
    private static List<Map<String, Object>> eventsOf(String actor) {
        return asAdmin().queryParam("actor", actor).queryParam("limit", 500).get("/api/v1/admin/audit")
                .then().statusCode(200).extract().path("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actor(Map<String, Object> event) {
        return (Map<String, Object>) event.get("actor");
    }

    private static List<String> actions(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("action")).toList();
    }

    private static void unit(Key key, String code) {
        key.as().contentType(ContentType.JSON).body(List.of(Map.of("code", code, "name", "支局 " + code,
                "kind", "outlet"))).put("/api/v1/units").then().statusCode(200);
    }

    // point 5: each kind of write (REST over the Vert.x client and over Hibernate Reactive, GraphQL) leaves one row
    @Test
    void eachKindOfWriteLeavesOneRowWithItsActorActionAndTarget() {
        Key key = newAdminKey();
        String code = TestApi.freshPrefix();
        String agency = TestApi.freshPrefix();
        unit(key, code);
        key.as().contentType(ContentType.JSON).body(Map.of("name", "支局（更名）"))
                .patch("/api/v1/units/{code}", code).then().statusCode(200);
        key.as().contentType(ContentType.JSON).body(Map.of("code", agency, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201);
        key.as().contentType(ContentType.JSON).body(Map.of("name", "测评公司（更名）"))
                .patch("/api/v1/agencies/{code}", agency).then().statusCode(200);
        GraphqlCall.bearer(key.secret(), """
                mutation($code: String!) { updateUnit(code: $code, input: {name: "窗口（GraphQL）"}) {
                  unit { name } userErrors { pointer } } }""", Map.of("code", code))
                .then().statusCode(200).body("data.updateUnit.unit.name", equalTo("窗口（GraphQL）"));
        // a read leaves nothing
        key.as().get("/api/v1/units/{code}", code).then().statusCode(200);

        List<Map<String, Object>> events = eventsOf(key.actor());
        assertThat(actions(events)).containsExactly("unit.patch", "agency.patch", "agency.create", "unit.patch",
                "unit.put");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("outcome")).isEqualTo("ok");
            assertThat(actor(e)).containsEntry("kind", "admin-key");
            assertThat(e.get("clientAddress")).isNotNull();
            assertThat(e.get("requestId")).isNotNull();
        });
        assertThat(events.get(0)).containsEntry("via", "graphql")
                .containsEntry("target", Map.of("kind", "unit", "key", code));
        assertThat(events.get(1)).containsEntry("via", "rest")
                .containsEntry("target", Map.of("kind", "agency", "key", agency));
        assertThat(events.get(3)).containsEntry("target", Map.of("kind", "unit", "key", code));
        // written with the write, so the answer's status is not known to the row
        assertThat(events.get(3).get("status")).isNull();
    }

    // point 5: a request names its own row by the X-Request-Id it sent or was answered with
    @Test
    void aWriteIsAnsweredWithTheRequestIdItsRowCarries() {
        Key key = newAdminKey();
        String code = TestApi.freshPrefix();
        unit(key, code);
        String answered = key.as().contentType(ContentType.JSON).body(Map.of("name", "n"))
                .header("X-Request-Id", "trace-" + code).patch("/api/v1/units/{code}", code)
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(answered).isEqualTo("trace-" + code);
        assertThat(eventsOf(key.actor()).get(0)).containsEntry("requestId", "trace-" + code);
    }

    // point 5: a write refused to a known caller is recorded as refused; nothing was written
    @Test
    void aRefusedWriteOfAKnownCallerIsRecordedAsRefused() {
        Key key = newAdminKey();
        String code = TestApi.freshPrefix();
        key.as().contentType(ContentType.JSON).body(Map.of("name", "n")).patch("/api/v1/units/{code}", code)
                .then().statusCode(404);
        Map<String, Object> event = eventsOf(key.actor()).get(0);
        assertThat(event).containsEntry("action", "unit.patch").containsEntry("outcome", "refused")
                .containsEntry("status", 404);
    }

    // point 5: sign-ins, failed sign-ins and a lock-out, by the login as typed; never the password
    @Test
    void signInsFailedSignInsAndALockOutLeaveRows() {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "审计 " + login,
                "password", PASSWORD, "roles", List.of("analyst"))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        signIn(login, PASSWORD).then().statusCode(201);
        // the test profile locks a login out after 3 failures (application.properties)
        for (int i = 0; i < 3; i++) {
            signIn(login, "not the password " + i).then().statusCode(401);
        }
        signIn(login, PASSWORD).then().statusCode(429);

        List<Map<String, Object>> events = eventsOf("login:" + login);
        assertThat(actions(events)).containsExactly("account.sign-in-locked", "account.sign-in-failed",
                "account.sign-in-failed", "account.sign-in-failed", "account.sign-in");
        assertThat(events.get(0)).containsEntry("outcome", "refused").containsEntry("status", 429);
        assertThat(events.get(1)).containsEntry("outcome", "refused");
        assertThat(events.get(4)).containsEntry("outcome", "ok")
                .containsEntry("target", Map.of("kind", "account", "key", login));
        assertThat(actor(events.get(4))).containsEntry("kind", "login").containsEntry("login", login)
                .containsKey("accountId");
        // the account is named where it is known: its sign-in and its wrong passwords, not the lock-out
        Object accountId = actor(events.get(4)).get("accountId");
        assertThat(accountId).isNotNull();
        assertThat(actions(eventsOf("account:" + accountId))).containsExactly("account.sign-in-failed",
                "account.sign-in-failed", "account.sign-in-failed", "account.sign-in");
        // an unknown login is recorded as typed
        String unknown = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        signIn(unknown, "whatever it is").then().statusCode(401);
        assertThat(actions(eventsOf("login:" + unknown))).containsExactly("account.sign-in-failed");
        String all = asAdmin().queryParam("limit", 500).get("/api/v1/admin/audit").asString();
        assertThat(all).doesNotContain(PASSWORD).doesNotContain("not the password");
    }

    private static Response signIn(String login, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password, "name", "audit test"))
                .post("/api/v1/auth/tokens");
    }

    // point 5: append-only, for the application's own role too
    @Test
    void theApplicationsRoleCanNeitherChangeNorDeleteRows() {
        Key key = newAdminKey();
        unit(key, TestApi.freshPrefix());
        long id = ((Number) eventsOf(key.actor()).get(0).get("id")).longValue();

        for (String sql : List.of("UPDATE audit_event SET action = 'unit.forged' WHERE id = $1",
                "DELETE FROM audit_event WHERE id = $1")) {
            assertThatThrownBy(() -> pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely())
                    .as(sql).hasMessageContaining("audit_event");
        }
        assertThatThrownBy(() -> pool.query("TRUNCATE audit_event").execute().await().indefinitely())
                .hasMessageContaining("audit_event");
        // and the owner meets the trigger unless it sets it aside (the retention procedure)
        assertThatThrownBy(() -> DatabaseOwner.execute("DELETE FROM audit_event WHERE id = " + id))
                .hasMessageContaining("immutable");
        assertThat(eventsOf(key.actor())).singleElement().satisfies(e -> assertThat(e.get("action"))
                .isEqualTo("unit.put"));
    }

    // point 5: filters (actor, action, target, from/to), newest first, cursor paging; bad filters by pointer
    @Test
    void theLogIsFilteredAndPagedNewestFirst() {
        Key key = newAdminKey();
        String a = TestApi.freshPrefix();
        String b = TestApi.freshPrefix();
        unit(key, a);
        unit(key, b);
        key.as().contentType(ContentType.JSON).body(Map.of("name", "n")).patch("/api/v1/units/{code}", a)
                .then().statusCode(200);

        Response first = asAdmin().queryParam("actor", key.actor()).queryParam("limit", 2)
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", notNullValue()).extract().response();
        List<Integer> ids = new ArrayList<>(first.path("items.id"));
        asAdmin().queryParam("actor", key.actor()).queryParam("limit", 2)
                .queryParam("cursor", (String) first.path("nextCursor")).get("/api/v1/admin/audit").then()
                .statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items[0].action", equalTo("unit.put"));
        assertThat(ids.get(0)).isGreaterThan(ids.get(1));

        asAdmin().queryParam("actor", key.actor()).queryParam("action", "unit.patch").get("/api/v1/admin/audit")
                .then().statusCode(200).body("items.target.key", contains(a));
        asAdmin().queryParam("target", "unit:" + b).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items", hasSize(0)); // a PUT of units names its size (batch of 1), not its units
        asAdmin().queryParam("actor", key.actor()).queryParam("target", "unit").get("/api/v1/admin/audit")
                .then().statusCode(200).body("items", hasSize(3));
        asAdmin().queryParam("actor", key.actor()).queryParam("from", "2099-01-01T00:00:00Z")
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(0));
        asAdmin().queryParam("actor", key.actor()).queryParam("to", "2023-01-01T00:00:00Z")
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(0));
        asAdmin().queryParam("actor", key.actor()).queryParam("from", "2023-01-01T00:00:00+08:00")
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(3));

        asAdmin().queryParam("actor", "someone").queryParam("target", "Unit!").queryParam("from", "yesterday")
                .queryParam("cursor", "nonsense").queryParam("limit", 0).header("Accept-Language", "zh-CN")
                .get("/api/v1/admin/audit").then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/limit", "/actor", "/target",
                        "/from", "/cursor"));
    }

    // point 5: administrators only, over REST and GraphQL
    @Test
    void onlyAdministratorsReadTheLog() {
        String agencyKey = TestApi.agency(null);
        given().header("Authorization", "Bearer " + agencyKey).get("/api/v1/admin/audit").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/admin/audit").then().statusCode(401);
        GraphqlCall.bearer(agencyKey, "{ auditEvents { edges { node { action } } } }", Map.of())
                .then().statusCode(200).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    // point 5: GraphQL's auditEvents is a Relay connection over the same rows
    @Test
    void auditEventsIsARelayConnectionOverTheSameRows() {
        Key key = newAdminKey();
        String code = TestApi.freshPrefix();
        unit(key, code);
        key.as().contentType(ContentType.JSON).body(Map.of("name", "n")).patch("/api/v1/units/{code}", code)
                .then().statusCode(200);
        String query = """
                query($actor: String, $after: String) {
                  auditEvents(actor: $actor, first: 1, after: $after) {
                    totalCount
                    edges { cursor node { eventId action outcome via actor { kind keyId } target { kind key } } }
                    pageInfo { hasNextPage endCursor }
                  }
                }""";
        Map<String, Object> variables = new HashMap<>(Map.of("actor", key.actor()));
        Response page = GraphqlCall.bearer(TestApi.adminKey(), query, variables).then().statusCode(200)
                .body("errors", nullValue()).body("data.auditEvents.totalCount", equalTo(2))
                .body("data.auditEvents.edges[0].node.action", equalTo("unit.patch"))
                .body("data.auditEvents.edges[0].node.actor.keyId", equalTo(Long.toString(key.id())))
                .body("data.auditEvents.edges[0].node.target.key", equalTo(code))
                .body("data.auditEvents.pageInfo.hasNextPage", equalTo(true)).extract().response();
        variables.put("after", page.path("data.auditEvents.pageInfo.endCursor"));
        GraphqlCall.bearer(TestApi.adminKey(), query, variables).then().statusCode(200)
                .body("data.auditEvents.edges[0].node.action", equalTo("unit.put"))
                .body("data.auditEvents.pageInfo.hasNextPage", equalTo(false));
    }

    // point 5: 64 writers at once leave 64 rows, and none is answered with a server error
    @Test
    void sixtyFourWritersAtOnceLeaveSixtyFourRows() throws Exception {
        Key key = newAdminKey();
        String prefix = TestApi.freshPrefix();
        List<String> units = TestApi.windows(prefix, 64);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String unit : units) {
            calls.add(() -> key.as().contentType(ContentType.JSON).body(Map.of("name", "窗口 " + unit))
                    .patch("/api/v1/units/{code}", unit).statusCode());
        }
        var answers = AtOnce.run(calls);
        assertThat(answers).allSatisfy(a -> assertThat(a.value()).isEqualTo(200));
        List<Map<String, Object>> events = eventsOf(key.actor());
        assertThat(events).hasSize(64);
        assertThat(events.stream().map(e -> (String) ((Map<?, ?>) e.get("target")).get("key")).distinct())
                .containsExactlyInAnyOrderElementsOf(units);
        assertThat(AtOnce.mostInFlight(answers)).isGreaterThan(1);
    }

    // point 5: the row is part of the write: when it cannot be written, nothing is (both persistence stacks)
    @Test
    void aWriteWhoseAuditRowFailsStoresNothing() {
        Key key = newAdminKey();
        String code = TestApi.freshPrefix();
        String agency = TestApi.freshPrefix();
        unit(key, code);
        key.as().contentType(ContentType.JSON).body(Map.of("code", agency, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201);
        String name = "fault_audit_" + code.toLowerCase(Locale.ROOT);
        DatabaseOwner.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'injected fault for %', NEW.target_key; END $$;"
                + "CREATE TRIGGER " + name + " BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.target_key IN ('"
                + code + "', '" + agency + "')) EXECUTE FUNCTION " + name + "()");
        try {
            key.as().contentType(ContentType.JSON).body(Map.of("name", "不该留下"))
                    .patch("/api/v1/units/{code}", code).then().statusCode(500);
            key.as().contentType(ContentType.JSON).body(Map.of("name", "不该留下"))
                    .patch("/api/v1/agencies/{code}", agency).then().statusCode(500);
        } finally {
            DatabaseOwner.execute("DROP TRIGGER IF EXISTS " + name + " ON audit_event; DROP FUNCTION IF EXISTS "
                    + name + "()");
        }
        asAdmin().get("/api/v1/units/{code}", code).then().statusCode(200).body("name", equalTo("支局 " + code));
        asAdmin().get("/api/v1/agencies/{code}", agency).then().statusCode(200).body("name", equalTo("测评公司"));
        assertThat(actions(eventsOf(key.actor()))).containsExactly("agency.create", "unit.put");
    }

    // point 5: an import's request and its end, by the key that sent the file; the end is the job's own row
    @Test
    void anImportLeavesItsCreateAndItsFinish() throws Exception {
        Key key = newAdminKey();
        String p = TestApi.freshPrefix();
        String w = TestApi.window();
        String csv = "externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,q.efficiency,q.environment,"
                + "q.competence\n" + p + "-1,survey," + w + ",customer-satisfaction-5,2025-10-02T09:30:00+08:00,"
                + "satisfied,N/A,N/A,N/A,N/A\n";
        int id = key.as().contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        // the job runs after the answer; its row is written when it ends
        String status = null;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !"succeeded".equals(status) && !"failed".equals(status)) {
            Thread.sleep(100);
            status = key.as().get("/api/v1/imports/{id}", id).then().statusCode(200).extract().path("status");
        }
        assertThat(status).isEqualTo("succeeded");
        List<Map<String, Object>> events = eventsOf(key.actor());
        assertThat(actions(events)).containsExactly("import.finish", "import.create");
        assertThat(events.get(0)).containsEntry("via", "job").containsEntry("outcome", "ok")
                .containsEntry("target", Map.of("kind", "import", "key", Integer.toString(id)));
        // the request's row names the job it made, by the id its insert gave it
        assertThat(events.get(1)).containsEntry("via", "rest")
                .containsEntry("target", Map.of("kind", "import", "key", Integer.toString(id)));
    }

    // point 5: the report pages' sign-in (by the key, never the key itself) and a failed one
    @Test
    void theReportPagesSignInsLeaveRows() {
        Key key = newAdminKey();
        Response in = reportForm().formParam("key", key.secret()).post("/reports/sign-in");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(eventsOf(key.actor())).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("action", "report.sign-in").containsEntry("via", "page")
                    .containsEntry("outcome", "ok");
            assertThat(actor(e)).containsEntry("kind", "admin-key");
        });

        String wrong = "sgk_not-a-key-" + TestApi.freshPrefix();
        Response failed = reportForm().formParam("key", wrong).post("/reports/sign-in");
        assertThat(failed.statusCode()).isEqualTo(303);
        String requestId = failed.header("X-Request-Id");
        List<Map<String, Object>> refused = asAdmin().queryParam("action", "report.sign-in-failed")
                .queryParam("limit", 500).get("/api/v1/admin/audit").then().statusCode(200).extract().path("items");
        assertThat(refused).filteredOn(e -> requestId.equals(e.get("requestId"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "refused").containsEntry("status", 303));
        assertThat(asAdmin().queryParam("limit", 500).get("/api/v1/admin/audit").asString()).doesNotContain(wrong);
    }

    /** The report sign-in form's post, with the form's own cookie and CSRF token. */
    private static RequestSpecification reportForm() {
        Response form = given().get("/reports/sign-in");
        assertThat(form.statusCode()).isEqualTo(200);
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(form.asString());
        assertThat(csrf.find()).isTrue();
        return given().contentType(ContentType.URLENC)
                .cookie(io.servicegrade.platform.security.ReportSessionStore.FORM_COOKIE,
                        form.cookie(io.servicegrade.platform.security.ReportSessionStore.FORM_COOKIE))
                .formParam("csrf", csrf.group(1)).redirects().follow(false);
    }

    // point 5: an agency's evaluations (create, a refused and an accepted revision, a void) and a person's token
    @Test
    void anAgencysEvaluationsAndAPersonsTokenAreNamedAsTheirActors() {
        String agencyKey = TestApi.agency(null);
        String window = TestApi.window();
        Map<String, Object> survey = new HashMap<>(Map.of("externalId", TestApi.freshPrefix(), "source", "survey",
                "unit", window, "rubric", "customer-satisfaction-5", "conductedAt", "2025-10-15T10:30:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true))));
        RequestSpecification agency = given().header("X-Api-Key", agencyKey).contentType(ContentType.JSON);
        int id = agency.body(Map.of("evaluations", List.of(survey))).post("/api/v1/evaluations").then()
                .statusCode(201).extract().path("evaluations[0].id");
        given().header("X-Api-Key", agencyKey).contentType(ContentType.JSON).body(Map.of("answers", List.of()))
                .post("/api/v1/evaluations/{id}/revisions", id).then().statusCode(422);
        given().header("X-Api-Key", agencyKey).contentType(ContentType.JSON).body(Map.of("reason", "重复 duplicate"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(200);

        List<Map<String, Object>> onIt = asAdmin().queryParam("target", "evaluation:" + id)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().path("items");
        assertThat(actions(onIt)).containsExactly("evaluation.void", "evaluation.revise");
        assertThat(onIt.get(1)).containsEntry("outcome", "refused").containsEntry("status", 422);
        Map<String, Object> agencyActor = actor(onIt.get(0));
        assertThat(agencyActor).containsEntry("kind", "agency-key");
        assertThat(agencyActor.get("agencyId")).isNotNull();
        assertThat(actions(eventsOf("key:" + agencyActor.get("keyId")))).containsExactly("evaluation.void",
                "evaluation.revise", "evaluation.create");

        // a person acting with a personal access token is named by the token and the account
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "管理员 " + login,
                "password", PASSWORD, "roles", List.of("administrator"))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        String token = signIn(login, PASSWORD).then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "n")).patch("/api/v1/units/{code}", window).then().statusCode(200);
        Object accountId = actor(eventsOf("login:" + login).get(0)).get("accountId");
        Map<String, Object> byToken = eventsOf("account:" + accountId).get(0);
        assertThat(byToken).containsEntry("action", "unit.patch")
                .containsEntry("target", Map.of("kind", "unit", "key", window));
        assertThat(actor(byToken)).containsEntry("kind", "token").containsEntry("accountId", accountId);
        assertThat(actor(byToken).get("keyId")).isNotNull();
    }
}
