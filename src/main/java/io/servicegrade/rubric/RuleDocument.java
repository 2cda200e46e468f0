package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.scoring.Rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code rule} of an item in the rubric format: {@code {"kind": "deduction", …}} and the other kinds. */
final class RuleDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RuleDocument() {
    }

    static Rule read(DocumentReader reader, JsonNode node, String at) {
        int before = reader.problems.size();
        Rule rule = readKind(reader, node, at);
        // A rule with any problem is not built: the problems say what to fix.
        return reader.problems.size() > before ? null : rule;
    }

    private static Rule readKind(DocumentReader reader, JsonNode node, String at) {
        String kind = reader.text(node, at, "kind", true);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "deduction": {
                reader.onlyFields(node, at, Set.of("kind", "perViolation", "named", "severeTakesAll", "timing",
                        "zeroingEvents"));
                BigDecimal perViolation = reader.decimal(node, at, "perViolation", true);
                List<Rule.NamedDeduction> named = new ArrayList<>();
                List<JsonNode> namedNodes = reader.array(node, at, "named", false);
                for (int j = 0; j < namedNodes.size(); j++) {
                    String here = at + "/named/" + j;
                    JsonNode n = namedNodes.get(j);
                    if (reader.isObject(n, here)) {
                        reader.onlyFields(n, here, Set.of("key", "name", "points"));
                        named.add(new Rule.NamedDeduction(reader.key(n, here, "key"),
                                reader.localized(n, here, "name", true), reader.decimal(n, here, "points", true)));
                    }
                }
                List<Rule.TimeLimit> timing = new ArrayList<>();
                List<JsonNode> timingNodes = reader.array(node, at, "timing", false);
                for (int j = 0; j < timingNodes.size(); j++) {
                    String here = at + "/timing/" + j;
                    JsonNode t = timingNodes.get(j);
                    if (reader.isObject(t, here)) {
                        reader.onlyFields(t, here, Set.of("key", "name", "limitSeconds", "amountBase", "amountStep",
                                "secondsPerStep"));
                        timing.add(new Rule.TimeLimit(reader.key(t, here, "key"), reader.localized(t, here, "name", true),
                                reader.decimal(t, here, "limitSeconds", true), reader.decimal(t, here, "amountBase", false),
                                reader.decimal(t, here, "amountStep", false),
                                reader.decimal(t, here, "secondsPerStep", false)));
                    }
                }
                Boolean severe = reader.bool(node, at, "severeTakesAll");
                List<Rule.ZeroingEvent> events = events(reader, node, at);
                return new Rule.Deduction(perViolation, named, Boolean.TRUE.equals(severe), timing, events);
            }
            case "veto":
                reader.onlyFields(node, at, Set.of("kind"));
                return new Rule.Veto();
            case "indicators": {
                reader.onlyFields(node, at, Set.of("kind", "indicators"));
                List<Rule.Indicator> indicators = new ArrayList<>();
                List<JsonNode> nodes = reader.array(node, at, "indicators", true);
                for (int j = 0; j < nodes.size(); j++) {
                    String here = at + "/indicators/" + j;
                    JsonNode i = nodes.get(j);
                    if (reader.isObject(i, here)) {
                        reader.onlyFields(i, here, Set.of("key", "name", "target", "deducts", "lowerIsBetter",
                                "strict"));
                        indicators.add(new Rule.Indicator(reader.key(i, here, "key"),
                                reader.localized(i, here, "name", true), reader.decimal(i, here, "target", true),
                                reader.decimal(i, here, "deducts", true),
                                Boolean.TRUE.equals(reader.bool(i, here, "lowerIsBetter")),
                                Boolean.TRUE.equals(reader.bool(i, here, "strict"))));
                    }
                }
                return new Rule.Indicators(indicators);
            }
            case "shortfall": {
                reader.onlyFields(node, at, Set.of("kind", "target", "perPercentagePoint", "proportional",
                        "lowerIsBetter", "zeroingEvents"));
                BigDecimal target = reader.decimal(node, at, "target", true);
                BigDecimal per = reader.decimal(node, at, "perPercentagePoint", true);
                Boolean proportional = reader.bool(node, at, "proportional");
                Boolean lowerIsBetter = reader.bool(node, at, "lowerIsBetter");
                List<Rule.ZeroingEvent> events = events(reader, node, at);
                if (proportional == null && node.get("proportional") == null) {
                    reader.add(at + "/proportional", "为必填项：按比例（true）或按整百分点（false）扣分",
                            "is required: deduct in proportion (true) or per full point (false)");
                }
                return new Rule.Shortfall(target, per, Boolean.TRUE.equals(proportional), events,
                        Boolean.TRUE.equals(lowerIsBetter));
            }
            case "rating": {
                reader.onlyFields(node, at, Set.of("kind", "scale", "satisfiedAtOrAbove"));
                List<Rule.Level> scale = new ArrayList<>();
                List<JsonNode> nodes = reader.array(node, at, "scale", true);
                for (int j = 0; j < nodes.size(); j++) {
                    String here = at + "/scale/" + j;
                    JsonNode l = nodes.get(j);
                    if (reader.isObject(l, here)) {
                        reader.onlyFields(l, here, Set.of("key", "name", "value"));
                        scale.add(new Rule.Level(reader.key(l, here, "key"), reader.localized(l, here, "name", true),
                                reader.decimal(l, here, "value", true)));
                    }
                }
                String satisfied = reader.text(node, at, "satisfiedAtOrAbove", true);
                return new Rule.Rating(scale, satisfied);
            }
            case "bonus": {
                reader.onlyFields(node, at, Set.of("kind", "perUnit", "cap"));
                BigDecimal perUnit = reader.decimal(node, at, "perUnit", true);
                BigDecimal cap = reader.decimal(node, at, "cap", true);
                return new Rule.Bonus(perUnit, cap);
            }
            default:
                reader.add(at + "/kind", "须为 deduction、veto、indicators、shortfall、rating 或 bonus",
                        "must be deduction, veto, indicators, shortfall, rating or bonus");
                return null;
        }
    }

    private static List<Rule.ZeroingEvent> events(DocumentReader reader, JsonNode node, String at) {
        List<Rule.ZeroingEvent> events = new ArrayList<>();
        List<JsonNode> nodes = reader.array(node, at, "zeroingEvents", false);
        for (int j = 0; j < nodes.size(); j++) {
            String here = at + "/zeroingEvents/" + j;
            JsonNode e = nodes.get(j);
            if (reader.isObject(e, here)) {
                reader.onlyFields(e, here, Set.of("key", "name"));
                events.add(new Rule.ZeroingEvent(reader.key(e, here, "key"), reader.localized(e, here, "name", true)));
            }
        }
        return events;
    }

    static ObjectNode write(Rule rule) {
        ObjectNode node = JSON.objectNode();
        node.put("kind", rule.kind());
        if (rule instanceof Rule.Deduction d) {
            node.put("perViolation", d.perViolation());
            if (!d.named().isEmpty()) {
                ArrayNode named = node.putArray("named");
                d.named().forEach(n -> named.addObject().put("key", n.key())
                        .<ObjectNode>set("name", RubricDocument.localized(n.name())).put("points", n.points()));
            }
            if (d.severeTakesAll()) {
                node.put("severeTakesAll", true);
            }
            if (!d.timing().isEmpty()) {
                ArrayNode timing = node.putArray("timing");
                for (Rule.TimeLimit t : d.timing()) {
                    ObjectNode limit = timing.addObject().put("key", t.key());
                    limit.set("name", RubricDocument.localized(t.name()));
                    limit.put("limitSeconds", t.limitSeconds());
                    if (t.growsWithAmount()) {
                        limit.put("amountBase", t.amountBase()).put("amountStep", t.amountStep())
                                .put("secondsPerStep", t.secondsPerStep());
                    }
                }
            }
            writeEvents(node, d.zeroingEvents());
        } else if (rule instanceof Rule.Indicators ind) {
            ArrayNode indicators = node.putArray("indicators");
            for (Rule.Indicator i : ind.indicators()) {
                ObjectNode indicator = indicators.addObject().put("key", i.key());
                indicator.set("name", RubricDocument.localized(i.name()));
                indicator.put("target", i.target()).put("deducts", i.deducts());
                // Written only when set, as read: a rubric without them keeps its content (and its version).
                if (i.lowerIsBetter()) {
                    indicator.put("lowerIsBetter", true);
                }
                if (i.strict()) {
                    indicator.put("strict", true);
                }
            }
        } else if (rule instanceof Rule.Shortfall s) {
            node.put("target", s.target()).put("perPercentagePoint", s.perPercentagePoint())
                    .put("proportional", s.proportional());
            if (s.lowerIsBetter()) {
                node.put("lowerIsBetter", true);
            }
            writeEvents(node, s.zeroingEvents());
        } else if (rule instanceof Rule.Rating r) {
            ArrayNode scale = node.putArray("scale");
            r.scale().forEach(l -> scale.addObject().put("key", l.key())
                    .<ObjectNode>set("name", RubricDocument.localized(l.name())).put("value", l.value()));
            node.put("satisfiedAtOrAbove", r.satisfiedAtOrAbove());
        } else if (rule instanceof Rule.Bonus b) {
            node.put("perUnit", b.perUnit()).put("cap", b.cap());
        }
        return node;
    }

    private static void writeEvents(ObjectNode node, List<Rule.ZeroingEvent> events) {
        if (!events.isEmpty()) {
            ArrayNode array = node.putArray("zeroingEvents");
            events.forEach(e -> array.addObject().put("key", e.key())
                    .set("name", RubricDocument.localized(e.name())));
        }
    }

}
