package io.servicegrade.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.rubric.RubricDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The built-in rubrics, read from their YAML the way the server reads them. */
final class Presets {

    private Presets() {
    }

    static JsonNode yaml(String key) {
        try (InputStream in = Presets.class.getResourceAsStream("/rubrics/" + key + ".yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rubric rubric(String key) {
        RubricDocument.Read read = RubricDocument.read(yaml(key));
        if (!read.problems().isEmpty()) {
            throw new IllegalStateException("preset " + key + " is invalid: " + read.problems());
        }
        return read.rubric();
    }

    static Rubric postal() {
        return rubric("postal-counter-model-window");
    }
}
