package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * An administrator links an account to a person at the identity provider (issue 16, point 3 and point 6): the
 * account's {@code oidcSubject} set and cleared over REST, GraphQL and the account import, unique (a subject linked
 * to another account is refused, naming the field), audited; a token the provider signed for that subject then acts
 * as the account. And two first requests of one new person at once end at one account and one key row.
 */
@QuarkusTest
class OidcSubjectLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @Inject
    Pool pool;

    /** Claims of the person {@code subject}, valid now for five minutes, asking for the administrator role. */
    private static ObjectNode claims(String subject) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ConfigProvider.getConfig().getValue("servicegrade-test.oidc-provider", String.class))
                .put("aud", TestIdentityProvider.CLIENT_ID).put("sub", subject).put("iat", now).put("exp", now + 300)
                .put("name", "赵六 " + TestApi.freshPrefix());
        claims.withArray("servicegrade_roles").add("administrator");
        return claims;
    }

    private static String tokenOf(String subject) throws Exception {
        return OidcSignInTest.signed(claims(subject), null);
    }

    private static Response me(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/me");
    }

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    private Response create(String login, String subject) {
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "分析员 " + login,
                "password", PASSWORD, "roles", List.of("analyst")));
        body.put("oidcSubject", subject);
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts");
    }

    private Response patch(String login, Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).patch("/api/v1/admin/accounts/{login}", login);
    }

    private long count(String sql, Object... values) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(List.of(values))).await().indefinitely().iterator().next()
                .getLong(0);
    }

    @Test
    void anAccountLinkedOverRestIsWhomTheSubjectsTokenActsAsAndUnlinkingItTakesEffectAtOnce() throws Exception {
        String login = freshLogin();
        String subject = subject();
        create(login, subject).then().statusCode(201).body("account.oidcSubject", equalTo(subject));
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().statusCode(200)
                .body("oidcSubject", equalTo(subject));

        // the provider's token of that subject is the account, with its own roles (not the claims' administrator)
        String token = tokenOf(subject);
        me(token).then().statusCode(200).body("login", equalTo(login)).body("roles.role", contains("analyst"));
        given().header("Authorization", "Bearer " + token).get("/api/v1/admin/accounts").then().statusCode(403);

        // unlinked: the same token is no longer this account (a person of their own is made just in time)
        patch(login, Map.of("displayName", "仍是分析员")).then().statusCode(200)
                .body("oidcSubject", equalTo(subject));
        Map<String, Object> unlink = new HashMap<>();
        unlink.put("oidcSubject", null);
        patch(login, unlink).then().statusCode(200).body("oidcSubject", nullValue());
        me(token).then().statusCode(200).body("login", startsWith("oidc-"));

        // linked again to another account: the next token of the subject is that account
        String other = freshLogin();
        create(other, null).then().statusCode(201).body("account.oidcSubject", nullValue());
        String second = subject();
        patch(other, Map.of("oidcSubject", second)).then().statusCode(200).body("oidcSubject", equalTo(second));
        me(tokenOf(second)).then().statusCode(200).body("login", equalTo(other));

        // each change is in the audit log, as the other account changes are
        asAdmin().queryParam("action", "account.change").queryParam("target", "account:" + other)
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(1));
        asAdmin().queryParam("action", "account.change").queryParam("target", "account:" + login)
                .get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void aSubjectLinkedToAnotherAccountIs422AtOidcSubjectAndChangesNothing() {
        String taken = subject();
        String first = freshLogin();
        create(first, taken).then().statusCode(201);

        // create: refused, nothing made
        String second = freshLogin();
        create(second, taken).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", contains("/oidcSubject"));
        asAdmin().get("/api/v1/admin/accounts/{login}", second).then().statusCode(404);

        // change: refused, the account keeps what it had (its name too)
        create(second, null).then().statusCode(201);
        patch(second, Map.of("oidcSubject", taken, "displayName", "改名")).then().statusCode(422)
                .body("errors.pointer", contains("/oidcSubject"));
        asAdmin().get("/api/v1/admin/accounts/{login}", second).then().body("oidcSubject", nullValue())
                .body("displayName", equalTo("分析员 " + second));
        // setting an account's own subject again is no conflict
        patch(first, Map.of("oidcSubject", taken)).then().statusCode(200).body("oidcSubject", equalTo(taken));

        // not a subject: named, nothing changed
        patch(second, Map.of("oidcSubject", "x".repeat(256))).then().statusCode(422)
                .body("errors.pointer", contains("/oidcSubject"));
        patch(second, Map.of("oidcSubject", 42)).then().statusCode(422)
                .body("errors.pointer", contains("/oidcSubject"));
        patch(second, Map.of("oidcSubject", "  ")).then().statusCode(422)
                .body("errors.pointer", contains("/oidcSubject"));
        asAdmin().get("/api/v1/admin/accounts/{login}", second).then().body("oidcSubject", nullValue());
    }

    @Test
    void graphqlSetsShowsAndClearsTheSubjectWithRestsPointerWhenItIsTaken() throws Exception {
        String create = """
                mutation Create($input: CreateAccountInput!) {
                  createAccount(input: $input) { account { login oidcSubject } userErrors { pointer code } }
                }""";
        String update = """
                mutation Update($login: String!, $input: AccountPatchInput!) {
                  updateAccount(login: $login, input: $input) {
                    account { login oidcSubject } userErrors { pointer code }
                  }
                }""";
        String login = freshLogin();
        String subject = subject();
        GraphqlCall.bearer(TestApi.adminKey(), create, Map.of("input", Map.of("login", login, "displayName", "甲",
                "roles", List.of("analyst"), "oidcSubject", subject))).then().statusCode(200)
                .body("errors", nullValue()).body("data.createAccount.userErrors", hasSize(0))
                .body("data.createAccount.account.oidcSubject", equalTo(subject));
        asAdmin().contentType(ContentType.JSON).body(Map.of("query", "{ account(login: \"" + login
                + "\") { oidcSubject } }")).post("/graphql").then().body("data.account.oidcSubject", equalTo(subject));
        me(tokenOf(subject)).then().statusCode(200).body("login", equalTo(login));

        // taken by that account: another is refused at REST's pointer, and nothing is made
        String other = freshLogin();
        GraphqlCall.bearer(TestApi.adminKey(), create, Map.of("input", Map.of("login", other, "displayName", "乙",
                "roles", List.of("analyst"), "oidcSubject", subject))).then().statusCode(200)
                .body("data.createAccount.account", nullValue())
                .body("data.createAccount.userErrors.pointer", contains("/oidcSubject"))
                .body("data.createAccount.userErrors.code", contains("BAD_USER_INPUT"));
        asAdmin().get("/api/v1/admin/accounts/{login}", other).then().statusCode(404);

        // cleared with null
        Map<String, Object> input = new HashMap<>();
        input.put("oidcSubject", null);
        GraphqlCall.bearer(TestApi.adminKey(), update, Map.of("login", login, "input", input)).then()
                .statusCode(200).body("data.updateAccount.userErrors", hasSize(0))
                .body("data.updateAccount.account.oidcSubject", nullValue());
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().body("oidcSubject", nullValue());
    }

    @Test
    void theImportLinksAccountsByAnOptionalColumnAndNamesARepeatedOrTakenSubjectAtItsRow() throws Exception {
        String p = freshLogin();
        String taken = subject();
        create(p + "-t", taken).then().statusCode(201);
        String a = subject();
        String bad = "login,displayName,roles,oidcSubject,password\n"
                + p + "-a,甲,analyst," + a + "," + PASSWORD + "\n"       // row 2: fine, yet not stored
                + p + "-b,乙,analyst," + a + "," + PASSWORD + "\n"       // row 3: repeats row 2's subject
                + p + "-c,丙,analyst," + taken + "," + PASSWORD + "\n";  // row 4: linked to another account
        asAdmin().contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/accounts/import").then().statusCode(422)
                .body("errors.pointer", contains("/3/oidcSubject", "/4/oidcSubject"));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-a").then().statusCode(404);

        String good = "login,displayName,roles,单点登录标识,password\n"
                + p + "-a,甲,analyst," + a + "," + PASSWORD + "\n"
                + p + "-b,乙,analyst,," + PASSWORD + "\n";
        io.restassured.path.json.JsonPath job = io.servicegrade.account.AccountImportTest.finished(asAdmin()
                .contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/accounts/import"));
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getInt("created")).isEqualTo(2);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-a").then().body("oidcSubject", equalTo(a));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-b").then().body("oidcSubject", nullValue());
        me(tokenOf(a)).then().statusCode(200).body("login", equalTo(p + "-a"));
    }

    @Test
    void twoFirstRequestsOfOneNewPersonAtOnceEndAtOneAccountAndOneKeyRow() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            firstRequestsAtOnce(threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private void firstRequestsAtOnce(ExecutorService threads) throws Exception {
        for (int round = 0; round < 3; round++) {
            String subject = subject();
            String token = tokenOf(subject);
            int requests = 6;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return me(token);
                }, threads));
            }
            start.countDown();
            List<String> logins = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                logins.add(response.path("login"));
            }
            assertThat(logins).as("every request is the one account").containsOnly(logins.get(0));
            assertThat(count("SELECT count(*) FROM account WHERE oidc_subject = $1", subject)).isEqualTo(1L);
            assertThat(count("SELECT count(*) FROM api_key k JOIN account a ON a.id = k.account_id "
                    + "WHERE a.oidc_subject = $1 AND k.prefix = 'oidc'", subject)).isEqualTo(1L);
        }
    }
}
