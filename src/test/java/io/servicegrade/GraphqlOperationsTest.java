package io.servicegrade;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The example operations in graphql/operations/ are what a frontend team pastes: each must run on the demo. */
@QuarkusTest
class GraphqlOperationsTest {

    private static final Map<String, Map<String, Object>> EXAMPLES = Map.of(
            "unit.graphql", Map.of("code", "SZ.GS.GQ.W1"),
            "units.graphql", Map.of("under", "SZ.GS", "kind", "window", "first", 10),
            "tree.graphql", Map.of("code", "SZ.CS"),
            "rubric.graphql", Map.of("key", "postal-counter-model-window", "lang", "zh-CN"),
            "evaluations.graphql", Map.of("under", "SZ.GS", "lang", "zh-CN", "first", 10),
            "standings.graphql", Map.of("scheme", "create-satisfied-windows", "period",
                    io.servicegrade.scheme.Period.of(io.servicegrade.scheme.Period.Kind.QUARTER,
                            java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(3)).id(),
                    "under", "SZ.GS", "lang", "zh-CN"));

    @Test
    void everyExampleOperationRunsAgainstTheDemoWithoutErrors() throws Exception {
        for (var example : EXAMPLES.entrySet()) {
            String operation = Files.readString(Path.of("graphql/operations", example.getKey()));
            // Evaluations need a key; the others are open and ignore it.
            TestApi.asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("query", operation, "variables", example.getValue()))
                    .post("/graphql").then().statusCode(200)
                    .body("errors", nullValue())
                    .body("data", notNullValue());
        }
    }

    @Test
    void everyExampleOperationIsExercisedHere() throws Exception {
        try (var files = Files.list(Path.of("graphql/operations"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(EXAMPLES.keySet());
        }
    }
}
