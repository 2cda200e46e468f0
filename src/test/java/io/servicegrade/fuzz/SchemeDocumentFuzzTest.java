package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeDocument;
import io.servicegrade.scheme.SchemeService;

import java.time.ZoneId;

/**
 * {@code PUT /api/v1/schemes/{key}} as JSON and as YAML: the body read as {@code SchemeResource} reads it
 * ({@code RequestBodies#json} and {@code #yaml} of a document: size, strict parse, check), read and checked ({@code SchemeService#readFor}:
 * {@code SchemeDocument}), then what storing and loading a version do with it: its canonical document written and
 * hashed, and read back as a stored version is (it must read, and to the same document).
 */
class SchemeDocumentFuzzTest {

    private static final ZoneId LOCAL = Entries.LOCAL_ZONE;

    @FuzzTest(maxDuration = "60s")
    void putSchemeJson(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.DOCUMENT, false);
        if (node == null) {
            return;
        }
        stored(node);
    }

    @FuzzTest(maxDuration = "60s")
    void putSchemeYaml(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.DOCUMENT, true);
        if (node != null) {
            stored(node);
        }
    }

    private static void stored(JsonNode document) {
        String key = document != null && document.path("key").isTextual() ? document.get("key").asText() : "fuzz";
        Scheme scheme = Verdict.read(() -> SchemeService.readFor(key, document, LOCAL));
        if (scheme == null) {
            return;
        }
        ObjectNode canonical = SchemeDocument.write(scheme);
        Verdict.clean(canonical);
        try {
            Entries.JSON.writeValueAsString(canonical); // what SchemeService#hash hashes
        } catch (JsonProcessingException e) {
            throw new AssertionError("the canonical document of an accepted scheme cannot be written", e);
        }
        SchemeDocument.Read again = SchemeDocument.read(canonical.deepCopy(), LOCAL);
        if (again.scheme() == null) {
            throw new AssertionError("an accepted scheme no longer reads once stored: " + again.problems()
                    + "\n" + canonical);
        }
        if (!SchemeDocument.write(again.scheme()).equals(canonical)) {
            throw new AssertionError("a stored scheme reads back as another document:\n" + canonical + "\n"
                    + SchemeDocument.write(again.scheme()));
        }
    }
}
