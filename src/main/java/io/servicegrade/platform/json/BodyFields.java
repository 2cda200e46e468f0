package io.servicegrade.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * A request body's text fields, read the one way (appeals, rectification orders, complaints, veto events,
 * nominations): absent, null or blank is no value (refused when required), anything but a string is the wrong type,
 * a text is bounded and checked by {@link InputRules}; each problem named by its field's pointer. A list of texts is bounded in entries and in each
 * entry's length.
 */
public final class BodyFields {

    private BodyFields() {
    }

    /** The text of {@code field}, or null (with the problem added when there is one). */
    public static String text(JsonNode body, String field, boolean required, int max, InputRules.Text kind,
            List<Violation> problems) {
        return text(body, "", field, required, max, kind, problems);
    }

    /**
     * The same, for an object that is itself part of the body: {@code prefix} is where it is ({@code "/3"} for the
     * fourth entry of a list, {@code ""} for the body), so the problem is named at {@code prefix/field}.
     */
    public static String text(JsonNode body, String prefix, String field, boolean required, int max,
            InputRules.Text kind, List<Violation> problems) {
        JsonNode node = body.get(field);
        String at = prefix + "/" + field;
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            if (required) {
                problems.add(Violation.at(at, m -> m.required()));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Violation.at(at, m -> m.wrongType("string")));
            return null;
        }
        String text = node.asText();
        if (text.length() > max) {
            problems.add(Violation.at(at, m -> m.tooLong(max)));
            return null;
        }
        Message control = InputRules.textProblem(text, kind);
        if (control != null) {
            problems.add(Violation.at(at, control));
            return null;
        }
        return kind == InputRules.Text.LINE ? text.strip() : text;
    }

    /** The texts of the list {@code field}, each stripped (a bad entry is null, its problem added); empty when absent. */
    public static List<String> texts(JsonNode body, String field, int maxCount, int maxLength,
            List<Violation> problems) {
        JsonNode node = body.get(field);
        String at = "/" + field;
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(Violation.at(at, m -> m.wrongType("array")));
            return List.of();
        }
        if (node.size() > maxCount) {
            problems.add(Violation.at(at, m -> m.appealTooMany(maxCount)));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String pointer = at + "/" + i;
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(Violation.at(pointer, item.isTextual() ? m -> m.required() : m -> m.wrongType("string")));
                values.add(null);
            } else if (item.asText().length() > maxLength) {
                problems.add(Violation.at(pointer, m -> m.tooLong(maxLength)));
                values.add(null);
            } else {
                values.add(item.asText().strip());
            }
        }
        return values;
    }
}
