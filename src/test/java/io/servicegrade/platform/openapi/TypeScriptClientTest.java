package io.servicegrade.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.NodeTools;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, point 7: a TypeScript client generated from the served {@code /q/openapi} works on the first try. In
 * {@code clients/typescript/} (its own package.json and lockfile: openapi-typescript, openapi-fetch, TypeScript),
 * openapi-typescript generates the types from the URL, {@code tsc} type-checks {@code example.ts} against them
 * (strict; nothing hand-typed) and node runs it against this server: it creates units and an agency, answers every
 * item of a rubric by its typed rule kind, posts a batch twice with one {@code Idempotency-Key}, reads the standings
 * and provokes a 422 problem.
 */
@QuarkusTest
class TypeScriptClientTest {

    static final Path DIR = Path.of("clients/typescript").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    private static NodeTools.Run node(List<String> command, Map<String, String> env) {
        List<String> line = new java.util.ArrayList<>(List.of(NodeTools.NODE.toString()));
        line.addAll(command);
        return NodeTools.run(DIR, line, env, null, 300);
    }

    @Test
    void aClientGeneratedFromTheServedDocumentTypeChecksAndWorks() throws IOException {
        NodeTools.require(DIR, "openapi-typescript", "openapi-fetch", "typescript", "@types/node");
        String base = root.toString().replaceAll("/$", "");

        NodeTools.Run generated = node(List.of("node_modules/openapi-typescript/bin/cli.js",
                base + "/q/openapi?format=json", "-o", "generated/api.d.ts"), Map.of());
        assertThat(generated.exit()).as(generated.output()).isZero();
        String types = Files.readString(DIR.resolve("generated/api.d.ts"));
        // a rule is a union tagged by its kind, not a bag of unknowns
        assertThat(types).contains("kind: \"deduction\"").contains("kind: \"rating\"")
                .doesNotContain("[key: string]: unknown");

        NodeTools.Run compiled = node(List.of("node_modules/typescript/bin/tsc", "-p", "."), Map.of());
        assertThat(compiled.exit()).as("tsc: " + compiled.output()).isZero();

        String prefix = TestApi.freshPrefix();
        Map<String, String> env = new HashMap<>(Map.of("SERVICEGRADE_URL", base,
                "SERVICEGRADE_ADMIN_KEY", TestApi.adminKey(), "PREFIX", prefix));
        NodeTools.Run ran = node(List.of("generated/js/example.js"), env);
        assertThat(ran.exit()).as(ran.output()).isZero();
        Map<String, JsonNode> steps = new HashMap<>();
        List<JsonNode> posts = new java.util.ArrayList<>();
        for (String line : ran.output().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode step = JSON.readTree(line);
                steps.put(step.path("step").asText(), step);
                if (step.path("step").asText().equals("evaluations")) {
                    posts.add(step);
                }
            }
        }
        assertThat(steps).as(ran.output()).containsKeys("units", "agency", "rubric", "evaluations", "standings",
                "problem");

        assertThat(steps.get("units").path("created").asInt()).isEqualTo(3);
        assertThat(steps.get("agency").path("status").asInt()).isEqualTo(201);
        assertThat(steps.get("rubric").path("kinds").toString())
                .contains("\"deduction\"", "\"veto\"", "\"indicators\"", "\"shortfall\"");

        assertThat(posts).hasSize(2);
        JsonNode first = posts.get(0);
        JsonNode again = posts.get(1);
        assertThat(first.path("status").asInt()).isEqualTo(201);
        assertThat(first.path("replayed").isNull()).as(first.toString()).isTrue();
        assertThat(first.path("outcomes").toString()).isEqualTo("[\"created\",\"created\",\"created\",\"created\"]");
        assertThat(first.path("scores").toString()).isEqualTo("[100,100,100,100]");
        assertThat(again.path("status").asInt()).isEqualTo(201);
        assertThat(again.path("replayed").asText()).isEqualTo("true");
        assertThat(again.path("outcomes")).isEqualTo(first.path("outcomes"));

        JsonNode board = steps.get("standings");
        assertThat(board.path("totalCount").asInt()).as(board.toString()).isEqualTo(2);
        for (JsonNode row : board.path("rows")) {
            assertThat(row.path("unit").asText()).startsWith(prefix + ".W");
            assertThat(row.path("rank").asInt()).isEqualTo(1);
            assertThat(row.path("value").decimalValue()).isEqualByComparingTo("100");
            assertThat(row.path("grade").asText()).isEqualTo("model");
        }

        JsonNode problem = steps.get("problem");
        assertThat(problem.path("status").asInt()).isEqualTo(422);
        assertThat(problem.path("contentType").asText()).startsWith("application/problem+json");
        assertThat(problem.path("type").asText()).startsWith("urn:servicegrade:problem:");
        assertThat(problem.path("pointers").toString()).contains("/evaluations/0/unit");
    }
}
