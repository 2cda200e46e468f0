package io.servicegrade.veto;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.BodyFields;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bodies of veto event requests, read whole (issue 18): every bad field is named by its JSON pointer in one
 * 422, and nothing is stored. REST's JSON and GraphQL's inputs (made into the same JSON) are read here alike.
 */
final class VetoEventInput {

    /** A proposed event as asked for: codes, not yet resolved to units. */
    record Proposal(String unit, List<String> staff, String kind, String kindText, LocalDate occurredOn,
            String description, List<String> evidence) {
    }

    /** An exemption asked for: one of the configured grounds and the reason. */
    record Exemption(String ground, String reason) {
    }

    private static final Set<String> PROPOSAL_FIELDS = Set.of("unit", "staff", "kind", "kindText", "occurredOn",
            "description", "evidence");
    private static final int MAX_STAFF = 50;
    private static final int MAX_EVIDENCE = 20;

    private VetoEventInput() {
    }

    /**
     * The proposal in {@code body}, its bad fields added to {@code problems} (the caller adds the unknown units and
     * refuses them all at once). {@code today}: the latest day an event may have.
     */
    static Proposal proposal(JsonNode body, LocalDate today, List<Violation> problems) {
        object(body, PROPOSAL_FIELDS, problems);
        String unit = text(body, "unit", 64, true, problems);
        List<String> staff = BodyFields.texts(body, "staff", MAX_STAFF, 64, problems);
        for (int i = 0; i < staff.size(); i++) {
            String code = staff.get(i);
            if (code != null && (code.equals(unit) || staff.subList(0, i).contains(code))) {
                problems.add(Violation.at("/staff/" + i, m -> m.vetoStaffRepeated()));
            }
        }
        String kind = text(body, "kind", 64, true, problems);
        if (kind != null && !VetoEvent.KINDS.contains(kind)) {
            problems.add(Violation.at("/kind", m -> m.oneOf(String.join(", ", VetoEvent.KINDS))));
        }
        String kindText = text(body, "kindText", 200, "other".equals(kind), problems);
        LocalDate occurredOn = null;
        String day = text(body, "occurredOn", 10, true, problems);
        if (day != null) {
            try {
                occurredOn = LocalDate.parse(day);
                if (occurredOn.isAfter(today)) {
                    problems.add(Violation.at("/occurredOn", m -> m.futureDate()));
                }
            } catch (DateTimeParseException e) {
                problems.add(Violation.at("/occurredOn", m -> m.vetoDateFormat()));
            }
        }
        String description = multiline(body, "description", 4000, problems);
        List<String> evidence = BodyFields.texts(body, "evidence", MAX_EVIDENCE, 2000, problems);
        for (int i = 0; i < evidence.size(); i++) {
            String link = evidence.get(i);
            if (link != null && !link.matches("(?i)https?://\\S+")) {
                problems.add(Violation.at("/evidence/" + i, m -> m.vetoEvidenceLink()));
            }
        }
        return new Proposal(unit, staff, kind, kindText, occurredOn, description, evidence);
    }

    /** The exemption in {@code body}; its ground must be one of {@code grounds}. 422 naming every bad field. */
    static Exemption exemption(JsonNode body, List<String> grounds) {
        List<Violation> problems = new ArrayList<>();
        object(body, Set.of("ground", "reason"), problems);
        String ground = text(body, "ground", 64, true, problems);
        if (ground != null && !grounds.contains(ground)) {
            problems.add(Violation.at("/ground", m -> m.oneOf(String.join(", ", grounds))));
        }
        String reason = multiline(body, "reason", 4000, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Exemption(ground, reason);
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

    /** A one-line text field (a code, a key, a date), read as {@link BodyFields} reads every body's texts. */
    private static String text(JsonNode body, String field, int max, boolean required, List<Violation> problems) {
        return BodyFields.text(body, field, required, max, InputRules.Text.LINE, problems);
    }

    /** A description or reason: line breaks allowed; kept without surrounding blanks, as before (issue 18). */
    private static String multiline(JsonNode body, String field, int max, List<Violation> problems) {
        String text = BodyFields.text(body, field, true, max, InputRules.Text.MULTILINE, problems);
        return text == null ? null : text.strip();
    }
}
