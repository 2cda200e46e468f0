package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.DemoData;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Single sign-on (issue 16, point 3) through the real server, against {@link TestIdentityProvider}: bearer tokens
 * the provider signed (REST, GraphQL over HTTP and over WebSocket), what its checks refuse, roles and scope from
 * the claims, a linked local account, and the report pages' sign-in by the authorization-code flow.
 */
@QuarkusTest
class OidcSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PROVIDER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Pool pool;

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("servicegrade-test.oidc-provider", String.class);
    }

    /** Claims of a fresh person: a new subject, valid now for five minutes, for this server's audience. */
    private static ObjectNode person(List<String> roles, List<String> units) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer()).put("aud", TestIdentityProvider.CLIENT_ID)
                .put("sub", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 300)
                .put("name", "李四 " + TestApi.freshPrefix());
        roles.forEach(claims.withArray("servicegrade_roles")::add);
        units.forEach(claims.withArray("servicegrade_units")::add);
        return claims;
    }

    /** The claims signed by the provider's key, or by {@code key=stranger}'s, which its JWKS does not hold. */
    static String signed(ObjectNode claims, String key) throws Exception {
        HttpResponse<String> answer = PROVIDER.send(HttpRequest.newBuilder(URI.create(issuer().replace(
                TestIdentityProvider.REALM, "") + "/test/sign" + (key == null ? "" : "?key=" + key)))
                .POST(HttpRequest.BodyPublishers.ofString(claims.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String signed(ObjectNode claims) throws Exception {
        return signed(claims, null);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String updateUnit() {
        return "mutation U($code: String!, $name: String!) { updateUnit(code: $code, input: {name: $name}) "
                + "{ unit { name } } }";
    }

    @Test
    void anAdministratorsProviderTokenWorksOverRestAndGraphqlOverHttpAndWebSocketAndItsWritesNameThePerson() throws Exception {
        String token = signed(person(List.of("administrator"), List.of()));
        String w = TestApi.window();

        // REST: who am I, and an administrator's read
        bearer(token).get("/api/v1/me").then().statusCode(200)
                .body("login", startsWith("oidc-")).body("roles.role", contains("administrator"));
        bearer(token).get("/api/v1/admin/accounts").then().statusCode(200);

        // GraphQL over HTTP: an administrator's mutation
        bearer(token).contentType(ContentType.JSON)
                .body(Map.of("query", updateUnit(), "variables", Map.of("code", w, "name", "by http")))
                .post("/graphql").then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.updateUnit.unit.name", equalTo("by http"));

        // GraphQL over WebSocket: the token in connection_init, where a browser's client puts it
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + token))) {
            socket.send("u", updateUnit(), Map.of("code", w, "name", "by socket"));
            String answer = socket.next();
            assertThat(answer).contains("by socket").doesNotContain("errors");
            // and a subscription on the same socket: its first answer, the standing now
            socket.subscribe("s", "subscription { standingUpdates(scheme: \"" + DemoData.SCHEME + "\", period: \""
                    + DemoData.quarter() + "\", unit: \"" + DemoData.WINDOW + "\") { unit { code } } }");
            String heard = socket.next();
            for (int skipped = 0; skipped < 3 && !heard.contains("\"id\":\"s\""); skipped++) {
                heard = socket.next();
            }
            assertThat(heard).contains("\"id\":\"s\"").contains(DemoData.WINDOW).doesNotContain("errors");
        }
        asAdmin().get("/api/v1/units/{code}", w).then().statusCode(200).body("name", equalTo("by socket"));

        // what the person writes is recorded against their account's single sign-on key row
        String externalId = TestApi.freshPrefix();
        Map<String, Object> survey = Map.of("externalId", externalId, "source", "survey", "unit", w,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-10-15T10:30:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 2)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true)));
        bearer(token).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(survey)))
                .post("/api/v1/evaluations").then().statusCode(201)
                .body("evaluations[0].outcome", equalTo("created"));
        String actor = pool.preparedQuery("SELECT k.prefix || ' ' || a.login FROM evaluation e"
                + " JOIN evaluation_revision r ON r.evaluation_id = e.id JOIN api_key k ON k.id = r.actor_key_id"
                + " JOIN account a ON a.id = k.account_id WHERE e.external_id = $1")
                .execute(Tuple.of(externalId)).await().indefinitely().iterator().next().getString(0);
        assertThat(actor).isEqualTo("oidc " + bearer(token).get("/api/v1/me").then().extract().path("login"));
    }

    @Test
    void aTokenTheProvidersChecksRefuseIs401ProblemJsonAndChangesNothing() throws Exception {
        String w = TestApi.window();
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> refused = new HashMap<>();
        ObjectNode expired = person(List.of("administrator"), List.of());
        expired.put("iat", now - 3600).put("exp", now - 1800);
        refused.put("expired", signed(expired));
        refused.put("signed by another key", signed(person(List.of("administrator"), List.of()), "stranger"));
        refused.put("another issuer", signed(person(List.of("administrator"), List.of())
                .put("iss", "https://idp.elsewhere.example/realms/test")));
        refused.put("another audience", signed(person(List.of("administrator"), List.of()).put("aud", "other-app")));
        String good = signed(person(List.of("administrator"), List.of()));
        String[] parts = good.split("\\.");
        ObjectNode forged = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        forged.put("sub", "someone-else");
        refused.put("payload changed after signing", parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);

        refused.forEach((why, token) -> {
            bearer(token).get("/api/v1/admin/accounts").then().statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401))
                    .body(not(containsString("Exception")));
            bearer(token).contentType(ContentType.JSON)
                    .body(Map.of("query", updateUnit(), "variables", Map.of("code", w, "name", "refused")))
                    .post("/graphql").then().body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        });
        asAdmin().get("/api/v1/units/{code}", w).then().statusCode(200).body("name", not("refused"));
        // the well-signed token of the same shape is taken: what was refused was the check, not the shape
        bearer(good).get("/api/v1/admin/accounts").then().statusCode(200);
    }

    @Test
    void rolesAndScopeComeFromTheClaimsAndFollowThemUnknownOnesAreSkipped() throws Exception {
        List<String> windows = TestApi.windows(TestApi.freshPrefix(), 2);
        ObjectNode claims = person(List.of("manager", "chief-of-everything"), List.of(windows.get(0), "NO.SUCH.UNIT"));
        String token = signed(claims);
        Response me = bearer(token).get("/api/v1/me");
        me.then().statusCode(200).body("roles.role", contains("manager"))
                .body("scope", contains(windows.get(0))).body("displayName", equalTo(claims.path("name").asText()));
        // a manager has no administrator's powers
        bearer(token).get("/api/v1/admin/accounts").then().statusCode(403).contentType("application/problem+json");

        // the provider now says otherwise: the same person, their account follows the new claims
        ObjectNode changed = claims.deepCopy();
        changed.putArray("servicegrade_roles").add("viewer").add("analyst");
        changed.putArray("servicegrade_units").add(windows.get(1));
        bearer(signed(changed)).get("/api/v1/me").then().statusCode(200)
                .body("login", equalTo(me.path("login"))).body("roles.role", contains("viewer", "analyst"))
                .body("scope", contains(windows.get(1)));
    }

    @Test
    void aLocalAccountLinkedByVerifiedEmailKeepsItsOwnRolesAndStaysLinkedBySubject() throws Exception {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT) + "@example.test";
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "王五",
                "password", "correct horse battery", "roles", List.of("analyst")))
                .post("/api/v1/admin/accounts").then().statusCode(201);

        // an e-mail the provider did not verify links nothing: a person of their own is made
        ObjectNode unverified = person(List.of("administrator"), List.of()).put("email", login)
                .put("email_verified", false);
        bearer(signed(unverified)).get("/api/v1/me").then().statusCode(200).body("login", startsWith("oidc-"));

        // verified: the local account, with the roles its administrators gave it (not the claims')
        ObjectNode claims = person(List.of("administrator"), List.of()).put("email", login.toUpperCase(Locale.ROOT))
                .put("email_verified", true);
        String token = signed(claims);
        bearer(token).get("/api/v1/me").then().statusCode(200).body("login", equalTo(login))
                .body("roles.role", contains("analyst"));
        bearer(token).get("/api/v1/admin/accounts").then().statusCode(403);
        Long linked = pool.preparedQuery("SELECT count(*) FROM account WHERE login = $1 AND oidc_subject = $2")
                .execute(Tuple.of(login, claims.path("sub").asText())).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(linked).isEqualTo(1L);

        // later tokens of the subject find the account by the link, whatever their e-mail says now
        ObjectNode renamed = claims.deepCopy().put("email", "someone.else@example.test");
        bearer(signed(renamed)).get("/api/v1/me").then().statusCode(200).body("login", equalTo(login));

        // what the person does is recorded against one key row of the account, which holds no secret
        Long keyRows = pool.preparedQuery("SELECT count(*) FROM api_key k JOIN account a ON a.id = k.account_id "
                + "WHERE a.login = $1 AND k.prefix = 'oidc' AND k.hash = 'oidc:' || a.id")
                .execute(Tuple.of(login)).await().indefinitely().iterator().next().getLong(0);
        assertThat(keyRows).isEqualTo(1L);
        // the single sign-on key row is no personal token: not listed, not revocable as one
        bearer(token).get("/api/v1/me/tokens").then().statusCode(200).body("size()", equalTo(0));
        // a disabled account's provider tokens stop working at once
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        bearer(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theReportPagesSignInWithTheProviderEndsInAReportSession() throws Exception {
        // 1. the sign-in page links to the provider
        given().get("/reports/sign-in?lang=en").then().statusCode(200)
                .body(containsString("href=\"/reports/sign-in/sso\"")).body(containsString("Sign in with Test IdP"));

        Response step = codeFlow(person(List.of("administrator"), List.of()));
        assertThat(step.statusCode()).as(step.asString()).isEqualTo(303);
        assertThat(URI.create(step.getHeader("Location")).getPath()).isEqualTo("/reports");
        String session = step.getCookie("sg_report_session");
        assertThat(session).isNotBlank();
        assertThat(step.getDetailedCookie("sg_report_session").isHttpOnly()).isTrue();

        // 5. the report pages know the person: signed in, with a sign-out form
        given().cookie("sg_report_session", session).get("/reports?lang=en").then().statusCode(200)
                .body(containsString("action=\"/reports/sign-out\""));
        given().get("/reports?lang=en").then().statusCode(200).body(not(containsString("action=\"/reports/sign-out\"")));
    }

    /**
     * The authorization-code flow of a browser, as the person of {@code claims}: the report page's link to the
     * provider, the provider's sign-in, and the return here; answers the server's last answer (the report session's
     * 303, or the sign-in page's when it refused).
     */
    private static Response codeFlow(ObjectNode claims) throws Exception {
        Map<String, String> cookies = new HashMap<>();
        // 2. the link sends the browser to the provider's authorization endpoint
        Response start = given().redirects().follow(false).get("/reports/sign-in/sso");
        assertThat(start.statusCode()).as(start.asString()).isEqualTo(302);
        cookies.putAll(start.getCookies());
        String authorize = start.getHeader("Location");
        assertThat(authorize).startsWith(issuer() + "/protocol/openid-connect/auth");

        // 3. the person signs in at the provider, which sends the browser back with a code
        String personClaims = claims.toString();
        HttpResponse<String> atProvider = PROVIDER.send(HttpRequest.newBuilder(URI.create(authorize + "&person="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(personClaims.getBytes(StandardCharsets.UTF_8))))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPath()).isEqualTo("/reports/sign-in/sso");

        // 4. back here: the code is exchanged, and (perhaps after a redirect that drops it from the address) the
        // report session opens
        Response step = given().redirects().follow(false).cookies(cookies).get(back.getPath() + "?" + back.getRawQuery());
        for (int hops = 0; hops < 3 && step.getHeader("Location") != null
                && step.getHeader("Location").contains("/reports/sign-in/sso"); hops++) {
            cookies.putAll(step.getCookies());
            step = given().redirects().follow(false).cookies(cookies).get(URI.create(step.getHeader("Location"))
                    .getRawPath());
        }
        return step;
    }

    /** The audit row the request answered with {@code requestId} wrote, of {@code action}. */
    private static Map<String, Object> auditRow(String action, String requestId) {
        assertThat(requestId).as("the answer names its audit row").isNotBlank();
        List<Map<String, Object>> rows = asAdmin().queryParam("action", action).queryParam("limit", 500)
                .get("/api/v1/admin/audit").then().statusCode(200).extract().path("items");
        return rows.stream().filter(row -> requestId.equals(row.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " row of request " + requestId));
    }

    // point 5 (audit log): the single sign-on sign-in is recorded as the password sign-in is, done or refused
    @Test
    @SuppressWarnings("unchecked")
    void theReportPagesSignInWithTheProviderIsRecordedDoneOrRefused() throws Exception {
        ObjectNode analyst = person(List.of("analyst"), List.of());
        Response done = codeFlow(analyst);
        assertThat(done.statusCode()).as(done.asString()).isEqualTo(303);
        assertThat(URI.create(done.getHeader("Location")).getPath()).isEqualTo("/reports");
        Map<String, Object> signedIn = auditRow("account.sign-in", done.getHeader("X-Request-Id"));
        assertThat(signedIn).containsEntry("via", "page").containsEntry("outcome", "ok");
        Map<String, Object> actor = (Map<String, Object>) signedIn.get("actor");
        assertThat(actor).containsEntry("kind", "login").containsEntry("login", analyst.get("sub").asText());
        assertThat(actor.get("accountId")).isNotNull();

        // a person the provider knows whose account here is disabled is sent back to the sign-in page, and recorded
        String login = bearer(signed(analyst)).get("/api/v1/me").then().statusCode(200).extract().path("login");
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        ObjectNode nobody = analyst;
        Response refused = codeFlow(nobody);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(303);
        assertThat(refused.getHeader("Location")).contains("/reports/sign-in").contains("failed=1");
        Map<String, Object> failed = auditRow("account.sign-in-failed", refused.getHeader("X-Request-Id"));
        assertThat(failed).containsEntry("via", "page").containsEntry("outcome", "refused")
                .containsEntry("status", 303);
        assertThat((Map<String, Object>) failed.get("actor")).containsEntry("kind", "login")
                .containsEntry("login", nobody.get("sub").asText());
    }

    // issue 16: a provider's token is kept in memory like a key (platform/security/IdentityCache), and forgotten when
    // its account changes: disabling the account refuses the very token on the next request
    @Test
    void aProviderTokenKeptInMemoryStopsAtOnceWhenItsAccountIsDisabled() throws Exception {
        String token = signed(person(List.of("analyst"), List.of()));
        String login = bearer(token).get("/api/v1/me").then().statusCode(200).extract().path("login");
        bearer(token).get("/api/v1/evaluations?first=1").then().statusCode(200);
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        bearer(token).get("/api/v1/evaluations?first=1").then().statusCode(401);
    }
}
