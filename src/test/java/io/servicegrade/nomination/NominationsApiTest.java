package io.servicegrade.nomination;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Nominations (推荐) and benchmark units (标杆) through the server (issue 18): proposed at publication, confirmed or
 * substituted by the branch's manager, forwarded by the city's, approved by the analyst, one benchmark per line.
 */
@QuarkusTest
class NominationsApiTest {

    static final String PASSWORD = "correct horse battery";
    static final String AT = "2023-05-10T10:00:00+08:00";
    static final String PERIOD = "2023-Q2";

    /** A city of two branches with counter and delivery windows, a scheme nominating 2 per line, scores posted. */
    record World(String p, String scheme) {

        String path() {
            return "/api/v1/schemes/" + scheme + "/periods/" + PERIOD;
        }
    }

    static World world() {
        String p = TestApi.freshPrefix();
        List<Map<String, Object>> units = new ArrayList<>();
        units.add(unit(p, "city", null, null));
        units.add(unit(p + ".B1", "branch", p, null));
        units.add(unit(p + ".B2", "branch", p, null));
        for (String w : List.of("C1", "C2", "C3", "C4")) {
            units.add(unit(p + ".B1." + w, "window", p + ".B1", "counter"));
        }
        for (String w : List.of("D1", "D2", "D3", "D4")) {
            units.add(unit(p + ".B1." + w, "window", p + ".B1", "delivery"));
        }
        for (String w : List.of("X1", "X2", "X3")) {
            units.add(unit(p + ".B2." + w, "window", p + ".B2", "counter"));
        }
        for (String w : List.of("E1", "E2")) {
            units.add(unit(p + ".B2." + w, "window", p + ".B2", "delivery"));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        String rubric = p.toLowerCase(Locale.ROOT) + "-rubric";
        String scheme = p.toLowerCase(Locale.ROOT) + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        SchemeVersionsTest.put(scheme, SchemeVersionsTest.scheme(rubric, "2023-01-01", "90", "quarter",
                "Asia/Shanghai") + """
                lifecycle:
                  objectionDays: 0
                  nominations: {top: 2, levels: [branch, city]}
                """).statusCode(201);
        // Both sources score s, so average = weighted = s: model from 90, compliant from 85, below: the last grade.
        List<Map<String, Object>> evaluations = new ArrayList<>();
        Map<String, Integer> scores = new HashMap<>();
        scores.putAll(Map.of("B1.C1", 95, "B1.C2", 93, "B1.C3", 91, "B1.C4", 88));
        scores.putAll(Map.of("B1.D1", 92, "B1.D2", 90, "B1.D3", 90, "B1.D4", 80));
        scores.putAll(Map.of("B2.X1", 89, "B2.X2", 87, "B2.X3", 84, "B2.E1", 86));
        scores.forEach((w, s) -> {
            // C2 fails the veto item in its inspection: vetoed, so never proposed though it scores 93
            boolean pass = !w.equals("B1.C2");
            evaluations.add(SchemeStandingsTest.evaluation(p + "-i-" + w, "inspection", p + "." + w, rubric, AT, s,
                    pass));
            evaluations.add(SchemeStandingsTest.evaluation(p + "-m-" + w, "mystery_shop", p + "." + w, rubric, AT,
                    s, true));
        });
        SchemeVersionsTest.post(evaluations);
        return new World(p, scheme);
    }

    static Map<String, Object> unit(String code, String kind, String parent, String line) {
        Map<String, Object> unit = new HashMap<>(Map.of("code", code, "name", "单位" + code.substring(
                code.lastIndexOf('.') + 1), "kind", kind));
        if (parent != null) {
            unit.put("parent", parent);
        }
        if (line != null) {
            unit.put("serviceLine", line);
        }
        return unit;
    }

    /** A token of a new account with these roles and scope. */
    static String token(List<String> roles, List<String> scope) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "测试 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD, "name", "t"))
                .post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static List<Map<String, Object>> nominations(World w) {
        return given().get(w.path() + "/nominations").then().statusCode(200).extract().path("$");
    }

    /** The id of the unit's nomination at a level (its live row: not a replaced one). */
    static long id(World w, int level, String unit) {
        return nominations(w).stream().filter(n -> ((Integer) n.get("level")) == level
                && n.get("unit").equals(w.p() + "." + unit) && !n.get("state").equals("replaced"))
                .map(n -> ((Number) n.get("id")).longValue()).findFirst().orElseThrow();
    }

    static final String CONFIRM = """
            mutation Confirm($scheme: String!, $period: String!, $nomination: BigInteger!) {
              confirmNomination(scheme: $scheme, period: $period, nomination: $nomination) {
                nomination { unit state level }
                userErrors { pointer code }
              }
            }""";

    @Test
    void theWholeRoundFromPublicationToApprovalAndBenchmark() {
        World w = world();
        String p = w.p();
        asAdmin().post(w.path() + "/publish").then().statusCode(200);

        // Proposed per branch and line, top 2 by rank: B1 counter C1 (95), C3 (91): C2 (93) is vetoed; B1 delivery
        // D1 (92), and D2 and D3 tied at 90 for second place (competition rank: both); D4 (80) is the last grade.
        // B2 counter X1 (89), X2 (87); B2 delivery E1 (86) alone: E2 has no evaluations, so no grade.
        given().get(w.path() + "/nominations").then().statusCode(200)
                .body("findAll { it.level == 0 }.unit", containsInAnyOrder(p + ".B1.C1", p + ".B1.C3",
                        p + ".B1.D1", p + ".B1.D2", p + ".B1.D3", p + ".B2.X1", p + ".B2.X2", p + ".B2.E1"))
                .body("state", everyItemIs("proposed"))
                .body("find { it.unit == '" + p + ".B1.C1' }.group", equalTo(p + ".B1"))
                .body("find { it.unit == '" + p + ".B1.C1' }.levelKind", equalTo("branch"))
                .body("find { it.unit == '" + p + ".B1.D2' }.serviceLine", equalTo("delivery"));
        // publishing again changes nothing
        asAdmin().post(w.path() + "/publish").then().statusCode(200);
        assertThat(nominations(w)).hasSize(8);

        String b1 = token(List.of("manager"), List.of(p + ".B1"));
        String b2 = token(List.of("manager"), List.of(p + ".B2"));
        String city = token(List.of("manager"), List.of(p));
        String analyst = token(List.of("analyst"), List.of());

        // the branch's manager confirms; another branch's manager may not
        as(b1).body(Map.of()).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.C1")).then()
                .statusCode(200).body("state", equalTo("confirmed"));
        as(b2).body(Map.of()).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.D1")).then()
                .statusCode(403).contentType("application/problem+json");
        // confirming twice: 409
        as(b1).body(Map.of()).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.C1")).then()
                .statusCode(409);

        // substitution: a reason is required, the unit must be an eligible one of the same group and line
        long c3 = id(w, 0, "B1.C3");
        as(b1).body(Map.of("unit", p + ".B1.C4")).post(w.path() + "/nominations/{id}/substitute", c3).then()
                .statusCode(422).contentType("application/problem+json").body("errors.pointer", contains("/reason"));
        as(b1).body(Map.of("unit", p + ".B2.X3", "reason", "更好")).post(w.path() + "/nominations/{id}/substitute",
                c3).then().statusCode(422).body("errors.pointer", contains("/unit"));
        as(b1).body(Map.of("unit", p + ".B1.C2", "reason", "被否决的不行")).post(
                w.path() + "/nominations/{id}/substitute", c3).then().statusCode(422)
                .body("errors.pointer", contains("/unit"));
        as(b1).body(Map.of("unit", p + ".B1.D4", "reason", "另一工种不行")).post(
                w.path() + "/nominations/{id}/substitute", c3).then().statusCode(422)
                .body("errors.pointer", contains("/unit"));
        as(b2).body(Map.of("unit", p + ".B1.C4", "reason", "越权")).post(
                w.path() + "/nominations/{id}/substitute", c3).then().statusCode(403);
        assertThat(nominations(w)).hasSize(8);
        as(b1).body(Map.of("unit", p + ".B1.C4", "reason", "群众满意度更高")).post(
                w.path() + "/nominations/{id}/substitute", c3).then().statusCode(200)
                .body("unit", equalTo(p + ".B1.C4")).body("state", equalTo("confirmed"))
                .body("reason", equalTo("群众满意度更高")).body("replaces", equalTo((int) c3));
        given().get(w.path() + "/nominations").then()
                .body("find { it.id == " + c3 + " }.state", equalTo("replaced"));

        as(b1).body(Map.of()).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.D1")).then().statusCode(200);
        as(b1).body(Map.of("reason", "并列第二")).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.D2"))
                .then().statusCode(200).body("reason", equalTo("并列第二"));
        // B2's manager confirms over GraphQL, the same rule
        for (String unit : List.of("B2.X1", "B2.X2", "B2.E1")) {
            GraphqlCall.bearer(b2, CONFIRM, Map.of("scheme", w.scheme(), "period", PERIOD, "nomination",
                    id(w, 0, unit))).then().statusCode(200).body("errors", nullValue())
                    .body("data.confirmNomination.userErrors", hasSize(0))
                    .body("data.confirmNomination.nomination.state", equalTo("confirmed"));
        }
        GraphqlCall.bearer(b2, CONFIRM, Map.of("scheme", w.scheme(), "period", PERIOD, "nomination",
                id(w, 0, "B2.X1"))).then().statusCode(200)
                .body("data.confirmNomination.nomination", nullValue())
                .body("data.confirmNomination.userErrors[0].code", equalTo("CONFLICT"));

        // Forwarded to the city, top 2 of those confirmed below by rank: counter C1 (95), X1 (89) over C4 (88) and
        // X2 (87); delivery D1 (92), D2 (90) over E1 (86); D3, still proposed, does not go up.
        as(b1).body(Map.of("group", p, "serviceLine", "counter")).post(w.path() + "/nominations/forward").then()
                .statusCode(403);
        as(city).body(Map.of("group", p + ".B1", "serviceLine", "counter")).post(w.path() + "/nominations/forward")
                .then().statusCode(422).body("errors.pointer", contains("/group"));
        as(city).body(Map.of("group", p, "serviceLine", "counter")).post(w.path() + "/nominations/forward").then()
                .statusCode(200).body("unit", containsInAnyOrder(p + ".B1.C1", p + ".B2.X1"))
                .body("state", everyItemIs("confirmed")).body("level", everyItemIs(1));
        as(city).body(Map.of("group", p, "serviceLine", "delivery")).post(w.path() + "/nominations/forward").then()
                .statusCode(200).body("unit", containsInAnyOrder(p + ".B1.D1", p + ".B1.D2"));
        // again: nothing changes
        as(city).body(Map.of("group", p, "serviceLine", "counter")).post(w.path() + "/nominations/forward").then()
                .statusCode(200).body("unit", hasSize(2));
        // a nomination that went up can no longer be substituted below
        as(b1).body(Map.of("unit", p + ".B1.C3", "reason", "换回")).post(w.path() + "/nominations/{id}/substitute",
                id(w, 0, "B1.C1")).then().statusCode(409);

        // the analyst approves at the last level only; a manager may not approve
        long cityC1 = id(w, 1, "B1.C1");
        as(city).post(w.path() + "/nominations/{id}/approve", cityC1).then().statusCode(403);
        as(analyst).post(w.path() + "/nominations/{id}/approve", id(w, 0, "B2.E1")).then().statusCode(409);
        as(analyst).post(w.path() + "/nominations/{id}/approve", cityC1).then().statusCode(200)
                .body("state", equalTo("approved"));

        // one benchmark per line: the approved C1; replacing it needs a reason; a unit of the last grade never
        as(analyst).body(Map.of("serviceLine", "counter", "unit", p + ".B1.C1"))
                .post(w.path() + "/benchmarks").then().statusCode(200).body("unit", equalTo(p + ".B1.C1"));
        as(analyst).body(Map.of("serviceLine", "counter", "unit", p + ".B2.X1"))
                .post(w.path() + "/benchmarks").then().statusCode(422).body("errors.pointer", contains("/reason"));
        as(analyst).body(Map.of("serviceLine", "delivery", "unit", p + ".B1.D4", "reason", "试"))
                .post(w.path() + "/benchmarks").then().statusCode(422).body("errors.pointer", contains("/unit"));
        as(b1).body(Map.of("serviceLine", "delivery", "unit", p + ".B1.D1"))
                .post(w.path() + "/benchmarks").then().statusCode(403);
        as(analyst).body(Map.of("serviceLine", "counter", "unit", p + ".B2.X1", "reason", "服务创新"))
                .post(w.path() + "/benchmarks").then().statusCode(200).body("unit", equalTo(p + ".B2.X1"));
        as(analyst).body(Map.of("serviceLine", "delivery", "unit", p + ".B1.D1"))
                .post(w.path() + "/benchmarks").then().statusCode(200);
        given().get(w.path() + "/benchmarks").then().statusCode(200)
                .body("findAll { it.serviceLine == 'counter' }.unit", contains(p + ".B1.C1", p + ".B2.X1"))
                .body("findAll { it.replacedAt == null }.unit", containsInAnyOrder(p + ".B2.X1", p + ".B1.D1"));

        // the notice and the bulletin show the nominees with their state and the benchmark units, in both languages
        // issue 20: each unit by its path (the city, the root, left out) and its code in a cell of its own
        String notice = page("/reports/notice", w, "zh-CN");
        assertThat(notice).contains("推荐与标杆", "已审批", "待确认", "服务创新", "单位B2 › 单位X1", ">" + p + ".B2.X1<");
        String nominees = notice.substring(notice.indexOf("id=\"table-nominations\""));
        nominees = nominees.substring(0, nominees.indexOf("</table>"));
        assertThat(nominees).contains("单位B1 › 单位C1", ">" + p + ".B1.C1<").doesNotContain(">" + p + ".B1.C3<");
        String bulletin = page("/reports/bulletin", w, "en");
        assertThat(bulletin).contains("Nominations and benchmark units", "approved", "confirmed",
                "单位B1 › 单位D1", ">" + p + ".B1.D1<");

        // GraphQL reads what REST reads, and refuses a substitution without a reason in the payload
        GraphqlCall.bearer(analyst, """
                query N($scheme: String!, $period: String!) {
                  nominations(scheme: $scheme, period: $period) { unit state level levelKind group serviceLine }
                  benchmarks(scheme: $scheme, period: $period) { serviceLine unit replacedAt }
                }""", Map.of("scheme", w.scheme(), "period", PERIOD)).then().statusCode(200)
                .body("errors", nullValue())
                .body("data.nominations", hasSize(nominations(w).size()))
                .body("data.nominations.find { it.unit == '" + p + ".B1.C1' && it.level == 1 }.state",
                        equalTo("approved"))
                .body("data.benchmarks.findAll { it.replacedAt == null }.unit",
                        containsInAnyOrder(p + ".B2.X1", p + ".B1.D1"));
        GraphqlCall.bearer(b1, """
                mutation S($scheme: String!, $period: String!, $nomination: BigInteger!) {
                  substituteNomination(scheme: $scheme, period: $period, nomination: $nomination, unit: "x",
                                       reason: " ") {
                    nomination { unit }
                    userErrors { pointer code }
                  }
                }""", Map.of("scheme", w.scheme(), "period", PERIOD, "nomination", id(w, 0, "B1.D3")))
                .then().statusCode(200).body("errors", nullValue())
                .body("data.substituteNomination.nomination", nullValue())
                .body("data.substituteNomination.userErrors.pointer", contains("/reason"))
                .body("data.substituteNomination.userErrors.code", contains("BAD_USER_INPUT"));

        // once the period is closed its nominations and benchmark units are final: every write is 409 period-closed
        asAdmin().post(w.path() + "/close").then().statusCode(200);
        as(b1).body(Map.of()).post(w.path() + "/nominations/{id}/confirm", id(w, 0, "B1.D3")).then()
                .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("period-closed"));
        as(analyst).post(w.path() + "/nominations/{id}/approve", id(w, 1, "B2.X1")).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("period-closed"));
        as(analyst).body(Map.of("serviceLine", "delivery", "unit", p + ".B1.D2", "reason", "改"))
                .post(w.path() + "/benchmarks").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("period-closed"));
        given().get(w.path() + "/nominations").then()
                .body("find { it.unit == '" + p + ".B1.D3' }.state", equalTo("proposed"));

        // every action is audited under its name
        for (String action : List.of("nomination.confirm", "nomination.substitute", "nomination.forward",
                "nomination.approve", "benchmark.designate")) {
            asAdmin().queryParam("action", action).queryParam("limit", 5).get("/api/v1/admin/audit").then()
                    .statusCode(200).body("items.action", org.hamcrest.Matchers.hasItem(action));
        }
    }

    @Test
    void aSchemeWithoutNominationsProposesNothingAndRefusesForwarding() {
        String p = TestApi.freshPrefix();
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(2);
        SchemeVersionsTest.post(List.of(SchemeStandingsTest.evaluation(p + "-i", "inspection", setup.region() + ".W1",
                setup.rubric(), AT, 95, true)));
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", setup.scheme(), PERIOD).then()
                .statusCode(200);
        given().get("/api/v1/schemes/{key}/periods/{period}/nominations", setup.scheme(), PERIOD).then()
                .statusCode(200).body("$", hasSize(0));
        asAdmin().contentType(ContentType.JSON).body(Map.of("group", setup.region(), "serviceLine", "counter"))
                .post("/api/v1/schemes/{key}/periods/{period}/nominations/forward", setup.scheme(), PERIOD).then()
                .statusCode(409);
    }

    static String page(String path, World w, String lang) {
        Response response = given().queryParam("scheme", w.scheme()).queryParam("period", PERIOD)
                .queryParam("lang", lang).get(path);
        response.then().statusCode(200);
        return new String(response.asByteArray(), StandardCharsets.UTF_8);
    }

    static org.hamcrest.Matcher<Iterable<? super Object>> everyItemIs(Object value) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        org.hamcrest.Matcher<Iterable<? super Object>> m = (org.hamcrest.Matcher) org.hamcrest.Matchers.everyItem(
                equalTo(value));
        return m;
    }
}
