package io.servicegrade.coverage;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: inspection coverage as the figure {@code inspectionCoverage}, kept at write time: a scheme source on it
 * is each selected unit's coverage rate, moved by evaluation writes and voids in their own transaction, by the
 * sweep (ended intervals, once) and by plan changes, equal to the read-time coverage and to a recompute; and
 * subscribers in scope hear a unit-interval's change.
 */
@QuarkusTest
class CoverageFigureTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final String BOARD = """
            query($scheme: String!, $period: String!, $under: String!) {
              outlets: standings(scheme: $scheme, period: $period, under: $under, orderBy: CODE) {
                edges { node { unit { code } grade { key } sources { source value samples } } } }
              branches: standings(scheme: $scheme, period: $period, kind: "branch", under: $under) {
                edges { node { unit { code } group { targets { key actual met counted } } } } }
            }
            """;

    private static final String CHANGES = """
            subscription($plan: String) { coverageChanges(plan: $plan) { plan unit start covered value before } }""";

    private static final String UNIT_CHANGES = """
            subscription($unit: String) { coverageChanges(unit: $unit) { plan unit covered } }""";

    @Inject
    CoverageSweep sweep;

    @TestHTTPResource("/graphql")
    URI graphql;

    private static String scheme(String key) {
        return """
                key: %s
                name: {zh-CN: 检查覆盖, en: Inspection coverage}
                kinds: [outlet]
                activeFrom: 2025-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: coverage, figure: inspectionCoverage}
                composites:
                  - {key: cov, name: {zh-CN: 覆盖率, en: Coverage rate}, weights: {coverage: 1}}
                grades:
                  - key: full
                    name: {zh-CN: 全覆盖, en: Fully covered}
                    when: {source: coverage, min: 100}
                  - {key: partial, name: {zh-CN: 部分覆盖, en: Partly covered}, composite: cov, min: 50}
                  - {key: other, name: {zh-CN: 其他, en: Other}}
                rankBy: cov
                targets:
                  - {key: covered, name: {zh-CN: 覆盖率, en: Coverage rate}, level: branch, mean: cov, all: 98}
                """.formatted(key);
    }

    private static Map<String, Object> plan(String tag, String from, String to) {
        Map<String, Object> plan = new java.util.HashMap<>(Map.of("nameZh", "城区网点每月检查",
                "nameEn", "Urban outlets monthly",
                "selection", Map.of("kinds", List.of("outlet"), "areas", List.of("urban"), "tags", List.of(tag)),
                "source", "inspection", "everyMonths", 1, "activeFrom", from));
        if (to != null) {
            plan.put("activeTo", to);
        }
        return plan;
    }

    @Test
    void coverageIsAFigureKeptAtWriteTimeBySweepAndPlansAndHeardBySubscribers() throws Exception {
        String p = TestApi.freshPrefix();
        String tag = p.toLowerCase();
        String rubric = tag + "-r";
        String key = tag + "-coverage";
        String past = tag + "-q2";
        String current = tag + "-now";
        // the figure is a unit's mean over every plan that selects it: plans other test classes left in force (on a
        // database kept from an earlier run) would select these outlets too, so none stays in force
        List<String> leftover = asAdmin().get("/api/v1/coverage/plans").then().statusCode(200).extract()
                .path("key");
        leftover.forEach(k -> asAdmin().delete("/api/v1/coverage/plans/{key}", k).then().statusCode(200));
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".B", "name", "支局", "kind", "branch", "parent", p),
                Map.of("code", p + ".B.A", "name", "网点A", "kind", "outlet", "area", "urban", "parent", p + ".B",
                        "tags", List.of(tag)),
                Map.of("code", p + ".B.A.W", "name", "窗口", "kind", "window", "parent", p + ".B.A"),
                Map.of("code", p + ".B.C", "name", "网点C", "kind", "outlet", "area", "urban", "parent", p + ".B",
                        "tags", List.of(tag)),
                Map.of("code", p + ".X", "name", "别处", "kind", "outlet", "area", "urban", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        asAdmin().contentType("application/yaml").body(scheme(key).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);

        // evaluations before the plan exists (its put keeps them), of several kinds:
        post(p + "-1", "inspection", p + ".B.A.W", rubric, "2025-04-10T10:00:00+08:00"); // A's window: A, April
        post(p + "-2", "inspection", p + ".B.A", rubric, "2025-05-20T10:00:00+08:00");   // A, May
        post(p + "-3", "video", p + ".B.A", rubric, "2025-06-10T10:00:00+08:00");        // another source: no
        post(p + "-4", "inspection", p + ".B.A", rubric, "2025-07-01T00:30:00+08:00");   // 1 July local: no
        long cJune = post(p + "-5", "inspection", p + ".B.C", rubric, "2025-06-30T23:30:00+08:00"); // C, June
        long cVoided = post(p + "-6", "inspection", p + ".B.C", rubric, "2025-04-02T10:00:00+08:00");
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "重复 duplicate"))
                .post("/api/v1/evaluations/{id}/void", cVoided).then().statusCode(200);

        // plan: April–June 2025, monthly, the urban outlets of this test's tag (A and C; X has no tag)
        asAdmin().contentType(ContentType.JSON).body(plan(tag, "2025-04-01", "2025-06-30"))
                .put("/api/v1/coverage/plans/{key}", past).then().statusCode(201);
        JsonPath board = board(key, "2025-Q2", p);
        // A: April (window) 100, May 100, June 0 (the video check and 1 July do not count) → 200 / 3 = 66.67;
        // 66.67 < 100 (not full), ≥ 50 → partial
        assertThat(row(board, p + ".B.A")).isEqualTo("partial coverage=66.67/3");
        // C: April 0 (its visit voided), May 0, June 100 (23:30 on 30 June) → 100 / 3 = 33.33 → other
        assertThat(row(board, p + ".B.C")).isEqualTo("other coverage=33.33/3");
        // the branch's mean of cov over its outlets: (200/3 + 100/3) / 2 = 50 < 98 → not met
        assertThat(target(board)).isEqualTo("50 false");
        // the kept figure equals the read-time coverage: rates per outlet of the same plan and quarter
        assertThat(rates(past, "2025-Q2")).containsEntry(p + ".B.A", "66.67").containsEntry(p + ".B.C", "33.33");

        // a void that leaves an ended interval uncovered: C's June becomes 0 → 0 / 3 = 0
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "补录错误 entered in error"))
                .post("/api/v1/evaluations/{id}/void", cJune).then().statusCode(200);
        board = board(key, "2025-Q2", p);
        assertThat(row(board, p + ".B.C")).isEqualTo("other coverage=0/3");
        // a new visit in May covers it: (0 + 100 + 0) / 3 = 33.33, in the write's own request
        post(p + "-7", "inspection", p + ".B.C", rubric, "2025-05-05T09:00:00+08:00");
        board = board(key, "2025-Q2", p);
        assertThat(row(board, p + ".B.C")).isEqualTo("other coverage=33.33/3");
        // the branch: (200/3 + 100/3) / 2 = 50 again
        assertThat(target(board)).isEqualTo("50 false");

        // a unit selected after the plan's put has no samples until the sweep writes its ended months' 0s, once
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p + ".B.D", "name", "网点D",
                "kind", "outlet", "area", "urban", "parent", p + ".B", "tags", List.of(tag))))
                .put("/api/v1/units").then().statusCode(200);
        assertThat(row(board(key, "2025-Q2", p), p + ".B.D")).isIn("ungraded ", "absent");
        List<CoverageRepository.Kept> swept = sweep.sweep().await().indefinitely().stream()
                .filter(k -> k.plan().equals(past)).toList();
        assertThat(swept).extracting(k -> k.unit() + " " + k.start() + " " + k.value()).containsExactlyInAnyOrder(
                p + ".B.D 2025-04-01 0", p + ".B.D 2025-05-01 0", p + ".B.D 2025-06-01 0");
        assertThat(sweep.sweep().await().indefinitely()).noneMatch(k -> k.plan().equals(past));
        board = board(key, "2025-Q2", p);
        // D: 0 / 3 = 0; the branch: (200/3 + 100/3 + 0) / 3 = 33.33
        assertThat(row(board, p + ".B.D")).isEqualTo("other coverage=0/3");
        assertThat(target(board)).isEqualTo("33.33 false");
        assertThat(rates(past, "2025-Q2")).containsEntry(p + ".B.D", "0.00");

        // kept equals recomputed: a new version of the same plan recomputes its samples, a scheme recompute its
        // inputs; the board does not move
        String kept = board.prettify();
        asAdmin().contentType(ContentType.JSON).body(plan(tag, "2025-04-01", "2025-06-30"))
                .put("/api/v1/coverage/plans/{key}", past).then().statusCode(200);
        asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        assertThat(board(key, "2025-Q2", p).prettify()).isEqualTo(kept);

        // a plan in force from this month on: its interval is in progress (no sample while uncovered); derived from
        // now, as the suite also runs with the clock moved
        OffsetDateTime at = OffsetDateTime.now(ZONE).minusSeconds(10);
        LocalDate day = at.atZoneSameInstant(ZONE).toLocalDate();
        String quarter = day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
        asAdmin().contentType(ContentType.JSON).body(plan(tag, day.withDayOfMonth(1).toString(), null))
                .put("/api/v1/coverage/plans/{key}", current).then().statusCode(201);
        assertThat(row(board(key, quarter, p), p + ".B.A")).isIn("ungraded ", "absent");
        String manager = CoverageFixture.account(tag + ".m", List.of("manager"), List.of(p + ".B"));
        String outsider = CoverageFixture.account(tag + ".o", List.of("manager"), List.of(p + ".X"));
        long now;
        String viewer = CoverageFixture.account(tag + ".v", List.of("viewer"), List.of(p));
        try (GraphqlSubscriber heard = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + manager));
                GraphqlSubscriber away = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + outsider));
                GraphqlSubscriber otherUnit = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + TestApi.adminKey()));
                GraphqlSubscriber refused = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + viewer))) {
            heard.send("1", CHANGES, Map.of("plan", current));
            away.send("1", CHANGES, Map.of("plan", current));
            // the admin hears every unit, but asks for C's subtree only
            otherUnit.send("1", UNIT_CHANGES, Map.of("unit", p + ".B.C"));
            // a viewer may not read coverage: refused, as its reads are
            refused.send("1", CHANGES, Map.of("plan", current));
            assertThat(refused.next()).contains("FORBIDDEN").doesNotContain("\"covered\"");
            Thread.sleep(1_000); // the subscriptions start listening
            // an evaluation in the in-progress interval: its sample 100 appears with the write (A = 100 / 1 → full)
            now = post(p + "-8", "inspection", p + ".B.A", rubric, at.toString());
            assertThat(row(board(key, quarter, p), p + ".B.A")).isEqualTo("full coverage=100/1");
            String message = heard.next();
            assertThat(message).contains("\"plan\":\"" + current + "\"").contains("\"unit\":\"" + p + ".B.A\"")
                    .contains("\"start\":\"" + day.withDayOfMonth(1) + "\"").contains("\"covered\":true");
            // the outsider's scope (P.X) does not hold A: it hears nothing
            assertThat(away.poll(Duration.ofSeconds(2))).isNull();
            assertThat(otherUnit.poll(Duration.ofMillis(500))).isNull();
            // voided, the in-progress interval is uncovered again: no sample (not 0: it has not ended)
            asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "重复 duplicate"))
                    .post("/api/v1/evaluations/{id}/void", now).then().statusCode(200);
            assertThat(row(board(key, quarter, p), p + ".B.A")).isIn("ungraded ", "absent");
            assertThat(heard.next()).contains("\"unit\":\"" + p + ".B.A\"").contains("\"covered\":false")
                    .contains("\"value\":null");
        }

        // a plan deleted: its samples go with it
        asAdmin().delete("/api/v1/coverage/plans/{key}", past).then().statusCode(200);
        assertThat(row(board(key, "2025-Q2", p), p + ".B.A")).isIn("ungraded ", "absent");
    }

    private static long post(String id, String source, String unit, String rubric, String when) {
        return ((Number) asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        SchemeStandingsTest.evaluation(id, source, unit, rubric, when, 90, true))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations[0].id"))
                .longValue();
    }

    /** The coverage rate per outlet of a plan and period, read at read time. */
    private static Map<String, String> rates(String plan, String period) {
        List<Map<String, Object>> rates = asAdmin().queryParam("plan", plan).queryParam("level", "outlet")
                .queryParam("period", period).get("/api/v1/coverage/rates").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, String> out = new java.util.HashMap<>();
        rates.stream().filter(r -> r.get("group") != null).forEach(r -> out.put((String) r.get("group"),
                new BigDecimal(r.get("rate").toString()).setScale(2).toPlainString()));
        return out;
    }

    private static JsonPath board(String key, String period, String under) {
        return given().contentType(ContentType.JSON).body(Map.of("query", BOARD, "variables",
                        Map.of("scheme", key, "period", period, "under", under)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static String target(JsonPath board) {
        return new BigDecimal(board.getList("data.branches.edges.node.group.targets[0].actual").get(0).toString())
                .stripTrailingZeros().toPlainString() + " "
                + board.getList("data.branches.edges.node.group.targets[0].met").get(0);
    }

    /** An outlet's grade and each source's value and samples, as text. */
    private static String row(JsonPath board, String code) {
        List<Map<String, Object>> nodes = board.getList("data.outlets.edges.node");
        return nodes.stream().filter(n -> code.equals(((Map<?, ?>) n.get("unit")).get("code"))).findFirst()
                .map(n -> (n.get("grade") == null ? "ungraded" : ((Map<?, ?>) n.get("grade")).get("key")) + " "
                        + ((List<?>) n.get("sources")).stream().map(s -> (Map<?, ?>) s)
                        .filter(s -> s.get("value") != null)
                        .map(s -> s.get("source") + "=" + new BigDecimal(s.get("value").toString())
                                .stripTrailingZeros().toPlainString() + "/" + s.get("samples"))
                        .sorted().reduce((x, y) -> x + " " + y).orElse(""))
                .orElse("absent");
    }
}
