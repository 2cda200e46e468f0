package io.servicegrade.rectification;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.appeal.AppealInput;
import io.servicegrade.platform.json.BodyFields;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.json.Reasons;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The bodies of a rectification order's creation, reply and verification (issue 19), every bad field named. */
final class RectificationInput {

    static final List<String> SEVERITIES = List.of("minor", "major", "veto");
    static final int MAX_TITLE = 500;
    static final int MAX_ITEMS = 100;
    static final int MAX_EVIDENCE = 20;
    static final int MAX_URL = 2000;

    private static final Set<String> RAISE = Set.of("evaluation", "items", "veto", "unit", "title", "itemKey",
            "severity", "dueAt");
    private static final Set<String> REPLY = Set.of("text", "evidence");
    private static final Set<String> VERIFY = Set.of("outcome", "reason");

    private RectificationInput() {
    }

    /**
     * An order to raise: from an evaluation ({@code items} of it and/or its {@code veto}) or by hand ({@code unit},
     * {@code title}, optional {@code itemKey}); either may name the owner unit, a severity and a deadline.
     */
    record Raise(Long evaluation, List<String> items, boolean veto, String unit, String title, String itemKey,
            String severity, OffsetDateTime dueAt) {
    }

    /** The owner's reply: what was done, and links to the evidence. */
    record Reply(String text, List<String> evidence) {
    }

    /** A verification: {@code accepted}, or {@code returned} with a reason. */
    record Verification(String outcome, String reason) {

        boolean accepted() {
            return "accepted".equals(outcome);
        }
    }

    static Raise raise(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, RAISE, problems);
        Long evaluation = null;
        JsonNode e = body.get("evaluation");
        if (e != null && !e.isNull()) {
            if (e.isIntegralNumber() && e.canConvertToLong() && e.asLong() > 0) {
                evaluation = e.asLong();
            } else {
                problems.add(Violation.at("/evaluation", m -> m.wrongType("integer")));
            }
        }
        boolean fromEvaluation = e != null && !e.isNull();
        List<String> items = BodyFields.texts(body, "items", MAX_ITEMS, 64, problems);
        boolean veto = false;
        JsonNode v = body.get("veto");
        if (v != null && !v.isNull()) {
            if (v.isBoolean()) {
                veto = v.asBoolean();
            } else {
                problems.add(Violation.at("/veto", m -> m.wrongType("boolean")));
            }
        }
        String unit = BodyFields.text(body, "unit", false, 64, InputRules.Text.LINE, problems);
        String title = BodyFields.text(body, "title", false, MAX_TITLE, InputRules.Text.MULTILINE, problems);
        String itemKey = BodyFields.text(body, "itemKey", false, 64, InputRules.Text.LINE, problems);
        String severity = BodyFields.text(body, "severity", false, 16, InputRules.Text.LINE, problems);
        if (severity != null && !SEVERITIES.contains(severity)) {
            problems.add(Violation.at("/severity", m -> m.oneOf(String.join(", ", SEVERITIES))));
        }
        OffsetDateTime dueAt = null;
        String due = BodyFields.text(body, "dueAt", false, 64, InputRules.Text.LINE, problems);
        if (due != null) {
            try {
                dueAt = OffsetDateTime.parse(due);
            } catch (DateTimeParseException ex) {
                problems.add(Violation.at("/dueAt", m -> m.dateTimeFormat()));
            }
        }
        if (fromEvaluation) {
            if (items.isEmpty() && !veto) {
                problems.add(Violation.at("/items", m -> m.rectificationNothingChosen()));
            }
            if (itemKey != null) {
                problems.add(Violation.at("/itemKey", m -> m.rectificationEvaluationOrHand()));
            }
        } else if (!problems.stream().anyMatch(p -> p.pointer().equals("/evaluation"))) {
            if (unit == null) {
                problems.add(Violation.at("/unit", m -> m.rectificationEvaluationOrHand()));
            }
            if (title == null) {
                problems.add(Violation.at("/title", m -> m.required()));
            }
            if (!items.isEmpty()) {
                problems.add(Violation.at("/items", m -> m.rectificationEvaluationOrHand()));
            }
            if (veto) {
                problems.add(Violation.at("/veto", m -> m.rectificationEvaluationOrHand()));
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && items.subList(0, i).contains(items.get(i))) {
                problems.add(Violation.at("/items/" + i, m -> m.appealItemRepeated()));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Raise(evaluation, items, veto, unit, title, itemKey, severity, dueAt);
    }

    static Reply reply(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, REPLY, problems);
        String text = Reasons.required(body, "text", problems);
        List<String> evidence = BodyFields.texts(body, "evidence", MAX_EVIDENCE, MAX_URL, problems);
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) != null && !AppealInput.isWebLink(evidence.get(i))) {
                problems.add(Violation.at("/evidence/" + i, m -> m.appealEvidenceUrl(MAX_URL)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Reply(text, evidence);
    }

    static Verification verification(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, VERIFY, problems);
        String outcome = BodyFields.text(body, "outcome", false, 16, InputRules.Text.LINE, problems);
        if (outcome == null) {
            if (!problems.stream().anyMatch(p -> p.pointer().equals("/outcome"))) {
                problems.add(Violation.at("/outcome", m -> m.required()));
            }
        } else if (!outcome.equals("accepted") && !outcome.equals("returned")) {
            problems.add(Violation.at("/outcome", m -> m.oneOf("accepted, returned")));
        }
        // a return says why (the one reason rule); an acceptance may carry a note
        JsonNode given = body.get("reason");
        String reason = "returned".equals(outcome) ? Reasons.required(body, "reason", problems)
                : given != null && !given.isNull() && !given.isTextual()
                        ? wrong("/reason", "string", problems)
                        : Reasons.optional(given == null || given.isNull() ? null : given.asText(), "/reason",
                                problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Verification(outcome, reason);
    }

    private static String wrong(String at, String type, List<Violation> problems) {
        problems.add(Violation.at(at, m -> m.wrongType(type)));
        return null;
    }

    private static void object(JsonNode body, Set<String> fields, List<Violation> problems) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
    }
}
