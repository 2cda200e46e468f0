package io.servicegrade.unit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class UnitResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> unit(String code, String kind, String parent) {
        Map<String, Object> unit = new java.util.HashMap<>();
        unit.put("code", code);
        unit.put("name", code + " 名称");
        unit.put("kind", kind);
        if (parent != null) {
            unit.put("parent", parent);
        }
        return unit;
    }

    private static void put(List<Map<String, Object>> units) {
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
    }

    @Test
    void bulkUpsertStoresAParentThatComesAfterItsChildAndAnswersTheCounts() {
        String p = freshPrefix();
        Map<String, Object> window = unit(p + ".W1", "window", p + ".O");
        window.put("serviceLine", "savings");
        Map<String, Object> region = unit(p, "region", null);
        region.put("area", "rural");

        asAdmin().contentType(ContentType.JSON)
                .body(List.of(window, unit(p + ".O", "outlet", p), region))
                .put("/api/v1/units")
                .then().statusCode(200)
                .body("created", equalTo(3)).body("updated", equalTo(0)).body("unchanged", equalTo(0));

        given().get("/api/v1/units/{code}", p + ".W1").then().statusCode(200)
                .body("parent", equalTo(p + ".O"))
                .body("path", contains(p, p + ".O"))
                .body("serviceLine", equalTo("savings"))
                .body("area", equalTo("rural"))
                .body("name", equalTo(p + ".W1 名称"))
                .body("active", equalTo(true));
    }

    @Test
    void sendingTheSameUnitsAgainChangesNothing() {
        String p = freshPrefix();
        List<Map<String, Object>> units = List.of(unit(p, "region", null), unit(p + ".B", "branch", p));
        put(units);

        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units")
                .then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(2));
    }

    @Test
    void csvWithByteOrderMarkIsAccepted() {
        String p = freshPrefix();
        String csv = "\uFEFFcode,name,kind,parent,serviceLine,area\n"
                + p + ".W,\"窗口, 一号\",window," + p + ",delivery,\n"
                + p + ",支局,outlet,,,urban\n";

        asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/units")
                .then().statusCode(200).body("created", equalTo(2));

        given().get("/api/v1/units/{code}", p + ".W").then().statusCode(200)
                .body("name", equalTo("窗口, 一号"))
                .body("serviceLine", equalTo("delivery"))
                .body("area", equalTo("urban"));
    }

    @Test
    void oneBadRowRejectsTheWholeBatchAndEveryBadFieldIsListed() {
        String p = freshPrefix();
        Map<String, Object> badCode = unit(p + " X", "window", null);
        Map<String, Object> badArea = unit(p + ".A", "Window", p + ".MISSING");
        badArea.put("area", "city");
        Map<String, Object> loopA = unit(p + ".LA", "branch", p + ".LB");
        Map<String, Object> loopB = unit(p + ".LB", "branch", p + ".LA");

        asAdmin().contentType(ContentType.JSON)
                .body(List.of(unit(p, "region", null), badCode, badArea, unit(p + ".O", "outlet", p + ".NOPE"),
                        loopA, loopB))
                .put("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", notNullValue()).body("title", notNullValue()).body("status", equalTo(422))
                .body("errors.pointer", contains("/1/code", "/2/kind", "/2/area", "/2/parent", "/3/parent",
                        "/4/parent", "/5/parent"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].code", equalTo(p + " X"))
                .body("errors[0].field", equalTo("code"));

        given().get("/api/v1/units/{code}", p).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badCsvCellsAreReportedByRow() {
        String p = freshPrefix();
        String csv = "code,name,kind,parent,serviceLine,area\n" + p + ",区,region,,,\n" + p + ".B,,branch," + p
                + ",,mars\n";

        asAdmin().contentType("text/csv").body(csv).put("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/1/name", "/1/area"));
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
    }

    @Test
    void csvWithAnUnknownColumnIsRefused() {
        asAdmin().contentType("text/csv").body("code,name,kind,colour\nA,a,window,red\n").put("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/header/colour"));
    }

    @Test
    void movingAUnitMovesItsWholeSubtree() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null), unit(p + ".A", "branch", p), unit(p + ".B", "branch", p),
                unit(p + ".A.O", "outlet", p + ".A"), unit(p + ".A.O.W", "window", p + ".A.O")));

        asAdmin().contentType(ContentType.JSON).body(Map.of("parent", p + ".B"))
                .patch("/api/v1/units/{code}", p + ".A.O")
                .then().statusCode(200).body("path", contains(p, p + ".B"));

        given().get("/api/v1/units/{code}", p + ".A.O.W").then().statusCode(200)
                .body("path", contains(p, p + ".B", p + ".A.O"));
        given().queryParam("under", p + ".A").get("/api/v1/units").then().statusCode(200)
                .body("items", hasSize(0));
        given().queryParam("under", p + ".B").get("/api/v1/units").then().statusCode(200)
                .body("items.code", contains(p + ".A.O", p + ".A.O.W"));
    }

    @Test
    void aBulkRequestCanMoveUnitsAndTheirDescendantsFollow() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null), unit(p + ".A", "branch", p), unit(p + ".B", "branch", p),
                unit(p + ".O1", "outlet", p + ".A"), unit(p + ".O1.W", "window", p + ".O1"),
                unit(p + ".O2", "outlet", p + ".O1"), unit(p + ".O2.W", "window", p + ".O2")));

        // O1 goes under B, and O2 (below O1) goes under A: both subtrees follow their roots.
        asAdmin().contentType(ContentType.JSON)
                .body(List.of(unit(p + ".O1", "outlet", p + ".B"), unit(p + ".O2", "outlet", p + ".A")))
                .put("/api/v1/units").then().statusCode(200).body("updated", equalTo(2));

        given().get("/api/v1/units/{code}", p + ".O1.W").then().body("path", contains(p, p + ".B", p + ".O1"));
        given().get("/api/v1/units/{code}", p + ".O2.W").then().body("path", contains(p, p + ".A", p + ".O2"));
    }

    @Test
    void aMoveThatWouldMakeAUnitItsOwnAncestorIsRefused() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null), unit(p + ".A", "branch", p), unit(p + ".A.O", "outlet", p + ".A")));

        asAdmin().contentType(ContentType.JSON).body(Map.of("parent", p + ".A.O"))
                .patch("/api/v1/units/{code}", p + ".A")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/parent"));
        given().get("/api/v1/units/{code}", p + ".A").then().body("parent", equalTo(p));
    }

    @Test
    void patchRenamesAndRetiresButNeverChangesTheCode() {
        String p = freshPrefix();
        put(List.of(unit(p, "region", null)));

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "新名称 New name", "active", false))
                .patch("/api/v1/units/{code}", p)
                .then().statusCode(200).body("name", equalTo("新名称 New name")).body("active", equalTo(false));

        asAdmin().contentType(ContentType.JSON).body(Map.of("code", p + "X", "colour", "red"))
                .patch("/api/v1/units/{code}", p)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/code", "/colour"));
        given().get("/api/v1/units/{code}", p).then().body("name", equalTo("新名称 New name"));
    }

    @Test
    void listingPagesThroughUnitsUnderAUnitByKind() {
        String p = freshPrefix();
        List<Map<String, Object>> units = new ArrayList<>(List.of(unit(p, "region", null),
                unit(p + ".O", "outlet", p)));
        for (int i = 0; i < 5; i++) {
            units.add(unit(p + ".O.W" + i, "window", p + ".O"));
        }
        put(units);

        var first = given().queryParam("under", p).queryParam("kind", "window").queryParam("limit", 3)
                .get("/api/v1/units").then().statusCode(200)
                .body("items.code", contains(p + ".O.W0", p + ".O.W1", p + ".O.W2"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("under", p).queryParam("kind", "window").queryParam("limit", 3)
                .queryParam("cursor", (String) first)
                .get("/api/v1/units").then().statusCode(200)
                .body("items.code", contains(p + ".O.W3", p + ".O.W4"))
                .body("nextCursor", nullValue());
    }

    @Test
    void badQueryParametersAreNamed() {
        given().queryParam("limit", "lots").queryParam("active", "maybe").get("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/limit", "/active"));
        given().queryParam("under", "NO-SUCH-UNIT").get("/api/v1/units")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void writesWithoutAValidKeyAreRefusedAndStoreNothing() {
        String p = freshPrefix();
        given().contentType(ContentType.JSON).body(List.of(unit(p, "region", null))).put("/api/v1/units")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        given().header("X-Api-Key", "sg_not-a-key").contentType(ContentType.JSON)
                .body(List.of(unit(p, "region", null))).put("/api/v1/units")
                .then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
    }

    @Test
    void moreThanTenThousandUnitsIsTooLarge() {
        String p = freshPrefix();
        List<Map<String, Object>> units = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            units.add(unit(p + "." + i, "window", null));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units")
                .then().statusCode(413).contentType(PROBLEM).body("detail", startsWith("At most 10000"));
        given().get("/api/v1/units/{code}", p + ".0").then().statusCode(404);
    }

    @Test
    void malformedBodiesWrongTypesAndMethodsGetProblems() {
        asAdmin().contentType(ContentType.JSON).body("[{\"code\": ").put("/api/v1/units")
                .then().statusCode(400).contentType(PROBLEM);
        asAdmin().contentType(ContentType.JSON).body("[{\"code\": 7, \"name\": \"n\", \"kind\": \"window\"}]")
                .put("/api/v1/units")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/0/code"));
        asAdmin().contentType(ContentType.XML).body("<units/>").put("/api/v1/units")
                .then().statusCode(415).contentType(PROBLEM);
        asAdmin().delete("/api/v1/units/SZ").then().statusCode(405).contentType(PROBLEM);
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void problemsSpeakChineseWhenAskedTo() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").get("/api/v1/units/{code}", "NO-SUCH-UNIT")
                .then().statusCode(404).contentType(PROBLEM)
                .body("title", equalTo("未找到"))
                .body("detail", equalTo("不存在代码为 'NO-SUCH-UNIT' 的单位。"));
    }

    @Test
    void noStackTraceOrSqlReachesTheClient() {
        String body = asAdmin().contentType(ContentType.JSON).body("{\"units\": [}").put("/api/v1/units")
                .then().statusCode(400).extract().asString();
        assertThat(body).doesNotContain("at io.", "Exception", "SELECT", "INSERT");
    }
}
