package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.standing.BoardAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.platform.security.ScopeFixtures.AT;
import static io.servicegrade.platform.security.ScopeFixtures.as;
import static io.servicegrade.platform.security.ScopeFixtures.evaluation;
import static io.servicegrade.platform.security.ScopeFixtures.graphql;
import static io.servicegrade.platform.security.ScopeFixtures.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 16, point 4, beyond the board itself: the figures and pages around standings honour scope. A veto names
 * its evaluation only to a reader of that unit's evaluations, even on a public board (REST, GraphQL, the board and
 * bulletin pages); closed boards close their periods too (REST, GraphQL, node, the reports home); and a scoped
 * subscriber is not told of changes to units outside its scope. Everything through the real server.
 */
@QuarkusTest
class ScopedFiguresTest {

    private static final String PROBLEM = "application/problem+json";

    @io.quarkus.test.common.http.TestHTTPResource("/graphql")
    java.net.URI graphqlUri;

    /** A vetoing inspection (the sign check failed) of {@code window}, posted by the world's agency; its id. */
    private static long veto(ScopeAccessTest.World w, String window) {
        Map<String, Object> failed = io.servicegrade.scheme.SchemeStandingsTest.evaluation(w.p() + window + "-veto",
                "inspection", w.p() + window, w.rubric(), AT, 95, false);
        int id = given().header("X-Api-Key", w.agencyKey()).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(failed))).post("/api/v1/evaluations").then().statusCode(201)
                .extract().path("evaluations[0].id");
        return id;
    }

    private static String row(String unit) {
        return "standings.find { it.unit == '" + unit + "' }";
    }

    // point 4: evaluations stay scoped on a public board: a veto says which evaluation only to who may read it
    @Test
    void aVetoNamesItsEvaluationOnlyToAReaderOfThatUnitsEvaluations() {
        ScopeAccessTest.World w = ScopeAccessTest.World.make();
        long inA = veto(w, ".A.W1");
        long inB = veto(w, ".B.W1");
        String manager = tokenOf(List.of("manager"), List.of(w.p() + ".A"));
        String viewer = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        String a = w.p() + ".A.W1";
        String b = w.p() + ".B.W1";

        // REST: anyone sees both vetoes; only the admin names both evaluations, the manager its own unit's
        as(null).queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body(row(a) + ".vetoed", equalTo(true)).body(row(a) + ".vetoedBy", nullValue())
                .body(row(b) + ".vetoed", equalTo(true)).body(row(b) + ".vetoedBy", nullValue());
        as(viewer).queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body(row(a) + ".vetoedBy", nullValue()).body(row(b) + ".vetoedBy", nullValue());
        as(manager).queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body(row(a) + ".vetoedBy", equalTo(Long.toString(inA)))
                .body(row(b) + ".vetoed", equalTo(true)).body(row(b) + ".vetoedBy", nullValue());
        asAdmin().queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body(row(a) + ".vetoedBy", equalTo(Long.toString(inA)))
                .body(row(b) + ".vetoedBy", equalTo(Long.toString(inB)));

        // GraphQL: the same, for vetoedById and vetoedBy
        String withB = "query($s: String!, $u: String!, $b: String!) { "
                + "a: standing(scheme: $s, period: \"2023-Q2\", unit: $u) { vetoed vetoedById vetoedBy { id } } "
                + "b: standing(scheme: $s, period: \"2023-Q2\", unit: $b) { vetoed vetoedById vetoedBy { id } } }";
        Map<String, Object> variables = Map.of("s", w.scheme(), "u", a, "b", b);
        graphql(manager, withB, variables).then().statusCode(200).body("errors", nullValue())
                .body("data.a.vetoedById", equalTo(GlobalIds.encode("Evaluation", Long.toString(inA))))
                .body("data.a.vetoedBy.id", equalTo(GlobalIds.encode("Evaluation", Long.toString(inA))))
                .body("data.b.vetoed", equalTo(true)).body("data.b.vetoedById", nullValue())
                .body("data.b.vetoedBy", nullValue());
        graphql(null, withB, variables).then().statusCode(200).body("errors", nullValue())
                .body("data.a.vetoed", equalTo(true)).body("data.a.vetoedById", nullValue())
                .body("data.b.vetoedById", nullValue());

        // report pages: the board and the bulletin's weakest units name the evaluation (and link its sheet)
        // only to who may read it
        Map<String, String> board = Map.of("scheme", w.scheme(), "period", "2023-Q2", "under", w.p(), "lang", "en");
        Map<String, String> bulletin = Map.of("scheme", w.scheme(), "period", "2023-Q2", "lang", "en");
        String anonymous = given().queryParams(board).get("/reports/standings").then().statusCode(200).extract()
                .asString();
        assertThat(anonymous).contains(a, b, "Vetoed").doesNotContain("Vetoed (evaluation")
                .doesNotContain("/reports/evaluations/");
        String anonymousBulletin = given().queryParams(bulletin).get("/reports/bulletin").then().statusCode(200)
                .extract().asString();
        assertThat(anonymousBulletin).contains(a, b).doesNotContain("Vetoed (evaluation")
                .doesNotContain("/reports/evaluations/");
        String session = ScopeFixtures.session(manager);
        String managers = given().cookie(ReportSessionStore.COOKIE, session).queryParams(board)
                .get("/reports/standings").then().statusCode(200).extract().asString();
        // issue 20: the veto in words (item, day, source) with its sheet, not the evaluation's id
        assertThat(managers).contains("see the evaluation sheet", "/reports/evaluations/" + inA)
                .doesNotContain("Vetoed (evaluation " + inB + ")").doesNotContain("/reports/evaluations/" + inB);
        String managersBulletin = given().cookie(ReportSessionStore.COOKIE, session).queryParams(bulletin)
                .get("/reports/bulletin").then().statusCode(200).extract().asString();
        assertThat(managersBulletin).contains("/reports/evaluations/" + inA)
                .doesNotContain("/reports/evaluations/" + inB);
        String scorecard = given().queryParams(Map.of("scheme", w.scheme(), "unit", a, "lang", "en"))
                .get("/reports/scorecard").then().statusCode(200).extract().asString();
        assertThat(scorecard).contains("Vetoed").doesNotContain("Vetoed (evaluation");
    }

    // point 4: standings.public false closes what the boards are made of too: their periods, states and revisions
    @Test
    void closedBoardsCloseTheirPeriodsAndPagesToo() {
        ScopeAccessTest.World w = ScopeAccessTest.World.make();
        String viewer = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        String viewerSession = ScopeFixtures.session(viewer);
        String periodId = GlobalIds.encode("Period", w.scheme(), "2023-Q2");
        String periods = "query($s: String!) { periods(scheme: $s) { key } }";
        String node = "query($id: ID!) { node(id: $id) { id } }";
        // open (the default): anyone lists the periods
        given().get("/api/v1/schemes/{key}/periods", w.scheme()).then().statusCode(200)
                .body("period", hasItem("2023-Q2"));
        System.setProperty(BoardAccess.TEST_OVERRIDE, "false");
        try {
            given().get("/api/v1/schemes/{key}/periods", w.scheme()).then().statusCode(401).contentType(PROBLEM);
            graphql(null, periods, Map.of("s", w.scheme())).then().statusCode(200).body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
            graphql(null, node, Map.of("id", periodId)).then().statusCode(200).body("errors", nullValue())
                    .body("data.node", nullValue());
            String home = given().queryParam("lang", "en").get("/reports").then().statusCode(200).extract()
                    .asString();
            assertThat(home).contains("Sign in to see the periods of this scheme")
                    .doesNotContain("scheme=" + w.scheme());
            // signed in: the periods, and the pages bounded to the viewer's branch
            as(viewer).get("/api/v1/schemes/{key}/periods", w.scheme()).then().statusCode(200)
                    .body("period", hasItem("2023-Q2"));
            graphql(viewer, periods, Map.of("s", w.scheme())).then().statusCode(200).body("errors", nullValue())
                    .body("data.periods.key", hasItem("2023-Q2"));
            graphql(viewer, node, Map.of("id", periodId)).then().statusCode(200)
                    .body("data.node.id", equalTo(periodId));
            String signedInHome = given().cookie(ReportSessionStore.COOKIE, viewerSession).queryParam("lang", "en")
                    .get("/reports").then().statusCode(200).extract().asString();
            assertThat(signedInHome).contains("scheme=" + w.scheme());
            for (String page : List.of("/reports/bulletin", "/reports/notice")) {
                given().queryParam("scheme", w.scheme()).queryParam("period", "2023-Q2").get(page).then()
                        .statusCode(401);
                String shown = given().cookie(ReportSessionStore.COOKIE, viewerSession)
                        .queryParam("scheme", w.scheme()).queryParam("period", "2023-Q2").queryParam("level", "branch")
                        .get(page).then().statusCode(200).extract().asString();
                assertThat(shown).as(page).doesNotContain(w.p() + ".B");
            }
            String bulletinCsv = given().cookie(ReportSessionStore.COOKIE, viewerSession)
                    .queryParam("scheme", w.scheme()).queryParam("period", "2023-Q2").queryParam("format", "csv")
                    .queryParam("table", "groups").get("/reports/bulletin").then().statusCode(200).extract()
                    .asString();
            assertThat(bulletinCsv).contains(w.p() + ".A").doesNotContain(w.p() + ".B");
        } finally {
            System.clearProperty(BoardAccess.TEST_OVERRIDE);
        }
    }

    // point 4: "nothing leaks through subscriptions": a scoped subscriber hears of its own units' changes only
    @Test
    void aScopedSubscriberIsNotToldOfChangesToUnitsOutsideItsScope() throws Exception {
        ScopeAccessTest.World w = ScopeAccessTest.World.make();
        String viewer = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        System.setProperty(BoardAccess.TEST_OVERRIDE, "false");
        try (io.servicegrade.GraphqlSubscriber subscriber = new io.servicegrade.GraphqlSubscriber(graphqlUri,
                Map.of("Authorization", "Bearer " + viewer), Map.of())) {
            subscriber.subscribe("2", "subscription { standingChanges(scheme: \"%s\") { period revision } }"
                    .formatted(w.scheme()));
            subscriber.subscribe("1", ("subscription { standingUpdates(scheme: \"%s\", period: \"2023-Q2\", "
                    + "unit: \"%s\") { rank value parentMean } }").formatted(w.scheme(), w.p() + ".A.W1"));
            // the standing as it is now; both subscriptions are live once it comes
            String first = subscriber.next();
            assertThat(first).contains("\"id\":\"1\"");

            // first a change of a unit outside the scope, then one inside it (W2's mean drops: A's mean moves)
            given().header("X-Api-Key", w.agencyKey()).contentType(ContentType.JSON)
                    .body(Map.of("evaluations", List.of(evaluation(w.p() + ".B.W1-x", "inspection", w.p() + ".B.W1",
                            w.rubric(), 40)))).post("/api/v1/evaluations").then().statusCode(201);
            long outside = revision(w);
            given().header("X-Api-Key", w.agencyKey()).contentType(ContentType.JSON)
                    .body(Map.of("evaluations", List.of(evaluation(w.p() + ".A.W2-x", "inspection", w.p() + ".A.W2",
                            w.rubric(), 50)))).post("/api/v1/evaluations").then().statusCode(201);
            long inside = revision(w);
            assertThat(inside).isGreaterThan(outside);

            // changes reach a subscriber in commit order: had the outside change been passed on, it came first
            String change = null;
            String update = null;
            while (change == null || update == null) {
                String message = subscriber.next();
                if (message.contains("\"id\":\"2\"") && change == null) {
                    change = message;
                } else if (message.contains("\"id\":\"1\"") && update == null) {
                    update = message;
                }
            }
            assertThat(change).contains("\"revision\":" + inside).doesNotContain("\"revision\":" + outside);
            // the unit's row did not change with the outside change: the next update is the inside one's
            assertThat(update).isNotEqualTo(first);
        } finally {
            System.clearProperty(BoardAccess.TEST_OVERRIDE);
        }
    }

    /** The period's revision now, as the admin reads it. */
    private static long revision(ScopeAccessTest.World w) {
        Number revision = asAdmin().contentType(ContentType.JSON).body(Map.of("query",
                        "query($s: String!) { period(scheme: $s, period: \"2023-Q2\") { revision } }",
                        "variables", Map.of("s", w.scheme())))
                .post("/graphql").then().statusCode(200).body("errors", nullValue()).extract()
                .path("data.period.revision");
        return revision.longValue();
    }
}
