package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** People's accounts and their personal access tokens over the API (issue 16, first slice). */
@QuarkusTest
class AccountsTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    Pool pool;

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    /** A new account with the given roles and scope and the test password; answers its login. */
    private static String account(List<String> roles, List<String> scope) {
        String login = freshLogin();
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "张三 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201)
                .body("account.login", equalTo(login)).body("password", nullValue());
        return login;
    }

    private static Response signIn(String login, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password, "name", "test client"))
                .post("/api/v1/auth/tokens");
    }

    private static String token(String login) {
        return signIn(login, PASSWORD).then().statusCode(201).body("token", startsWith("sgp_")).extract()
                .path("token");
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    // point 3: the first administrator
    @Test
    void theFirstAdministratorsPasswordIsWrittenForItsOwnerOnlyAndActsAsTheAdminKey() throws Exception {
        var file = TestApi.DATA_DIR.resolve(AccountBootstrap.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        String token = signIn("admin", password).then().statusCode(201).extract().path("token");

        as(token).get("/api/v1/me").then().statusCode(200).body("login", equalTo("admin"))
                .body("roles.role", contains("administrator"));
        // an administrator's token does what the admin key does: make an account, and a unit
        String login = freshLogin();
        as(token).contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "x",
                "roles", List.of("analyst"))).post("/api/v1/admin/accounts").then().statusCode(201)
                .body("password", notNullValue());
        as(token).contentType(ContentType.JSON).body(List.of(Map.of("code", TestApi.freshPrefix(), "name", "n",
                "kind", "region"))).put("/api/v1/units").then().statusCode(200);
    }

    // points 1 and 4: who am I, roles named in the request's language, scope by unit code
    @Test
    void meNamesTheRolesInTheRequestsLanguageAndTheScopeByUnitCode() {
        String outlet = TestApi.freshPrefix();
        TestApi.windows(outlet, 1);
        String login = account(List.of("manager", "viewer"), List.of(outlet));
        String token = token(login);

        as(token).header("Accept-Language", "zh-CN").get("/api/v1/me").then().statusCode(200)
                .body("login", equalTo(login)).body("displayName", equalTo("张三 " + login))
                .body("roles.role", contains("manager", "viewer"))
                .body("roles.name", contains("营业主管", "查看者"))
                .body("scope", contains(outlet));
        as(token).header("Accept-Language", "en").get("/api/v1/me").then().statusCode(200)
                .body("roles.name", contains("Manager", "Viewer"))
                .body("roles.description", everyItem(notNullValue()));
    }

    // point 4: one answer for an unknown login and a wrong password
    @Test
    void anUnknownLoginAndAWrongPasswordGetTheSameAnswer() {
        String login = account(List.of("analyst"), List.of());
        Response wrong = signIn(login, "not the password at all");
        Response unknown = signIn(freshLogin(), "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        for (String member : List.of("type", "title", "detail", "status")) {
            assertThat(unknown.<Object>path(member)).as(member).isEqualTo(wrong.<Object>path(member));
        }
        assertThat(unknown.<Object>path("errors")).isEqualTo(wrong.<Object>path("errors"));
    }

    // point 4: lock-out after repeated failures (test settings: 3 within 3 s), then sign-in after the window
    @Test
    void aLoginIsLockedOutAfterRepeatedFailuresUntilTheWindowPasses() throws Exception {
        String login = account(List.of("analyst"), List.of());
        for (int i = 0; i < 3; i++) {
            signIn(login, "wrong password " + i).then().statusCode(401);
        }
        Response locked = signIn(login, PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:servicegrade:problem:locked-out"));
        int retryAfter = Integer.parseInt(locked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 3);
        // another login is not locked by this one's failures
        String other = account(List.of("analyst"), List.of());
        token(other);

        Thread.sleep(retryAfter * 1000L + 500);
        token(login);
    }

    // point 4: tokens listed without secrets, revoked, expired
    @Test
    void myTokensAreListedWithoutSecretsAndStopWorkingWhenRevokedOrExpired() {
        String login = account(List.of("viewer"), List.of(TestApi.window()));
        String first = token(login);
        String second = token(login);
        var listed = as(first).get("/api/v1/me/tokens").then().statusCode(200)
                .body("name", everyItem(equalTo("test client"))).body("token", everyItem(nullValue()))
                .body("expiresAt", everyItem(notNullValue())).extract();
        assertThat(listed.body().asString()).doesNotContain(first).doesNotContain(second);
        List<Integer> ids = listed.path("id");
        assertThat(ids).hasSize(2);
        int secondId = ids.get(0); // newest first
        // the token that listed them was just used: its use is noted
        as(first).get("/api/v1/me/tokens").then().body("find { it.id == " + ids.get(1) + " }.lastUsedAt",
                notNullValue());

        as(first).delete("/api/v1/me/tokens/{id}", secondId).then().statusCode(200)
                .body("revokedAt", notNullValue());
        as(second).get("/api/v1/me").then().statusCode(401);
        as(first).get("/api/v1/me/tokens").then().body("id", not(hasItem(secondId)));
        // another account's token cannot be revoked, nor seen to exist
        String stranger = token(account(List.of("analyst"), List.of()));
        as(stranger).delete("/api/v1/me/tokens/{id}", ids.get(1)).then().statusCode(404);
        as(first).get("/api/v1/me").then().statusCode(200);

        // expired in the database (as an operator, or another instance, would): announced at commit (V66), so the
        // answer this instance keeps in memory is forgotten as soon as the notification arrives
        pool.preparedQuery("UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of((long) ids.get(1))).await().indefinitely();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = as(first).get("/api/v1/me").statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    // points 5 and 6: a disabled account's tokens stop working; it cannot sign in until enabled again
    @Test
    void aDisabledAccountsTokensStopWorking() {
        String login = account(List.of("administrator"), List.of());
        String token = token(login);
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200).body("disabled", equalTo(true));
        as(token).get("/api/v1/admin/accounts").then().statusCode(401);
        signIn(login, PASSWORD).then().statusCode(401);

        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", false))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        as(token(login)).get("/api/v1/admin/accounts").then().statusCode(200);
    }

    // point 5: an account without the administrator role gains none of the admin's powers; what its roles allow
    // otherwise (issue 16: scope) is ScopeAccessTest's
    @Test
    void anAccountWithoutTheAdministratorRoleIsRefusedWritesAndAgencyPowers() {
        String token = token(account(List.of("manager", "inspector"), List.of(TestApi.window())));
        as(token).contentType(ContentType.JSON).body(Map.of("name", "k")).post("/api/v1/admin/keys")
                .then().statusCode(403).contentType("application/problem+json");
        as(token).get("/api/v1/admin/accounts").then().statusCode(403);
        as(token).contentType(ContentType.JSON).body(List.of(Map.of("code", TestApi.freshPrefix(), "name", "n",
                "kind", "region"))).put("/api/v1/units").then().statusCode(403);
        String viewer = token(account(List.of("viewer"), List.of(TestApi.window())));
        as(viewer).contentType(ContentType.JSON).body(Map.of("evaluations", List.of()))
                .post("/api/v1/evaluations").then().statusCode(403);
        as(viewer).get("/api/v1/evaluations").then().statusCode(403);
        // what anyone may read, it may read too
        as(token).get("/api/v1/units").then().statusCode(200);
        // an API key is not an account
        asAdmin().get("/api/v1/me").then().statusCode(403);
    }

    // point 6: administration; every bad field by pointer, in both languages, and nothing stored
    @Test
    void badAccountFieldsAreNamedByPointerInBothLanguagesAndNothingIsStored() {
        String login = freshLogin();
        Map<String, Object> bad = Map.of("login", login, "displayName", "x", "password", "short",
                "roles", List.of("analyst", "pope", "analyst"), "scope", List.of("X"), "extra", 1);
        asAdmin().header("Accept-Language", "zh-CN").contentType(ContentType.JSON).body(bad)
                .post("/api/v1/admin/accounts").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/password", "/roles/1", "/roles/2", "/extra"))
                .body("errors.find { it.pointer == '/password' }.message", equalTo("至少须有 10 个字符"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "x",
                "roles", List.of("analyst"), "scope", List.of("X"))).post("/api/v1/admin/accounts")
                .then().statusCode(422).body("errors.pointer", contains("/scope"));
        asAdmin().header("Accept-Language", "en").contentType(ContentType.JSON).body(Map.of("login", login,
                "displayName", "x", "roles", List.of("viewer"), "scope", List.of(TestApi.freshPrefix())))
                .post("/api/v1/admin/accounts").then().statusCode(422).body("errors.pointer", contains("/scope/0"))
                .body("errors[0].message", startsWith("there is no unit"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", "-bad", "displayName", "x",
                "roles", List.of("viewer"))).post("/api/v1/admin/accounts").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/login", "/scope"));
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().statusCode(404);

        // a refused change changes nothing
        String kept = account(List.of("viewer"), List.of(TestApi.window()));
        asAdmin().contentType(ContentType.JSON).body(Map.of("displayName", "new", "roles", List.of("analyst")))
                .patch("/api/v1/admin/accounts/{login}", kept).then().statusCode(422)
                .body("errors.pointer", contains("/scope"));
        asAdmin().get("/api/v1/admin/accounts/{login}", kept).then().statusCode(200)
                .body("displayName", equalTo("张三 " + kept)).body("roles", contains("viewer"));
    }

    // point 2: an over-long password is refused before it is hashed
    @Test
    void aPasswordOverAKibibyteIsRefusedByPointer() {
        String longPassword = "密".repeat(342); // 1,026 bytes in UTF-8
        signIn(freshLogin(), longPassword).then().statusCode(422).body("errors.pointer", contains("/password"));
        given().contentType(ContentType.JSON).body(Map.of("login", freshLogin(), "password", PASSWORD, "name", "n",
                "expiresInDays", 366)).post("/api/v1/auth/tokens").then().statusCode(422)
                .body("errors.pointer", contains("/expiresInDays"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", freshLogin(), "displayName", "x",
                "password", longPassword, "roles", List.of("analyst"))).post("/api/v1/admin/accounts")
                .then().statusCode(422).body("errors.pointer", contains("/password"));
    }

    // points 1 and 6: logins ignore case; change, list, reset a password
    @Test
    void loginsIgnoreCaseAndAPasswordResetReplacesTheOldOne() {
        String login = freshLogin();
        String mixed = login.toUpperCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", mixed, "displayName", "x",
                "password", PASSWORD, "roles", List.of("analyst"))).post("/api/v1/admin/accounts")
                .then().statusCode(201).body("account.login", equalTo(login));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "y",
                "roles", List.of("analyst"))).post("/api/v1/admin/accounts")
                .then().statusCode(422).body("errors.pointer", contains("/login"));
        token(mixed);
        asAdmin().get("/api/v1/admin/accounts").then().statusCode(200).body("login", hasItem(login));

        String reset = asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/accounts/{login}/password", mixed).then().statusCode(200)
                .extract().path("password");
        assertThat(reset).hasSizeGreaterThanOrEqualTo(20);
        signIn(login, PASSWORD).then().statusCode(401);
        signIn(login, reset).then().statusCode(201);

        String outlet = TestApi.freshPrefix();
        TestApi.windows(outlet, 1);
        asAdmin().contentType(ContentType.JSON).body(Map.of("displayName", "Li Si", "roles", List.of("inspector"),
                "scope", List.of(outlet))).patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200)
                .body("displayName", equalTo("Li Si")).body("roles", contains("inspector"))
                .body("scope", contains(outlet));
    }

    // point 2: sign-ins at once are all answered, none fails
    @Test
    void sixtyFourSignInsAtOnceAreAllAnsweredNeverWithAServerError() throws Exception {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            logins.add(account(List.of("analyst"), List.of()));
        }
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < logins.size(); i++) {
            String login = logins.get(i);
            String password = i % 2 == 0 ? PASSWORD : "a wrong password";
            calls.add(() -> signIn(login, password));
        }
        var answers = AtOnce.run(calls);
        int signedIn = 0;
        for (var answer : answers) {
            Response response = answer.value();
            assertThat(response.statusCode()).as(response.body().asString()).isIn(201, 401, 503);
            if (response.statusCode() == 503) {
                assertThat(response.header("Retry-After")).isNotNull();
            }
            if (response.statusCode() == 201) {
                signedIn++;
            }
        }
        assertThat(signedIn).isPositive();
        assertThat(AtOnce.mostInFlight(answers)).isGreaterThan(1);
    }

    // point 5: a token is accepted wherever a key is, GraphQL included; without the administrator role it is refused
    @Test
    void anAdministratorsTokenWorksOverGraphQLAndAnotherRolesIsRefused() {
        String mutation = """
                mutation Key($name: String!) { createApiKey(name: $name) { key { id secret } userErrors { pointer } } }""";
        Map<String, Object> request = Map.of("query", mutation, "variables", Map.of("name", "made by a person"));
        String admin = token(account(List.of("administrator"), List.of()));
        as(admin).contentType(ContentType.JSON).body(request).post("/graphql").then().statusCode(200)
                .body("errors", nullValue()).body("data.createApiKey.key.secret", startsWith("sg_"));
        String viewer = token(account(List.of("viewer"), List.of(TestApi.window())));
        as(viewer).contentType(ContentType.JSON).body(request).post("/graphql").then().statusCode(200)
                .body("data.createApiKey", nullValue()).body("errors[0].message", containsString("admin"));
    }

    // point 1: a scope names units by id, so it follows a unit that moves to another parent
    @Test
    void aScopeFollowsItsUnitWhenTheUnitMoves() {
        String prefix = TestApi.freshPrefix();
        String first = prefix + "-A";
        String second = prefix + "-B";
        String outlet = prefix + "-O";
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", first, "name", "甲", "kind", "branch"),
                Map.of("code", second, "name", "乙", "kind", "branch"),
                Map.of("code", outlet, "name", "网点", "kind", "outlet", "parent", first)))
                .put("/api/v1/units").then().statusCode(200);
        String login = account(List.of("manager"), List.of(outlet));
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", outlet, "name", "网点", "kind", "outlet",
                "parent", second))).put("/api/v1/units").then().statusCode(200);
        asAdmin().get("/api/v1/units/{code}", outlet).then().statusCode(200).body("parent", equalTo(second));
        as(token(login)).get("/api/v1/me").then().statusCode(200).body("scope", contains(outlet));
    }
}
