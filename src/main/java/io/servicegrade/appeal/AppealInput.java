package io.servicegrade.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.BodyFields;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bodies of an appeal's two actions (issue 18), read whole: every bad field is named by its pointer, and nothing
 * is looked up here (the service checks what the names refer to).
 */
public final class AppealInput {

    static final int MAX_REASONS = 4000;
    static final int MAX_DECISION_REASON = 1000;
    static final int MAX_EVIDENCE = 20;
    static final int MAX_URL = 2000;
    static final int MAX_ITEMS = 100;

    private static final Set<String> FILING = Set.of("scheme", "period", "evaluation", "unit", "items", "reasons",
            "evidence");
    private static final Set<String> DECISION = Set.of("outcome", "reason", "correction");

    private AppealInput() {
    }

    /** What a filing names: the scheme, and an evaluation (with items) or a unit and period. */
    record Filing(String scheme, String period, Long evaluation, String unit, List<String> items, String reasons,
            List<String> evidence) {
    }

    /** A decision: {@code upheld} or {@code rejected}, its reason, and the correction of an upheld one (or null). */
    record Decision(String outcome, String reason, JsonNode correction) {

        boolean upheld() {
            return "upheld".equals(outcome);
        }
    }

    static Filing filing(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, FILING, problems);
        String scheme = BodyFields.text(body, "scheme", true, 80, InputRules.Text.LINE, problems);
        String period = BodyFields.text(body, "period", false, 16, InputRules.Text.LINE, problems);
        String unit = BodyFields.text(body, "unit", false, 64, InputRules.Text.LINE, problems);
        Long evaluation = null;
        JsonNode e = body.get("evaluation");
        if (e != null && !e.isNull()) {
            if (e.canConvertToLong() && e.isIntegralNumber() && e.asLong() > 0) {
                evaluation = e.asLong();
            } else if (e.isTextual() && e.asText().matches("[1-9][0-9]{0,17}")) {
                evaluation = Long.parseLong(e.asText());
            } else {
                problems.add(Violation.at("/evaluation", m -> m.wrongType("integer")));
            }
        }
        boolean evaluationGiven = e != null && !e.isNull();
        if (evaluationGiven == (unit != null) && !(unit == null && problems.stream()
                .anyMatch(v -> v.pointer().equals("/unit")))) {
            problems.add(Violation.at(evaluationGiven ? "/unit" : "/evaluation", m -> m.appealOneTarget()));
        }
        if (unit != null && !evaluationGiven && period == null && !problems.stream().anyMatch(v -> v.pointer().equals("/period"))) {
            problems.add(Violation.at("/period", m -> m.required()));
        }
        List<String> items = BodyFields.texts(body, "items", MAX_ITEMS, 64, problems);
        if (!items.isEmpty() && !evaluationGiven) {
            problems.add(Violation.at("/items", m -> m.appealOneTarget()));
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && items.subList(0, i).contains(items.get(i))) {
                problems.add(Violation.at("/items/" + i, m -> m.appealItemRepeated()));
            }
        }
        String reasons = BodyFields.text(body, "reasons", true, MAX_REASONS, InputRules.Text.MULTILINE, problems);
        List<String> evidence = BodyFields.texts(body, "evidence", MAX_EVIDENCE, MAX_URL, problems);
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) != null && !isWebLink(evidence.get(i))) {
                problems.add(Violation.at("/evidence/" + i, m -> m.appealEvidenceUrl(MAX_URL)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Filing(scheme, period, evaluation, unit, items, reasons, evidence);
    }

    static Decision decision(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, DECISION, problems);
        String outcome = BodyFields.text(body, "outcome", true, 16, InputRules.Text.LINE, problems);
        if (outcome != null && !outcome.equals("upheld") && !outcome.equals("rejected")) {
            problems.add(Violation.at("/outcome", m -> m.oneOf("upheld, rejected")));
        }
        String reason = BodyFields.text(body, "reason", true, MAX_DECISION_REASON, InputRules.Text.MULTILINE, problems);
        JsonNode correction = body.get("correction");
        if (correction != null && correction.isNull()) {
            correction = null;
        }
        if (correction != null && "rejected".equals(outcome)) {
            problems.add(Violation.at("/correction", m -> m.appealCorrectionNotHere()));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Decision(outcome, reason, correction);
    }

    /** An absolute http(s) URL with a host, as a browser would open it. */
    public static boolean isWebLink(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && InputRules.textProblem(text, InputRules.Text.LINE) == null && !text.contains(" ");
        } catch (Exception e) {
            return false;
        }
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
