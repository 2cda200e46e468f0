package io.servicegrade.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What the tests of the signed-in pages share: reading a page in a session, and its form's CSRF token. */
final class SignedInPagesFixture {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");

    private SignedInPagesFixture() {
    }

    /** The page at {@code path} read in {@code session} (no redirect followed): its HTML, after a 200. */
    static String page(String session, String path) {
        return given().cookie(ReportResource.COOKIE, session).redirects().follow(false).get(path).then()
                .statusCode(200).extract().asString();
    }

    /** The CSRF token the page's form carries for its session. */
    static String csrf(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("the page's form carries the session's token").isTrue();
        return token.group(1);
    }
}
