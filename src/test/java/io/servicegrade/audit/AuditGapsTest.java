package io.servicegrade.audit;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.GraphqlCall;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.platform.security.ReportSessionStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit log's gaps closed (issue 16, point 5: who, what, which target, from where, for every write and
 * sign-in): a GraphQL mutation refused with 403 is recorded as REST's is; a report sign-out names who signed out;
 * a person's report-page session is recorded as the account, not as key 0; creates given their key in the body,
 * and batches, name their target; a mutation over a WebSocket has the connection's address.
 */
@QuarkusTest
class AuditGapsTest {

    private static final String PASSWORD = "correct horse battery";

    @TestHTTPResource("/graphql")
    URI graphql;

    /** The audit rows of {@code actor}, newest first. */
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

    /** A new admin key of the test's own: its id and secret. */
    private record Key(long id, String secret) {
        RequestSpecification as() {
            return given().header("Authorization", "Bearer " + secret);
        }
    }

    private static Key newAdminKey() {
        Response made = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "audit gaps"))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().response();
        return new Key(((Number) made.path("id")).longValue(), made.path("key"));
    }

    /** A new account with {@code roles} and the test's password; its login. */
    private static String account(List<String> roles) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "审计 " + login,
                "password", PASSWORD, "roles", roles));
        if (roles.contains("viewer")) {
            body.put("scope", List.of(TestApi.window())); // a viewer reads under a scope
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return login;
    }

    /** The account's personal access token (its sign-in leaves the row that names the account's id). */
    private static String token(String login) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD,
                "name", "audit gaps")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    private static Object accountId(String login) {
        Object id = actor(eventsOf("login:" + login).get(eventsOf("login:" + login).size() - 1)).get("accountId");
        assertThat(id).as("the account's id, from its sign-in's row").isNotNull();
        return id;
    }

    /** The report sign-in form's post, with the form's own cookie and CSRF token. */
    private static RequestSpecification reportForm() {
        Response form = given().get("/reports/sign-in");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.asString());
        assertThat(csrf.find()).isTrue();
        return given().contentType(ContentType.URLENC)
                .cookie(ReportSessionStore.FORM_COOKIE, form.cookie(ReportSessionStore.FORM_COOKIE))
                .formParam("csrf", csrf.group(1)).redirects().follow(false);
    }

    private static String pageSession(String login) {
        return reportForm().formParam("login", login).formParam("password", PASSWORD).post("/reports/sign-in")
                .then().statusCode(303).extract().cookie(ReportSessionStore.COOKIE);
    }

    private static Response signOut(String session) {
        return given().contentType(ContentType.URLENC).cookie(ReportSessionStore.COOKIE, session)
                .formParam("csrf", ReportSessionStore.csrfToken(session)).redirects().follow(false)
                .post("/reports/sign-out");
    }

    // gap 1: a GraphQL mutation refused with 403 to a known caller is recorded as REST's refusal is
    @Test
    void aGraphqlMutationRefusedWith403IsRecordedByWhoWasRefusedAsRestsIs() {
        String login = account(List.of("viewer"));
        String token = token(login);
        Object accountId = accountId(login);
        String window = TestApi.window();

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "不该改")).patch("/api/v1/units/{code}", window).then().statusCode(403);
        GraphqlCall.bearer(token, """
                mutation($code: String!) { updateUnit(code: $code, input: {name: "不该改"}) { unit { name } } }""",
                Map.of("code", window)).then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        // a publisher's mutation, refused to a viewer, under its own action name and REST's target
        given().header("Authorization", "Bearer " + token)
                .post("/api/v1/schemes/{key}/periods/{period}/publish", "no-such-scheme", "2025-Q3")
                .then().statusCode(403);
        GraphqlCall.bearer(token, """
                mutation { publishPeriod(scheme: "no-such-scheme", period: "2025-Q3") { userErrors { pointer } } }""",
                Map.of()).then().statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        List<Map<String, Object>> all = eventsOf("account:" + accountId);
        assertThat(actions(all)).containsExactly("period.publish", "period.publish", "unit.patch", "unit.patch",
                "account.sign-in");
        assertThat(all.get(0)).containsEntry("via", "graphql").containsEntry("outcome", "refused")
                .containsEntry("target", Map.of("kind", "period", "key", "no-such-scheme/2025-Q3"));
        assertThat(all.get(1)).containsEntry("via", "rest").containsEntry("outcome", "refused")
                .containsEntry("target", Map.of("kind", "period", "key", "no-such-scheme/2025-Q3"));
        List<Map<String, Object>> events = all.subList(1, all.size());
        for (int i = 0; i < 3; i++) {
            assertThat(events.get(i)).as(events.get(i).toString()).containsEntry("outcome", "refused")
                    .containsEntry("status", 403);
            assertThat(actor(events.get(i))).containsEntry("kind", "token").containsEntry("accountId", accountId);
        }
        assertThat(events.get(1)).containsEntry("via", "graphql")
                .containsEntry("target", Map.of("kind", "unit", "key", window));
        assertThat(events.get(2)).containsEntry("via", "rest")
                .containsEntry("target", Map.of("kind", "unit", "key", window));
        asAdmin().get("/api/v1/units/{code}", window).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(equalTo("不该改")));
    }

    // gaps 2 and 7: a person's report session signs out and writes as the account, with no key (not key 0)
    @Test
    void aPersonsReportSessionIsRecordedAsTheAccountWhenItWritesAndSignsOut() {
        String login = account(List.of("administrator"));
        String session = pageSession(login);
        Object accountId = accountId(login);

        // a write on the account page: the created account is named by its login, given in the form
        Response list = given().cookie(ReportSessionStore.COOKIE, session).get("/reports/admin/accounts?lang=en");
        assertThat(list.statusCode()).isEqualTo(200);
        String made = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        given().cookie(ReportSessionStore.COOKIE, session)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                .formParam("lang", "en").formParam("csrf", ReportSessionStore.csrfToken(session))
                .formParam("login", made).formParam("displayName", "页面新建").formParam("roles", "viewer")
                .formParam("scope", TestApi.window()).post("/reports/admin/accounts").then().statusCode(200);
        assertThat(signOut(session).statusCode()).isEqualTo(303);

        List<Map<String, Object>> events = eventsOf("account:" + accountId);
        assertThat(actions(events)).containsExactly("report.sign-out", "account.create", "account.sign-in");
        for (Map<String, Object> event : events.subList(0, 2)) {
            assertThat(event).containsEntry("via", "page").containsEntry("outcome", "ok");
            assertThat(actor(event)).containsEntry("kind", "session").containsEntry("accountId", accountId);
            // the session has no key: none is named (it was key 0 before)
            assertThat(actor(event).get("keyId")).isNull();
        }
        assertThat(events.get(1)).containsEntry("target", Map.of("kind", "account", "key", made));
    }

    // gap 2: a session opened with a key signs out as that key
    @Test
    void aKeysReportSessionSignsOutAsTheKey() {
        Key key = newAdminKey();
        String session = reportForm().formParam("key", key.secret()).post("/reports/sign-in").then().statusCode(303)
                .extract().cookie(ReportSessionStore.COOKIE);
        assertThat(signOut(session).statusCode()).isEqualTo(303);
        List<Map<String, Object>> events = eventsOf("key:" + key.id());
        assertThat(actions(events)).containsExactly("report.sign-out", "report.sign-in");
        assertThat(actor(events.get(0))).containsEntry("kind", "admin-key");
    }

    // gap 4: creates given their key in the body name it; a key and an import their new id; batches their size
    @Test
    void createsNameWhatTheyMadeAndBatchesTheirSize() {
        Key key = newAdminKey();
        String agency = TestApi.freshPrefix();
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        String graphqlLogin = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        String a = TestApi.freshPrefix();
        String b = TestApi.freshPrefix();

        key.as().contentType(ContentType.JSON).body(Map.of("code", agency, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201);
        key.as().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "新人",
                "roles", List.of("analyst"))).post("/api/v1/admin/accounts").then().statusCode(201);
        int keyId = key.as().contentType(ContentType.JSON).body(Map.of("name", "made by a key"))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("id");
        key.as().contentType(ContentType.JSON).body(List.of(
                Map.of("code", a, "name", "支局 " + a, "kind", "outlet"),
                Map.of("code", b, "name", "支局 " + b, "kind", "outlet"))).put("/api/v1/units").then()
                .statusCode(200);
        GraphqlCall.bearer(key.secret(), """
                mutation($login: String!) { createAccount(input: {login: $login, displayName: "图形", roles: ["analyst"]})
                  { account { login } userErrors { pointer } } }""", Map.of("login", graphqlLogin))
                .then().statusCode(200).body("data.createAccount.account.login", equalTo(graphqlLogin));
        GraphqlCall.bearer(key.secret(), """
                mutation($code: String!) { upsertUnits(input: [{code: $code, name: "支局", kind: "outlet"}])
                  { userErrors { pointer } } }""", Map.of("code", a)).then().statusCode(200)
                .body("data.upsertUnits.userErrors", org.hamcrest.Matchers.empty());
        String w = TestApi.window();
        String csv = "externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,q.efficiency,q.environment,"
                + "q.competence\n" + a + "-1,survey," + w + ",customer-satisfaction-5,2025-10-02T09:30:00+08:00,"
                + "satisfied,N/A,N/A,N/A,N/A\n";
        int job = key.as().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");

        List<Map<String, Object>> events = eventsOf("key:" + key.id()).stream()
                .filter(e -> !"import.finish".equals(e.get("action"))).toList();
        assertThat(actions(events)).containsExactly("import.create", "unit.put", "account.create", "unit.put",
                "key.create", "account.create", "agency.create");
        assertThat(events.get(0)).containsEntry("target", Map.of("kind", "import", "key", Integer.toString(job)));
        assertThat(events.get(1)).containsEntry("via", "graphql")
                .containsEntry("target", Map.of("kind", "unit", "key", "batch of 1"));
        assertThat(events.get(2)).containsEntry("via", "graphql")
                .containsEntry("target", Map.of("kind", "account", "key", graphqlLogin));
        assertThat(events.get(3)).containsEntry("target", Map.of("kind", "unit", "key", "batch of 2"));
        assertThat(events.get(4)).containsEntry("target", Map.of("kind", "key", "key", Integer.toString(keyId)));
        assertThat(events.get(5)).containsEntry("target", Map.of("kind", "account", "key", login));
        assertThat(events.get(6)).containsEntry("target", Map.of("kind", "agency", "key", agency));
        // each is found by its target
        asAdmin().queryParam("target", "agency:" + agency).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("agency.create"));
    }

    // gap 4: a batch of evaluations names its size, over REST and GraphQL
    @Test
    void aBatchOfEvaluationsNamesItsSize() {
        String login = account(List.of("administrator"));
        String token = token(login);
        Object accountId = accountId(login);
        String w = TestApi.window();
        List<Map<String, Object>> batch = List.of(survey(w), survey(w), survey(w));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("evaluations", batch)).post("/api/v1/evaluations").then().statusCode(201);
        Map<String, Object> event = eventsOf("account:" + accountId).get(0);
        assertThat(event).containsEntry("action", "evaluation.create")
                .containsEntry("target", Map.of("kind", "evaluation", "key", "batch of 3"));
    }

    private static Map<String, Object> survey(String window) {
        return new HashMap<>(Map.of("externalId", TestApi.freshPrefix(), "source", "survey", "unit", window,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-10-15T10:30:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true))));
    }

    // gap 5: a mutation over a WebSocket is recorded with the connection's address, which a client cannot choose
    @Test
    void aMutationOverAWebSocketHasTheConnectionsAddress() throws Exception {
        Key key = newAdminKey();
        String window = TestApi.window();
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql, Map.of("X-ServiceGrade-Peer", "203.0.113.9"),
                Map.of("Authorization", "Bearer " + key.secret()))) {
            socket.send("u", "mutation($code: String!) { updateUnit(code: $code, input: {name: \"套接字\"}) "
                    + "{ unit { name } } }", Map.of("code", window));
            assertThat(socket.next()).contains("套接字").doesNotContain("errors");
        }
        Map<String, Object> event = eventsOf("key:" + key.id()).get(0);
        assertThat(event).containsEntry("action", "unit.patch").containsEntry("via", "graphql")
                .containsEntry("target", Map.of("kind", "unit", "key", window));
        // the tests reach the server over the loopback interface
        assertThat((String) event.get("clientAddress")).isNotNull().isNotEqualTo("203.0.113.9")
                .matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1");
    }
}
