package io.servicegrade.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A random valid rubric made three ways from the same choices, none through the server's reading or writing:
 * the {@link Rubric} it must read as, its JSON text, and its YAML text (a small emitter of this test's own,
 * mixing block and flow styles, plain and quoted scalars, and numbers written as {@code 2.5}, {@code 2.50},
 * {@code 98.0}). Strings and keys include ones YAML would read as something else unquoted ({@code no},
 * {@code null}, {@code 1.5}, {@code a: b}); decimals include ones a binary float cannot hold ({@code 0.1}).
 */
final class GeneratedRubric {

    private static final List<String> WORDS = List.of("营业厅", "环境", "服务态度", "满意率：85%", "Lobby", "clean",
            "yes", "no", "on", "null", "~", "1.5", "true", "a: b", "#hash", "- dash", "it's", "say \"hi\"", "[x]",
            "{y}", "comma, here", "100%", "back\\slash", "&anchor", "*alias", "!tag", "@at", "`tick`", "?q");
    private static final List<String> KEYS = List.of("a", "no", "yes", "on", "off", "null", "true", "1.5", "0x10",
            "x-y", "z_z", "k.1", "Y", "n");

    final Rubric rubric;
    final Map<String, Object> tree;
    private final Random random;
    private final Set<String> usedKeys = new HashSet<>();

    private GeneratedRubric(Random random) {
        this.random = random;
        this.tree = new LinkedHashMap<>();
        String key = key();
        LocalizedText name = text();
        tree.put("key", key);
        tree.put("name", localized(name));
        List<Object> sectionTrees = new ArrayList<>();
        List<Rubric.Section> sections = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int sectionCount = 1 + random.nextInt(3);
        for (int s = 0; s < sectionCount; s++) {
            Map<String, Object> section = new LinkedHashMap<>();
            String sectionKey = key();
            LocalizedText sectionName = text();
            List<Object> itemTrees = new ArrayList<>();
            List<Rubric.Item> items = new ArrayList<>();
            BigDecimal points = BigDecimal.ZERO;
            int itemCount = 1 + random.nextInt(4);
            for (int i = 0; i < itemCount; i++) {
                Map<String, Object> itemTree = new LinkedHashMap<>();
                Rubric.Item item = item(itemTree, s == 0 && i == 0);
                itemTrees.add(itemTree);
                items.add(item);
                points = points.add(item.points());
            }
            section.put("key", sectionKey);
            section.put("name", localized(sectionName));
            section.put("points", written(points));
            section.put("items", itemTrees);
            sectionTrees.add(section);
            sections.add(new Rubric.Section(sectionKey, sectionName, normalized(points), items));
            total = total.add(points);
        }
        tree.put("total", written(total));
        tree.put("sections", sectionTrees);
        this.rubric = new Rubric(key, name, normalized(total), sections);
    }

    static GeneratedRubric of(Random random) {
        return new GeneratedRubric(random);
    }

    private Rubric.Item item(Map<String, Object> tree, boolean mustHavePoints) {
        String key = key();
        LocalizedText name = text();
        int kind = mustHavePoints ? 0 : random.nextInt(6);
        boolean pointless = kind == 1 || kind == 5;
        BigDecimal points = pointless ? BigDecimal.ZERO : positive();
        tree.put("key", key);
        tree.put("name", localized(name));
        tree.put("points", written(points));
        LocalizedText criteria = null;
        if (random.nextInt(3) == 0) {
            criteria = text();
            tree.put("criteria", localized(criteria));
        }
        boolean notApplicable = random.nextBoolean();
        if (notApplicable || random.nextBoolean()) {
            tree.put("notApplicable", notApplicable);
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        Answer defaultAnswer = null;
        Rule built = switch (kind) {
            case 0 -> {
                rule.put("kind", "deduction");
                List<Rule.TimeLimit> timing = new ArrayList<>();
                List<Object> timingTrees = new ArrayList<>();
                for (int j = random.nextInt(3); j > 0; j--) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    String k = key();
                    LocalizedText n = text();
                    BigDecimal limit = positive();
                    t.put("key", k);
                    t.put("name", localized(n));
                    t.put("limitSeconds", written(limit));
                    if (random.nextBoolean()) {
                        BigDecimal base = decimal(0, 100_000);
                        BigDecimal step = positive();
                        BigDecimal per = positive();
                        t.put("amountBase", written(base));
                        t.put("amountStep", written(step));
                        t.put("secondsPerStep", written(per));
                        timing.add(new Rule.TimeLimit(k, n, normalized(limit), normalized(base), normalized(step),
                                normalized(per)));
                    } else {
                        timing.add(new Rule.TimeLimit(k, n, normalized(limit), null, null, null));
                    }
                    timingTrees.add(t);
                }
                BigDecimal perViolation = timing.isEmpty() ? decimal(0, 1000) : positive();
                rule.put("perViolation", written(perViolation));
                List<Rule.NamedDeduction> named = new ArrayList<>();
                List<Object> namedTrees = new ArrayList<>();
                for (int j = random.nextInt(3); j > 0; j--) {
                    String k = key();
                    LocalizedText n = text();
                    BigDecimal p = positive();
                    namedTrees.add(map("key", k, "name", localized(n), "points", written(p)));
                    named.add(new Rule.NamedDeduction(k, n, normalized(p)));
                }
                if (!named.isEmpty() || random.nextBoolean()) {
                    rule.put("named", namedTrees);
                }
                boolean severe = random.nextBoolean();
                if (severe || random.nextBoolean()) {
                    rule.put("severeTakesAll", severe);
                }
                if (!timing.isEmpty()) {
                    rule.put("timing", timingTrees);
                }
                List<Rule.ZeroingEvent> events = events(rule);
                if (random.nextBoolean()) {
                    int violations = random.nextInt(3);
                    tree.put("default", map("violations", violations));
                    defaultAnswer = Answer.of(key).withViolations(violations);
                }
                yield new Rule.Deduction(normalized(perViolation), named, severe, timing, events);
            }
            case 1 -> {
                rule.put("kind", "veto");
                yield new Rule.Veto();
            }
            case 2 -> {
                rule.put("kind", "indicators");
                List<Rule.Indicator> indicators = new ArrayList<>();
                List<Object> trees = new ArrayList<>();
                for (int j = 1 + random.nextInt(3); j > 0; j--) {
                    String k = key();
                    LocalizedText n = text();
                    BigDecimal target = decimal(0, 10_000);
                    BigDecimal deducts = positive();
                    Map<String, Object> indicator = map("key", k, "name", localized(n), "target", written(target),
                            "deducts", written(deducts));
                    // lower is better and strict (issue 17): left out, written false, or true
                    boolean lower = flag(indicator, "lowerIsBetter");
                    boolean strict = flag(indicator, "strict") && !unreachable(target, lower);
                    if (!strict && Boolean.TRUE.equals(indicator.get("strict"))) {
                        indicator.remove("strict");
                    }
                    trees.add(indicator);
                    indicators.add(new Rule.Indicator(k, n, normalized(target), normalized(deducts), lower, strict));
                }
                rule.put("indicators", trees);
                yield new Rule.Indicators(indicators);
            }
            case 3 -> {
                rule.put("kind", "shortfall");
                BigDecimal target = decimal(0, 10_000);
                BigDecimal per = positive();
                boolean proportional = random.nextBoolean();
                rule.put("target", written(target));
                rule.put("perPercentagePoint", written(per));
                rule.put("proportional", proportional);
                boolean lower = flag(rule, "lowerIsBetter");
                yield new Rule.Shortfall(normalized(target), normalized(per), proportional, events(rule), lower);
            }
            case 4 -> {
                rule.put("kind", "rating");
                List<Rule.Level> scale = new ArrayList<>();
                List<Object> trees = new ArrayList<>();
                int value = 1 + random.nextInt(10_000);
                for (int j = 2 + random.nextInt(3); j > 0; j--) {
                    String k = key();
                    LocalizedText n = text();
                    BigDecimal v = BigDecimal.valueOf(value, 2);
                    trees.add(map("key", k, "name", localized(n), "value", written(v)));
                    scale.add(new Rule.Level(k, n, normalized(v)));
                    value = random.nextInt(value + 1);
                }
                String satisfied = scale.get(random.nextInt(scale.size())).key();
                rule.put("scale", trees);
                rule.put("satisfiedAtOrAbove", satisfied);
                yield new Rule.Rating(scale, satisfied);
            }
            default -> {
                rule.put("kind", "bonus");
                BigDecimal perUnit = positive();
                BigDecimal cap = positive();
                rule.put("perUnit", written(perUnit));
                rule.put("cap", written(cap));
                yield new Rule.Bonus(normalized(perUnit), normalized(cap));
            }
        };
        tree.put("rule", rule);
        return new Rubric.Item(key, name, normalized(points), criteria, notApplicable, defaultAnswer, built);
    }

    private List<Rule.ZeroingEvent> events(Map<String, Object> rule) {
        List<Rule.ZeroingEvent> events = new ArrayList<>();
        List<Object> trees = new ArrayList<>();
        for (int j = random.nextInt(3); j > 0; j--) {
            String k = key();
            LocalizedText n = text();
            trees.add(map("key", k, "name", localized(n)));
            events.add(new Rule.ZeroingEvent(k, n));
        }
        if (!events.isEmpty() || random.nextInt(4) == 0) {
            rule.put("zeroingEvents", trees);
        }
        return events;
    }

    /** An answer for every item, fitting its rule, for scoring both forms alike. */
    List<Answer> answers() {
        List<Answer> answers = new ArrayList<>();
        for (Rubric.Item item : rubric.items()) {
            Answer a = Answer.of(item.key());
            if (item.notApplicable() && random.nextInt(4) == 0) {
                answers.add(a.notApplicableAnswer());
                continue;
            }
            Rule rule = item.rule();
            if (rule instanceof Rule.Deduction) {
                a = a.withViolations(random.nextInt(4));
            } else if (rule instanceof Rule.Veto) {
                a = a.withPass(random.nextInt(5) > 0);
            } else if (rule instanceof Rule.Indicators ind) {
                Map<String, BigDecimal> rates = new LinkedHashMap<>();
                ind.indicators().forEach(i -> rates.put(i.key(), decimal(0, 10_000)));
                a = a.withRates(rates);
            } else if (rule instanceof Rule.Shortfall) {
                a = a.withRate(decimal(0, 10_000));
            } else if (rule instanceof Rule.Rating r) {
                Map<String, Integer> responses = new LinkedHashMap<>();
                r.scale().forEach(l -> responses.put(l.key(), random.nextInt(7)));
                responses.merge(r.scale().get(0).key(), 1, Integer::sum);
                a = a.withResponses(responses);
            } else {
                a = a.withCount(random.nextInt(5));
            }
            answers.add(a);
        }
        return answers;
    }

    String json() throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(tree);
    }

    String yaml() {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "---\n" : "# generated\n");
        block(out, tree, 0, false);
        return out.toString();
    }

    // The YAML emitter

    private static final Pattern PLAIN = Pattern.compile("[\\p{IsHan}A-Za-z][\\p{IsHan}A-Za-z0-9 ._()%'：-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null",
            "~");

    private void block(StringBuilder out, Map<String, Object> map, int indent, boolean firstIndented) {
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first || !firstIndented) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(scalar(e.getKey())).append(':');
            value(out, e.getValue(), indent);
        }
    }

    @SuppressWarnings("unchecked")
    private void value(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> m && !m.isEmpty() && random.nextInt(3) > 0) {
            out.append('\n');
            block(out, (Map<String, Object>) m, indent + 2, false);
        } else if (value instanceof List<?> list && !list.isEmpty() && random.nextInt(3) > 0) {
            out.append('\n');
            for (Object element : list) {
                out.append(" ".repeat(indent + 2)).append("- ");
                if (element instanceof Map<?, ?> m && !m.isEmpty()) {
                    block(out, (Map<String, Object>) m, indent + 4, true);
                } else {
                    out.append(flow(element)).append('\n');
                }
            }
        } else {
            out.append(' ').append(flow(value)).append('\n');
        }
    }

    private String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.forEach((k, v) -> entries.add(scalar(k) + ": " + flow(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(this::flow).toList()) + "]";
        }
        return scalar(value);
    }

    private String scalar(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        boolean plain = PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains(": ") && !s.contains(" #")
                && !RESERVED.contains(s.toLowerCase()) && random.nextInt(4) > 0;
        return plain ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // Choices

    private String key() {
        String key = random.nextInt(3) == 0 ? "k" + random.nextInt(1000) : KEYS.get(random.nextInt(KEYS.size()));
        while (!usedKeys.add(key)) {
            key = key + "-" + random.nextInt(10);
        }
        return key;
    }

    private LocalizedText text() {
        return new LocalizedText(words(), words());
    }

    private String words() {
        List<String> words = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            words.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", words);
    }

    private static Map<String, Object> localized(LocalizedText text) {
        return map("zh-CN", text.zhCN(), "en", text.en());
    }

    /** A decimal of 0–2 places, from {@code low} to {@code high} hundredths. */
    private BigDecimal decimal(int low, int high) {
        return normalized(BigDecimal.valueOf(low + random.nextInt(high - low + 1), 2));
    }

    /** Mostly 0.01–20; now and then one with 16 to 19 significant digits, which no binary double holds. */
    private BigDecimal positive() {
        if (random.nextInt(6) == 0) {
            return normalized(BigDecimal.valueOf(1 + (random.nextLong() >>> 4), 16));
        }
        return decimal(1, 2000);
    }

    /** How the number is written: as it is, or with trailing zeros (2.5 → 2.50, 98 → 98.0). */
    private BigDecimal written(BigDecimal value) {
        int zeros = random.nextInt(3);
        return zeros == 0 ? value : value.setScale(value.scale() + zeros);
    }

    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A boolean field left out (false), written false, or written true; answers its value. */
    private boolean flag(Map<String, Object> tree, String field) {
        int choice = random.nextInt(4);
        if (choice == 0) {
            tree.put(field, false);
        } else if (choice == 1) {
            tree.put(field, true);
            return true;
        }
        return false;
    }

    /** A strict target no rate can beat (below 0, above 100): refused by the rubric check, so not generated. */
    private static boolean unreachable(BigDecimal target, boolean lowerIsBetter) {
        return lowerIsBetter ? target.signum() == 0 : target.compareTo(BigDecimal.valueOf(100)) == 0;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
