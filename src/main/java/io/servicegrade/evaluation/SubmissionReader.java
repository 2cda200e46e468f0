package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.Violation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the evaluations of a batch, noting every bad field with its pointer ({@code /evaluations/3/unit}). */
final class SubmissionReader {

    static final Set<String> FIELDS = Set.of("externalId", "source", "unit", "rubric", "conductedAt", "evaluator",
            "answers", "evidence", "comment", "reason");
    private static final Set<String> EVIDENCE_FIELDS = Set.of("kind", "uri", "sha256", "takenAt");
    private static final Set<String> EVIDENCE_KINDS = Set.of("photo", "receipt", "audio", "video", "note");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern RUBRIC = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})(?:@([1-9][0-9]{0,8}))?");
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private final Clock clock;
    final List<Violation> violations = new ArrayList<>();

    SubmissionReader(Clock clock) {
        this.clock = clock;
    }

    /** The submission at {@code at} ({@code /evaluations/3}), or null when any of its fields is bad. */
    Submission read(int index, JsonNode node, String at) {
        int before = violations.size();
        if (node == null || !node.isObject()) {
            violations.add(Violation.at(at, m -> m.wrongType("object")));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                violations.add(Violation.at(at + "/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String externalId = text(node, at, "externalId", true, 128, InputRules.Text.LINE);
        String source = text(node, at, "source", true, 32, InputRules.Text.LINE);
        String unit = text(node, at, "unit", true, 64, InputRules.Text.LINE);
        String rubric = text(node, at, "rubric", true, 80, InputRules.Text.LINE);
        String rubricKey = null;
        Integer rubricVersion = null;
        if (rubric != null) {
            var matcher = RUBRIC.matcher(rubric);
            if (matcher.matches()) {
                rubricKey = matcher.group(1);
                rubricVersion = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
            } else {
                violations.add(Violation.at(at + "/rubric", m -> m.unknownRubric(rubric)));
            }
        }
        OffsetDateTime conductedAt = dateTime(node, at, "conductedAt", true);
        if (conductedAt != null && conductedAt.isAfter(OffsetDateTime.now(clock).plus(FUTURE_SLACK))) {
            violations.add(Violation.at(at + "/conductedAt", m -> m.futureDate()));
        }
        String evaluator = text(node, at, "evaluator", false, 128, InputRules.Text.LINE);
        JsonNode answers = node.get("answers");
        if (answers == null || answers.isNull()) {
            violations.add(Violation.at(at + "/answers", m -> m.required()));
        } else if (!answers.isArray()) {
            violations.add(Violation.at(at + "/answers", m -> m.wrongType("array")));
        }
        JsonNode evidence = evidence(node.get("evidence"), at + "/evidence");
        String comment = text(node, at, "comment", false, 2000, InputRules.Text.MULTILINE);
        String reason = text(node, at, "reason", false, 2000, InputRules.Text.MULTILINE);
        if (violations.size() > before) {
            return null;
        }
        return new Submission(index, externalId, source, unit, rubricKey, rubricVersion, conductedAt, evaluator,
                answers, evidence, comment, reason);
    }

    private JsonNode evidence(JsonNode node, String at) {
        ArrayNode evidence = JsonNodeFactory.instance.arrayNode();
        if (node == null || node.isNull()) {
            return evidence;
        }
        if (!node.isArray()) {
            violations.add(Violation.at(at, m -> m.wrongType("array")));
            return evidence;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String here = at + "/" + i;
            if (!item.isObject()) {
                violations.add(Violation.at(here, m -> m.wrongType("object")));
                continue;
            }
            item.fieldNames().forEachRemaining(name -> {
                if (!EVIDENCE_FIELDS.contains(name)) {
                    violations.add(Violation.at(here + "/" + Violation.escape(name), m -> m.unknownField()));
                }
            });
            String kind = text(item, here, "kind", true, 16);
            if (kind != null && !EVIDENCE_KINDS.contains(kind)) {
                violations.add(Violation.at(here + "/kind", m -> m.oneOf("photo, receipt, audio, video, note")));
            }
            text(item, here, "uri", true, 2000);
            String sha = text(item, here, "sha256", false, 64);
            if (sha != null && !SHA256.matcher(sha).matches()) {
                violations.add(Violation.at(here + "/sha256", m -> m.wrongType("string of 64 hex digits")));
            }
            dateTime(item, here, "takenAt", false);
            evidence.add(item);
        }
        return evidence;
    }

    private String text(JsonNode node, String at, String field, boolean required, int max) {
        return text(node, at, field, required, max, InputRules.Text.LINE);
    }

    /** A text field: no control characters but those {@code kind} allows (comments and reasons may span lines). */
    private String text(JsonNode node, String at, String field, boolean required, int max, InputRules.Text kind) {
        JsonNode value = node.get(field);
        String pointer = at + "/" + field;
        if (value == null || value.isNull()) {
            if (required) {
                violations.add(Violation.at(pointer, m -> m.required()));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            Message message = value.isTextual() ? m -> m.required() : m -> m.wrongType("string");
            violations.add(Violation.at(pointer, message));
            return null;
        }
        if (value.asText().length() > max) {
            violations.add(Violation.at(pointer, m -> m.tooLong(max)));
            return null;
        }
        Message control = InputRules.textProblem(value.asText(), kind);
        if (control != null) {
            violations.add(Violation.at(pointer, control));
            return null;
        }
        return value.asText();
    }

    private OffsetDateTime dateTime(JsonNode node, String at, String field, boolean required) {
        String text = text(node, at, field, required, 64);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(Violation.at(at + "/" + field, m -> m.dateTimeFormat()));
            return null;
        }
    }
}
