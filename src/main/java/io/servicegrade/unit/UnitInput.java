package io.servicegrade.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the units of a request, as JSON or CSV, into drafts, checking each field on its own and
 * collecting every problem before answering.
 */
public final class UnitInput {

    static final int MAX_UNITS = 10_000;
    static final int MAX_NAME = 200;
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final Set<String> AREAS = Set.of("urban", "rural");
    static final List<String> CSV_COLUMNS = List.of("code", "name", "kind", "parent", "serviceLine", "area", "tags");
    private static final Set<String> FIELDS = Set.of("code", "name", "kind", "parent", "serviceLine", "area",
            "active", "tags");
    /** A unit's tag (issue 17): a lower-case token, e.g. {@code model-candidate}. */
    public static final Pattern TAG = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** The most tags one unit may carry. */
    static final int MAX_TAGS = 16;
    /** What separates the tags of a CSV cell: spaces, commas or semicolons. */
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[\\s,;]+");

    private final List<UnitDraft> drafts = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> rejectedCodes = new java.util.HashSet<>();
    private final List<UnitDraft> rejectedReferences = new ArrayList<>();

    /**
     * The rows that passed their own checks, the problems of those that did not, and the codes of the
     * latter (so that a row naming one as its parent is not also reported for an unknown parent).
     */
    record Parsed(List<UnitDraft> drafts, List<Violation> violations, Set<String> rejectedCodes,
            List<UnitDraft> rejectedReferences) {
    }

    private UnitInput() {
    }

    /** The rows of a JSON array of units; throws only when the body as a whole is unusable. */
    static Parsed fromJson(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new ProblemException(400, "malformed-body", m -> m.badRequestTitle(), m -> m.bodyMissing());
        }
        if (!body.isArray()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("array"))));
        }
        checkSize(body.size());
        UnitInput input = new UnitInput();
        for (int i = 0; i < body.size(); i++) {
            input.readJson(i, body.get(i));
        }
        return input.result();
    }

    /** The rows of a CSV text with a header row; throws only when the text as a whole is unusable. */
    static Parsed fromCsv(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            List<String> header = parser.getHeaderNames();
            List<Violation> headerProblems = new ArrayList<>();
            for (String column : header) {
                if (!CSV_COLUMNS.contains(column) && !"active".equals(column)) {
                    headerProblems.add(Violation.at("/header/" + Violation.escape(column),
                            m -> m.csvUnknownColumn(column)));
                }
            }
            for (String column : List.of("code", "name", "kind")) {
                if (!header.contains(column)) {
                    headerProblems.add(Violation.at("/header", m -> m.csvMissingColumn(column)));
                }
            }
            if (!headerProblems.isEmpty()) {
                throw ProblemException.invalid(headerProblems);
            }
            List<CSVRecord> records = parser.getRecords();
            checkSize(records.size());
            UnitInput input = new UnitInput();
            for (int i = 0; i < records.size(); i++) {
                input.readCsv(i, records.get(i).toMap());
            }
            return input.result();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            String reason = e.getMessage();
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.csvUnreadable(reason))));
        }
    }

    private static void checkSize(int count) {
        if (count > MAX_UNITS) {
            throw new ProblemException(413, "payload-too-large", m -> m.payloadTooLargeTitle(),
                    m -> m.tooManyUnits(MAX_UNITS, count));
        }
    }

    private Parsed result() {
        return new Parsed(drafts, violations, rejectedCodes, rejectedReferences);
    }

    private void readJson(int index, JsonNode row) {
        if (!row.isObject()) {
            violations.add(Violation.inRow(index, null, null, m -> m.wrongType("object")));
            return;
        }
        String code = row.path("code").isTextual() ? row.get("code").asText() : null;
        for (Iterator<String> names = row.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(Violation.inRow(index, code, name, m -> m.unknownField()));
            }
        }
        Boolean active = null;
        JsonNode activeNode = row.get("active");
        if (activeNode != null && !activeNode.isNull()) {
            if (activeNode.isBoolean()) {
                active = activeNode.booleanValue();
            } else {
                violations.add(Violation.inRow(index, code, "active", m -> m.booleanValue()));
            }
        }
        JsonNode tagsNode = row.get("tags");
        List<Violation> tagProblems = new ArrayList<>();
        List<String> tags = tagsNode == null || tagsNode.isNull() ? null
                : tags(tagsNode, (suffix, message) -> tagProblems.add(tagProblem(index, code, suffix, message)));
        add(index, text(index, code, row, "code"), text(index, code, row, "name"), text(index, code, row, "kind"),
                text(index, code, row, "parent"), text(index, code, row, "serviceLine"),
                text(index, code, row, "area"), active, tags, tagProblems);
    }

    private static Violation tagProblem(int index, String code, String suffix, Message message) {
        return new Violation("/" + index + "/tags" + suffix, index, code, "tags", message);
    }

    /**
     * The tags of a JSON value, sorted and without repeats; each problem is reported with the pointer below the
     * tags' own ({@code ""} for the list, {@code /2} for its third tag). Issue 17.
     */
    static List<String> tags(JsonNode node, java.util.function.BiConsumer<String, Message> problems) {
        if (!node.isArray()) {
            problems.accept("", m -> m.wrongType("array"));
            return List.of();
        }
        List<String> given = new ArrayList<>();
        node.forEach(tag -> given.add(tag.isTextual() ? tag.asText() : null));
        return tags(given, problems);
    }

    /** The tags of a CSV cell, separated by spaces, commas or semicolons; a blank cell is no tags. */
    static List<String> tags(String cell, java.util.function.BiConsumer<String, Message> problems) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return tags(List.of(TAG_SEPARATORS.split(cell.strip())), problems);
    }

    /** Checks each tag ({@code null}: not a string) in order, then their number; sorted, without repeats. */
    private static List<String> tags(List<String> given, java.util.function.BiConsumer<String, Message> problems) {
        java.util.TreeSet<String> tags = new java.util.TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            String tag = given.get(i);
            if (tag == null) {
                problems.accept("/" + i, m -> m.wrongType("string"));
            } else if (TAG.matcher(tag).matches()) {
                tags.add(tag);
            } else {
                problems.accept("/" + i, m -> m.unitTagFormat());
            }
        }
        if (tags.size() > MAX_TAGS) {
            int count = tags.size();
            problems.accept("", m -> m.unitTooManyTags(MAX_TAGS, count));
        }
        return List.copyOf(tags);
    }

    private String text(int index, String code, JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(Violation.inRow(index, code, field, m -> m.wrongType("string")));
            return null;
        }
        return node.asText();
    }

    private void readCsv(int index, Map<String, String> row) {
        String code = blankToNull(row.get("code"));
        Boolean active = null;
        String activeText = blankToNull(row.get("active"));
        if (activeText != null) {
            if (activeText.equalsIgnoreCase("true") || activeText.equalsIgnoreCase("false")) {
                active = Boolean.valueOf(activeText.toLowerCase());
            } else {
                violations.add(Violation.inRow(index, code, "active", m -> m.booleanValue()));
            }
        }
        // a tags column states the row's tags (blank: none); without one the stored tags stay
        List<Violation> tagProblems = new ArrayList<>();
        List<String> tags = !row.containsKey("tags") ? null
                : tags(row.get("tags"), (suffix, message) -> tagProblems.add(tagProblem(index, code, suffix, message)));
        add(index, code, blankToNull(row.get("name")), blankToNull(row.get("kind")),
                blankToNull(row.get("parent")), blankToNull(row.get("serviceLine")),
                blankToNull(row.get("area")), active, tags, tagProblems);
    }

    private void add(int index, String code, String name, String kind, String parent, String serviceLine,
            String area, Boolean active, List<String> tags, List<Violation> tagProblems) {
        int before = violations.size();
        check(index, code, "code", code, true, UnitInput::codeProblem);
        check(index, code, "name", name, true, UnitInput::nameProblem);
        check(index, code, "kind", kind, true, UnitInput::tokenProblem);
        check(index, code, "parent", parent, false, UnitInput::codeProblem);
        check(index, code, "serviceLine", serviceLine, false, UnitInput::tokenProblem);
        check(index, code, "area", area, false, UnitInput::areaProblem);
        violations.addAll(tagProblems);
        UnitDraft draft = new UnitDraft(index, code, name, kind, parent, serviceLine, area, active, tags);
        if (violations.size() == before) {
            drafts.add(draft);
            return;
        }
        if (code != null) {
            rejectedCodes.add(code);
        }
        if (parent != null && codeProblem(parent) == null) {
            // A bad row's parent is still checked, so that one answer names all that is wrong with it.
            rejectedReferences.add(draft);
        }
    }

    private void check(int index, String code, String field, String value, boolean required,
            java.util.function.Function<String, Message> rule) {
        if (value == null) {
            if (required) {
                violations.add(Violation.inRow(index, code, field, m -> m.required()));
            }
            return;
        }
        Message problem = rule.apply(value);
        if (problem != null) {
            violations.add(Violation.inRow(index, code, field, problem));
        }
    }

    static Message codeProblem(String value) {
        return CODE.matcher(value).matches() ? null : m -> m.unitCodeFormat();
    }

    static Message nameProblem(String value) {
        if (value.isBlank()) {
            return m -> m.required();
        }
        Message text = InputRules.textProblem(value, InputRules.Text.LINE);
        if (text != null) {
            return text;
        }
        return value.codePointCount(0, value.length()) <= MAX_NAME ? null : m -> m.tooLong(MAX_NAME);
    }

    static Message tokenProblem(String value) {
        return TOKEN.matcher(value).matches() ? null : m -> m.tokenFormat();
    }

    static Message areaProblem(String value) {
        return AREAS.contains(value) ? null : m -> m.areaValue();
    }

    /**
     * The problems of the filters of a units or standings query, each named by its parameter: a kind or a
     * service line is a token (so {@code BRANCH} is refused, not matched against nothing), an area one of
     * {@link #AREAS}.
     */
    public static List<Violation> filterProblems(String kind, String serviceLine, String area) {
        return filterProblems(kind, serviceLine, area, null);
    }

    /**
     * As above, and a {@code tag} filter (issue 17) in a tag's form; a tag no unit carries is no error (it selects
     * nothing), unlike an unknown kind.
     */
    public static List<Violation> filterProblems(String kind, String serviceLine, String area, String tag) {
        List<Violation> problems = new ArrayList<>();
        if (kind != null && tokenProblem(kind) != null) {
            problems.add(QueryParameters.problem("kind", m -> m.tokenFormat()));
        }
        if (serviceLine != null && tokenProblem(serviceLine) != null) {
            problems.add(QueryParameters.problem("serviceLine", m -> m.tokenFormat()));
        }
        if (area != null && areaProblem(area) != null) {
            problems.add(QueryParameters.problem("area", m -> m.areaValue()));
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            problems.add(QueryParameters.problem("tag", m -> m.unitTagFormat()));
        }
        return problems;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
