package io.servicegrade.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.problem.Violation;

import java.util.List;

/**
 * A reason a person gives for an act (a revision, a void, reopening a period, deciding an appeal …): required text of
 * at most {@link #MAX} characters, one or more lines, without control characters. One rule for every act that asks why.
 */
public final class Reasons {

    public static final int MAX = 2000;

    private Reasons() {
    }

    /** The text of {@code field} in {@code body}, or null with the problems added (at {@code /field}). */
    public static String required(JsonNode body, String field, List<Violation> problems) {
        String at = "/" + field;
        JsonNode reason = body == null ? null : body.get(field);
        if (reason == null || reason.isNull() || !reason.isTextual() || reason.asText().isBlank()) {
            problems.add(Violation.at(at, reason == null || reason.isNull() || reason.isTextual()
                    ? m -> m.required() : m -> m.wrongType("string")));
            return null;
        }
        return required(reason.asText(), at, problems);
    }

    /**
     * An optional reason or note given at {@code at}: null when blank, else checked as a required one (length,
     * control characters).
     */
    public static String optional(String text, String at, List<Violation> problems) {
        return text == null || text.isBlank() ? null : required(text, at, problems);
    }

    /** {@code text} given at {@code at} (a GraphQL argument, a form field), or null with the problems added. */
    public static String required(String text, String at, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            problems.add(Violation.at(at, m -> m.required()));
            return null;
        }
        if (text.length() > MAX) {
            problems.add(Violation.at(at, m -> m.tooLong(MAX)));
        }
        io.servicegrade.platform.problem.Message control = InputRules.textProblem(text, InputRules.Text.MULTILINE);
        if (control != null) {
            problems.add(Violation.at(at, control));
        }
        return text;
    }
}
