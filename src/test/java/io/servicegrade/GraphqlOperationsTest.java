package io.servicegrade;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The example operations in graphql/operations/ are what a frontend team pastes: each must run on the demo and
 * answer the data it is there to show (an empty answer is not a working example).
 */
@QuarkusTest
class GraphqlOperationsTest {

    record Example(Map<String, Object> variables, Consumer<ValidatableResponse> shows) {
    }

    private static Map<String, Example> examples() {
        return Map.of(
                "accounts.graphql", new Example(Map.of("first", 50),
                        // the demo's people, among the accounts (an administrator reads them: the admin key)
                        r -> r.body("data.accounts.edges.node.login", hasItem("demo.manager"))
                                .body("data.accounts.edges.find { it.node.login == 'demo.manager' }.node.scope",
                                        hasItem("SZ.GS"))),
                "unit.graphql", new Example(Map.of("code", DemoData.WINDOW),
                        r -> r.body("data.unit.code", equalTo(DemoData.WINDOW)).body("data.unit.kind", equalTo("window"))),
                "units.graphql", new Example(Map.of("under", "SZ.GS", "kind", "window", "first", 10),
                        r -> r.body("data.units.edges", hasSize(10))
                                .body("data.units.edges.node.code", everyItem(startsWith("SZ.GS.")))
                                .body("data.units.pageInfo.hasNextPage", equalTo(true))),
                "tree.graphql", new Example(Map.of("code", "SZ.CS"),
                        r -> r.body("data.unit.children.size()", greaterThan(0))),
                "rubric.graphql", new Example(Map.of("key", "postal-counter-model-window", "lang", "zh-CN"),
                        r -> r.body("data.rubric.key", equalTo("postal-counter-model-window"))
                                .body("data.rubric.sections.size()", greaterThan(0))),
                "evaluations.graphql", new Example(Map.of("unit", DemoData.WINDOW, "lang", "zh-CN", "first", 10),
                        r -> r.body("data.evaluations.edges.size()", greaterThan(0))
                                .body("data.evaluations.edges.node.breakdown.sections.flatten().size()", greaterThan(0))
                                .body("data.evaluations.edges.node.history.flatten().kind", hasItem("CREATED"))),
                "standings.graphql", new Example(Map.of("scheme", DemoData.SCHEME, "period", DemoData.quarter(),
                        "under", "SZ.GS", "lang", "zh-CN"),
                        // the demo ranks every window under SZ.GS in its quarter, each with a value and a grade
                        // (issue 17: savings and delivery windows each on their own line's rubric)
                        r -> r.body("data.periods.key", hasItem(DemoData.quarter()))
                                .body("data.standings.totalCount", greaterThan(0))
                                .body("data.standings.edges.size()", greaterThan(0))
                                .body("data.standings.edges.node.rank", hasItem(1))
                                .body("data.standings.edges.node.unit.serviceLine", hasItem("savings"))
                                .body("data.standings.edges.node.value", everyItem(notNullValue()))
                                .body("data.standings.edges.node.grade.name", everyItem(notNullValue()))));
    }

    @Test
    void everyExampleOperationRunsAgainstTheDemoAndShowsWhatItIsFor() throws Exception {
        for (var example : examples().entrySet()) {
            String operation = Files.readString(Path.of("graphql/operations", example.getKey()));
            // Evaluations need a key; the others are open and ignore it.
            ValidatableResponse response = TestApi.asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("query", operation, "variables", example.getValue().variables()))
                    .post("/graphql").then().statusCode(200)
                    .body("errors", nullValue())
                    .body("data", notNullValue());
            example.getValue().shows().accept(response);
        }
        // the mutations, each on data of its own (MutationExamples), and nothing refused
        Map<String, MutationExamples.Example> mutations = MutationExamples.examples();
        assertThat(mutations.keySet()).containsExactlyInAnyOrderElementsOf(MutationExamples.FILES);
        for (var example : mutations.entrySet()) {
            String operation = Files.readString(Path.of("graphql/operations", example.getKey()));
            // the admin key, or a person's token for the mutations of one's own tokens
            ValidatableResponse response = example.getValue().request().contentType(ContentType.JSON)
                    .body(Map.of("query", operation, "variables", example.getValue().variables()))
                    .post("/graphql").then().statusCode(200)
                    .body("errors", nullValue())
                    .body("data", notNullValue())
                    .body("data.values().userErrors.flatten()", hasSize(0));
            example.getValue().shows().accept(response);
        }
    }

    @Test
    void everyExampleOperationIsExercisedHere() throws Exception {
        try (var files = Files.list(Path.of("graphql/operations"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                            examples().keySet().stream(), MutationExamples.FILES.stream()).toList());
        }
    }
}
