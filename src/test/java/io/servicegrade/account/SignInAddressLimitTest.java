package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.platform.security.ReportSessionStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The sign-in limit per client address (issue 16, point 2): one address trying many logins is answered 429 with
 * Retry-After once it has had {@code servicegrade.accounts.address-failures} failures (5 in the tests, within the
 * default 15 minutes), whether the logins exist or not, on the API and the report pages alike; other addresses are
 * not slowed. The tests trust {@code X-Forwarded-For} from the test client (the proxy setting), so each test comes
 * from addresses of its own; the test client's own address is exempt, so no other test trips over the limit.
 */
@QuarkusTest
class SignInAddressLimitTest {

    private static final String PASSWORD = "correct horse battery";
    /** {@code %test.servicegrade.accounts.address-failures}. */
    private static final int LIMIT = 5;

    /** An address no earlier test or run used (10.0.0.0/8 has 16 million). */
    private static String freshAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    private static String account() {
        String login = freshLogin();
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "张三 " + login,
                "password", PASSWORD, "roles", List.of("analyst"))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        return login;
    }

    private static Response signIn(String address, String login, String password, String language) {
        return given().header("X-Forwarded-For", address).header("Accept-Language", language)
                .contentType(ContentType.JSON).body(Map.of("login", login, "password", password, "name",
                        "address limit test")).post("/api/v1/auth/tokens");
    }

    /** {@link #LIMIT} failed sign-ins from {@code address}, each of another login (so none is locked out). */
    private static void failFrom(String address, String existing) {
        signIn(address, existing, "wrong password", "en").then().statusCode(401);
        for (int i = 1; i < LIMIT; i++) {
            signIn(address, "nobody-" + freshLogin(), "wrong password", "en").then().statusCode(401);
        }
    }

    @Test
    void oneAddressTryingManyLoginsIsAnswered429WithRetryAfterWhetherTheLoginsExistOrNot() {
        String address = freshAddress();
        String login = account();
        failFrom(address, login);

        // the right password of a real account, and a login no one has: the same refusal, the password unchecked
        Response known = signIn(address, login, PASSWORD, "en");
        known.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:servicegrade:problem:address-limited"))
                .body("title", equalTo("Too many failed sign-ins from this address"));
        int retryAfter = Integer.parseInt(known.header("Retry-After"));
        // the default window is 15 minutes; the first failure was a moment ago
        assertThat(retryAfter).isBetween(1, 900);
        Response unknown = signIn(address, "nobody-" + freshLogin(), PASSWORD, "en");
        unknown.then().statusCode(429);
        for (String member : List.of("type", "title", "status")) {
            assertThat(unknown.<Object>path(member)).as(member).isEqualTo(known.<Object>path(member));
        }
        assertThat(unknown.header("Retry-After")).isNotNull();
        signIn(address, login, PASSWORD, "zh-CN").then().statusCode(429)
                .body("title", equalTo("此地址登录失败次数过多"))
                .body("detail", containsString("请在"));

        // the same account from another address signs in: the limit is the address's, not the login's
        signIn(freshAddress(), login, PASSWORD, "en").then().statusCode(201);
    }

    @Test
    void theReportPagesSignInSharesTheLimitAndAnswersAPageWithRetryAfter() {
        String address = freshAddress();
        String login = account();
        failFrom(address, login);

        Response form = given().header("X-Forwarded-For", address).get("/reports/sign-in");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.asString());
        assertThat(csrf.find()).isTrue();
        Response page = given().header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                .cookie(ReportSessionStore.FORM_COOKIE, form.cookie(ReportSessionStore.FORM_COOKIE))
                .formParam("csrf", csrf.group(1)).formParam("login", login).formParam("password", PASSWORD)
                .formParam("lang", "en").redirects().follow(false).post("/reports/sign-in");
        page.then().statusCode(429).contentType(containsString("text/html"))
                .body(containsString("Too many failed sign-ins came from this address"));
        assertThat(Integer.parseInt(page.header("Retry-After"))).isBetween(1, 900);
        assertThat(page.cookie(ReportSessionStore.COOKIE)).isNull();
    }

    @Test
    void theTestClientsOwnAddressIsExemptSoOtherTestsAreNeverLimited() {
        // the exempt address (the test client, no X-Forwarded-For) fails more than the limit and still signs in
        String login = account();
        for (int i = 0; i <= LIMIT; i++) {
            given().contentType(ContentType.JSON).body(Map.of("login", "nobody-" + freshLogin(), "password",
                    "wrong", "name", "t")).post("/api/v1/auth/tokens").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD, "name", "t"))
                .post("/api/v1/auth/tokens").then().statusCode(201);
    }
}
