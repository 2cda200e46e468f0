package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.AnswerProblem;
import io.servicegrade.scoring.LocalizedText;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.RubricCheck;
import io.servicegrade.scoring.Rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rubric format (docs/rubrics.md), as a JSON or YAML tree: read into a {@link Rubric} with every problem
 * found at once, and written back in one canonical form, so that equal rubrics have equal documents.
 */
public final class RubricDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> RUBRIC_FIELDS = Set.of("key", "name", "total", "sections");
    private static final Set<String> SECTION_FIELDS = Set.of("key", "name", "points", "items");
    private static final Set<String> ITEM_FIELDS = Set.of("key", "name", "points", "criteria", "notApplicable",
            "default", "rule");

    /** A rubric, or why it is not one. */
    public record Read(Rubric rubric, List<AnswerProblem> problems) {
    }

    private final DocumentReader reader = new DocumentReader();

    private RubricDocument() {
    }

    public static Read read(JsonNode document) {
        RubricDocument doc = new RubricDocument();
        Rubric rubric = doc.rubric(document);
        if (rubric != null && doc.reader.problems.isEmpty()) {
            List<AnswerProblem> coherence = RubricCheck.problems(rubric);
            return new Read(coherence.isEmpty() ? rubric : null, coherence);
        }
        return new Read(null, List.copyOf(doc.reader.problems));
    }

    private Rubric rubric(JsonNode node) {
        if (!reader.isObject(node, "")) {
            return null;
        }
        reader.onlyFields(node, "", RUBRIC_FIELDS);
        String key = reader.key(node, "", "key");
        LocalizedText name = reader.localized(node, "", "name", true);
        BigDecimal total = reader.decimal(node, "", "total", true);
        List<Rubric.Section> sections = new ArrayList<>();
        List<JsonNode> elements = reader.array(node, "", "sections", true);
        for (int s = 0; s < elements.size(); s++) {
            sections.add(section(elements.get(s), "/sections/" + s));
        }
        if (key == null || name == null || total == null || sections.contains(null)) {
            return null;
        }
        return new Rubric(key, name, total, sections);
    }

    private Rubric.Section section(JsonNode node, String at) {
        if (!reader.isObject(node, at)) {
            return null;
        }
        reader.onlyFields(node, at, SECTION_FIELDS);
        String key = reader.key(node, at, "key");
        LocalizedText name = reader.localized(node, at, "name", true);
        BigDecimal points = reader.decimal(node, at, "points", true);
        List<Rubric.Item> items = new ArrayList<>();
        List<JsonNode> elements = reader.array(node, at, "items", true);
        for (int i = 0; i < elements.size(); i++) {
            items.add(item(elements.get(i), at + "/items/" + i));
        }
        if (key == null || name == null || points == null || items.contains(null)) {
            return null;
        }
        return new Rubric.Section(key, name, points, items);
    }

    private Rubric.Item item(JsonNode node, String at) {
        if (!reader.isObject(node, at)) {
            return null;
        }
        reader.onlyFields(node, at, ITEM_FIELDS);
        String key = reader.key(node, at, "key");
        LocalizedText name = reader.localized(node, at, "name", true);
        BigDecimal points = reader.decimal(node, at, "points", true);
        LocalizedText criteria = reader.localized(node, at, "criteria", false);
        Boolean notApplicable = reader.bool(node, at, "notApplicable");
        Rule rule = reader.isObject(node.get("rule"), at + "/rule") ? RuleDocument.read(reader, node.get("rule"),
                at + "/rule") : null;
        Answer defaultAnswer = null;
        JsonNode defaultNode = node.get("default");
        if (defaultNode != null && !defaultNode.isNull()) {
            defaultAnswer = AnswerDocument.readOne(reader, defaultNode, at + "/default", false);
        }
        if (key == null || name == null || points == null || rule == null) {
            return null;
        }
        return new Rubric.Item(key, name, points, criteria, Boolean.TRUE.equals(notApplicable),
                defaultAnswer == null ? null : defaultAnswer.withItem(key), rule);
    }

    /** The canonical document of a rubric: fixed field order, numbers as given, absent options left out. */
    public static ObjectNode write(Rubric rubric) {
        ObjectNode node = JSON.objectNode();
        node.put("key", rubric.key());
        node.set("name", localized(rubric.name()));
        node.put("total", rubric.total());
        ArrayNode sections = node.putArray("sections");
        for (Rubric.Section section : rubric.sections()) {
            ObjectNode s = sections.addObject();
            s.put("key", section.key());
            s.set("name", localized(section.name()));
            s.put("points", section.points());
            ArrayNode items = s.putArray("items");
            for (Rubric.Item item : section.items()) {
                ObjectNode i = items.addObject();
                i.put("key", item.key());
                i.set("name", localized(item.name()));
                i.put("points", item.points());
                if (item.criteria() != null) {
                    i.set("criteria", localized(item.criteria()));
                }
                if (item.notApplicable()) {
                    i.put("notApplicable", true);
                }
                if (item.defaultAnswer() != null) {
                    ObjectNode answer = AnswerDocument.write(item.defaultAnswer());
                    answer.remove("item");
                    i.set("default", answer);
                }
                i.set("rule", RuleDocument.write(item.rule()));
            }
        }
        return node;
    }

    static ObjectNode localized(LocalizedText text) {
        ObjectNode node = JSON.objectNode();
        node.put("zh-CN", text.zhCN());
        node.put("en", text.en());
        return node;
    }
}
