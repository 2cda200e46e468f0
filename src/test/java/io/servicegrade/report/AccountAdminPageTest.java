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
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The account administration page (issue 16, point 6), over real HTTP with the session cookie and each form's
 * CSRF token: an administrator lists, makes (the generated password shown once), changes and resets accounts, in
 * zh-CN and en; a reader not signed in is sent to sign in, anyone else signed in gets 404.
 */
@QuarkusTest
class AccountAdminPageTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String PAGE = "/reports/admin/accounts";

    private static String account(List<String> roles) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "用户 " + login,
                "password", PASSWORD, "roles", roles)).post("/api/v1/admin/accounts").then().statusCode(201);
        return login;
    }

    private static String session(String login) {
        return ReportResourceTest.Form.open().post().formParam("login", login).formParam("password", PASSWORD)
                .post("/reports/sign-in").then().statusCode(303).extract().cookie(ReportSessionStore.COOKIE);
    }

    private static String page(String session, String path, String lang) {
        return given().cookie(ReportSessionStore.COOKIE, session).queryParam("lang", lang).get(path).then()
                .statusCode(200).extract().asString();
    }

    private static Response post(String session, String path, String csrf, Map<String, ?> fields) {
        // as a browser sends a form of a UTF-8 page
        var request = given().cookie(ReportSessionStore.COOKIE, session)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .redirects().follow(false).formParam("lang", "en");
        if (csrf != null) {
            request = request.formParam("csrf", csrf);
        }
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (field.getValue() instanceof List<?> values) {
                request = request.formParam(field.getKey(), values.toArray());
            } else {
                request = request.formParam(field.getKey(), field.getValue());
            }
        }
        return request.post(path);
    }

    @Test
    void anAdministratorMakesChangesAndResetsAccountsOnThePageWithTheGeneratedPasswordShownOnce() {
        String admin = session(account(List.of("administrator")));
        String list = page(admin, PAGE, "en");
        assertThat(list).contains("New account", "Display name", "Analyst");
        assertThat(page(admin, PAGE, "zh-CN")).contains("新建账户", "分析员");
        String token = csrf(list);

        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        String unit = TestApi.window();
        Response made = post(admin, PAGE, token, Map.of("login", login, "displayName", "网点主管 甲",
                "roles", List.of("manager"), "scope", unit));
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.header("Cache-Control")).contains("no-store");
        Matcher generated = Pattern.compile("class=\"generated-password\">([A-Za-z0-9_-]{24})<").matcher(made.asString());
        assertThat(generated.find()).as("the generated password is on the page").isTrue();
        given().contentType(ContentType.JSON).body(Map.of("login", login, "password", generated.group(1),
                "name", "from the page")).post("/api/v1/auth/tokens").then().statusCode(201);
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().body("roles", contains("manager"))
                .body("scope", contains(unit));
        assertThat(page(admin, PAGE + "/" + login, "en")).doesNotContain(generated.group(1));

        // a refusal names the field and changes nothing
        Response bad = post(admin, PAGE, token, Map.of("login", login, "displayName", "again",
                "roles", List.of("analyst")));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("Nothing was changed", "login:");

        // change: analyst without scope, disabled
        Response changed = post(admin, PAGE + "/" + login, token, Map.of("displayName", "分析员 甲",
                "roles", List.of("analyst"), "scope", "", "disabled", "true"));
        assertThat(changed.statusCode()).isEqualTo(303);
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().body("roles", contains("analyst"))
                .body("disabled", equalTo(true)).body("displayName", equalTo("分析员 甲"));

        // reset: a new password, shown once
        Response reset = post(admin, PAGE + "/" + login + "/password", token, Map.of());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.asString()).contains("The password is reset", "generated-password");

        // a form without the session's token changes nothing
        Response forged = post(admin, PAGE + "/" + login, null, Map.of("displayName", "forged",
                "roles", List.of("analyst")));
        assertThat(forged.statusCode()).isEqualTo(403);
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().body("displayName", equalTo("分析员 甲"));
    }

    @Test
    void anAgencysAccountAndAnInspectorsSourcesAreSetOnThePage() {
        String admin = session(account(List.of("administrator")));
        String list = page(admin, PAGE, "zh-CN");
        assertThat(list).contains("测评机构代码", "可提交的来源");
        String token = csrf(list);
        String agency = TestApi.freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(Map.of("code", agency, "name", "测评公司 Survey Co"))
                .post("/api/v1/agencies").then().statusCode(201);

        String person = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        assertThat(post(admin, PAGE, token, Map.of("login", person, "displayName", "机构人员",
                "roles", List.of("agency"), "agency", agency)).statusCode()).isEqualTo(200);
        asAdmin().get("/api/v1/admin/accounts/{login}", person).then().body("agency", equalTo(agency));
        assertThat(page(admin, PAGE + "/" + person, "en")).contains("value=\"" + agency + "\"");

        String inspector = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        String unit = TestApi.window();
        assertThat(post(admin, PAGE, token, Map.of("login", inspector, "displayName", "监察员",
                "roles", List.of("inspector"), "scope", unit, "sources", "inspection, self")).statusCode())
                .isEqualTo(200);
        asAdmin().get("/api/v1/admin/accounts/{login}", inspector).then().body("sources",
                contains("inspection", "self"));
        // emptied on its page: every source again
        assertThat(post(admin, PAGE + "/" + inspector, token, Map.of("displayName", "监察员",
                "roles", List.of("inspector"), "scope", unit, "sources", "")).statusCode()).isEqualTo(303);
        asAdmin().get("/api/v1/admin/accounts/{login}", inspector).then().body("sources", nullValue());
    }

    @Test
    void anAccountsSingleSignOnSubjectIsSetShownAndClearedOnThePageAndATakenOneIsNamed() {
        String admin = session(account(List.of("administrator")));
        String list = page(admin, PAGE, "zh-CN");
        assertThat(list).contains("单点登录主体标识");
        assertThat(page(admin, PAGE, "en")).contains("Single sign-on subject");
        String token = csrf(list);

        String person = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        String subject = "page-" + java.util.UUID.randomUUID();
        assertThat(post(admin, PAGE, token, Map.of("login", person, "displayName", "分析员 乙",
                "roles", List.of("analyst"), "oidcSubject", subject)).statusCode()).isEqualTo(200);
        asAdmin().get("/api/v1/admin/accounts/{login}", person).then().body("oidcSubject", equalTo(subject));
        assertThat(page(admin, PAGE + "/" + person, "en")).contains("name=\"oidcSubject\"",
                "value=\"" + subject + "\"");

        // the same subject for another account: refused, the field named, nothing made
        String other = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        Response taken = post(admin, PAGE, token, Map.of("login", other, "displayName", "分析员 丙",
                "roles", List.of("analyst"), "oidcSubject", subject));
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.asString()).contains("oidcSubject:", "already linked to another account");
        asAdmin().get("/api/v1/admin/accounts/{login}", other).then().statusCode(404);

        // emptied on its edit form: unlinked
        assertThat(post(admin, PAGE + "/" + person, token, Map.of("displayName", "分析员 乙",
                "roles", List.of("analyst"), "scope", "", "oidcSubject", "")).statusCode()).isEqualTo(303);
        asAdmin().get("/api/v1/admin/accounts/{login}", person).then().body("oidcSubject", nullValue());
    }

    @Test
    void thePageIsForAdministratorsOnlyOthersGet404AndStrangersAreSentToSignIn() {
        String analyst = session(account(List.of("analyst")));
        given().cookie(ReportSessionStore.COOKIE, analyst).get(PAGE).then().statusCode(404);
        given().cookie(ReportSessionStore.COOKIE, analyst).get(PAGE + "/admin").then().statusCode(404);
        String home = page(analyst, "/reports", "en");
        Response create = post(analyst, PAGE, csrf(home), Map.of("login", "x" + TestApi.freshPrefix()
                .toLowerCase(Locale.ROOT), "displayName", "x", "roles", List.of("administrator")));
        assertThat(create.statusCode()).isEqualTo(404);
        assertThat(home).doesNotContain(PAGE);

        Response stranger = given().redirects().follow(false).get(PAGE);
        assertThat(stranger.statusCode()).isEqualTo(303);
        assertThat(stranger.header("Location")).contains("/reports/sign-in");
    }
}
