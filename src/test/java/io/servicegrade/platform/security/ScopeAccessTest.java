package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.standing.BoardAccess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.platform.security.ScopeFixtures.account;
import static io.servicegrade.platform.security.ScopeFixtures.as;
import static io.servicegrade.platform.security.ScopeFixtures.evaluation;
import static io.servicegrade.platform.security.ScopeFixtures.graphql;
import static io.servicegrade.platform.security.ScopeFixtures.token;
import static io.servicegrade.platform.security.ScopeFixtures.tokenOf;
import static io.servicegrade.platform.security.ScopeFixtures.unit;
import static io.servicegrade.platform.security.ScopeFixtures.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 16, points 1 and 4: each role reads and writes what it may, within its scope, through real HTTP and GraphQL;
 * out-of-scope reads answer as if the object did not exist, out-of-scope writes are refused 403; a scope follows its
 * units as they move; the standings.public setting closes boards and bounds a scoped reader's boards.
 */
@QuarkusTest
class ScopeAccessTest {

    private static final String PROBLEM = "application/problem+json";

    @io.quarkus.test.common.http.TestHTTPResource("/graphql")
    java.net.URI graphqlUri;

    /**
     * The test's own tree (region p; branches p.A and p.B; windows p.A.W1, p.A.W2 under A and p.B.W1 under B), a
     * scheme over its windows, and an agency's inspection and mystery shop on each window in 2023-Q2.
     */
    record World(String p, String rubric, String scheme, String agencyKey, String agencyCode,
            Map<String, Long> inspections) {

        static World make() {
            String p = freshPrefix();
            String rubric = p.toLowerCase() + "-rubric";
            String scheme = p.toLowerCase() + "-scheme";
            io.servicegrade.scheme.SchemeStandingsTest.rubric(rubric);
            asAdmin().contentType("application/yaml").body(io.servicegrade.scheme.SchemeStandingsTest.scheme(scheme,
                    rubric).getBytes(StandardCharsets.UTF_8)).put("/api/v1/schemes/{key}", scheme).then()
                    .statusCode(201);
            units(List.of(unit(p, "region", null), unit(p + ".A", "branch", p), unit(p + ".B", "branch", p),
                    unit(p + ".A.W1", "window", p + ".A"), unit(p + ".A.W2", "window", p + ".A"),
                    unit(p + ".B.W1", "window", p + ".B")));
            String code = freshPrefix().toLowerCase();
            String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司"))
                    .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
            List<Map<String, Object>> batch = new ArrayList<>();
            int score = 90;
            for (String w : List.of(".A.W1", ".A.W2", ".B.W1")) {
                batch.add(evaluation(p + w + "-i", "inspection", p + w, rubric, score));
                batch.add(evaluation(p + w + "-m", "mystery_shop", p + w, rubric, score--));
            }
            List<Integer> ids = given().header("X-Api-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("evaluations", batch)).post("/api/v1/evaluations").then().statusCode(201)
                    .extract().path("evaluations.id");
            Map<String, Long> inspections = new HashMap<>();
            inspections.put(p + ".A.W1", ids.get(0).longValue());
            inspections.put(p + ".A.W2", ids.get(2).longValue());
            inspections.put(p + ".B.W1", ids.get(4).longValue());
            return new World(p, rubric, scheme, key, code, inspections);
        }

        long of(String window) {
            return inspections.get(p + window);
        }
    }

    private static List<String> listedUnits(String token, String under) {
        return as(token).queryParam("under", under).queryParam("limit", 500).get("/api/v1/evaluations").then()
                .statusCode(200).extract().path("items.unit");
    }

    private static final String EVALUATIONS = """
            query($under: String) { evaluations(under: $under, first: 500) { totalCount edges { node { unit { code } } } } }""";

    private static final String NODE = """
            query($id: ID!) { node(id: $id) { id } evaluation(id: $id) { evaluationId } }""";

    // point 1 + 4: a manager reads the evaluations of its units only, and writes nothing
    @Test
    void aManagerReadsTheEvaluationsOfItsUnitsOnlyAndWritesNothing() {
        World w = World.make();
        String manager = tokenOf(List.of("manager"), List.of(w.p() + ".A"));
        assertThat(listedUnits(manager, w.p())).containsExactlyInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W1",
                w.p() + ".A.W2", w.p() + ".A.W2");
        as(manager).queryParam("under", w.p()).queryParam("limit", 1).get("/api/v1/evaluations").then()
                .statusCode(200).body("total", equalTo(4));
        // a window of its own, with its sheet, history and evidence
        as(manager).get("/api/v1/evaluations/{id}", w.of(".A.W1")).then().statusCode(200)
                .body("unit", equalTo(w.p() + ".A.W1"));
        // one outside answers as one that does not exist, naming nothing of it
        long outside = w.of(".B.W1");
        // (the same request id for both: a problem's instance names its request)
        String missing = as(manager).header("X-Request-Id", "scope-" + w.p()).get("/api/v1/evaluations/{id}", outside)
                .then().statusCode(404).contentType(PROBLEM).extract().asString();
        String unknown = as(manager).header("X-Request-Id", "scope-" + w.p())
                .get("/api/v1/evaluations/{id}", Long.MAX_VALUE - 1).then().statusCode(404).extract().asString();
        assertThat(missing).doesNotContain(w.p() + ".B").isEqualTo(unknown.replace(
                Long.toString(Long.MAX_VALUE - 1), Long.toString(outside)));
        // GraphQL: the list and its count, node and evaluation
        graphql(manager, EVALUATIONS, Map.of("under", w.p())).then().statusCode(200).body("errors", nullValue())
                .body("data.evaluations.totalCount", equalTo(4))
                .body("data.evaluations.edges.node.unit.code", everyItem(startsWith(w.p() + ".A.")));
        String global = io.servicegrade.platform.graphql.GlobalIds.encode("Evaluation", Long.toString(outside));
        graphql(manager, NODE, Map.of("id", global)).then().statusCode(200).body("errors", nullValue())
                .body("data.node", nullValue()).body("data.evaluation", nullValue());
        String own = io.servicegrade.platform.graphql.GlobalIds.encode("Evaluation",
                Long.toString(w.of(".A.W2")));
        graphql(manager, NODE, Map.of("id", own)).then().statusCode(200).body("data.node.id", equalTo(own));
        // writes: refused 403, and nothing changes
        as(manager).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(evaluation(w.p() + "-mgr",
                "inspection", w.p() + ".A.W1", w.rubric(), 80)))).post("/api/v1/evaluations").then()
                .statusCode(403).contentType(PROBLEM);
        as(manager).contentType(ContentType.JSON).body(Map.of("reason", "wrong")).post(
                "/api/v1/evaluations/{id}/void", w.of(".A.W1")).then().statusCode(403).contentType(PROBLEM);
        as(manager).post("/api/v1/schemes/{key}/periods/2023-Q2/publish", w.scheme()).then().statusCode(403)
                .contentType(PROBLEM);
        as(manager).get("/api/v1/evaluations/{id}", w.of(".A.W1")).then().statusCode(200)
                .body("status", equalTo("active"));
        assertThat(listedUnits(manager, w.p())).hasSize(4);
    }

    // point 1: a scope is a subtree, and follows a unit moved into it and out of it at once
    @Test
    void aUnitMovedIntoAndOutOfAManagersScopeIsFollowedAtOnce() {
        World w = World.make();
        String manager = tokenOf(List.of("manager"), List.of(w.p() + ".A"));
        long moved = w.of(".B.W1");
        as(manager).get("/api/v1/evaluations/{id}", moved).then().statusCode(404);
        units(List.of(unit(w.p() + ".B.W1", "window", w.p() + ".A")));
        as(manager).get("/api/v1/evaluations/{id}", moved).then().statusCode(200);
        assertThat(listedUnits(manager, w.p())).hasSize(6);
        graphql(manager, EVALUATIONS, Map.of("under", w.p())).then().body("data.evaluations.totalCount",
                equalTo(6));
        units(List.of(unit(w.p() + ".B.W1", "window", w.p() + ".B")));
        as(manager).get("/api/v1/evaluations/{id}", moved).then().statusCode(404);
        assertThat(listedUnits(manager, w.p())).hasSize(4).doesNotContain(w.p() + ".B.W1");
        // and a scope's own unit moved away takes its subtree along: the manager follows it
        units(List.of(unit(w.p() + ".A", "branch", w.p() + ".B")));
        assertThat(listedUnits(manager, w.p())).hasSize(4);
    }

    // point 1: an inspector posts and corrects its own inspections, on units in scope, from its sources
    @Test
    void anInspectorPostsAndCorrectsItsOwnInspectionsOnUnitsInScopeFromItsSources() {
        World w = World.make();
        String inspector = token(account(List.of("inspector"), List.of(w.p() + ".A"),
                Map.of("sources", List.of("inspection"))));
        // the same external id as the agency's: its own space, so a new evaluation, not the agency's
        Response posted = as(inspector).contentType(ContentType.JSON).header("Idempotency-Key", w.p() + "-once")
                .body(Map.of("evaluations", List.of(evaluation(w.p() + ".A.W1-i", "inspection", w.p() + ".A.W1",
                        w.rubric(), 70)))).post("/api/v1/evaluations");
        posted.then().statusCode(201).body("evaluations[0].outcome", equalTo("created"));
        long own = posted.<Integer>path("evaluations[0].id").longValue();
        assertThat(own).isNotEqualTo(w.of(".A.W1"));
        // the same key and body again: the first answer, nothing new
        as(inspector).contentType(ContentType.JSON).header("Idempotency-Key", w.p() + "-once")
                .body(Map.of("evaluations", List.of(evaluation(w.p() + ".A.W1-i", "inspection", w.p() + ".A.W1",
                        w.rubric(), 70)))).post("/api/v1/evaluations").then().statusCode(201)
                .body("evaluations[0].id", equalTo((int) own));
        // a unit outside the scope: 403 naming the field, nothing stored
        as(inspector).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        evaluation(w.p() + "-in", "inspection", w.p() + ".A.W2", w.rubric(), 70),
                        evaluation(w.p() + "-out", "inspection", w.p() + ".B.W1", w.rubric(), 70))))
                .post("/api/v1/evaluations").then().statusCode(403).contentType(PROBLEM)
                .body("errors.pointer", contains("/evaluations/1/unit"));
        // a source the account does not allow
        as(inspector).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(evaluation(w.p() + "-ms",
                "mystery_shop", w.p() + ".A.W2", w.rubric(), 70)))).post("/api/v1/evaluations").then()
                .statusCode(403).body("errors.pointer", contains("/evaluations/0/source"));
        assertThat(listedUnits(inspector, w.p())).hasSize(5);
        // corrects its own; another's in scope is readable but not its to change; one outside does not exist
        Map<String, Object> revision = Map.of("reason", "recounted", "answers", List.of(
                Map.of("item", "findings", "violations", 20), Map.of("item", "sign", "pass", true)));
        as(inspector).contentType(ContentType.JSON).body(revision)
                .post("/api/v1/evaluations/{id}/revisions", own).then().statusCode(201).body("revision", equalTo(2));
        as(inspector).get("/api/v1/evaluations/{id}", w.of(".A.W1")).then().statusCode(200);
        as(inspector).contentType(ContentType.JSON).body(revision)
                .post("/api/v1/evaluations/{id}/revisions", w.of(".A.W1")).then().statusCode(403);
        as(inspector).contentType(ContentType.JSON).body(Map.of("reason", "no"))
                .post("/api/v1/evaluations/{id}/void", w.of(".B.W1")).then().statusCode(404);
        as(inspector).contentType(ContentType.JSON).body(Map.of("reason", "posted twice"))
                .post("/api/v1/evaluations/{id}/void", own).then().statusCode(200).body("status", equalTo("voided"));
        // its unit moved out of scope: its own evaluation there can no longer be changed or seen
        Response second = as(inspector).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                evaluation(w.p() + "-w2", "inspection", w.p() + ".A.W2", w.rubric(), 75)))).post("/api/v1/evaluations");
        long onW2 = second.then().statusCode(201).extract().<Integer>path("evaluations[0].id").longValue();
        units(List.of(unit(w.p() + ".A.W2", "window", w.p() + ".B")));
        as(inspector).contentType(ContentType.JSON).body(revision)
                .post("/api/v1/evaluations/{id}/revisions", onW2).then().statusCode(404);
        as(inspector).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                evaluation(w.p() + "-w2", "inspection", w.p() + ".A.W1", w.rubric(), 76, "moved")))).post(
                "/api/v1/evaluations").then().statusCode(403).body("errors.pointer", contains("/evaluations/0/unit"));
    }

    // point 1: an inspector's import runs as the account: its own space, refused whole outside its scope
    @Test
    void anInspectorsImportRunsAsTheAccountWithinItsScope() throws Exception {
        World w = World.make();
        String inspector = tokenOf(List.of("inspector"), List.of(w.p() + ".A"));
        String header = "externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,q.efficiency,q.environment,"
                + "q.competence\n";
        String inside = w.p() + "-in,survey," + w.p() + ".A.W2,customer-satisfaction-5,2025-10-02,satisfied,N/A,N/A,"
                + "N/A,N/A\n";
        String outside = w.p() + "-out,survey," + w.p() + ".B.W1,customer-satisfaction-5,2025-10-02,satisfied,N/A,"
                + "N/A,N/A,N/A\n";
        io.restassured.path.json.JsonPath refused = imported(inspector, header + inside + outside);
        assertThat(refused.getString("status")).as(refused.prettify()).isEqualTo("failed");
        assertThat(refused.getList("errors.row")).as(refused.prettify()).containsExactly(3);
        assertThat(listedUnits(inspector, w.p())).hasSize(4);
        io.restassured.path.json.JsonPath done = imported(inspector, header + inside);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getInt("result.created")).isEqualTo(1);
        // its own: the agency does not see it, the inspector may void it
        List<Integer> mine = as(inspector).queryParam("unit", w.p() + ".A.W2").get("/api/v1/evaluations").then()
                .statusCode(200).extract().path("items.findAll { it.externalId == '" + w.p() + "-in' }.id");
        assertThat(mine).hasSize(1);
        given().header("X-Api-Key", w.agencyKey()).queryParam("unit", w.p() + ".A.W2").get("/api/v1/evaluations")
                .then().statusCode(200).body("items.externalId", not(org.hamcrest.Matchers.hasItem(w.p() + "-in")));
        as(inspector).contentType(ContentType.JSON).body(Map.of("reason", "imported twice"))
                .post("/api/v1/evaluations/{id}/void", mine.get(0)).then().statusCode(200);
    }

    /** Posts a CSV as the token's import and waits for its job to end (as ImportResourceTest does). */
    private static io.restassured.path.json.JsonPath imported(String token, String csv) throws InterruptedException {
        int id = as(token).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            io.restassured.path.json.JsonPath job = as(token).get("/api/v1/imports/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 60 s");
    }

    // point 1: an analyst reads everything and publishes periods; no other write
    @Test
    void anAnalystReadsEverythingAndPublishesPeriodsButWritesNothingElse() {
        World w = World.make();
        String analyst = tokenOf(List.of("analyst"), List.of());
        assertThat(listedUnits(analyst, w.p())).hasSize(6);
        as(analyst).get("/api/v1/evaluations/{id}", w.of(".B.W1")).then().statusCode(200);
        as(analyst).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(evaluation(w.p() + "-an",
                "inspection", w.p() + ".A.W1", w.rubric(), 80)))).post("/api/v1/evaluations").then()
                .statusCode(403).contentType(PROBLEM);
        as(analyst).contentType(ContentType.JSON).body(List.of(unit(w.p() + ".X", "branch", w.p())))
                .put("/api/v1/units").then().statusCode(403);
        as(analyst).post("/api/v1/schemes/{key}/periods/2023-Q1/publish", w.scheme()).then().statusCode(200)
                .body("published", equalTo(true));
        graphql(analyst, "mutation($s: String!) { publishPeriod(scheme: $s, period: \"2023-Q2\") "
                + "{ period { publishedAt } } }", Map.of("s", w.scheme())).then().statusCode(200)
                .body("errors", nullValue()).body("data.publishPeriod.period.publishedAt", not(nullValue()));
    }

    // point 1: an agency's account acts as its agency: its evaluations, its external ids, its sources
    @Test
    void anAgencysAccountActsAsItsAgency() {
        World w = World.make();
        String login = account(List.of("agency"), List.of(), Map.of("agency", w.agencyCode()));
        asAdmin().get("/api/v1/admin/accounts/{login}", login).then().statusCode(200)
                .body("agency", equalTo(w.agencyCode())).body("sources", nullValue());
        String person = token(login);
        as(person).get("/api/v1/me").then().statusCode(200).body("agency", equalTo(w.agencyCode()));
        // the agency's external id: the agency's evaluation, unchanged
        as(person).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(evaluation(w.p() + ".A.W1-i",
                "inspection", w.p() + ".A.W1", w.rubric(), 90)))).post("/api/v1/evaluations").then()
                .statusCode(201).body("evaluations[0].outcome", equalTo("existing"))
                .body("evaluations[0].id", equalTo((int) w.of(".A.W1")));
        assertThat(listedUnits(person, w.p())).hasSize(6);
        // another agency's evaluation is not its own
        String other = io.servicegrade.TestApi.agency(null);
        long foreign = given().header("X-Api-Key", other).contentType(ContentType.JSON).body(Map.of("evaluations",
                List.of(evaluation(w.p() + "-other", "inspection", w.p() + ".B.W1", w.rubric(), 60))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().<Integer>path("evaluations[0].id")
                .longValue();
        as(person).get("/api/v1/evaluations/{id}", foreign).then().statusCode(403);
        // the link is for the agency role alone, and names an agency that exists
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", freshPrefix().toLowerCase(), "displayName",
                "x", "password", ScopeFixtures.PASSWORD, "roles", List.of("viewer"), "scope", List.of(w.p()),
                "agency", w.agencyCode(), "sources", List.of("inspection"))).post("/api/v1/admin/accounts").then()
                .statusCode(422).body("errors.pointer", containsInAnyOrder("/agency", "/sources"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", freshPrefix().toLowerCase(), "displayName",
                "x", "password", ScopeFixtures.PASSWORD, "roles", List.of("agency"), "agency", "no-such-" + w.p(),
                "sources", List.of("telepathy"))).post("/api/v1/admin/accounts").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/agency", "/sources/0"));
    }

    // point 1 + 4: a viewer reads standings of its scope only, never evaluations
    @Test
    void aViewerReadsNoEvaluations() {
        World w = World.make();
        String viewer = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        as(viewer).get("/api/v1/evaluations").then().statusCode(403).contentType(PROBLEM);
        as(viewer).get("/api/v1/evaluations/{id}", w.of(".A.W1")).then().statusCode(403);
        graphql(viewer, EVALUATIONS, Map.of("under", w.p())).then().statusCode(200)
                .body("data", nullValue());
        // public boards (the default) are whole, to anyone
        as(viewer).queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body("standings.unit", containsInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W2", w.p() + ".B.W1"));
    }

    // point 4: standings.public false: boards need a signed-in caller; a scoped one sees its units only
    @Test
    void closedBoardsNeedASignInAndShowAScopedReaderItsUnitsOnly() throws Exception {
        World w = World.make();
        String viewer = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        String analyst = tokenOf(List.of("analyst"), List.of());
        String viewerSession = ScopeFixtures.session(viewer);
        System.setProperty(BoardAccess.TEST_OVERRIDE, "false");
        try {
            given().queryParam("period", "2023-Q2").get("/api/v1/schemes/{key}/standings", w.scheme()).then()
                    .statusCode(401).contentType(PROBLEM);
            given().queryParam("period", "2023-Q2").queryParam("format", "csv")
                    .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(401);
            graphql(null, "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { totalCount } }",
                    Map.of("s", w.scheme())).then().statusCode(200).body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
            given().queryParam("scheme", w.scheme()).queryParam("period", "2023-Q2").get("/reports/standings")
                    .then().statusCode(401);
            // the viewer: its two windows, ranked among themselves, counted alone
            as(viewer).queryParam("period", "2023-Q2").get("/api/v1/schemes/{key}/standings", w.scheme()).then()
                    .statusCode(200).body("standings.unit", containsInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W2"))
                    .body("standings.rank", containsInAnyOrder(1, 2));
            String csv = as(viewer).queryParam("period", "2023-Q2").queryParam("format", "csv")
                    .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200).extract().asString();
            assertThat(csv).contains(w.p() + ".A.W1").doesNotContain(w.p() + ".B.W1");
            graphql(viewer, "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { totalCount "
                    + "edges { node { unit { code } } } } }", Map.of("s", w.scheme())).then().statusCode(200)
                    .body("errors", nullValue()).body("data.standings.totalCount", equalTo(2))
                    .body("data.standings.edges.node.unit.code", not(org.hamcrest.Matchers.hasItem(
                            w.p() + ".B.W1")));
            graphql(viewer, "query($s: String!, $u: String!) { standing(scheme: $s, period: \"2023-Q2\", unit: $u) "
                    + "{ rank } }", Map.of("s", w.scheme(), "u", w.p() + ".B.W1")).then().statusCode(200)
                    .body("errors", nullValue()).body("data.standing", nullValue());
            String page = given().cookie(ReportSessionStore.COOKIE, viewerSession).queryParam("scheme", w.scheme())
                    .queryParam("period", "2023-Q2").queryParam("under", w.p()).get("/reports/standings").then()
                    .statusCode(200).extract().asString();
            assertThat(page).contains(w.p() + ".A.W1").doesNotContain(w.p() + ".B.W1");
            given().cookie(ReportSessionStore.COOKIE, viewerSession).queryParam("scheme", w.scheme())
                    .queryParam("unit", w.p() + ".B.W1").get("/reports/scorecard").then().statusCode(404);
            // subscriptions: none without a sign-in; a viewer hears of its own units only
            String updates = "subscription { standingUpdates(scheme: \"%s\", period: \"2023-Q2\", unit: \"%s\") "
                    + "{ unit { code } rank } }";
            try (io.servicegrade.GraphqlSubscriber anonymous = new io.servicegrade.GraphqlSubscriber(graphqlUri)) {
                anonymous.subscribe("1", updates.formatted(w.scheme(), w.p() + ".A.W1"));
                assertThat(anonymous.next()).contains("UNAUTHENTICATED").doesNotContain("\"rank\"");
            }
            try (io.servicegrade.GraphqlSubscriber signedIn = new io.servicegrade.GraphqlSubscriber(graphqlUri,
                    Map.of("Authorization", "Bearer " + viewer), Map.of())) {
                signedIn.subscribe("1", updates.formatted(w.scheme(), w.p() + ".B.W1"));
                signedIn.subscribe("2", updates.formatted(w.scheme(), w.p() + ".A.W2"));
                // the unit outside the scope has no standing to send: the first answer is the one inside
                assertThat(signedIn.next()).contains("\"id\":\"2\"").contains(w.p() + ".A.W2")
                        .doesNotContain(w.p() + ".B.W1");
            }
            // an analyst reads every unit
            as(analyst).queryParam("period", "2023-Q2").queryParam("under", w.p())
                    .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                    .body("standings.unit", containsInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W2", w.p() + ".B.W1"));
        } finally {
            System.clearProperty(BoardAccess.TEST_OVERRIDE);
        }
        // open again: anyone reads the whole board
        given().queryParam("period", "2023-Q2").queryParam("under", w.p())
                .get("/api/v1/schemes/{key}/standings", w.scheme()).then().statusCode(200)
                .body("standings.unit", containsInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W2", w.p() + ".B.W1"));
    }
}
