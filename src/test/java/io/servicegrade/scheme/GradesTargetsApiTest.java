package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Through the real server (issue 17, points 2–4): a scheme with a multi-condition grade and the new targets is
 * PUT, evaluations are posted, and the group board shows every check over GraphQL, REST JSON and CSV.
 */
@QuarkusTest
public class GradesTargetsApiTest {

    private static String scheme(String key, String rubric) {
        return """
                key: %1$s
                name: {zh-CN: 创满意窗口, en: Create satisfied windows}
                kinds: [window]
                activeFrom: 2023-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: inspection, rubric: %2$s}
                  - {source: mystery_shop, rubric: %2$s}
                  - {source: complaint, rubric: %2$s}
                composites:
                  - {key: average, name: {zh-CN: 平均分, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
                  - {key: weighted, name: {zh-CN: 加权分, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
                grades:
                  - key: model
                    name: {zh-CN: 示范窗口, en: Model window}
                    when: {all: [{composite: weighted, min: 90}, {source: complaint, maxSamples: 0}]}
                  - {key: compliant, name: {zh-CN: 达标窗口, en: Compliant}, composite: average, min: 85}
                  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                rankBy: weighted
                targets:
                  - {level: branch, grade: compliant, urban: 100, rural: 50}
                  - {key: model-share, level: branch, grade: model, exactly: true, all: 50}
                  - key: index
                    name: {zh-CN: 满意度指数, en: Satisfaction index}
                    level: branch
                    mean: average
                    all: 86
                    steps: [{from: 2023-04-01, all: 90}]
                  - {level: branch, mean: weighted, direction: atMost, all: 95, of: {serviceLines: [savings]}}
                """.formatted(key, rubric);
    }

    @Test
    void aGroupBoardShowsEachTargetCheckWithItsCounts() {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-targets";
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType("application/yaml").body(scheme(key, rubric).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
        // the stored version reads back with its conditions and targets (the canonical document)
        asAdmin().get("/api/v1/schemes/{key}", key).then().statusCode(200)
                .body("scheme.grades[0].when.all[1].maxSamples", equalTo(0))
                .body("scheme.targets[2].steps[0].all", equalTo(90))
                .body("scheme.targets[3].direction", equalTo("atMost"));
        String branch = p + ".B";
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", branch, "name", "支局", "kind", "branch", "parent", p),
                Map.of("code", p + ".W1", "name", "窗口1", "kind", "window", "parent", branch, "area", "urban",
                        "serviceLine", "counter"),
                Map.of("code", p + ".W2", "name", "窗口2", "kind", "window", "parent", branch, "area", "urban",
                        "serviceLine", "savings"),
                Map.of("code", p + ".W3", "name", "窗口3", "kind", "window", "parent", branch, "area", "rural",
                        "serviceLine", "counter"),
                Map.of("code", p + ".W4", "name", "窗口4", "kind", "window", "parent", branch, "area", "rural",
                        "serviceLine", "counter"))).put("/api/v1/units").then().statusCode(200);
        String agency = io.servicegrade.TestApi.agency(null);
        String may = "2023-05-10T10:00:00+08:00";
        given().header("X-Api-Key", agency).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                // W1 92 / 91: weighted 0.4 × 92 + 0.6 × 91 = 91.4 ≥ 90, no complaint → model; average 91.5
                evaluation(p + "-1i", "inspection", p + ".W1", rubric, may, 92, true),
                evaluation(p + "-1m", "mystery_shop", p + ".W1", rubric, may, 91, true),
                // W2 95 / 95 but one complaint → not model; average 95 ≥ 85 → compliant; weighted 95
                evaluation(p + "-2i", "inspection", p + ".W2", rubric, may, 95, true),
                evaluation(p + "-2m", "mystery_shop", p + ".W2", rubric, may, 95, true),
                evaluation(p + "-2c", "complaint", p + ".W2", rubric, may, 80, true),
                // W3 88 / 86: weighted 35.2 + 51.6 = 86.8 < 90; average 87 → compliant
                evaluation(p + "-3i", "inspection", p + ".W3", rubric, may, 88, true),
                evaluation(p + "-3m", "mystery_shop", p + ".W3", rubric, may, 86, true),
                // W4 80 / 82: average 81 < 85 → noncompliant
                evaluation(p + "-4i", "inspection", p + ".W4", rubric, may, 80, true),
                evaluation(p + "-4m", "mystery_shop", p + ".W4", rubric, may, 82, true))))
                .post("/api/v1/evaluations").then().statusCode(201);

        String query = """
                query($scheme: String!, $under: String) {
                  windows: standings(scheme: $scheme, period: "2023-Q2", under: $under, orderBy: CODE) {
                    edges { node { unit { code } grade { key } } } }
                  branches: standings(scheme: $scheme, period: "2023-Q2", kind: "branch", under: $under, lang: "en") {
                    edges { node { unit { code } group { targets { key name kind area grade { key }
                      composite { key } exactly direction required actual met counted reaching } } } } }
                }
                """;
        String t = "data.branches.edges[0].node.group.targets";
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("scheme", key,
                "under", p))).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.windows.edges.node.grade.key", contains("model", "compliant", "compliant",
                        "noncompliant"))
                .body(t + ".key", contains("compliant", "compliant", "model-share", "index",
                        "mean-weighted-savings"))
                // compliant or better: urban W1, W2 → 2 of 2 = 100 % ≥ 100 met; rural W3 → 1 of 2 = 50 % ≥ 50 met
                .body(t + ".area", contains("URBAN", "RURAL", "ALL", "ALL", "ALL"))
                .body(t + ".reaching", contains(2, 1, 1, null, null))
                .body(t + ".counted", contains(2, 2, 4, 4, 1))
                .body(t + ".met", contains(true, true, false, false, true))
                // exactly model: 1 of 4 = 25 % < 50 %
                .body(t + "[2].actual", equalTo(25.0f))
                .body(t + "[2].exactly", equalTo(true))
                .body(t + "[2].name", equalTo("share at Model window"))
                // the index: (91.5 + 95 + 87 + 81) / 4 = 354.5 / 4 = 88.625 → 88.63; Q2 ends 2023-06-30, on or
                // after the step's 2023-04-01, so 90 is required (not the target's own 86) → not met
                .body(t + "[3].kind", equalTo("MEAN"))
                .body(t + "[3].name", equalTo("Satisfaction index"))
                .body(t + "[3].composite.key", equalTo("average"))
                .body(t + "[3].grade", nullValue())
                .body(t + "[3].required", equalTo(90))
                .body(t + "[3].actual", equalTo(88.63f))
                // at most 95 of weighted over the savings windows: W2 alone, 95 ≤ 95 → met
                .body(t + "[4].direction", equalTo("AT_MOST"))
                .body(t + "[4].actual", equalTo(95.0f));

        given().queryParam("period", "2023-Q2").queryParam("kind", "branch").queryParam("under", p)
                .get("/api/v1/schemes/{key}/standings", key).then().statusCode(200)
                .body("standings[0].group.targets.key", hasItem("index"))
                .body("standings[0].group.targets.find { it.key == 'index' }.required", equalTo(90))
                .body("standings[0].group.targets.find { it.key == 'index' }.met", equalTo(false))
                .body("standings[0].group.targets.find { it.key == 'model-share' }.area", equalTo("all"))
                .body("standings[0].group.targets.find { it.key == 'model-share' }.reaching", equalTo(1));

        String csv = given().queryParam("period", "2023-Q2").queryParam("kind", "branch").queryParam("under", p)
                .queryParam("format", "csv").queryParam("lang", "en").get("/api/v1/schemes/{key}/standings", key)
                .then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).contains("Satisfaction index · all required", "Satisfaction index · all met",
                "share at Model window · all reaching");
        assertThat(lines.get(1)).startsWith("1," + branch + ",").contains(",90,88.63,no,4,,");

        // the report page's group board says the same in Chinese
        String page = given().queryParam("scheme", key).queryParam("period", "2023-Q2").queryParam("kind", "branch")
                .queryParam("under", p).queryParam("lang", "zh-CN").get("/reports/standings").then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("满意度指数·全部：均值要求不低于 90，实际 88.63（4 个单位） 未达成",
                "示范窗口占比·全部：要求不低于 50.00%，实际 25.00%（4 个中 1 个） 未达成");
    }
}
