package io.servicegrade.unit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 17, point 9: unit tags are set through every write of the tree (PUT JSON and CSV, PATCH, the GraphQL
 * mutations), checked field by field with every problem named by its pointer, and select units in the units
 * listings.
 */
@QuarkusTest
class UnitTagsTest {

    private static final String PROBLEM = "application/problem+json";

    static Map<String, Object> unit(String code, String kind, String parent, Object tags) {
        Map<String, Object> unit = new HashMap<>();
        unit.put("code", code);
        unit.put("name", code + " 名称");
        unit.put("kind", kind);
        if (parent != null) {
            unit.put("parent", parent);
        }
        if (tags != null) {
            unit.put("tags", tags);
        }
        return unit;
    }

    private static void put(List<Map<String, Object>> units) {
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
    }

    private static List<String> tagsOf(String code) {
        return given().get("/api/v1/units/{code}", code).then().statusCode(200).extract().jsonPath()
                .getList("tags", String.class);
    }

    @Test
    void putStoresTagsSortedWithoutRepeatsAndAnUpsertWithoutTagsKeepsThem() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null, null),
                unit(p + ".W1", "window", p, List.of("model-candidate", "category-2", "model-candidate"))));

        assertTags(p + ".W1", "category-2", "model-candidate");
        assertThat(tagsOf(p)).isEmpty();
        // the same unit sent again without tags: kept, and nothing changed
        asAdmin().contentType(ContentType.JSON).body(List.of(unit(p + ".W1", "window", p, null)))
                .put("/api/v1/units").then().statusCode(200).body("unchanged", equalTo(1));
        assertTags(p + ".W1", "category-2", "model-candidate");
        // the same tags in another order: unchanged too
        asAdmin().contentType(ContentType.JSON)
                .body(List.of(unit(p + ".W1", "window", p, List.of("model-candidate", "category-2"))))
                .put("/api/v1/units").then().statusCode(200).body("unchanged", equalTo(1));
        // an empty list clears them
        asAdmin().contentType(ContentType.JSON).body(List.of(unit(p + ".W1", "window", p, List.of())))
                .put("/api/v1/units").then().statusCode(200).body("updated", equalTo(1));
        assertThat(tagsOf(p + ".W1")).isEmpty();
    }

    @Test
    void aPatchWithoutTagsKeepsThemAndTagsReplaceOrClearThem() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null, null), unit(p + ".W1", "window", p, List.of("agency-outlet"))));

        asAdmin().contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("name", "改名"))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200)
                .body("name", equalTo("改名")).body("tags", contains("agency-outlet"));
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8")
                .body(Map.of("tags", List.of("model-candidate", "agency-outlet")))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200)
                .body("tags", contains("agency-outlet", "model-candidate"));
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("tags", List.of()))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200).body("tags", empty());
        assertThat(tagsOf(p + ".W1")).isEmpty();
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"tags\": [\"category-2\"]}")
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200);
        // null clears them too, as a merge patch removes a member
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"tags\": null}")
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(200).body("tags", empty());
    }

    @Test
    void badTagsAreReportedByPointerAllAtOnceAndNothingIsStored() {
        String p = freshPrefix();
        List<String> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add("t" + i);
        }
        Map<String, Object> threeSame = unit(p + ".W3", "window", p, List.of("same", "same", "same"));
        asAdmin().contentType(ContentType.JSON).body(List.of(
                        unit(p, "region", null, null),
                        unit(p + ".W1", "window", p, List.of("Model", 5, "ok-tag", "9lives", "a_b",
                                "x".repeat(33))),
                        unit(p + ".W2", "WINDOW", p, seventeen),
                        threeSame,
                        unit(p + ".W4", "window", p, Map.of("not", "a list"))))
                .put("/api/v1/units").then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/1/tags/0", "/1/tags/1", "/1/tags/3", "/1/tags/4", "/1/tags/5",
                        "/2/kind", "/2/tags", "/4/tags"));
        // all or nothing: not even the good rows were stored
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
        given().get("/api/v1/units/{code}", p + ".W3").then().statusCode(404);

        put(List.of(unit(p, "region", null, null), unit(p + ".W1", "window", p, List.of("kept"))));
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8")
                .body(Map.of("tags", List.of("fine", "Not Fine", 3), "kind", "BAD"))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/kind", "/tags/1", "/tags/2"));
        asAdmin().contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("tags", seventeen))
                .patch("/api/v1/units/{code}", p + ".W1").then().statusCode(422)
                .body("errors.pointer", contains("/tags"));
        assertTags(p + ".W1", "kept");
        given().get("/api/v1/units/{code}", p + ".W1").then().body("kind", equalTo("window"));
    }

    @Test
    void csvCarriesTagsInOneCellAndACsvWithoutTheColumnKeepsThem() {
        String p = freshPrefix();
        String csv = "code,name,kind,parent,tags\n"
                + p + ",区,region,,\n"
                + p + ".W1,窗口,window," + p + ",model-candidate agency-outlet\n"
                + p + ".W2,窗口,window," + p + ",\"category-2, model-candidate\"\n";
        asAdmin().contentType("text/csv; charset=UTF-8").body(csv).put("/api/v1/units").then().statusCode(200)
                .body("created", equalTo(3));
        assertTags(p + ".W1", "agency-outlet", "model-candidate");
        assertTags(p + ".W2", "category-2", "model-candidate");

        asAdmin().contentType("text/csv; charset=UTF-8").body("code,name,kind,parent\n" + p + ".W1,新名,window," + p + "\n")
                .put("/api/v1/units").then().statusCode(200).body("updated", equalTo(1));
        assertTags(p + ".W1", "agency-outlet", "model-candidate");
        // a blank cell under a tags column states: no tags
        asAdmin().contentType("text/csv; charset=UTF-8").body("code,name,kind,parent,tags\n" + p + ".W1,新名,window," + p + ",\n")
                .put("/api/v1/units").then().statusCode(200).body("updated", equalTo(1));
        assertThat(tagsOf(p + ".W1")).isEmpty();

        asAdmin().contentType("text/csv; charset=UTF-8").body("code,name,kind,parent,tags\n" + p + ".W2,窗,window," + p
                        + ",ok Bad\n")
                .put("/api/v1/units").then().statusCode(422).body("errors.pointer", contains("/0/tags/1"));
        assertTags(p + ".W2", "category-2", "model-candidate");
    }

    @Test
    void theRestListingsTagFilterGivesOnlyTheUnitsCarryingTheTag() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null, List.of("model-candidate")),
                unit(p + ".W1", "window", p, List.of("model-candidate")),
                unit(p + ".W2", "window", p, List.of("agency-outlet")),
                unit(p + ".W3", "window", p, List.of("agency-outlet", "model-candidate")),
                unit(p + ".W4", "window", p, null)));

        given().queryParam("under", p).queryParam("tag", "model-candidate").get("/api/v1/units")
                .then().statusCode(200).body("items.code", contains(p + ".W1", p + ".W3"))
                .body("items[1].tags", contains("agency-outlet", "model-candidate"));
        given().queryParam("under", p).queryParam("tag", "agency-outlet").queryParam("kind", "window")
                .get("/api/v1/units").then().statusCode(200).body("items.code", contains(p + ".W2", p + ".W3"));
        // a tag no unit carries: none, not an error
        given().queryParam("under", p).queryParam("tag", "nobody-has-this").get("/api/v1/units")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("tag", "Model Candidate").queryParam("area", "city").get("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM).body("errors.pointer", contains("/area", "/tag"));
    }

    static final String UPSERT = """
            mutation Upsert($input: [UnitInput!]!) {
              upsertUnits(input: $input) {
                created updated unchanged
                units { code tags }
                userErrors { pointer code message }
              }
            }""";

    static final String UPDATE = """
            mutation Update($code: String!, $input: UnitPatchInput!) {
              updateUnit(code: $code, input: $input) {
                unit { code name tags }
                userErrors { pointer message }
              }
            }""";

    @Test
    void theGraphqlMutationsSetKeepAndClearTagsAndUnitsFiltersByTag() {
        String p = freshPrefix();
        String admin = TestApi.adminKey();
        GraphqlCall.bearer(admin, UPSERT, Map.of("input", List.of(unit(p, "region", null, null),
                        unit(p + ".W1", "window", p, List.of("model-candidate", "agency-outlet")),
                        unit(p + ".W2", "window", p, null))))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.upsertUnits.created", equalTo(3))
                .body("data.upsertUnits.units.find { it.code == '" + p + ".W1' }.tags",
                        contains("agency-outlet", "model-candidate"))
                .body("data.upsertUnits.units.find { it.code == '" + p + ".W2' }.tags", empty());

        GraphqlCall.bearer(admin, UPDATE, Map.of("code", p + ".W1", "input", Map.of("name", "改名")))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.updateUnit.unit.tags", contains("agency-outlet", "model-candidate"));
        GraphqlCall.bearer(admin, UPDATE, Map.of("code", p + ".W2", "input", Map.of("tags",
                        List.of("model-candidate"))))
                .then().statusCode(200).body("data.updateUnit.unit.tags", contains("model-candidate"));

        String units = """
                query($p: String!, $tag: String) {
                  units(under: $p, tag: $tag) { totalCount edges { node { code tags } } }
                }""";
        given().contentType(ContentType.JSON).body(Map.of("query", units, "variables",
                        Map.of("p", p, "tag", "model-candidate")))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.units.totalCount", equalTo(2))
                .body("data.units.edges.node.code", contains(p + ".W1", p + ".W2"));
        given().contentType(ContentType.JSON).body(Map.of("query", units, "variables",
                        Map.of("p", p, "tag", "agency-outlet")))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.units.totalCount", equalTo(1))
                .body("data.units.edges.node.code", contains(p + ".W1"));

        GraphqlCall.bearer(admin, UPDATE, Map.of("code", p + ".W1", "input", Map.of("tags", List.of())))
                .then().statusCode(200).body("data.updateUnit.unit.tags", empty());
        GraphqlCall.bearer(admin, UPDATE, Map.of("code", p + ".W2", "input", Map.of("tags",
                        List.of("ok", "NOT-OK"), "kind", "BAD")))
                .then().statusCode(200).body("data.updateUnit.unit", nullValue())
                .body("data.updateUnit.userErrors.pointer", contains("/kind", "/tags/1"));
        GraphqlCall.bearer(admin, UPSERT, Map.of("input", List.of(unit(p + ".W9", "window", p,
                        List.of("Bad")))))
                .then().statusCode(200).body("data.upsertUnits.units", nullValue())
                .body("data.upsertUnits.userErrors.pointer", contains("/0/tags/0"));
        given().get("/api/v1/units/{code}", p + ".W9").then().statusCode(404);
        assertTags(p + ".W2", "model-candidate");
    }

    @Test
    void everyDemoWindowIsAModelCandidateAndNoOtherDemoUnitIsTagged() {
        // seed 000: every counter, savings and delivery window takes part as a model-window creating unit
        List<UnitDraft> drafts = DemoOrganisation.drafts();
        assertThat(drafts).filteredOn(d -> d.kind().equals("window")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.tags()).containsExactly("model-candidate"));
        assertThat(drafts).filteredOn(d -> !d.kind().equals("window"))
                .allSatisfy(d -> assertThat(d.tags()).isNull());
    }

    private static void assertTags(String code, String... tags) {
        assertThat(tagsOf(code)).containsExactly(tags);
    }

    private static <T> org.assertj.core.api.ListAssert<T> assertThat(List<T> list) {
        return org.assertj.core.api.Assertions.assertThat(list);
    }
}
