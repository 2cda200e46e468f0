package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.security.ReportSessionStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.adminKey;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pages' sign-in (issue 14, item 6): a server-side session behind a random cookie, ended by sign-out,
 * by its lifetimes and by its key's revocation; forms that other sites cannot post; return paths that stay on
 * the report pages; control characters refused with a page, not a server error.
 */
@QuarkusTest
class ReportSessionTest {

    private static final String SIGN_OUT_FORM = "action=\"/reports/sign-out\"";

    @Inject
    Pool pool;

    /** A new agency's code and key. */
    record Agency(String code, String key) {

        static Agency make() {
            String code = TestApi.freshPrefix();
            String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司 Co"))
                    .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
            return new Agency(code, key);
        }
    }

    private static boolean signedIn(String session) {
        return given().cookie(ReportSessionStore.COOKIE, session).queryParam("lang", "en").get("/reports")
                .then().statusCode(200).extract().asString().contains(SIGN_OUT_FORM);
    }

    /** The sign-out form's token, as the signed-in page shows it. */
    private static String signOutToken(String session) {
        String html = given().cookie(ReportSessionStore.COOKIE, session).get("/reports").then().statusCode(200)
                .extract().asString();
        Matcher token = Pattern.compile("action=\"/reports/sign-out\"><input type=\"hidden\" name=\"csrf\" "
                + "value=\"([0-9a-f]{64})\"").matcher(html);
        assertThat(token.find()).as("the sign-out form carries a token").isTrue();
        return token.group(1);
    }

    private void age(String session, String column, Duration by) {
        pool.preparedQuery("UPDATE report_session SET " + column + " = " + column + " - $2 * interval '1 second' "
                        + "WHERE token_hash = $1")
                .execute(Tuple.of(Sha256.hex(session), (int) by.toSeconds())).await().indefinitely();
    }

    /**
     * Low: the report cookie held the raw API key, with Path=/, no expiry and no Secure. It now holds a random id
     * (the key appears nowhere in it), HttpOnly, SameSite=Lax, Path=/reports, with a Max-Age, Secure when the proxy
     * says the reader came over HTTPS; the database keeps only the id's hash.
     */
    @Test
    void theCookieIsARandomSessionIdWithItsAttributesNotTheKey() {
        Agency agency = Agency.make();
        Response plain = ReportResourceTest.Form.open().post().formParam("key", agency.key())
                .post("/reports/sign-in");
        assertThat(plain.statusCode()).isEqualTo(303);
        String setCookie = plain.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ReportSessionStore.COOKIE + "=")).findFirst().orElseThrow();
        String session = plain.cookie(ReportSessionStore.COOKIE);
        assertThat(session).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(agency.key());
        assertThat(setCookie).doesNotContain(agency.key()).doesNotContain(agency.key().substring(3, 20))
                .contains("Path=/reports", "HttpOnly", "SameSite=Lax", "Max-Age=28800").doesNotContain("Secure");
        assertThat(signedIn(session)).isTrue();
        Long stored = pool.preparedQuery("SELECT count(*) FROM report_session WHERE token_hash = $1")
                .execute(Tuple.of(Sha256.hex(session))).await().indefinitely().iterator().next().getLong(0);
        Long raw = pool.preparedQuery("SELECT count(*) FROM report_session WHERE token_hash = $1")
                .execute(Tuple.of(session)).await().indefinitely().iterator().next().getLong(0);
        assertThat(stored).isEqualTo(1);
        assertThat(raw).isZero();

        Response behindTls = ReportResourceTest.Form.open().post().header("X-Forwarded-Proto", "https")
                .formParam("key", agency.key()).post("/reports/sign-in");
        assertThat(behindTls.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(ReportSessionStore.COOKIE + "=").contains("Secure"));
        // the key's cookie of old is neither read nor kept
        assertThat(given().cookie(ReportSessionStore.LEGACY_COOKIE, adminKey()).get("/reports").then().statusCode(200)
                .extract().asString()).doesNotContain(SIGN_OUT_FORM);
    }

    /**
     * Low: the key cookie never expired and signing out only asked the browser to forget it. Signing out now ends
     * the session on the server: the same cookie, replayed, signs in no more.
     */
    @Test
    void signingOutEndsTheSessionOnTheServer() {
        String session = ReportResourceTest.signedInCookie(Agency.make().key());
        assertThat(signedIn(session)).isTrue();
        String token = signOutToken(session);
        Response out = given().contentType(ContentType.URLENC).cookie(ReportSessionStore.COOKIE, session)
                .formParam("csrf", token).formParam("lang", "en").redirects().follow(false)
                .post("/reports/sign-out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/reports?lang=en");
        assertThat(out.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(ReportSessionStore.COOKIE + "=;").contains("Max-Age=0", "Path=/reports"));
        assertThat(signedIn(session)).isFalse();
    }

    /** Low: a session outlives neither its idle lifetime nor its absolute lifetime. */
    @Test
    void aSessionEndsAfterItsIdleAndItsAbsoluteLifetime() {
        String key = Agency.make().key();
        String idle = ReportResourceTest.signedInCookie(key);
        String old = ReportResourceTest.signedInCookie(key);
        assertThat(signedIn(idle)).isTrue();
        assertThat(signedIn(old)).isTrue();
        age(idle, "last_seen_at", Duration.ofMinutes(31));
        age(old, "expires_at", Duration.ofHours(9));
        assertThat(signedIn(idle)).isFalse();
        assertThat(signedIn(old)).isFalse();
    }

    /**
     * Low: the raw key in the cookie stayed a credential until revoked, and nothing ended the page session. Now
     * rotating an agency's key, or revoking an admin key, ends every session opened with the old key.
     */
    @Test
    void rotatingOrRevokingTheKeyEndsItsSessions() {
        Agency agency = Agency.make();
        String session = ReportResourceTest.signedInCookie(agency.key());
        assertThat(signedIn(session)).isTrue();
        String fresh = asAdmin().post("/api/v1/agencies/{code}/keys", agency.code()).then().statusCode(201)
                .extract().path("key");
        assertThat(signedIn(session)).isFalse();
        assertThat(signedIn(ReportResourceTest.signedInCookie(fresh))).isTrue();

        Map<String, Object> admin = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "sessions test"))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().as(Map.class);
        String adminSession = ReportResourceTest.signedInCookie((String) admin.get("key"));
        assertThat(signedIn(adminSession)).isTrue();
        asAdmin().delete("/api/v1/admin/keys/{id}", admin.get("id")).then().statusCode(200);
        assertThat(signedIn(adminSession)).isFalse();
    }

    /**
     * Low: the sign-in form accepted posts from any site (login CSRF). A post that the browser says another site
     * sent, or whose Origin is another host, is refused with a 403 page in the reader's language, and signs no one
     * in.
     */
    @Test
    void aCrossSiteSignInPostIsRefused() {
        String key = Agency.make().key();
        for (Map<String, String> headers : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"))) {
            Response refused = ReportResourceTest.Form.open().post().headers(headers).formParam("key", key)
                    .formParam("lang", "en").post("/reports/sign-in");
            assertThat(refused.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.asString()).contains("sent from another site");
            assertThat(refused.headers().getValues("Set-Cookie"))
                    .noneMatch(c -> c.startsWith(ReportSessionStore.COOKIE + "=") && !c.contains("Max-Age=0"));
        }
        Response zh = ReportResourceTest.Form.open().post().header("Sec-Fetch-Site", "cross-site")
                .formParam("key", key).post("/reports/sign-in");
        assertThat(zh.statusCode()).isEqualTo(403);
        assertThat(zh.asString()).contains("该表单来自其他网站");
        // the browser's own same-origin post goes through
        ReportResourceTest.Form.open().post().header("Sec-Fetch-Site", "same-origin").formParam("key", key)
                .post("/reports/sign-in").then().statusCode(303);
        // as does an Origin that names this host
        ReportResourceTest.Form.open().post().header("Origin", "http://reports.example").header("Host",
                "reports.example").formParam("key", key).post("/reports/sign-in").then().statusCode(303);
    }

    /**
     * Low: sign-in and sign-out carried no CSRF token. A sign-in whose token is missing or not its form cookie's,
     * and a sign-out whose token is not its session's, are refused (403) and change nothing.
     */
    @Test
    void aForgedOrMissingCsrfTokenIsRefused() {
        String key = Agency.make().key();
        ReportResourceTest.Form form = ReportResourceTest.Form.open();
        ReportResourceTest.Form other = ReportResourceTest.Form.open();
        given().contentType(ContentType.URLENC).cookie(ReportSessionStore.FORM_COOKIE, form.cookie())
                .formParam("csrf", other.csrf()).formParam("key", key).redirects().follow(false)
                .post("/reports/sign-in").then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("csrf", form.csrf()).formParam("key", key)
                .redirects().follow(false).post("/reports/sign-in").then().statusCode(403);
        given().contentType(ContentType.URLENC).cookie(ReportSessionStore.FORM_COOKIE, form.cookie())
                .formParam("key", key).redirects().follow(false).post("/reports/sign-in").then().statusCode(403);

        String session = ReportResourceTest.signedInCookie(key);
        given().contentType(ContentType.URLENC).cookie(ReportSessionStore.COOKIE, session)
                .formParam("csrf", Sha256.hex("forged")).redirects().follow(false).post("/reports/sign-out")
                .then().statusCode(403);
        given().contentType(ContentType.URLENC).cookie(ReportSessionStore.COOKIE, session).header("Sec-Fetch-Site",
                "cross-site").formParam("csrf", signOutToken(session)).redirects().follow(false)
                .post("/reports/sign-out").then().statusCode(403);
        assertThat(signedIn(session)).isTrue();
    }

    /**
     * Low: a return path with a space or a control character answered 500. Whatever the return path, sign-in
     * answers a redirect: to it when it is a report page of this server, else to /reports.
     */
    @Test
    void aBadReturnPathLeadsToTheReportsHomeNotAServerError() {
        String key = Agency.make().key();
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/reports/standings?scheme=a&period=2023-Q2", "/reports/standings?scheme=a&period=2023-Q2");
        expected.put("/reports/a b", "/reports");
        expected.put("/reports/\u0001x", "/reports");
        expected.put("/reports/\u0000", "/reports");
        expected.put("/reports/%zz", "/reports");
        expected.put("//evil.example/reports", "/reports");
        expected.put("https://evil.example/reports", "/reports");
        expected.put("/reports/../q/dev", "/reports");
        expected.put("/reports\\evil", "/reports");
        expected.put("/api/v1/admin/keys", "/reports");
        expected.put("/reports/x\"><script>", "/reports");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Response answer = ReportResourceTest.Form.open().post().formParam("key", key)
                    .formParam("return", e.getKey()).post("/reports/sign-in");
            assertThat(answer.statusCode()).as(e.getKey()).isEqualTo(303);
            assertThat(answer.header("Location")).as(e.getKey()).endsWith(e.getValue());
            Response form = given().queryParam("return", e.getKey().replace("\u0000", "").replace("\u0001", ""))
                    .get("/reports/sign-in");
            assertThat(form.statusCode()).as(e.getKey()).isEqualTo(200);
        }
    }

    /**
     * Low: a NUL in a report page's query or form answered 500. It is a 400 page naming the parameter, in the
     * reader's language.
     */
    @Test
    void aControlCharacterInAQueryOrFormFieldIsA400Page() {
        Response query = given().urlEncodingEnabled(false).get("/reports/standings?scheme=a%00b&period=2023-Q2&lang=en");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.contentType()).startsWith("text/html");
        assertThat(query.asString()).contains("scheme contains a control character");
        Response unit = given().urlEncodingEnabled(false)
                .get("/reports/scorecard?scheme=x&unit=SZ%00&period=2023-Q2");
        assertThat(unit.statusCode()).isEqualTo(400);
        assertThat(unit.asString()).contains("unit 含有控制字符");
        Response form = ReportResourceTest.Form.open().post().formParam("key", "sg_\u0000x").formParam("lang", "en")
                .post("/reports/sign-in");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.asString()).contains("key contains a control character");
    }
}
