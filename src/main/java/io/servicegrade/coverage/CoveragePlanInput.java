package io.servicegrade.coverage;

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
 * The body of a coverage plan (issue 19), read whole: every bad field is named by its JSON pointer in one 422 and
 * nothing is stored. REST's JSON and GraphQL's input (made into the same JSON) are read here alike; the service adds
 * what needs the database (unknown kinds, logins, agency codes) to the same list.
 */
final class CoveragePlanInput {

    /** A plan as asked for: inspectors by login and agency code, not yet resolved. */
    record Draft(String nameZh, String nameEn, List<String> kinds, List<String> areas, List<String> tags,
            List<String> serviceLines, String source, Integer everyMonths, LocalDate activeFrom, LocalDate activeTo,
            List<String> accounts, List<String> agencies, int dutyMinimum) {
    }

    private static final Set<String> FIELDS = Set.of("nameZh", "nameEn", "selection", "source", "everyMonths",
            "activeFrom", "activeTo", "inspectors", "dutyMinimum");
    private static final String TOKEN = "[a-z][a-z0-9_-]{0,31}";
    private static final int MAX_ITEMS = 200;

    private CoveragePlanInput() {
    }

    /** The plan's key from the path: a lower-case token; 422 at /key otherwise. */
    static String key(String key) {
        if (key == null || !key.matches(TOKEN)) {
            throw ProblemException.invalid(List.of(Violation.at("/key", m -> m.tokenFormat())));
        }
        return key;
    }

    /** The draft in {@code body}; bad fields are added to {@code problems} (the caller refuses them all at once). */
    static Draft read(JsonNode body, List<String> sources, List<Violation> problems) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        unknown(body, "", FIELDS, problems);
        String nameZh = BodyFields.text(body, "nameZh", true, 200, InputRules.Text.LINE, problems);
        String nameEn = BodyFields.text(body, "nameEn", true, 200, InputRules.Text.LINE, problems);
        List<String> kinds = List.of();
        List<String> areas = List.of();
        List<String> tags = List.of();
        List<String> lines = List.of();
        JsonNode selection = body.get("selection");
        if (selection != null && !selection.isNull()) {
            if (!selection.isObject()) {
                problems.add(Violation.at("/selection", m -> m.wrongType("object")));
            } else {
                unknown(selection, "/selection", Set.of("kinds", "areas", "tags", "serviceLines"), problems);
                kinds = tokens(selection, "/selection", "kinds", problems);
                areas = tokens(selection, "/selection", "areas", problems);
                for (int i = 0; i < areas.size(); i++) {
                    if (areas.get(i) != null && !List.of("urban", "rural").contains(areas.get(i))) {
                        problems.add(Violation.at("/selection/areas/" + i, m -> m.areaValue()));
                    }
                }
                tags = tokens(selection, "/selection", "tags", problems);
                lines = tokens(selection, "/selection", "serviceLines", problems);
            }
        }
        String source = BodyFields.text(body, "source", true, 64, InputRules.Text.LINE, problems);
        if (source != null && !sources.contains(source)) {
            problems.add(Violation.at("/source", m -> m.unknownSource(source, String.join(", ", sources))));
        }
        Integer every = null;
        JsonNode n = body.get("everyMonths");
        if (n == null || n.isNull()) {
            problems.add(Violation.at("/everyMonths", m -> m.required()));
        } else if (!n.canConvertToInt() || !n.isIntegralNumber()
                || !CoveragePlan.EVERY_MONTHS.contains(n.intValue())) {
            problems.add(Violation.at("/everyMonths", m -> m.coverageEveryMonths()));
        } else {
            every = n.intValue();
        }
        LocalDate from = date(body, "activeFrom", true, problems);
        LocalDate to = date(body, "activeTo", false, problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(Violation.at("/activeTo", m -> m.coverageDateOrder()));
        }
        List<String> accounts = List.of();
        List<String> agencies = List.of();
        JsonNode inspectors = body.get("inspectors");
        if (inspectors != null && !inspectors.isNull()) {
            if (!inspectors.isObject()) {
                problems.add(Violation.at("/inspectors", m -> m.wrongType("object")));
            } else {
                unknown(inspectors, "/inspectors", Set.of("accounts", "agencies"), problems);
                accounts = texts(inspectors, "/inspectors", "accounts", problems);
                agencies = texts(inspectors, "/inspectors", "agencies", problems);
            }
        }
        int duty = 1;
        JsonNode d = body.get("dutyMinimum");
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 1 || d.intValue() > 1000) {
                problems.add(Violation.at("/dutyMinimum", m -> m.numberRange(1, 1000)));
            } else {
                duty = d.intValue();
            }
        }
        return new Draft(nameZh, nameEn, kinds, areas, tags, lines, source, every, from, to, accounts, agencies,
                duty);
    }

    private static void unknown(JsonNode node, String at, Set<String> fields, List<Violation> problems) {
        node.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                problems.add(Violation.at(at + "/" + Violation.escape(field), m -> m.unknownField()));
            }
        });
    }

    private static LocalDate date(JsonNode body, String field, boolean required, List<Violation> problems) {
        String text = BodyFields.text(body, field, required, 10, InputRules.Text.LINE, problems);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(Violation.at("/" + field, m -> m.vetoDateFormat()));
            return null;
        }
    }

    /** A list of lower-case tokens (kinds, areas, tags, service lines); a bad item named by its index. */
    private static List<String> tokens(JsonNode body, String at, String field, List<Violation> problems) {
        List<String> items = texts(body, at, field, problems);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && !items.get(i).matches(TOKEN)) {
                problems.add(Violation.at(at + "/" + field + "/" + i, m -> m.tokenFormat()));
            }
        }
        return items;
    }

    private static List<String> texts(JsonNode body, String at, String field, List<Violation> problems) {
        JsonNode node = body.get(field);
        List<String> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            problems.add(Violation.at(at + "/" + field, m -> m.wrongType("array")));
            return items;
        }
        if (node.size() > MAX_ITEMS) {
            problems.add(Violation.at(at + "/" + field, m -> m.coverageTooMany(MAX_ITEMS)));
            return items;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String pointer = at + "/" + field + "/" + i;
            if (item == null || !item.isTextual() || item.asText().isBlank()) {
                problems.add(Violation.at(pointer, m -> m.wrongType("string")));
                items.add(null);
            } else if (item.asText().strip().length() > 64) {
                problems.add(Violation.at(pointer, m -> m.tooLong(64)));
                items.add(null);
            } else if (items.contains(item.asText().strip())) {
                problems.add(Violation.at(pointer, m -> m.coverageRepeated()));
                items.add(null);
            } else {
                items.add(item.asText().strip());
            }
        }
        return items;
    }
}
