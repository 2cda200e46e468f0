package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A checklist an evaluation is scored against (评分标准): sections of items, each worth some points
 * and scored by a rule, adding up to a total (usually 100).
 */
public record Rubric(String key, LocalizedText name, BigDecimal total, List<Section> sections) {

    public Rubric {
        sections = List.copyOf(sections);
    }

    /** A section (验收项目) of items; its points are the sum of its items'. */
    public record Section(String key, LocalizedText name, BigDecimal points, List<Item> items) {
        public Section {
            items = List.copyOf(items);
        }
    }

    /**
     * An item (验收内容). {@code notApplicable} says whether it may be marked N/A; {@code defaultAnswer},
     * when present, stands for the item when an evaluation leaves it out.
     */
    public record Item(String key, LocalizedText name, BigDecimal points, LocalizedText criteria,
            boolean notApplicable, Answer defaultAnswer, Rule rule) {
    }

    public List<Item> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    public Map<String, Item> itemsByKey() {
        return items().stream().collect(Collectors.toMap(Item::key, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
