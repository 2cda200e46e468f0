package io.servicegrade.platform.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.servicegrade.platform.database.DatabaseOwner;
import io.servicegrade.platform.database.OverloadTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Item 1 of the security assessment (issue 14): one GraphQL operation's running time and answer size are bounded,
 * end to end through the server. The boot (shared with OverloadTest) lets an operation run 3 s and answer 4 KB.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallPool.class)
class GraphQLExecutionLimitsTest {

    private static ValidatableResponse post(String query) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then();
    }

    /**
     * H1/M1 (item 1): an operation whose resolver cannot finish (the unit table is locked by another session) is
     * answered QUERY_TIMEOUT once the 3 s limit passes, instead of holding the request for as long as the lock
     * lasts; and the server answers the next operation at once when the lock is gone.
     */
    @Test
    void anOperationThatRunsPastItsTimeLimitIsStoppedWithACode() throws Exception {
        try (Connection owner = DatabaseOwner.connect(); Statement statement = owner.createStatement()) {
            owner.setAutoCommit(false);
            statement.execute("LOCK TABLE unit IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            post("{ units(first: 5) { edges { node { code } } } }").statusCode(200)
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("QUERY_TIMEOUT"))
                    .body("errors[0].message", containsString("3 s"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(30));
            owner.rollback();
        }
        post("{ units(first: 1) { edges { node { code } } } }").statusCode(200)
                .body("errors", nullValue());
    }

    /**
     * H1/M1 (item 1): an answer larger than the limit (4 KB here) is refused with RESPONSE_TOO_LARGE rather than
     * built and sent; a small one from the same data is answered. 40 units named with 100 characters each answer
     * well over 4 KB; one of them well under it.
     */
    @Test
    void anAnswerLargerThanTheLimitIsRefusedWithACode() {
        String p = freshPrefix();
        List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind", "region")));
        for (int i = 0; i < 40; i++) {
            units.add(Map.of("code", p + ".W" + i, "name", "窗".repeat(100), "kind", "window", "parent", p));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);

        post("{ units(under: \"" + p + "\", first: 50) { edges { node { code name } } } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("RESPONSE_TOO_LARGE"));
        post("{ units(under: \"" + p + "\", first: 1) { edges { node { code name } } } }").statusCode(200)
                .body("errors", nullValue())
                .body("data.units.edges[0].node.name", equalTo("窗".repeat(100)));
    }
}
