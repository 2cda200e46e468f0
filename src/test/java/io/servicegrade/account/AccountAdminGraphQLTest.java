package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Account administration over GraphQL (issue 16, point 6): the twins of the admin REST calls, with REST's pointers
 * in userErrors, a Relay connection of accounts for administrators only, Node ids, and a person's own account and
 * tokens through {@code me}, {@code createToken} and {@code revokeToken}.
 */
@QuarkusTest
class AccountAdminGraphQLTest {

    private static final String PASSWORD = "correct horse battery";

    static final String CREATE = """
            mutation Create($input: CreateAccountInput!) {
              createAccount(input: $input) {
                account { id login displayName roles { key name } scope disabled }
                password
                userErrors { pointer code message problemType }
              }
            }""";

    static final String UPDATE = """
            mutation Update($login: String!, $input: AccountPatchInput!) {
              updateAccount(login: $login, input: $input) {
                account { login displayName roles { key } scope disabled }
                userErrors { pointer code }
              }
            }""";

    static final String RESET = """
            mutation Reset($login: String!) {
              resetPassword(login: $login) { account { login } password userErrors { pointer code } }
            }""";

    static final String ACCOUNTS = """
            query Accounts($first: Int, $after: String) {
              accounts(first: $first, after: $after) {
                edges { cursor node { id login } }
                pageInfo { hasNextPage hasPreviousPage endCursor }
                totalCount
              }
            }""";

    static final String ME = """
            query { me { login displayName roles { key name description } scope tokens { id name prefix } } }""";

    static final String CREATE_TOKEN = """
            mutation Token($name: String!, $days: Int) {
              createToken(name: $name, expiresInDays: $days) {
                token { id name prefix expiresAt secret } userErrors { pointer code }
              }
            }""";

    static final String REVOKE_TOKEN = """
            mutation Revoke($id: ID!) { revokeToken(id: $id) { token { id revokedAt } userErrors { code } } }""";

    private static Response graphql(String key, String query, Map<String, Object> variables) {
        return GraphqlCall.bearer(key, query, variables);
    }

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    private static String tokenOf(String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password,
                "name", "test")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    private static String analyst() {
        String login = freshLogin();
        graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("login", login, "displayName", "分析员 " + login,
                "roles", List.of("analyst"), "password", PASSWORD))).then().statusCode(200)
                .body("data.createAccount.userErrors", hasSize(0));
        return login;
    }

    @Test
    void anAdministratorCreatesChangesAndResetsAccountsAsOverRestWithRestsPointers() {
        String login = freshLogin();
        String unit = TestApi.window();
        JsonPath made = graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("login", login.toUpperCase(
                Locale.ROOT), "displayName", "营业主管 王", "roles", List.of("manager"), "scope", List.of(unit))))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.createAccount.userErrors", hasSize(0))
                .body("data.createAccount.account.login", equalTo(login))
                .body("data.createAccount.account.roles.key", contains("manager"))
                .body("data.createAccount.account.roles.name", contains("Manager"))
                .body("data.createAccount.account.scope", contains(unit))
                .body("data.createAccount.password", notNullValue()).extract().jsonPath();
        // the generated password signs in, and the account is the one REST shows
        String generated = made.getString("data.createAccount.password");
        String token = tokenOf(login, generated);
        TestApi.asAdmin().get("/api/v1/admin/accounts/{login}", login).then().statusCode(200)
                .body("displayName", equalTo("营业主管 王")).body("scope", contains(unit));

        // refusals name every bad field by REST's pointer; nothing is stored
        String other = freshLogin();
        Map<String, Object> bad = new HashMap<>(Map.of("login", other, "displayName", "x",
                "roles", List.of("analyst", "king", "analyst"), "scope", List.of(unit), "password", "short"));
        graphql(TestApi.adminKey(), CREATE, Map.of("input", bad)).then().statusCode(200)
                .body("data.createAccount.account", nullValue())
                .body("data.createAccount.userErrors.pointer",
                        containsInAnyOrder("/password", "/roles/1", "/roles/2"))
                .body("data.createAccount.userErrors.code", org.hamcrest.Matchers.everyItem(
                        equalTo("BAD_USER_INPUT")));
        TestApi.asAdmin().get("/api/v1/admin/accounts/{login}", other).then().statusCode(404);
        graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("login", login, "displayName", "again",
                "roles", List.of("analyst")))).then()
                .body("data.createAccount.userErrors.pointer", contains("/login"));

        // a change: only what is given; a scope without a scoped role is refused at /scope
        graphql(TestApi.adminKey(), UPDATE, Map.of("login", login, "input", Map.of("roles", List.of("analyst"))))
                .then().body("data.updateAccount.userErrors.pointer", contains("/scope"));
        graphql(TestApi.adminKey(), UPDATE, Map.of("login", login, "input", Map.of("roles", List.of("analyst"),
                "scope", List.of(), "displayName", "分析员 王"))).then().body("errors", nullValue())
                .body("data.updateAccount.userErrors", hasSize(0))
                .body("data.updateAccount.account.roles.key", contains("analyst"))
                .body("data.updateAccount.account.scope", hasSize(0))
                .body("data.updateAccount.account.displayName", equalTo("分析员 王"));
        graphql(TestApi.adminKey(), UPDATE, Map.of("login", "nobody-" + login, "input", Map.of("disabled", true)))
                .then().body("errors[0].extensions.code", equalTo("NOT_FOUND"));

        // a reset answers the new password once and revokes the tokens of the old one
        String reset = graphql(TestApi.adminKey(), RESET, Map.of("login", login)).then()
                .body("data.resetPassword.userErrors", hasSize(0)).extract().path("data.resetPassword.password");
        assertThat(reset).isNotEqualTo(generated).hasSizeGreaterThanOrEqualTo(10);
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
        tokenOf(login, reset);

        // disabling: the account's tokens stop working
        String fresh = tokenOf(login, reset);
        graphql(TestApi.adminKey(), UPDATE, Map.of("login", login, "input", Map.of("disabled", true))).then()
                .body("data.updateAccount.account.disabled", equalTo(true));
        given().header("Authorization", "Bearer " + fresh).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void accountsIsARelayConnectionInLoginOrderForAdministratorsOnly() {
        String prefix = freshLogin();
        List<String> mine = new ArrayList<>();
        for (String suffix : List.of("c", "a", "b")) {
            String login = prefix + "-" + suffix;
            graphql(TestApi.adminKey(), CREATE, Map.of("input", Map.of("login", login, "displayName", login,
                    "roles", List.of("analyst")))).then().body("data.createAccount.userErrors", hasSize(0));
            mine.add(login);
        }
        // every page in turn, two at a time at first: logins strictly ascending, ours among them in order
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        int total = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", pages == 0 ? 2 : 500);
            variables.put("after", after);
            JsonPath page = graphql(TestApi.adminKey(), ACCOUNTS, variables).then().statusCode(200)
                    .body("errors", nullValue()).extract().jsonPath();
            seen.addAll(page.getList("data.accounts.edges.node.login"));
            total = page.getInt("data.accounts.totalCount");
            assertThat(page.getBoolean("data.accounts.pageInfo.hasPreviousPage")).isEqualTo(pages > 0);
            more = page.getBoolean("data.accounts.pageInfo.hasNextPage");
            after = page.getString("data.accounts.pageInfo.endCursor");
            pages++;
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates()
                .containsSubsequence(prefix + "-a", prefix + "-b", prefix + "-c");
        assertThat(pages).isGreaterThan(1);
        assertThat(total).as("totalCount counts every page's accounts").isEqualTo(seen.size());

        // the global id fetches the account again, for an administrator only
        JsonPath one = graphql(TestApi.adminKey(), "query($l: String!) { account(login: $l) { id login } }",
                Map.of("l", prefix.toUpperCase(Locale.ROOT) + "-A")).then().body("errors", nullValue()).extract()
                .jsonPath();
        String id = one.getString("data.account.id");
        graphql(TestApi.adminKey(), "query($id: ID!) { node(id: $id) { ... on Account { login } } }",
                Map.of("id", id)).then().body("data.node.login", equalTo(prefix + "-a"));
        graphql(TestApi.adminKey(), "query { account(login: \"nobody-here\") { login } }", Map.of()).then()
                .body("errors", nullValue()).body("data.account", nullValue());

        // not an administrator: refused (FORBIDDEN), no key: UNAUTHENTICATED; node(id:) answers null
        String analystToken = tokenOf(analyst(), PASSWORD);
        graphql(analystToken, ACCOUNTS, Map.of()).then().body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        graphql(analystToken, CREATE, Map.of("input", Map.of("login", freshLogin(), "displayName", "x",
                "roles", List.of("administrator")))).then().body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        graphql(null, ACCOUNTS, Map.of()).then().body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        graphql(analystToken, "query($id: ID!) { node(id: $id) { id } }", Map.of("id", id)).then()
                .body("data.node", nullValue());
    }

    @Test
    void aPersonReadsTheirOwnAccountAndMakesAndRevokesTheirOwnTokens() {
        String login = analyst();
        String token = tokenOf(login, PASSWORD);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .header("Accept-Language", "zh-CN,zh;q=0.9").body(Map.of("query", ME)).post("/graphql").then()
                .body("errors", nullValue()).body("data.me.login", equalTo(login))
                .body("data.me.roles.key", contains("analyst")).body("data.me.roles.name", contains("分析员"))
                .body("data.me.tokens", hasSize(1));
        // an API key is no person
        graphql(TestApi.adminKey(), ME, Map.of()).then().body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        JsonPath made = graphql(token, CREATE_TOKEN, Map.of("name", "手机 phone", "days", 7)).then()
                .body("errors", nullValue()).body("data.createToken.userErrors", hasSize(0))
                .body("data.createToken.token.secret", notNullValue()).extract().jsonPath();
        String second = made.getString("data.createToken.token.secret");
        String secondId = made.getString("data.createToken.token.id");
        given().header("Authorization", "Bearer " + second).get("/api/v1/me").then().statusCode(200)
                .body("login", equalTo(login));
        graphql(token, CREATE_TOKEN, Map.of("name", "too long", "days", 100000)).then()
                .body("data.createToken.userErrors.pointer", contains("/expiresInDays"));

        // another person cannot revoke it
        String otherToken = tokenOf(analyst(), PASSWORD);
        graphql(otherToken, REVOKE_TOKEN, Map.of("id", secondId)).then()
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        given().header("Authorization", "Bearer " + second).get("/api/v1/me").then().statusCode(200);

        graphql(token, REVOKE_TOKEN, Map.of("id", secondId)).then().body("data.revokeToken.token.revokedAt",
                notNullValue());
        given().header("Authorization", "Bearer " + second).get("/api/v1/me").then().statusCode(401);
    }
}
