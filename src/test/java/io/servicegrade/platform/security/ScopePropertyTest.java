package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.platform.graphql.GlobalIds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.platform.security.ScopeFixtures.account;
import static io.servicegrade.platform.security.ScopeFixtures.as;
import static io.servicegrade.platform.security.ScopeFixtures.evaluation;
import static io.servicegrade.platform.security.ScopeFixtures.graphql;
import static io.servicegrade.platform.security.ScopeFixtures.rescope;
import static io.servicegrade.platform.security.ScopeFixtures.token;
import static io.servicegrade.platform.security.ScopeFixtures.unit;
import static io.servicegrade.platform.security.ScopeFixtures.units;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 4, the property: over random trees, random scopes and random moves, with evaluations on random
 * units, no read path (REST list, count and get; GraphQL evaluations, totalCount, node and evaluation; the report
 * sheet and its CSV) gives a scoped caller an evaluation of a unit outside its scope, each gives every one inside,
 * and no write path (posting, correcting, voiding) accepts a unit outside it. One tree per trial; the accounts are
 * reused, their scopes changed by the admin between trials. The seed is printed: a failure can be replayed.
 */
@QuarkusTest
class ScopePropertyTest {

    private static final int TRIALS = 16;
    private static final int UNITS = 7;

    private static final String LIST = """
            query($under: String) { evaluations(under: $under, first: 500) { totalCount edges { node { evaluationId } } } }""";
    private static final String NODE = """
            query($id: ID!) { node(id: $id) { id } evaluation(id: $id) { evaluationId } }""";

    @Test
    void noReadPathGivesAndNoWritePathTakesAUnitOutsideTheScope() {
        long seed = System.nanoTime();
        System.out.println("ScopePropertyTest seed " + seed);
        Random random = new Random(seed);
        String rubric = freshPrefix().toLowerCase() + "-rubric";
        io.servicegrade.scheme.SchemeStandingsTest.rubric(rubric);
        String agency = io.servicegrade.TestApi.agency(null);
        // the accounts, made once: scoped to a first unit of no tree here, rescoped in each trial
        String first = freshPrefix();
        units(List.of(unit(first, "zone", null)));
        String managerLogin = account(List.of("manager"), List.of(first), Map.of());
        String inspectorLogin = account(List.of("inspector"), List.of(first), Map.of());
        String manager = token(managerLogin);
        String inspector = token(inspectorLogin);
        String managerSession = ScopeFixtures.session(manager);
        for (int trial = 0; trial < TRIALS; trial++) {
            trial(random, "trial " + trial + " of seed " + seed, rubric, agency, managerLogin, manager,
                    managerSession, inspectorLogin, inspector);
        }
    }

    private static void trial(Random random, String name, String rubric, String agency, String managerLogin,
            String manager, String managerSession, String inspectorLogin, String inspector) {
        // a random tree: unit 0 the root, each other under a random earlier one
        String p = freshPrefix();
        List<String> codes = new ArrayList<>();
        Map<String, String> parent = new HashMap<>();
        List<Map<String, Object>> tree = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            String code = p + "." + i;
            String up = i == 0 ? null : codes.get(random.nextInt(i));
            codes.add(code);
            parent.put(code, up);
            tree.add(unit(code, "zone", up));
        }
        units(tree);
        // evaluations on random units (some none, some several)
        List<Map<String, Object>> batch = new ArrayList<>();
        List<String> evaluated = new ArrayList<>();
        for (int i = 0; i < UNITS + 2; i++) {
            String on = codes.get(random.nextInt(UNITS));
            evaluated.add(on);
            batch.add(evaluation(p + "-e" + i, "inspection", on, rubric, 60 + random.nextInt(40)));
        }
        List<Integer> ids = given().header("X-Api-Key", agency).contentType(ContentType.JSON)
                .body(Map.of("evaluations", batch)).post("/api/v1/evaluations").then().statusCode(201).extract()
                .path("evaluations.id");
        // a random scope of one or two units
        Set<String> scope = new HashSet<>();
        int size = 1 + random.nextInt(2);
        while (scope.size() < size) {
            scope.add(codes.get(random.nextInt(UNITS)));
        }
        rescope(managerLogin, List.copyOf(scope));
        rescope(inspectorLogin, List.copyOf(scope));
        // random moves, never under the moved unit's own subtree
        int moves = random.nextInt(3);
        for (int m = 0; m < moves; m++) {
            String moved = codes.get(1 + random.nextInt(UNITS - 1));
            List<String> targets = codes.stream().filter(c -> !under(c, moved, parent)).toList();
            String target = targets.get(random.nextInt(targets.size()));
            parent.put(moved, target);
            units(List.of(unit(moved, "zone", target)));
        }
        Set<Long> inside = new HashSet<>();
        Set<Long> outside = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            (inScope(evaluated.get(i), scope, parent) ? inside : outside).add(ids.get(i).longValue());
        }
        String why = name + ": scope " + scope + ", tree " + parent;

        // REST: the list and its count
        List<Integer> listed = as(manager).queryParam("under", p + ".0").queryParam("limit", 500)
                .get("/api/v1/evaluations").then().statusCode(200).extract().path("items.id");
        assertThat(listed.stream().map(Integer::longValue).toList()).as(why).containsExactlyInAnyOrderElementsOf(
                inside);
        Integer total = as(manager).queryParam("under", p + ".0").queryParam("limit", 1)
                .get("/api/v1/evaluations").then().statusCode(200).extract().path("total");
        assertThat(total.longValue()).as(why).isEqualTo(inside.size());
        // GraphQL: the list and its count
        var page = graphql(manager, LIST, Map.of("under", p + ".0")).then().statusCode(200).extract();
        assertThat(page.<Object>path("errors")).as(why).isNull();
        assertThat(page.<Integer>path("data.evaluations.totalCount")).as(why).isEqualTo(inside.size());
        List<String> graphIds = page.path("data.evaluations.edges.node.evaluationId");
        assertThat(graphIds.stream().map(Long::valueOf).toList()).as(why).containsExactlyInAnyOrderElementsOf(inside);
        // each evaluation: REST get, GraphQL node and evaluation, the report sheet and its CSV
        for (long id : ids.stream().map(Integer::longValue).toList()) {
            boolean visible = inside.contains(id);
            String at = why + ", evaluation " + id;
            assertThat(as(manager).get("/api/v1/evaluations/{id}", id).statusCode()).as(at)
                    .isEqualTo(visible ? 200 : 404);
            String global = GlobalIds.encode("Evaluation", Long.toString(id));
            var node = graphql(manager, NODE, Map.of("id", global)).then().statusCode(200).extract();
            assertThat(node.<Object>path("errors")).as(at).isNull();
            assertThat(node.<Object>path("data.node") != null).as(at).isEqualTo(visible);
            assertThat(node.<Object>path("data.evaluation") != null).as(at).isEqualTo(visible);
            assertThat(given().cookie(ReportSessionStore.COOKIE, managerSession).queryParam("format", "csv")
                    .get("/reports/evaluations/{id}", id).statusCode()).as(at).isEqualTo(visible ? 200 : 404);
            // a correction of an evaluation outside: it does not exist for the inspector; inside: not its own
            assertThat(as(inspector).contentType(ContentType.JSON).body(Map.of("reason", "r"))
                    .post("/api/v1/evaluations/{id}/void", id).statusCode()).as(at).isEqualTo(visible ? 403 : 404);
        }
        // writes: the inspector's post on a random unit is taken only inside the scope
        String target = codes.get(random.nextInt(UNITS));
        boolean allowed = inScope(target, scope, parent);
        var posted = as(inspector).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                evaluation(p + "-mine", "inspection", target, rubric, 70)))).post("/api/v1/evaluations");
        assertThat(posted.statusCode()).as(why + ", post on " + target).isEqualTo(allowed ? 201 : 403);
        if (allowed) {
            long mine = posted.<Integer>path("evaluations[0].id").longValue();
            assertThat(as(inspector).contentType(ContentType.JSON).body(Map.of("reason", "r"))
                    .post("/api/v1/evaluations/{id}/void", mine).statusCode()).as(why).isEqualTo(200);
        }
    }

    /** Whether {@code code} is {@code root} or below it in the tree {@code parent} describes. */
    private static boolean under(String code, String root, Map<String, String> parent) {
        for (String at = code; at != null; at = parent.get(at)) {
            if (at.equals(root)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inScope(String code, Set<String> scope, Map<String, String> parent) {
        return scope.stream().anyMatch(root -> under(code, root, parent));
    }
}
