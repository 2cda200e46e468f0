package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.platform.security.ReportSessionStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 2 (report pages): people sign in to the report pages with login and password, over real HTTP
 * with the form's CSRF token and cookies. The session is server-side and follows the account live: disabling it
 * or resetting its password signs it out at once. The same answer for an unknown login and a wrong password, the
 * API's lock-out, and the page says who is signed in, with roles in the page's language.
 */
@QuarkusTest
class ReportSignInTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String SIGN_OUT_FORM = "action=\"/reports/sign-out\"";

    private static String account(String displayName, List<String> roles) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", displayName,
                "password", PASSWORD, "roles", roles)).post("/api/v1/admin/accounts").then().statusCode(201);
        return login;
    }

    private static Response signIn(String login, String password) {
        return ReportResourceTest.Form.open().post().formParam("login", login).formParam("password", password)
                .formParam("return", "/reports/standings?scheme=x").formParam("lang", "en").post("/reports/sign-in");
    }

    private static String session(String login) {
        Response in = signIn(login, PASSWORD);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.header("Location")).endsWith("/reports/standings?scheme=x&lang=en");
        return in.cookie(ReportSessionStore.COOKIE);
    }

    private static String home(String session, String lang) {
        return given().cookie(ReportSessionStore.COOKIE, session).queryParam("lang", lang).get("/reports").then()
                .statusCode(200).extract().asString();
    }

    private static boolean signedIn(String session) {
        return home(session, "en").contains(SIGN_OUT_FORM);
    }

    @Test
    void aPersonSignsInWithLoginAndPasswordAndThePageSaysWhoWithRolesInItsLanguage() {
        String login = account("李四 Li Si", List.of("analyst"));
        // a viewer's role needs a scope: make the account an analyst and a viewer of a unit of its own
        String unit = TestApi.window();
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of("analyst", "viewer"), "scope",
                List.of(unit))).patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        Response in = signIn(login.toUpperCase(Locale.ROOT), PASSWORD);
        assertThat(in.statusCode()).isEqualTo(303);
        String setCookie = in.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ReportSessionStore.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/reports").doesNotContain(PASSWORD);
        String session = in.cookie(ReportSessionStore.COOKIE);

        assertThat(home(session, "en")).contains(SIGN_OUT_FORM, "Signed in: 李四 Li Si (Analyst, Viewer)");
        assertThat(home(session, "zh-CN")).contains(SIGN_OUT_FORM, "当前用户：李四 Li Si (分析员、查看者)");
        // not an administrator: no link to the account administration
        assertThat(home(session, "en")).doesNotContain("/reports/admin/accounts");

        // signing out with the page's token ends the session on the server
        Matcher token = Pattern.compile("action=\"/reports/sign-out\"><input type=\"hidden\" name=\"csrf\" "
                + "value=\"([0-9a-f]{64})\"").matcher(home(session, "en"));
        assertThat(token.find()).isTrue();
        given().contentType(ContentType.URLENC).cookie(ReportSessionStore.COOKIE, session)
                .formParam("csrf", token.group(1)).redirects().follow(false).post("/reports/sign-out").then()
                .statusCode(303);
        assertThat(signedIn(session)).isFalse();
    }

    @Test
    void anUnknownLoginAndAWrongPasswordGetTheSameAnswerAndNoSession() {
        String login = account("王五", List.of("analyst"));
        Response wrong = signIn(login, "not the password");
        Response unknown = signIn(login + "x", PASSWORD);
        for (Response refused : List.of(wrong, unknown)) {
            assertThat(refused.statusCode()).isEqualTo(303);
            assertThat(refused.header("Location"))
                    .isEqualTo(wrong.header("Location"))
                    .contains("/reports/sign-in?", "failed=account");
            assertThat(refused.headers().getValues("Set-Cookie"))
                    .noneMatch(c -> c.startsWith(ReportSessionStore.COOKIE + "="));
        }
        String page = given().queryParam("failed", "account").queryParam("lang", "en").get("/reports/sign-in")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("The login or the password is wrong.");
    }

    @Test
    void theLoginFormNeedsItsCsrfToken() {
        String login = account("赵六", List.of("analyst"));
        Response forged = given().contentType(ContentType.URLENC).formParam("login", login)
                .formParam("password", PASSWORD).redirects().follow(false).post("/reports/sign-in");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().getValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith(ReportSessionStore.COOKIE + "="));
    }

    @Test
    void aLoginLockedOutByFailuresIsRefused429WithRetryAfterEvenWithTheRightPassword() throws Exception {
        // the test settings lock a login after 3 failures within 3 s: the three come at once, so that a slow
        // hash on a busy machine does not spread them over more than the window
        String login = account("钱七", List.of("analyst"));
        List<ReportResourceTest.Form> forms = List.of(ReportResourceTest.Form.open(), ReportResourceTest.Form.open(),
                ReportResourceTest.Form.open(), ReportResourceTest.Form.open());
        List<java.util.concurrent.Callable<String>> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ReportResourceTest.Form form = forms.get(i);
            String password = "wrong password " + i;
            wrong.add(() -> form.post().formParam("login", login).formParam("password", password)
                    .post("/reports/sign-in").header("Location"));
        }
        for (io.servicegrade.AtOnce.Call<String> failed : io.servicegrade.AtOnce.run(wrong)) {
            assertThat(failed.value()).contains("failed=account");
        }
        Response locked = forms.get(3).post().formParam("login", login).formParam("password", PASSWORD)
                .formParam("lang", "en").post("/reports/sign-in");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
        assertThat(locked.asString()).contains("Too many failed sign-ins");
        // the same lock as the API's
        given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD, "name", "x"))
                .post("/api/v1/auth/tokens").then().statusCode(429);
    }

    @Test
    void disablingTheAccountSignsItOutAtOnceAndEnablingItDoesNotBringTheSessionBack() {
        String login = account("孙八", List.of("analyst"));
        String session = session(login);
        assertThat(signedIn(session)).isTrue();
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        assertThat(signedIn(session)).isFalse();
        assertThat(signIn(login, PASSWORD).header("Location")).contains("failed=account");
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", false))
                .patch("/api/v1/admin/accounts/{login}", login).then().statusCode(200);
        assertThat(signedIn(session)).isFalse();
        assertThat(signedIn(session(login))).isTrue();
    }

    @Test
    void aPasswordResetEndsTheSessionsAndRevokesTheTokensOfTheOldPassword() {
        String login = account("周九", List.of("analyst"));
        String session = session(login);
        String token = given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD,
                "name", "laptop")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200);

        String generated = asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/accounts/{login}/password", login).then().statusCode(200).extract()
                .path("password");
        assertThat(signedIn(session)).isFalse();
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
        assertThat(signIn(login, PASSWORD).header("Location")).contains("failed=account");
        Response again = signIn(login, generated);
        assertThat(signedIn(again.cookie(ReportSessionStore.COOKIE))).isTrue();
    }

    @Test
    void anAdministratorSignedInWithAPasswordSeesTheAdministrationLink() {
        String login = account("管理员 甲", List.of("administrator"));
        String session = session(login);
        assertThat(home(session, "en")).contains("/reports/admin/accounts", "(Administrator)");
    }

    /** Issue 16, point 7: the demo's people sign in with the passwords the README prints. */
    @Test
    void theDemoBranchManagerSignsInWithTheReadmesPassword() {
        Response in = ReportResourceTest.Form.open().post().formParam("login", "demo.manager")
                .formParam("password", "demo-manager-2026").formParam("lang", "en").post("/reports/sign-in");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(home(in.cookie(ReportSessionStore.COOKIE), "en")).contains("Gusu branch manager (Manager)");
        given().contentType(ContentType.JSON).body(Map.of("login", "demo.analyst", "password", "demo-analyst-2026",
                "name", "tour")).post("/api/v1/auth/tokens").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(Map.of("login", "demo.inspector",
                "password", "demo-inspector-2026", "name", "tour")).post("/api/v1/auth/tokens").then()
                .statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("scope", org.hamcrest.Matchers.contains("SZ.GS.GQ"));
        asAdmin().get("/api/v1/admin/accounts/demo.manager").then().statusCode(200)
                .body("scope", org.hamcrest.Matchers.contains("SZ.GS"));
    }
}
