package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.scheme.Figure;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 19: a scheme source on a follow-up figure counts the figure's samples as a rubric source counts
 * evaluations, kept up in the transaction that writes them: weighed in a composite, compared in a grade's condition,
 * rolled down the tree, targeted by a group, and equal to a full recompute.
 */
@QuarkusTest
class FigureSourcesTest {

    @Inject
    FigureSamples samples;

    @Inject
    Transactions transactions;

    @Inject
    Pool pool;

    private static final String BOARD = """
            query($scheme: String!, $under: String!) {
              windows: standings(scheme: $scheme, period: "2025-Q1", under: $under, orderBy: CODE) {
                edges { node { unit { code } value grade { key } sources { source value samples } } } }
              branches: standings(scheme: $scheme, period: "2025-Q1", kind: "branch", under: $under) {
                edges { node { unit { code } group { targets { key actual met counted } } } } }
            }
            """;

    private static String scheme(String key, String rubric) {
        return """
                key: %s
                name: {zh-CN: 投诉与整改, en: Complaints and rectification}
                kinds: [window]
                activeFrom: 2025-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: inspection, rubric: %s}
                  - {source: satisfied, figure: complaintSatisfied}
                  - {source: replied, figure: rectificationReply, alsoCountsFor: {below: [window]}}
                composites:
                  - {key: c, name: {zh-CN: 检查, en: Inspection}, weights: {inspection: 1}}
                  - {key: s, name: {zh-CN: 投诉满意率, en: Complaint satisfaction}, weights: {satisfied: 1}}
                  - {key: r, name: {zh-CN: 整改回复率, en: Reply rate}, weights: {replied: 1}}
                grades:
                  - key: model
                    name: {zh-CN: 示范窗口, en: Model window}
                    when: {all: [{composite: c, min: 90}, {source: satisfied, min: 98}]}
                  - {key: compliant, name: {zh-CN: 达标窗口, en: Compliant}, composite: c, min: 85}
                  - {key: other, name: {zh-CN: 其他, en: Other}}
                rankBy: c
                targets:
                  - {key: satisfaction, name: {zh-CN: 投诉满意率, en: Complaint satisfaction}, level: branch, mean: s, all: 98}
                """.formatted(key, rubric);
    }

    @Test
    void aFigureSourceIsWeighedGradedTargetedAndKeptUpByItsSamples() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-r";
        String key = p.toLowerCase() + "-figures";
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".BR", "name", "支局", "kind", "branch", "parent", p),
                Map.of("code", p + ".O", "name", "网点", "kind", "outlet", "parent", p + ".BR"),
                Map.of("code", p + ".A", "name", "窗口A", "kind", "window", "parent", p + ".O"),
                Map.of("code", p + ".B", "name", "窗口B", "kind", "window", "parent", p + ".O")))
                .put("/api/v1/units").then().statusCode(200);
        asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
        // the stored document reads back with its figures
        asAdmin().get("/api/v1/schemes/{key}", key).then().statusCode(200)
                .body("scheme.sources.figure", containsInAnyOrder(null, "complaintSatisfied", "rectificationReply"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        SchemeStandingsTest.evaluation(p + "-a", "inspection", p + ".A", rubric,
                                "2025-02-10T10:00:00+08:00", 95, true),
                        SchemeStandingsTest.evaluation(p + "-b", "inspection", p + ".B", rubric,
                                "2025-02-10T10:00:00+08:00", 92, true))))
                .post("/api/v1/evaluations").then().statusCode(201);

        long a = unit(p + ".A");
        long b = unit(p + ".B");
        long o = unit(p + ".O");
        // case ids of this test only: negative, so no real complaint or order of another test shares them
        long ref = -ThreadLocalRandom.current().nextLong(1_000_000_000L, 4_000_000_000_000L);
        Instant feb = Instant.parse("2025-02-15T02:00:00Z");
        put(List.of(
                // A's complaints: satisfied, satisfied, not → 200 / 3 = 66.666… → 66.67
                new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 1, a, feb, BigDecimal.valueOf(100)),
                new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 2, a, feb, BigDecimal.valueOf(100)),
                new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 3, a, feb, BigDecimal.ZERO),
                // B's one complaint: satisfied → 100
                new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 4, b, feb, BigDecimal.valueOf(100)),
                // the outlet's two orders (replied, overdue unreplied) count for both its windows; A has one more,
                // replied: A (100 + 0 + 100) / 3 = 66.67, B (100 + 0) / 2 = 50
                new FigureSamples.Sample(Figure.RECTIFICATION_REPLY, ref - 5, o, feb, BigDecimal.valueOf(100)),
                new FigureSamples.Sample(Figure.RECTIFICATION_REPLY, ref - 6, o, feb, BigDecimal.ZERO),
                new FigureSamples.Sample(Figure.RECTIFICATION_REPLY, ref - 7, a, feb, BigDecimal.valueOf(100)),
                // a case of the quarter before the scheme's campaign began counts nowhere
                new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 8, b,
                        Instant.parse("2024-12-20T00:00:00Z"), BigDecimal.ZERO)));

        JsonPath board = board(key, p);
        // A: inspection 95 ≥ 90 but satisfied 66.67 < 98 → not a model window; 95 ≥ 85 → compliant
        assertThat(row(board, p + ".A")).isEqualTo("compliant inspection=95/1 replied=66.67/3 satisfied=66.67/3");
        // B: 92 ≥ 90 and satisfied 100 ≥ 98 → model
        assertThat(row(board, p + ".B")).isEqualTo("model inspection=92/1 replied=50/2 satisfied=100/1");
        // the branch's mean of s over its windows: (200/3 + 100) / 2 = 83.333… → 83.33 < 98, not met
        assertThat(board.getList("data.branches.edges.node.group.targets[0].actual").toString())
                .isEqualTo("[83.33]");
        assertThat(board.getList("data.branches.edges.node.group.targets[0].met").toString()).isEqualTo("[false]");

        // A's unsatisfied complaint is withdrawn (no outcome): A is satisfied 100 of 2 → model
        put(List.of(new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 3, a, feb, null)));
        board = board(key, p);
        assertThat(row(board, p + ".A")).isEqualTo("model inspection=95/1 replied=66.67/3 satisfied=100/2");
        // a case moved to another unit leaves the first and counts for the second: B's complaint becomes A's
        put(List.of(new FigureSamples.Sample(Figure.COMPLAINT_SATISFIED, ref - 4, a, feb, BigDecimal.ZERO)));
        board = board(key, p);
        // A: (100 + 100 + 0) / 3 = 66.67 → compliant. B has no complaint left: whether B is a model window is
        // unknown (92 ≥ 90, satisfaction missing), and an unknown condition leaves a unit ungraded
        assertThat(row(board, p + ".A")).isEqualTo("compliant inspection=95/1 replied=66.67/3 satisfied=66.67/3");
        assertThat(row(board, p + ".B")).isEqualTo("ungraded inspection=92/1 replied=50/2");

        // the kept inputs equal a recompute from the samples
        String kept = board.prettify();
        asAdmin().post("/api/v1/schemes/{key}/recompute", key).then().statusCode(200);
        assertThat(board(key, p).prettify()).isEqualTo(kept);
    }

    @Test
    void complaintsWrittenThroughTheApiMoveTheBoardInTheirOwnTransaction() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-r";
        String key = p.toLowerCase() + "-complaints";
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".BR", "name", "支局", "kind", "branch", "parent", p),
                Map.of("code", p + ".O", "name", "网点", "kind", "outlet", "parent", p + ".BR"),
                Map.of("code", p + ".A", "name", "窗口A", "kind", "window", "parent", p + ".O"),
                Map.of("code", p + ".B", "name", "窗口B", "kind", "window", "parent", p + ".O")))
                .put("/api/v1/units").then().statusCode(200);
        asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        SchemeStandingsTest.evaluation(p + "-a", "inspection", p + ".A", rubric,
                                "2025-02-10T10:00:00+08:00", 95, true))))
                .post("/api/v1/evaluations").then().statusCode(201);
        long first = complaint(p + ".A", p + "-c1");
        long second = complaint(p + ".A", p + "-c2");
        // registered and not yet answered: no satisfaction sample, the source has no value, A is not graded
        assertThat(row(board(key, p), p + ".A")).isEqualTo("ungraded inspection=95/1");
        reply(first);
        satisfaction(first, "satisfied");
        // one case, satisfied: 100 ≥ 98 and 95 ≥ 90 → a model window, at once (the write's own transaction)
        assertThat(row(board(key, p), p + ".A")).isEqualTo("model inspection=95/1 satisfied=100/1");
        reply(second);
        satisfaction(second, "unsatisfied");
        // (100 + 0) / 2 = 50 < 98 → compliant only (95 ≥ 85)
        assertThat(row(board(key, p), p + ".A")).isEqualTo("compliant inspection=95/1 satisfied=50/2");
    }

    private static long complaint(String unit, String customer) {
        return ((Number) asAdmin().contentType(ContentType.JSON).body(Map.of("channel", "hotline",
                        "receivedAt", "2025-02-20T10:00:00+08:00", "unit", unit, "category", "fees",
                        "subject", "多收邮费", "customerRef", customer, "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
    }

    private static void reply(long id) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("resolution", "已退费",
                        "repliedAt", "2025-02-21T10:00:00+08:00"))
                .post("/api/v1/complaints/{id}/reply", id).then().statusCode(200);
    }

    private static void satisfaction(long id, String answer) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("satisfaction", answer))
                .post("/api/v1/complaints/{id}/satisfaction", id).then().statusCode(200);
    }

    @Test
    void aFigureSourceNamesEveryBadFieldByPointer() {
        String key = freshPrefix().toLowerCase() + "-bad";
        String yaml = """
                key: %s
                name: {zh-CN: 坏, en: Bad}
                kinds: [window]
                activeFrom: 2025-01-01
                period: quarter
                sources:
                  - {source: a, figure: complaintHappiness}
                  - {source: b, figure: complaintTimely, rubric: x, combine: min, item: q}
                composites:
                  - {key: c, name: {zh-CN: 甲, en: A}, weights: {a: 1}}
                grades:
                  - {key: other, name: {zh-CN: 其他, en: Other}}
                rankBy: c
                """.formatted(key);
        asAdmin().header("Accept-Language", "en").contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/sources/0/figure"))
                .body("errors.pointer", hasItem("/sources/1/rubric"))
                .body("errors.pointer", hasItem("/sources/1/combine"))
                .body("errors.pointer", hasItem("/sources/1/item"))
                .body("errors.find { it.pointer == '/sources/0/figure' }.message",
                        equalTo("unknown figure 'complaintHappiness'; one of " + String.join(", ",
                                Arrays.stream(Figure.values()).map(Figure::key).toList())));
        asAdmin().get("/api/v1/schemes/{key}", key).then().statusCode(404);
    }

    @Test
    void theContractListsEveryFigure() {
        List<String> listed = given().get("/q/openapi?format=json").then().statusCode(200).extract()
                .jsonPath().getList("components.schemas.SchemeSource.properties.figure.enum");
        assertThat(listed).containsExactlyElementsOf(Arrays.stream(Figure.values()).map(Figure::key).toList());
    }

    private void put(List<FigureSamples.Sample> written) {
        samples.schemes().flatMap(schemes -> transactions.write(c -> samples.put(c, schemes, written)))
                .await().indefinitely();
    }

    private long unit(String code) {
        return pool.preparedQuery("SELECT id FROM unit WHERE code = $1").execute(Tuple.of(code)).await()
                .indefinitely().iterator().next().getLong(0);
    }

    private static JsonPath board(String key, String under) {
        return given().contentType(ContentType.JSON).body(Map.of("query", BOARD, "variables",
                        Map.of("scheme", key, "under", under)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** A window's grade and each source's value and samples (sources in name order), as text. */
    private static String row(JsonPath board, String code) {
        List<Map<String, Object>> nodes = board.getList("data.windows.edges.node");
        return nodes.stream().filter(n -> code.equals(((Map<?, ?>) n.get("unit")).get("code"))).findFirst()
                .map(n -> (n.get("grade") == null ? "ungraded" : ((Map<?, ?>) n.get("grade")).get("key")) + " " + ((List<?>) n.get("sources")).stream()
                        .map(s -> (Map<?, ?>) s).filter(s -> s.get("value") != null)
                        .map(s -> s.get("source") + "=" + new BigDecimal(s.get("value").toString())
                                .stripTrailingZeros().toPlainString() + "/" + s.get("samples"))
                        .sorted().reduce((x, y) -> x + " " + y).orElse(""))
                .orElse("absent");
    }
}
