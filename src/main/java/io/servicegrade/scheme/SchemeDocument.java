package io.servicegrade.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.rubric.DocumentReader;
import io.servicegrade.scoring.AnswerProblem;
import io.servicegrade.scoring.LocalizedText;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scheme format (docs/schemes.md), as a JSON or YAML tree: read into a {@link Scheme} with every problem
 * found at once, and written back in one canonical form.
 */
public final class SchemeDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A scheme, or why it is not one. */
    public record Read(Scheme scheme, List<AnswerProblem> problems) {
    }

    private final DocumentReader r = new DocumentReader();

    private final ZoneId localZone;

    private SchemeDocument(ZoneId localZone) {
        this.localZone = localZone;
    }

    /** Reads a scheme; {@code localZone} (the {@code servicegrade.time-zone} setting) when it names no time zone. */
    public static Read read(JsonNode node, ZoneId localZone) {
        SchemeDocument doc = new SchemeDocument(localZone);
        Scheme scheme = doc.scheme(node);
        return doc.r.problems.isEmpty() ? new Read(scheme, List.of()) : new Read(null, List.copyOf(doc.r.problems));
    }

    private Scheme scheme(JsonNode node) {
        if (!r.isObject(node, "")) {
            return null;
        }
        r.onlyFields(node, "", Set.of("key", "name", "kinds", "activeFrom", "activeTo", "period", "bulletin",
                "timeZone", "sources", "composites", "grades", "rankBy", "targets"));
        String key = r.key(node, "", "key");
        LocalizedText name = r.localized(node, "", "name", true);
        List<String> kinds = new ArrayList<>();
        List<JsonNode> kindNodes = r.array(node, "", "kinds", true);
        if (kindNodes.isEmpty() && node.has("kinds")) {
            r.add("/kinds", "至少需要一种单位类型", "needs at least one kind of unit");
        }
        for (int i = 0; i < kindNodes.size(); i++) {
            String kind = kindNodes.get(i).asText();
            if (!kindNodes.get(i).isTextual() || !kind.matches("[a-z][a-z0-9_-]{0,31}")) {
                r.add("/kinds/" + i, "须为小写标识", "must be a lower-case token");
            }
            kinds.add(kind);
        }
        LocalDate from = date(node, "activeFrom", true);
        LocalDate to = date(node, "activeTo", false);
        if (from != null && to != null && to.isBefore(from)) {
            r.add("/activeTo", "不得早于 activeFrom", "must not be before activeFrom");
        }
        Period.Kind period = null;
        String periodText = r.text(node, "", "period", true);
        if (periodText != null) {
            period = Period.Kind.of(periodText);
            if (period == null) {
                r.add("/period", "须为 month、quarter、half 或 year", "must be month, quarter, half or year");
            }
        }
        Period.Kind bulletin = null;
        String bulletinText = r.text(node, "", "bulletin", false);
        if (bulletinText != null) {
            bulletin = Period.Kind.of(bulletinText);
            if (bulletin == null) {
                r.add("/bulletin", "须为 month、quarter 或 half", "must be month, quarter or half");
            } else if (period != null && !bulletin.divides(period)) {
                r.add("/bulletin", "通报周期须短于考核周期并整除之（如按月通报、按季考核）",
                        "must be a shorter period that divides the scheme's period (e.g. monthly bulletins of a quarter)");
            }
        }
        ZoneId zone = localZone;
        String zoneText = r.text(node, "", "timeZone", false);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                r.add("/timeZone", "不是已知的时区", "is not a known time zone (e.g. Asia/Shanghai)");
            }
        }
        List<Scheme.Source> sources = sources(node);
        Set<String> sourceKeys = new HashSet<>();
        sources.forEach(s -> sourceKeys.add(s.source()));
        List<Scheme.Composite> composites = composites(node, sourceKeys);
        Set<String> compositeKeys = new HashSet<>();
        composites.forEach(c -> compositeKeys.add(c.key()));
        List<Scheme.Grade> grades = grades(node, compositeKeys);
        String rankBy = r.text(node, "", "rankBy", true);
        if (rankBy != null && !compositeKeys.contains(rankBy)) {
            r.add("/rankBy", "须为本方案的一个综合指标", "must be one of the scheme's composites");
        }
        Set<String> gradeKeys = new HashSet<>();
        grades.forEach(g -> gradeKeys.add(g.key()));
        List<Scheme.Target> targets = targets(node, gradeKeys);
        return new Scheme(key, name, kinds, from, to, period, bulletin, zone, sources, composites, grades, rankBy,
                targets);
    }

    private LocalDate date(JsonNode node, String field, boolean required) {
        String text = r.text(node, "", field, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            r.add("/" + field, "须为日期，例如 2023-03-01", "must be a date such as 2023-03-01");
            return null;
        }
    }

    private List<Scheme.Source> sources(JsonNode node) {
        List<Scheme.Source> sources = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "sources", true);
        if (nodes.isEmpty() && node.has("sources")) {
            r.add("/sources", "至少需要一个测评来源", "needs at least one source");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/sources/" + i;
            JsonNode s = nodes.get(i);
            if (!r.isObject(s, at)) {
                continue;
            }
            r.onlyFields(s, at, Set.of("source", "rubric", "rubrics", "combine", "base", "floor", "statistic", "item",
                    "minSamples", "alsoCountsFor"));
            String source = r.text(s, at, "source", true);
            if (source != null && !seen.add(source)) {
                r.add(at + "/source", "来源 '" + source + "' 重复", "source '" + source + "' is listed twice");
            }
            List<Scheme.RubricChoice> rubrics = rubrics(s, at);
            Scheme.Combine combine = choice(s, at, "combine", Scheme.Combine.class, "mean", Map.of(
                    "mean", Scheme.Combine.MEAN, "latest", Scheme.Combine.LATEST, "min", Scheme.Combine.MIN,
                    "deductions", Scheme.Combine.DEDUCTIONS));
            BigDecimal base = null;
            BigDecimal floor = null;
            if (combine == Scheme.Combine.DEDUCTIONS) {
                base = s.has("base") ? r.decimal(s, at, "base", true) : BigDecimal.valueOf(100);
                floor = s.has("floor") ? r.decimal(s, at, "floor", true) : BigDecimal.ZERO;
                if (base != null && floor != null && floor.compareTo(base) >= 0) {
                    r.add(at + "/floor", "须低于 base（" + base.toPlainString() + "）",
                            "must be below the base (" + base.toPlainString() + ")");
                }
            } else {
                for (String field : List.of("base", "floor")) {
                    if (s.has(field)) {
                        r.add(at + "/" + field, "仅用于扣分累计（combine: deductions）",
                                "is only for a sum of deductions (combine: deductions)");
                    }
                }
            }
            Scheme.Statistic statistic = choice(s, at, "statistic", Scheme.Statistic.class, "meanScore", Map.of(
                    "meanScore", Scheme.Statistic.MEAN_SCORE, "satisfactionRate", Scheme.Statistic.SATISFACTION_RATE));
            String item = r.text(s, at, "item", false);
            if (statistic == Scheme.Statistic.SATISFACTION_RATE && item == null) {
                r.add(at + "/item", "满意率须指明问卷中的评分项目", "a satisfaction rate needs the rating item it is read from");
            }
            if (combine == Scheme.Combine.DEDUCTIONS && statistic == Scheme.Statistic.SATISFACTION_RATE) {
                r.add(at + "/combine", "扣分累计用于得分，不用于满意率", "a sum of deductions takes scores, not satisfaction rates");
            }
            Integer min = r.integer(s, at, "minSamples");
            if (min != null && min < 1) {
                r.add(at + "/minSamples", "须至少为 1", "must be at least 1");
            }
            Scheme.AlsoFor alsoFor = alsoFor(s, at);
            sources.add(new Scheme.Source(source, rubrics, combine, statistic, item, min == null ? 1 : min, base,
                    floor, alsoFor));
        }
        return sources;
    }

    /** {@code rubric: key} (every unit), or {@code rubrics:} a list of a rubric per unit selection, first match. */
    private List<Scheme.RubricChoice> rubrics(JsonNode s, String at) {
        if (s.has("rubric") && s.has("rubrics")) {
            r.add(at, "rubric 与 rubrics 只能给出一个", "give either rubric or rubrics, not both");
            return List.of();
        }
        if (!s.has("rubrics")) {
            String rubric = r.key(s, at, "rubric");
            return rubric == null ? List.of() : List.of(new Scheme.RubricChoice(rubric, List.of(), List.of(),
                    List.of()));
        }
        List<Scheme.RubricChoice> choices = new ArrayList<>();
        List<JsonNode> nodes = r.array(s, at, "rubrics", true);
        if (nodes.isEmpty()) {
            r.add(at + "/rubrics", "至少需要一个评分标准", "needs at least one rubric");
        }
        boolean takesAll = false;
        for (int j = 0; j < nodes.size(); j++) {
            String cat = at + "/rubrics/" + j;
            JsonNode c = nodes.get(j);
            if (!r.isObject(c, cat)) {
                continue;
            }
            r.onlyFields(c, cat, Set.of("rubric", "kinds", "serviceLines", "tags"));
            String rubric = r.key(c, cat, "rubric");
            Scheme.RubricChoice choice = new Scheme.RubricChoice(rubric, tokens(c, cat, "kinds"),
                    tokens(c, cat, "serviceLines"), tokens(c, cat, "tags"));
            if (takesAll) {
                r.add(cat, "前面的评分标准已适用于所有单位，此项永远不会用到",
                        "an earlier rubric already takes every unit: this one is never used");
            }
            takesAll |= !choice.selects();
            if (rubric != null) {
                choices.add(choice);
            }
        }
        return choices;
    }

    private Scheme.AlsoFor alsoFor(JsonNode s, String at) {
        JsonNode node = s.get("alsoCountsFor");
        if (node == null) {
            return Scheme.AlsoFor.NONE;
        }
        String here = at + "/alsoCountsFor";
        if (!r.isObject(node, here)) {
            return Scheme.AlsoFor.NONE;
        }
        r.onlyFields(node, here, Set.of("above", "below"));
        List<String> above = tokens(node, here, "above");
        List<String> below = tokens(node, here, "below");
        if (above.isEmpty() && below.isEmpty()) {
            r.add(here, "须列出 above 或 below 的单位类型", "must list the kinds of unit above or below");
        }
        return new Scheme.AlsoFor(above, below);
    }

    /** An optional list of lower-case tokens (kinds, service lines, tags); empty when absent. */
    private List<String> tokens(JsonNode node, String at, String field) {
        if (!node.has(field)) {
            return List.of();
        }
        List<JsonNode> nodes = r.array(node, at, field, true);
        if (nodes.isEmpty()) {
            r.add(at + "/" + field, "不得为空列表（省略即不限）", "must not be empty (leave it out to take any)");
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String token = nodes.get(i).asText();
            if (!nodes.get(i).isTextual() || !token.matches("[a-z][a-z0-9_-]{0,31}")) {
                r.add(at + "/" + field + "/" + i, "须为小写标识", "must be a lower-case token");
            } else if (!tokens.contains(token)) {
                tokens.add(token);
            }
        }
        return List.copyOf(tokens);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String at, String field, Class<E> type, String fallback,
            Map<String, E> values) {
        String text = r.text(node, at, field, false);
        E value = values.get(text == null ? fallback : text);
        if (value == null) {
            r.add(at + "/" + field, "须为以下之一：" + String.join("、", values.keySet()),
                    "must be one of: " + String.join(", ", values.keySet()));
        }
        return value;
    }

    private List<Scheme.Composite> composites(JsonNode node, Set<String> sources) {
        List<Scheme.Composite> composites = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "composites", true);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/composites/" + i;
            JsonNode c = nodes.get(i);
            if (!r.isObject(c, at)) {
                continue;
            }
            r.onlyFields(c, at, Set.of("key", "name", "weights", "whenMissing"));
            String key = r.key(c, at, "key");
            if (key != null && !seen.add(key)) {
                r.add(at + "/key", "代码 '" + key + "' 重复", "key '" + key + "' is used twice");
            }
            LocalizedText name = r.localized(c, at, "name", true);
            Map<String, BigDecimal> weights = new LinkedHashMap<>();
            JsonNode weightNode = c.get("weights");
            if (weightNode == null || !weightNode.isObject() || weightNode.isEmpty()) {
                r.add(at + "/weights", "须为来源到权重的映射", "must map sources to weights");
            } else {
                BigDecimal sum = BigDecimal.ZERO;
                for (Iterator<String> names = weightNode.fieldNames(); names.hasNext();) {
                    String source = names.next();
                    BigDecimal weight = r.decimal(weightNode, at + "/weights", source, true);
                    if (!sources.contains(source)) {
                        r.add(at + "/weights/" + source, "不是本方案的测评来源", "is not one of the scheme's sources");
                    }
                    if (weight != null) {
                        if (weight.signum() <= 0) {
                            r.add(at + "/weights/" + source, "须大于 0", "must be greater than 0");
                        }
                        sum = sum.add(weight);
                        weights.put(source, weight);
                    }
                }
                if (sum.compareTo(BigDecimal.ONE) != 0) {
                    r.add(at + "/weights", "权重合计须为 1（现为 " + sum.toPlainString() + "）",
                            "the weights must add up to 1 (they add up to " + sum.toPlainString() + ")");
                }
            }
            Scheme.WhenMissing whenMissing = choice(c, at, "whenMissing", Scheme.WhenMissing.class, "incomplete",
                    Map.of("incomplete", Scheme.WhenMissing.INCOMPLETE, "rescale", Scheme.WhenMissing.RESCALE));
            composites.add(new Scheme.Composite(key, name, weights, whenMissing));
        }
        if (composites.isEmpty() && node.has("composites")) {
            r.add("/composites", "至少需要一个综合指标", "needs at least one composite");
        }
        return composites;
    }

    private List<Scheme.Grade> grades(JsonNode node, Set<String> composites) {
        List<Scheme.Grade> grades = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "grades", true);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/grades/" + i;
            JsonNode g = nodes.get(i);
            if (!r.isObject(g, at)) {
                continue;
            }
            r.onlyFields(g, at, Set.of("key", "name", "composite", "min"));
            String key = r.key(g, at, "key");
            if (key != null && !seen.add(key)) {
                r.add(at + "/key", "代码 '" + key + "' 重复", "key '" + key + "' is used twice");
            }
            LocalizedText name = r.localized(g, at, "name", true);
            boolean last = i == nodes.size() - 1;
            String composite = r.text(g, at, "composite", false);
            BigDecimal min = r.decimal(g, at, "min", false);
            if (last && (composite != null || min != null)) {
                r.add(at, "最后一个等级不设条件：其余单位都归入此等级", "the last grade has no condition: it takes every other unit");
            } else if (!last && (composite == null || min == null)) {
                r.add(at, "除最后一个外，每个等级都须给出 composite 和 min", "every grade but the last needs a composite and a min");
            }
            if (composite != null && !composites.contains(composite)) {
                r.add(at + "/composite", "须为本方案的一个综合指标", "must be one of the scheme's composites");
            }
            grades.add(new Scheme.Grade(key, name, composite, min));
        }
        if (nodes.size() < 2 && node.has("grades")) {
            r.add("/grades", "至少需要两个等级", "needs at least two grades");
        }
        return grades;
    }

    private List<Scheme.Target> targets(JsonNode node, Set<String> grades) {
        List<Scheme.Target> targets = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "targets", false);
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/targets/" + i;
            JsonNode t = nodes.get(i);
            if (!r.isObject(t, at)) {
                continue;
            }
            r.onlyFields(t, at, Set.of("level", "grade", "urban", "rural"));
            String level = r.text(t, at, "level", true);
            String grade = r.text(t, at, "grade", true);
            if (grade != null && !grades.contains(grade)) {
                r.add(at + "/grade", "须为本方案的一个等级", "must be one of the scheme's grades");
            }
            BigDecimal urban = share(t, at, "urban");
            BigDecimal rural = share(t, at, "rural");
            targets.add(new Scheme.Target(level, grade, urban, rural));
        }
        return targets;
    }

    private BigDecimal share(JsonNode node, String at, String field) {
        BigDecimal value = r.decimal(node, at, field, true);
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            r.add(at + "/" + field, "须为 0 至 100 之间的百分比", "must be a percentage from 0 to 100");
        }
        return value;
    }

    /** The canonical document of a scheme. */
    public static ObjectNode write(Scheme s) {
        ObjectNode node = JSON.objectNode();
        node.put("key", s.key());
        node.set("name", localized(s.name()));
        s.kinds().forEach(node.putArray("kinds")::add);
        node.put("activeFrom", s.activeFrom().toString());
        if (s.activeTo() != null) {
            node.put("activeTo", s.activeTo().toString());
        }
        node.put("period", s.period().token());
        if (s.bulletin() != null) {
            node.put("bulletin", s.bulletin().token());
        }
        node.put("timeZone", s.timeZone().getId());
        var sources = node.putArray("sources");
        for (Scheme.Source source : s.sources()) {
            ObjectNode o = sources.addObject().put("source", source.source());
            List<Scheme.RubricChoice> rubrics = source.rubrics();
            if (rubrics.size() == 1 && !rubrics.get(0).selects()) {
                o.put("rubric", rubrics.get(0).rubric());
            } else {
                var list = o.putArray("rubrics");
                for (Scheme.RubricChoice c : rubrics) {
                    ObjectNode choice = list.addObject().put("rubric", c.rubric());
                    putTokens(choice, "kinds", c.kinds());
                    putTokens(choice, "serviceLines", c.serviceLines());
                    putTokens(choice, "tags", c.tags());
                }
            }
            o.put("combine", source.combine().name().toLowerCase(Locale.ROOT));
            if (source.combine() == Scheme.Combine.DEDUCTIONS) {
                o.put("base", source.base()).put("floor", source.floor());
            }
            o.put("statistic", source.statistic() == Scheme.Statistic.MEAN_SCORE ? "meanScore"
                    : "satisfactionRate");
            if (source.item() != null) {
                o.put("item", source.item());
            }
            o.put("minSamples", source.minSamples());
            if (!source.alsoFor().none()) {
                ObjectNode also = o.putObject("alsoCountsFor");
                putTokens(also, "above", source.alsoFor().above());
                putTokens(also, "below", source.alsoFor().below());
            }
        }
        var composites = node.putArray("composites");
        for (Scheme.Composite c : s.composites()) {
            ObjectNode o = composites.addObject().put("key", c.key());
            o.set("name", localized(c.name()));
            ObjectNode weights = o.putObject("weights");
            c.weights().forEach(weights::put);
            o.put("whenMissing", c.whenMissing().name().toLowerCase(Locale.ROOT));
        }
        var grades = node.putArray("grades");
        for (Scheme.Grade g : s.grades()) {
            ObjectNode o = grades.addObject().put("key", g.key());
            o.set("name", localized(g.name()));
            if (g.composite() != null) {
                o.put("composite", g.composite()).put("min", g.min());
            }
        }
        node.put("rankBy", s.rankBy());
        if (!s.targets().isEmpty()) {
            var targets = node.putArray("targets");
            s.targets().forEach(t -> targets.addObject().put("level", t.level()).put("grade", t.grade())
                    .put("urban", t.urban()).put("rural", t.rural()));
        }
        return node;
    }

    private static void putTokens(ObjectNode node, String field, List<String> tokens) {
        if (!tokens.isEmpty()) {
            tokens.forEach(node.putArray(field)::add);
        }
    }

    private static ObjectNode localized(LocalizedText text) {
        return JSON.objectNode().put("zh-CN", text.zhCN()).put("en", text.en());
    }
}
