package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.rubric.RubricDocument;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Scorer;

import java.util.List;

/**
 * {@code PUT /api/v1/rubrics/{key}} as JSON and as YAML: the body read as {@code RubricResource} reads it
 * ({@code RequestBodies#json} and {@code #yaml} of a document: size, strict parse, check), read and checked ({@code RubricService#readFor}: {@code RubricDocument},
 * {@code RuleDocument}, {@code RubricCheck}), then what storing and loading a version do with it: its canonical
 * document written and hashed, read back as a stored version is (it must read, and to the same document), a scorer
 * built, and an empty set of answers scored.
 */
class RubricDocumentFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void putRubricJson(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.DOCUMENT, false);
        if (node == null) {
            return;
        }
        stored(node);
    }

    @FuzzTest(maxDuration = "60s")
    void putRubricYaml(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.DOCUMENT, true);
        if (node != null) {
            stored(node);
        }
    }

    private static void stored(JsonNode document) {
        // the path's key: the document's own when it has one (a mismatch is refused before anything is read)
        String key = document != null && document.path("key").isTextual() ? document.get("key").asText() : "fuzz";
        Rubric rubric = Verdict.read(() -> RubricService.readFor(key, document));
        if (rubric == null) {
            return;
        }
        ObjectNode canonical = RubricDocument.write(rubric);
        Verdict.clean(canonical);
        try {
            Entries.JSON.writeValueAsString(canonical); // what RubricService#hash hashes
        } catch (JsonProcessingException e) {
            throw new AssertionError("the canonical document of an accepted rubric cannot be written", e);
        }
        RubricDocument.Read again = RubricDocument.read(canonical.deepCopy());
        if (again.rubric() == null) {
            throw new AssertionError("an accepted rubric no longer reads once stored: " + again.problems()
                    + "\n" + canonical);
        }
        if (!RubricDocument.write(again.rubric()).equals(canonical)) {
            throw new AssertionError("a stored rubric reads back as another document:\n" + canonical + "\n"
                    + RubricDocument.write(again.rubric()));
        }
        Verdict.problems(Scorer.of(rubric).score(List.of()).problems());
    }
}
