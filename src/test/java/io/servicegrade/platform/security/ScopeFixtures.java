package io.servicegrade.platform.security;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/** What the scope tests (issue 16) build through the real API: accounts, their tokens, units, report sessions. */
final class ScopeFixtures {

    static final String PASSWORD = "correct horse battery";
    /** When every evaluation here was conducted: a fixed past date, in the 2023-Q2 period of the test scheme. */
    static final String AT = "2023-05-10T10:00:00+08:00";

    private ScopeFixtures() {
    }

    /** A new account with these roles, scope (unit codes) and other fields; answers its login. */
    static String account(List<String> roles, List<String> scope, Map<String, Object> extra) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "测试 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        body.putAll(extra);
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return login;
    }

    /** A personal access token of the account, signed in with its password. */
    static String token(String login) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", PASSWORD, "name", "scope test"))
                .post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    /** A new account's token. */
    static String tokenOf(List<String> roles, List<String> scope) {
        return token(account(roles, scope, Map.of()));
    }

    static RequestSpecification as(String token) {
        return token == null ? given() : given().header("Authorization", "Bearer " + token);
    }

    /** Changes the account's scope (the admin's PATCH). */
    static void rescope(String login, List<String> scope) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("scope", scope))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
    }

    /** Creates or moves units (the admin's PUT /units). */
    static void units(List<Map<String, Object>> units) {
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
    }

    static Map<String, Object> unit(String code, String kind, String parent) {
        Map<String, Object> unit = new HashMap<>(Map.of("code", code, "name", "单位 " + code, "kind", kind));
        if (parent != null) {
            unit.put("parent", parent);
        }
        return unit;
    }

    /** An inspection or mystery shop scored {@code score} on {@code unit}, for the test rubric. */
    static Map<String, Object> evaluation(String externalId, String source, String unit, String rubric, int score) {
        return io.servicegrade.scheme.SchemeStandingsTest.evaluation(externalId, source, unit, rubric, AT, score,
                true);
    }

    /** As above, sent again changed with a {@code reason}: a revision by resend. */
    static Map<String, Object> evaluation(String externalId, String source, String unit, String rubric, int score,
            String reason) {
        Map<String, Object> changed = new HashMap<>(evaluation(externalId, source, unit, rubric, score));
        changed.put("reason", reason);
        return changed;
    }

    /** A GraphQL operation's response. */
    static Response graphql(String token, String query, Map<String, Object> variables) {
        return as(token).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql");
    }

    /** A report-page session of the token (signed in on the sign-in form, as a browser does); its cookie. */
    static String session(String token) {
        Response form = given().get("/reports/sign-in");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.asString());
        assertThat(csrf.find()).isTrue();
        Response signedIn = given().contentType(ContentType.URLENC)
                .cookie(ReportSessionStore.FORM_COOKIE, form.cookie(ReportSessionStore.FORM_COOKIE))
                .formParam("csrf", csrf.group(1)).formParam("key", token).formParam("return", "/reports")
                .redirects().follow(false).post("/reports/sign-in");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.cookie(ReportSessionStore.COOKIE);
        assertThat(cookie).isNotNull();
        return cookie;
    }
}
