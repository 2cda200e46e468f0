package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeVersionsTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging a standings board while evaluations arrive: a cursor names the board it was read from, so the next page is
 * cut from that board (or refused as stale), and no unit is skipped or shown twice.
 */
@QuarkusTest
class StandingCursorTest {

    private static final String PAGE = """
            query Page($scheme: String!, $under: String, $after: String) {
              standings(scheme: $scheme, period: "2023-Q2", under: $under, first: 2, after: $after) {
                totalCount revision
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { rank value unit { code } } }
              }
            }""";

    @Test
    void aPageAfterAnEvaluationMovedUnitsAcrossThePageBoundaryComesFromTheBoardTheCursorWasReadFrom() {
        Setup setup = Setup.of(4);
        String p = setup.region();
        String when = "2023-05-10T10:00:00+08:00";
        // W1 90, W2 80, W3 70 in both sources (weighted = the score); W4 has none yet, so it is unranked, last
        post(List.of(evaluation(p + "-1i", "inspection", p + ".W1", setup.rubric(), when, 90, true),
                evaluation(p + "-1m", "mystery_shop", p + ".W1", setup.rubric(), when, 90, true),
                evaluation(p + "-2i", "inspection", p + ".W2", setup.rubric(), when, 80, true),
                evaluation(p + "-2m", "mystery_shop", p + ".W2", setup.rubric(), when, 80, true),
                evaluation(p + "-3i", "inspection", p + ".W3", setup.rubric(), when, 70, true),
                evaluation(p + "-3m", "mystery_shop", p + ".W3", setup.rubric(), when, 70, true)));

        JsonPath first = page(setup, null);
        assertThat(codes(first)).containsExactly(p + ".W1", p + ".W2");
        assertThat(first.getBoolean("data.standings.pageInfo.hasNextPage")).isTrue();
        assertThat(first.getBoolean("data.standings.pageInfo.hasPreviousPage")).isFalse();
        assertThat(first.getString("data.standings.pageInfo.startCursor"))
                .isEqualTo(first.getString("data.standings.edges[0].cursor"));
        long before = first.getLong("data.standings.revision");

        // W4 scores 95 in both: on the board now it ranks first, pushing W2 onto the second page
        post(List.of(evaluation(p + "-4i", "inspection", p + ".W4", setup.rubric(), when, 95, true),
                evaluation(p + "-4m", "mystery_shop", p + ".W4", setup.rubric(), when, 95, true)));
        JsonPath now = page(setup, null);
        assertThat(codes(now)).as("the board has changed").containsExactly(p + ".W4", p + ".W1");
        assertThat(now.getLong("data.standings.revision")).isGreaterThan(before);

        // Cut by position from the new board, page 2 would show W1 again and never W3
        JsonPath second = page(setup, first.getString("data.standings.pageInfo.endCursor"));
        assertThat(second.getList("errors")).isNull();
        assertThat(codes(second)).containsExactly(p + ".W3", p + ".W4");
        assertThat(second.getLong("data.standings.revision")).isEqualTo(before);
        assertThat(second.getBoolean("data.standings.pageInfo.hasNextPage")).isFalse();
        assertThat(second.getBoolean("data.standings.pageInfo.hasPreviousPage")).isTrue();
        List<String> all = new ArrayList<>(codes(first));
        all.addAll(codes(second));
        assertThat(all).as("each unit once").doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void aCursorIntoABoardNoLongerKeptIsRefusedAsStaleAndAMalformedOneAsBadInput() {
        Setup setup = Setup.of(3);
        String p = setup.region();
        String when = "2023-05-10T10:00:00+08:00";
        post(List.of(evaluation(p + "-1i", "inspection", p + ".W1", setup.rubric(), when, 90, true)));
        JsonPath first = page(setup, null);
        String end = first.getString("data.standings.pageInfo.endCursor");

        // The same place on a board computed from a tree revision this server never had: no board is kept for it
        String query = StandingCursor.query(setup.scheme(), "2023-Q2", null, p, null, null,
                StandingGraphQLApi.StandingOrder.RANK);
        StandingCursor read = StandingCursor.decode(end, query);
        StandingService.Stamp s = read.stamp();
        StandingService.Stamp gone = new StandingService.Stamp(s.tree() + 1_000_000_000L, s.revision(),
                s.rebuilt(), s.previousRevision(), s.previousRebuilt(), s.latestVersion(), s.published(),
                s.previousPublished(), s.publishedAt(), s.closing(), s.closedAt(), s.previousClosing(),
                s.objectionUntil());
        JsonPath stale = page(setup, new StandingCursor(query, gone, read.position()).encode());
        assertThat(stale.getString("data")).isNull();
        assertThat(stale.getString("errors[0].extensions.code")).isEqualTo("STALE_CURSOR");
        assertThat(stale.getString("errors[0].extensions.pointer")).isEqualTo("/after");
        assertThat(stale.getString("errors[0].message")).contains("start again from the first page");

        // a cursor with a character that base64url does not have (cursors are opaque, not signed: an edited cursor
        // that still decodes reads another place of the same board, which is no harm)
        String cursor = first.getString("data.standings.edges[0].cursor");
        String garbled = cursor.substring(0, 4) + "*" + cursor.substring(5);
        for (String bad : List.of("not a cursor", "MTIz", garbled)) {
            JsonPath refused = page(setup, bad);
            assertThat(refused.getString("data")).as(bad).isNull();
            assertThat(refused.getString("errors[0].message")).as(bad).isEqualTo("after is not a valid cursor");
            assertThat(refused.getString("errors[0].extensions.code")).as(bad).isEqualTo("BAD_USER_INPUT");
        }

        // A cursor of another query (another unit filter) is not read as a place on this one
        Map<String, Object> variables = new HashMap<>(Map.of("scheme", setup.scheme(), "under", p + ".W1",
                "after", end));
        JsonPath foreign = graphql(variables);
        assertThat(foreign.getString("errors[0].message")).startsWith("after is not a cursor of this query");
        assertThat(foreign.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    private static JsonPath page(Setup setup, String after) {
        Map<String, Object> variables = new HashMap<>(Map.of("scheme", setup.scheme(), "under", setup.region()));
        if (after != null) {
            variables.put("after", after);
        }
        return graphql(variables);
    }

    private static JsonPath graphql(Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).body(Map.of("query", PAGE, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> codes(JsonPath page) {
        return page.getList("data.standings.edges.node.unit.code", String.class);
    }
}
