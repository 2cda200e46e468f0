package io.servicegrade.veto;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 18, point 5: unit veto events (一票否决事件) through the real server. Hand-worked: window W1 scores 88 by
 * inspection and 91 by mystery shopping in 2024-Q2 (average 89.5 ≥ 85: compliant; weighted 89.8 < 90: not a model),
 * ranked first before W2 (80 and 80: not compliant). The scheme reaches a whole year with an event (its default).
 */
@QuarkusTest
class VetoEventsTest {

    static final String PASSWORD = "correct horse battery";

    /** A region with windows W1 and W2, staff S1 under W1, the quarterly scheme, and W1's and W2's evaluations. */
    record World(String region, String scheme, String w1, String w2, String staff) {

        /**
         * Evaluations in 2024-Q2, 2024-Q3 (the same year) and 2025-Q1 (the next). Every scheme grading windows shows
         * W1, so an event reaches them all: the tests' years are ones no other test closes a period of.
         */
        static World of() {
            return of(null, "2023-01-01", List.of("2024-05-10T10:00:00+08:00", "2024-08-10T10:00:00+08:00",
                    "2025-02-10T10:00:00+08:00"));
        }

        /**
         * As {@link #of()}, with evaluations at {@code whens}, the scheme's second version active from
         * {@code activeFrom} declaring the lifecycle block {@code lifecycle} (YAML).
         */
        static World of(String lifecycle, String activeFrom, List<String> whens) {
            SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(2);
            if (lifecycle != null) {
                SchemeVersionsTest.put(setup.scheme(), SchemeVersionsTest.scheme(setup.rubric(), activeFrom, "90",
                        "quarter", "Asia/Shanghai") + "lifecycle: " + lifecycle + "\n").statusCode(201);
            }
            String p = setup.region();
            World world = new World(p, setup.scheme(), p + ".W1", p + ".W2", p + ".W1.S1");
            asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", world.staff(), "name", "张三",
                    "kind", "staff", "parent", world.w1()))).put("/api/v1/units").then().statusCode(200);
            List<Map<String, Object>> evaluations = new ArrayList<>();
            // W1 88 / 91 and W2 80 / 80 each time
            for (String when : whens) {
                String tag = when.substring(0, 7);
                evaluations.add(SchemeStandingsTest.evaluation(p + "-i1-" + tag, "inspection", world.w1(),
                        setup.rubric(), when, 88, true));
                evaluations.add(SchemeStandingsTest.evaluation(p + "-m1-" + tag, "mystery_shop", world.w1(),
                        setup.rubric(), when, 91, true));
                evaluations.add(SchemeStandingsTest.evaluation(p + "-i2-" + tag, "inspection", world.w2(),
                        setup.rubric(), when, 80, true));
                evaluations.add(SchemeStandingsTest.evaluation(p + "-m2-" + tag, "mystery_shop", world.w2(),
                        setup.rubric(), when, 80, true));
            }
            SchemeVersionsTest.post(evaluations);
            return world;
        }

        Map<String, Object> event(String day) {
            return new HashMap<>(Map.of("unit", w1, "staff", List.of(staff), "kind", "media-exposure",
                    "occurredOn", day, "description", "窗口服务态度问题被本地媒体曝光",
                    "evidence", List.of("https://news.example.cn/2023/05/12/post")));
        }

        /** The REST board of a period, under the region. */
        ValidatableResponse board(String period) {
            return given().queryParam("period", period).queryParam("under", region)
                    .get("/api/v1/schemes/{key}/standings", scheme).then().statusCode(200);
        }

        boolean eligible(String unit, String period) {
            return asAdmin().queryParam("scheme", scheme).queryParam("period", period).queryParam("unit", unit)
                    .get("/api/v1/veto-events/eligibility").then().statusCode(200).extract().path("eligible");
        }

        /** The revision the period's board was read at (GraphQL's standings). */
        long revision(String period) {
            return ((Number) GraphqlCall.apiKey(TestApi.adminKey(), """
                    query($scheme: String!, $period: String!) { standings(scheme: $scheme, period: $period) { revision } }
                    """, Map.of("scheme", scheme, "period", period)).then().statusCode(200)
                    .body("errors", nullValue()).extract().path("data.standings.revision")).longValue();
        }
    }

    static String propose(Map<String, Object> event) {
        return asAdmin().contentType(ContentType.JSON).body(event).post("/api/v1/veto-events").then()
                .statusCode(201).body("state", equalTo("proposed")).body("inEffect", equalTo(false))
                .extract().path("id");
    }

    static void assertW1CompliantAndFirst(World world, String period) {
        world.board(period)
                .body("standings.find { it.unit == '" + world.w1() + "' }.grade.key", equalTo("compliant"))
                .body("standings.find { it.unit == '" + world.w1() + "' }.rank", equalTo(1))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoed", equalTo(false))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoEvent", nullValue())
                .body("standings.find { it.unit == '" + world.w2() + "' }.rank", equalTo(2));
    }

    static void assertW1VetoedBy(World world, String period, String id) {
        assertW1VetoedBy(world, period, id, "2024-05-12");
    }

    static void assertW1VetoedBy(World world, String period, String id, String date) {
        world.board(period)
                .body("standings.find { it.unit == '" + world.w1() + "' }.grade.key", equalTo("noncompliant"))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoed", equalTo(true))
                .body("standings.find { it.unit == '" + world.w1() + "' }.rank", equalTo(2))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoedBy", nullValue())
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoEvent.id", equalTo(id))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoEvent.kind", equalTo("media-exposure"))
                .body("standings.find { it.unit == '" + world.w1() + "' }.vetoEvent.date", equalTo(date))
                .body("standings.find { it.unit == '" + world.w2() + "' }.rank", equalTo(1));
    }

    @Test
    void aConfirmedEventVetoesTheYearsBoardsUntilItsExemptionIsApprovedAndAProposedOneChangesNothing() {
        World world = World.of();
        assertW1CompliantAndFirst(world, "2024-Q2");

        String id = propose(world.event("2024-05-12"));
        // proposed only: no board changes, and the unit and its staff stay eligible
        assertW1CompliantAndFirst(world, "2024-Q2");
        assertW1CompliantAndFirst(world, "2024-Q3");
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.w1(), "2024-Q2")).isTrue();
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.staff(), "2024")).isTrue();

        long before = world.revision("2024-Q2");
        asAdmin().post("/api/v1/veto-events/{id}/confirm", id).then().statusCode(200)
                .body("state", equalTo("confirmed")).body("inEffect", equalTo(true))
                .body("confirmedAt", notNullValue());
        org.assertj.core.api.Assertions.assertThat(world.revision("2024-Q2")).as("the board's stamp changed")
                .isGreaterThan(before);
        assertW1VetoedBy(world, "2024-Q2", id);
        // the year's other quarter too, not the next year's
        assertW1VetoedBy(world, "2024-Q3", id);
        assertW1CompliantAndFirst(world, "2025-Q1");
        // the report pages give the reason in words, in both languages
        org.assertj.core.api.Assertions.assertThat(given().queryParam("scheme", world.scheme())
                .queryParam("period", "2024-Q2").queryParam("under", world.region()).queryParam("lang", "zh-CN")
                .get("/reports/standings").then().statusCode(200).extract().asString())
                .contains("一票否决：媒体曝光，2024年5月12日");
        org.assertj.core.api.Assertions.assertThat(given().queryParam("scheme", world.scheme())
                .queryParam("period", "2024-Q2").queryParam("unit", world.w1()).queryParam("lang", "en")
                .get("/reports/scorecard").then().statusCode(200).extract().asString())
                .contains("Vetoed: media exposure, 12 May 2024");
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.w1(), "2024-Q3")).isFalse();
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.staff(), "2024")).isFalse();
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.staff(), "2025")).isTrue();
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.w2(), "2024-Q2")).isTrue();
        asAdmin().queryParam("scheme", world.scheme()).queryParam("period", "2024").queryParam("unit", world.staff())
                .get("/api/v1/veto-events/eligibility").then().statusCode(200)
                .body("events.id", contains(id)).body("events[0].unit", equalTo(world.w1()))
                .body("events[0].staff", contains(world.staff()));
        // confirming again is a conflict, and changes nothing
        asAdmin().post("/api/v1/veto-events/{id}/confirm", id).then().statusCode(409)
                .contentType("application/problem+json");

        // an unknown ground is refused by pointer and changes nothing
        asAdmin().contentType(ContentType.JSON).body(Map.of("ground", "good-intentions", "reason", "x"))
                .post("/api/v1/veto-events/{id}/exemption", id).then().statusCode(422)
                .contentType("application/problem+json").body("errors.pointer", contains("/ground"));
        asAdmin().get("/api/v1/veto-events/{id}", id).then().statusCode(200).body("state", equalTo("confirmed"))
                .body("exemption", nullValue());

        // asked for: still vetoing until approved
        asAdmin().contentType(ContentType.JSON).body(Map.of("ground", "force-majeure",
                "reason", "台风导致停电，网点无法正常营业")).post("/api/v1/veto-events/{id}/exemption", id).then()
                .statusCode(200).body("state", equalTo("exemption-requested"))
                .body("exemption.ground", equalTo("force-majeure")).body("exemption.approvedAt", nullValue());
        assertW1VetoedBy(world, "2024-Q2", id);

        asAdmin().post("/api/v1/veto-events/{id}/exemption/approve", id).then().statusCode(200)
                .body("state", equalTo("exempted")).body("inEffect", equalTo(false))
                .body("exemption.approvedAt", notNullValue());
        assertW1CompliantAndFirst(world, "2024-Q2");
        assertW1CompliantAndFirst(world, "2024-Q3");
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.staff(), "2024")).isTrue();

        // every step is in the audit log under its action, naming the event
        for (String action : List.of("veto-event.propose", "veto-event.confirm", "veto-event.request-exemption",
                "veto-event.exempt")) {
            asAdmin().queryParam("action", action).queryParam("target", "veto-event:" + id)
                    .get("/api/v1/admin/audit").then().statusCode(200)
                    .body("items.findAll { it.outcome == 'ok' }", hasSize(1));
        }
    }

    @Test
    void badFieldsAreNamedByPointerAndNothingIsStored() {
        World world = World.of();
        Map<String, Object> bad = new HashMap<>(Map.of("unit", world.region() + ".NOPE", "staff",
                List.of(world.staff(), world.staff()), "kind", "rumour", "occurredOn", "2023-13-01",
                "evidence", List.of("ftp://x"), "color", "red"));
        asAdmin().contentType(ContentType.JSON).header("Accept-Language", "zh-CN").body(bad)
                .post("/api/v1/veto-events").then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/unit", "/staff/1", "/kind", "/occurredOn",
                        "/description", "/evidence/0", "/color"));
        Map<String, Object> other = world.event("2023-05-12");
        other.put("kind", "other");
        asAdmin().contentType(ContentType.JSON).body(other).post("/api/v1/veto-events").then().statusCode(422)
                .body("errors.pointer", contains("/kindText"));
        asAdmin().queryParam("unit", world.w1()).get("/api/v1/veto-events").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void aManagerProposesInScopeOnlyAndOnlyTheGeneralManagersOfficeConfirms() {
        World world = World.of();
        String manager = token(List.of("manager"), List.of(world.w1()));
        as(manager).contentType(ContentType.JSON).body(Map.of("unit", world.w2(), "kind", "safety-accident",
                "occurredOn", "2024-06-01", "description", "营业厅电气火灾")).post("/api/v1/veto-events").then()
                .statusCode(403).body("errors.pointer", contains("/unit"));
        String id = as(manager).contentType(ContentType.JSON).body(world.event("2024-05-12"))
                .post("/api/v1/veto-events").then().statusCode(201).extract().path("id");
        as(manager).post("/api/v1/veto-events/{id}/confirm", id).then().statusCode(403);
        given().header("X-Api-Key", TestApi.agency(null)).post("/api/v1/veto-events/{id}/confirm", id).then()
                .statusCode(403);
        // a manager of another subtree does not see it
        String other = token(List.of("manager"), List.of(world.w2()));
        as(other).get("/api/v1/veto-events/{id}", id).then().statusCode(404);
        as(other).queryParam("unit", world.w1()).get("/api/v1/veto-events").then().statusCode(200)
                .body("$", hasSize(0));

        String analyst = token(List.of("analyst"), List.of());
        as(analyst).post("/api/v1/veto-events/{id}/confirm", id).then().statusCode(200)
                .body("state", equalTo("confirmed"));
        assertW1VetoedBy(world, "2024-Q2", id);
    }

    @Test
    void aConfirmationIntoAClosedPeriodIsRefusedWholeAndAPeriodScopeReachesOnlyItsPeriod() {
        World world = World.of("{objectionDays: 0, vetoEvents: {scope: period, exemptionGrounds: [force-majeure]}}",
                "2022-01-01", List.of("2022-05-10T10:00:00+08:00", "2022-08-10T10:00:00+08:00",
                        "2023-02-10T10:00:00+08:00"));
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", world.scheme(), "2022-Q2").then()
                .statusCode(200);
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/close", world.scheme(), "2022-Q2").then()
                .statusCode(200);
        String board = world.board("2022-Q2").extract().asString();

        // proposing changes no board, so it is taken; confirming would change the closed quarter's
        String closed = propose(world.event("2022-05-12"));
        asAdmin().post("/api/v1/veto-events/{id}/confirm", closed).then().statusCode(409)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("period-closed"))
                .body("detail", org.hamcrest.Matchers.containsString("2022-Q2"));
        asAdmin().get("/api/v1/veto-events/{id}", closed).then().body("state", equalTo("proposed"));
        org.assertj.core.api.Assertions.assertThat(world.board("2022-Q2").extract().asString()).isEqualTo(board);

        // an event of the third quarter vetoes that quarter only: the scheme's scope is the period
        String q3 = propose(world.event("2022-08-01"));
        asAdmin().post("/api/v1/veto-events/{id}/confirm", q3).then().statusCode(200);
        assertW1VetoedBy(world, "2022-Q3", q3, "2022-08-01");
        assertW1CompliantAndFirst(world, "2023-Q1");
        org.assertj.core.api.Assertions.assertThat(world.board("2022-Q2").extract().asString()).isEqualTo(board);
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.w1(), "2022-Q4")).isTrue();
        org.assertj.core.api.Assertions.assertThat(world.eligible(world.w1(), "2022")).isFalse();

        // a ground the scheme does not configure is refused, naming the field
        asAdmin().contentType(ContentType.JSON).body(Map.of("ground", "inspection-done", "reason", "已整改"))
                .post("/api/v1/veto-events/{id}/exemption", q3).then().statusCode(422)
                .body("errors.pointer", contains("/ground"));
    }

    static final String PROPOSE = """
            mutation($input: VetoEventInput!) {
              proposeVetoEvent(input: $input) { vetoEvent { id state unit staff } userErrors { pointer code } }
            }""";

    static final String CONFIRM = """
            mutation($id: String!) {
              confirmVetoEvent(id: $id) { vetoEvent { id state inEffect } userErrors { pointer code } }
            }""";

    static final String BOARD = """
            query($scheme: String!, $period: String!, $under: String) {
              standings(scheme: $scheme, period: $period, under: $under) {
                edges { node { unit { code } grade { key } vetoed vetoEvent { id kind date } } }
              }
            }""";

    @Test
    void graphqlProposesConfirmsAndShowsTheEventOnTheBoard() {
        World world = World.of();
        String admin = TestApi.adminKey();
        GraphqlCall.apiKey(admin, PROPOSE, Map.of("input", Map.of("unit", world.w1(), "kind", "other",
                "occurredOn", "2024-05-12", "description", "x"))).then().statusCode(200)
                .body("errors", nullValue()).body("data.proposeVetoEvent.vetoEvent", nullValue())
                .body("data.proposeVetoEvent.userErrors.pointer", contains("/kindText"));
        String id = GraphqlCall.apiKey(admin, PROPOSE, Map.of("input", world.event("2024-05-12"))).then()
                .statusCode(200).body("errors", nullValue())
                .body("data.proposeVetoEvent.vetoEvent.state", equalTo("proposed"))
                .body("data.proposeVetoEvent.vetoEvent.staff", contains(world.staff()))
                .extract().path("data.proposeVetoEvent.vetoEvent.id");
        GraphqlCall.apiKey(admin, BOARD, Map.of("scheme", world.scheme(), "period", "2024-Q2", "under",
                world.region())).then().body("errors", nullValue())
                .body("data.standings.edges.find { it.node.unit.code == '" + world.w1() + "' }.node.vetoEvent",
                        nullValue());
        GraphqlCall.apiKey(admin, CONFIRM, Map.of("id", id)).then().body("errors", nullValue())
                .body("data.confirmVetoEvent.vetoEvent.state", equalTo("confirmed"))
                .body("data.confirmVetoEvent.vetoEvent.inEffect", equalTo(true));
        GraphqlCall.apiKey(admin, BOARD, Map.of("scheme", world.scheme(), "period", "2024-Q2", "under",
                world.region())).then().body("errors", nullValue())
                .body("data.standings.edges.find { it.node.unit.code == '" + world.w1() + "' }.node.vetoed",
                        equalTo(true))
                .body("data.standings.edges.find { it.node.unit.code == '" + world.w1() + "' }.node.grade.key",
                        equalTo("noncompliant"))
                .body("data.standings.edges.find { it.node.unit.code == '" + world.w1() + "' }.node.vetoEvent.id",
                        equalTo(id))
                .body("data.standings.edges.find { it.node.unit.code == '" + world.w1() + "' }.node.vetoEvent.kind",
                        equalTo("media-exposure"));
        // a second confirmation is a conflict, answered in the payload
        GraphqlCall.apiKey(admin, CONFIRM, Map.of("id", id)).then().body("errors", nullValue())
                .body("data.confirmVetoEvent.vetoEvent", nullValue())
                .body("data.confirmVetoEvent.userErrors[0].code", equalTo("CONFLICT"));
        GraphqlCall.apiKey(admin, """
                query($scheme: String!, $unit: String!) {
                  awardEligibility(scheme: $scheme, period: "2024-Q4", unit: $unit) { eligible events { id } }
                }""", Map.of("scheme", world.scheme(), "unit", world.staff())).then().body("errors", nullValue())
                .body("data.awardEligibility.eligible", equalTo(false))
                .body("data.awardEligibility.events.id", contains(id));
    }

    static String token(List<String> roles, List<String> scope) {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "测试 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD,
                "name", "veto test")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
