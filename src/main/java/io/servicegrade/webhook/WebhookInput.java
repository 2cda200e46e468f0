package io.servicegrade.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.json.Reasons;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bodies of the webhook actions (issue 19), read whole: every bad field is named by its pointer. The same
 * reading serves REST and GraphQL (which hands its arguments over as the same fields).
 */
final class WebhookInput {

    static final int MAX_URL = 2000;
    private static final Set<String> FIELDS = Set.of("url", "kinds", "active", "description");

    private WebhookInput() {
    }

    /** What a subscription is made of, or (in a change) what is changed: a field not given is null. */
    record Fields(String url, List<String> kinds, Boolean active, String description, boolean descriptionGiven) {
    }

    /** A new subscription: url and kinds required, active by default. */
    static Fields creation(JsonNode body) {
        return read(body, true);
    }

    /** A change: any of the fields; a description given as null or blank clears it. */
    static Fields change(JsonNode body) {
        return read(body, false);
    }

    private static Fields read(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        List<Violation> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String url = url(body.get("url"), creating, problems);
        List<String> kinds = kinds(body.get("kinds"), creating, problems);
        Boolean active = null;
        JsonNode a = body.get("active");
        if (a != null && !a.isNull()) {
            if (a.isBoolean()) {
                active = a.booleanValue();
            } else {
                problems.add(Violation.at("/active", m -> m.wrongType("boolean")));
            }
        }
        JsonNode d = body.get("description");
        String description = null;
        if (d != null && !d.isNull()) {
            if (d.isTextual()) {
                description = Reasons.optional(d.asText(), "/description", problems);
            } else {
                problems.add(Violation.at("/description", m -> m.wrongType("string")));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Fields(url, kinds, creating && active == null ? Boolean.TRUE : active, description,
                body.has("description"));
    }

    private static String url(JsonNode node, boolean required, List<Violation> problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(Violation.at("/url", m -> m.required()));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Violation.at("/url", m -> m.wrongType("string")));
            return null;
        }
        String url = node.asText().strip();
        if (url.isEmpty()) {
            problems.add(Violation.at("/url", m -> m.required()));
            return null;
        }
        if (url.length() > MAX_URL) {
            problems.add(Violation.at("/url", m -> m.tooLong(MAX_URL)));
            return null;
        }
        Message control = InputRules.textProblem(url, InputRules.Text.LINE);
        if (control != null || url.contains(" ") || Receivers.parse(url) == null) {
            problems.add(Violation.at("/url", control != null ? control : m -> m.webhookUrl()));
            return null;
        }
        return url;
    }

    /** The event kinds by their wire names, each known and named once. */
    static List<String> kinds(JsonNode node, boolean required, List<Violation> problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(Violation.at("/kinds", m -> m.required()));
            }
            return null;
        }
        if (!node.isArray()) {
            problems.add(Violation.at("/kinds", m -> m.wrongType("array")));
            return null;
        }
        if (node.isEmpty()) {
            problems.add(Violation.at("/kinds", m -> m.webhookKindsNeeded()));
            return null;
        }
        String known = Arrays.stream(EventKind.values()).map(EventKind::wire).collect(Collectors.joining(", "));
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "/kinds/" + i;
            if (!item.isTextual()) {
                problems.add(Violation.at(at, m -> m.wrongType("string")));
                continue;
            }
            String kind = item.asText();
            if (EventKind.of(kind).isEmpty()) {
                String shown = kind.length() > 64 ? kind.substring(0, 64) + "…" : kind;
                problems.add(Violation.at(at, m -> m.webhookKindUnknown(shown, known)));
            } else if (kinds.contains(kind)) {
                problems.add(Violation.at(at, m -> m.webhookKindRepeated()));
            } else {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The {@code since} of a replay of failed deliveries: an ISO-8601 instant with its offset. */
    static OffsetDateTime since(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        List<Violation> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("since")) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        OffsetDateTime since = since(body.get("since") == null || body.get("since").isNull() ? null
                : body.get("since").isTextual() ? body.get("since").asText() : "", "/since", problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return since;
    }

    static OffsetDateTime since(String text, String at, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            problems.add(Violation.at(at, m -> m.required()));
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(Violation.at(at, m -> m.dateTimeFormat()));
            return null;
        }
    }
}
