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

    /** A window of objections longer than a quarter would outlast the next period's publication. */
    static final int MAX_OBJECTION_DAYS = 90;

    static final int MAX_NOMINEES = 20;

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
                "timeZone", "sources", "composites", "grades", "rankBy", "targets", "lifecycle"));
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
        // in the sources' order: a condition that every source be present lists them in it
        Set<String> sourceKeys = new java.util.LinkedHashSet<>();
        sources.forEach(s -> sourceKeys.add(s.source()));
        List<Scheme.Composite> composites = composites(node, sourceKeys);
        Set<String> compositeKeys = new HashSet<>();
        composites.forEach(c -> compositeKeys.add(c.key()));
        List<Scheme.Grade> grades = grades(node, compositeKeys, sourceKeys);
        String rankBy = r.text(node, "", "rankBy", true);
        if (rankBy != null && !compositeKeys.contains(rankBy)) {
            r.add("/rankBy", "须为本方案的一个综合指标", "must be one of the scheme's composites");
        }
        Set<String> gradeKeys = new HashSet<>();
        grades.forEach(g -> gradeKeys.add(g.key()));
        List<Scheme.Target> targets = targets(node, kinds, gradeKeys, compositeKeys);
        Scheme.Lifecycle lifecycle = lifecycle(node, kinds);
        return new Scheme(key, name, kinds, from, to, period, bulletin, zone, sources, composites, grades, rankBy,
                targets, lifecycle);
    }

    /** The optional {@code lifecycle} block (issue 18): objection window, nominations, veto events. */
    private Scheme.Lifecycle lifecycle(JsonNode scheme, List<String> kinds) {
        JsonNode node = scheme.get("lifecycle");
        if (node == null || node.isNull()) {
            return Scheme.Lifecycle.DEFAULT;
        }
        String at = "/lifecycle";
        if (!r.isObject(node, at)) {
            return Scheme.Lifecycle.DEFAULT;
        }
        r.onlyFields(node, at, Set.of("objectionDays", "nominations", "vetoEvents"));
        Integer days = r.integer(node, at, "objectionDays");
        if (days != null && (days < 0 || days > MAX_OBJECTION_DAYS)) {
            r.add(at + "/objectionDays", "须在 0 到 " + MAX_OBJECTION_DAYS + " 之间",
                    "must be between 0 and " + MAX_OBJECTION_DAYS);
        }
        Scheme.Lifecycle.Nominations nominations = null;
        JsonNode n = node.get("nominations");
        if (n != null && !n.isNull() && r.isObject(n, at + "/nominations")) {
            String here = at + "/nominations";
            r.onlyFields(n, here, Set.of("top", "levels"));
            Integer top = r.integer(n, here, "top");
            if (top != null && (top < 1 || top > MAX_NOMINEES)) {
                r.add(here + "/top", "须在 1 到 " + MAX_NOMINEES + " 之间", "must be between 1 and " + MAX_NOMINEES);
            }
            if (!n.has("levels")) {
                r.add(here + "/levels", "为必填项", "is required");
            }
            List<String> levels = tokens(n, here, "levels");
            for (int i = 0; i < levels.size(); i++) {
                if (kinds.contains(levels.get(i))) {
                    r.add(here + "/levels/" + i, "须为分组的单位类型（不是本方案评定的类型）",
                            "must be a group kind (not a kind this scheme grades)");
                }
            }
            nominations = new Scheme.Lifecycle.Nominations(top == null ? Scheme.Lifecycle.Nominations.TOP : top,
                    levels);
        }
        Scheme.Lifecycle.VetoEvents vetoEvents = Scheme.Lifecycle.VetoEvents.DEFAULT;
        JsonNode v = node.get("vetoEvents");
        if (v != null && !v.isNull() && r.isObject(v, at + "/vetoEvents")) {
            String here = at + "/vetoEvents";
            r.onlyFields(v, here, Set.of("scope", "exemptionGrounds"));
            String scope = r.text(v, here, "scope", false);
            if (scope != null && !scope.equals(Scheme.Lifecycle.VetoEvents.YEAR)
                    && !scope.equals(Scheme.Lifecycle.VetoEvents.PERIOD)) {
                r.add(here + "/scope", "须为 year 或 period", "must be year or period");
            }
            List<String> grounds = v.has("exemptionGrounds") ? tokens(v, here, "exemptionGrounds")
                    : Scheme.Lifecycle.VetoEvents.GROUNDS;
            vetoEvents = new Scheme.Lifecycle.VetoEvents(scope == null ? Scheme.Lifecycle.VetoEvents.YEAR : scope,
                    grounds);
        }
        return new Scheme.Lifecycle(days == null ? Scheme.Lifecycle.OBJECTION_DAYS : days, nominations, vetoEvents);
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
            r.onlyFields(s, at, Set.of("source", "rubric", "rubrics", "figure", "combine", "base", "floor",
                    "statistic", "item", "minSamples", "alsoCountsFor"));
            String source = r.text(s, at, "source", true);
            if (source != null && !seen.add(source)) {
                r.add(at + "/source", "来源 '" + source + "' 重复", "source '" + source + "' is listed twice");
            }
            if (s.has("figure")) {
                sources.add(figureSource(s, at, source));
                continue;
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

    /**
     * Issue 19: a source on a follow-up figure ({@code figure: complaintSatisfied}) counts the figure's samples
     * (100 or 0 per case) instead of evaluations: their mean is the rate. It takes no rubric, no statistic and no
     * item, and combines by mean only; {@code minSamples} counts cases, {@code alsoCountsFor} rolls them up.
     */
    private Scheme.Source figureSource(JsonNode s, String at, String source) {
        String key = r.key(s, at, "figure");
        Figure figure = key == null ? null : Figure.of(key).orElse(null);
        if (key != null && figure == null) {
            String known = java.util.Arrays.stream(Figure.values()).map(Figure::key)
                    .collect(java.util.stream.Collectors.joining(", "));
            r.add(at + "/figure", "未知的指标 '" + key + "'，可用：" + known,
                    "unknown figure '" + key + "'; one of " + known);
        }
        for (String field : List.of("rubric", "rubrics", "statistic", "item", "base", "floor")) {
            if (s.has(field)) {
                r.add(at + "/" + field, "按指标（figure）计的来源不取此项", "a source on a figure takes no " + field);
            }
        }
        Scheme.Combine combine = choice(s, at, "combine", Scheme.Combine.class, "mean", Map.of(
                "mean", Scheme.Combine.MEAN, "latest", Scheme.Combine.LATEST, "min", Scheme.Combine.MIN,
                "deductions", Scheme.Combine.DEDUCTIONS));
        if (combine != null && combine != Scheme.Combine.MEAN) {
            r.add(at + "/combine", "按指标计的来源取平均（即比率）", "a source on a figure takes the mean (the rate)");
        }
        Integer min = r.integer(s, at, "minSamples");
        if (min != null && min < 1) {
            r.add(at + "/minSamples", "须至少为 1", "must be at least 1");
        }
        List<Scheme.RubricChoice> rubrics = figure == null ? List.of()
                : List.of(new Scheme.RubricChoice(figure.rubricKey(), List.of(), List.of(), List.of()));
        return new Scheme.Source(source, rubrics, Scheme.Combine.MEAN, Scheme.Statistic.MEAN_SCORE, null,
                min == null ? 1 : min, null, null, alsoFor(s, at));
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

    /**
     * An optional list of lower-case tokens (kinds, service lines, tags, areas), each once; empty when absent (an
     * empty list is refused: leaving it out takes any).
     */
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
            } else if (tokens.contains(token)) {
                r.add(at + "/" + field + "/" + i, "重复", "is listed twice");
            } else {
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

    private List<Scheme.Grade> grades(JsonNode node, Set<String> composites, Set<String> sources) {
        List<Scheme.Grade> grades = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "grades", true);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/grades/" + i;
            JsonNode g = nodes.get(i);
            if (!r.isObject(g, at)) {
                continue;
            }
            r.onlyFields(g, at, Set.of("key", "name", "composite", "min", "when"));
            String key = r.key(g, at, "key");
            if (key != null && !seen.add(key)) {
                r.add(at + "/key", "代码 '" + key + "' 重复", "key '" + key + "' is used twice");
            }
            LocalizedText name = r.localized(g, at, "name", true);
            boolean last = i == nodes.size() - 1;
            String composite = r.text(g, at, "composite", false);
            BigDecimal min = r.decimal(g, at, "min", false);
            boolean shorthand = g.hasNonNull("composite") || g.hasNonNull("min");
            boolean when = g.hasNonNull("when");
            if (last && (shorthand || when)) {
                r.add(at, "最后一个等级不设条件：其余单位都归入此等级", "the last grade has no condition: it takes every other unit");
            } else if (!last && shorthand && when) {
                r.add(at, "条件须写作 composite 和 min，或写作 when，不能两者都写",
                        "give the condition either as composite and min or as when, not both");
            } else if (!last && !when && (composite == null || min == null)) {
                r.add(at, "除最后一个外，每个等级都须给出条件（composite 和 min，或 when）",
                        "every grade but the last needs a condition (a composite and a min, or when)");
            }
            if (composite != null && !composites.contains(composite)) {
                r.add(at + "/composite", "须为本方案的一个综合指标", "must be one of the scheme's composites");
            }
            Scheme.Condition condition = when ? condition(g.get("when"), at + "/when", composites, sources, 0)
                    : composite == null ? null
                    : new Scheme.Condition.Compare(Scheme.Operand.COMPOSITE, composite, min, null);
            grades.add(new Scheme.Grade(key, name, condition));
        }
        if (nodes.size() < 2 && node.has("grades")) {
            r.add("/grades", "至少需要两个等级", "needs at least two grades");
        }
        return grades;
    }

    private static final int MAX_CONDITION_DEPTH = 8;

    private static final List<String> OPERANDS = List.of("composite", "source", "present", "all", "any");

    /** A grade's condition (docs/schemes.md, "Grades"), every problem noted by pointer; null when it has none. */
    private Scheme.Condition condition(JsonNode c, String at, Set<String> composites, Set<String> sources,
            int depth) {
        if (!r.isObject(c, at)) {
            return null;
        }
        if (depth >= MAX_CONDITION_DEPTH) {
            r.add(at, "条件嵌套过深（至多 " + MAX_CONDITION_DEPTH + " 层）",
                    "nests too deep (at most " + MAX_CONDITION_DEPTH + " levels)");
            return null;
        }
        List<String> kinds = OPERANDS.stream().filter(c::has).toList();
        if (kinds.isEmpty()) {
            r.onlyFields(c, at, Set.of("composite", "source", "present", "all", "any", "min", "max", "minSamples",
                    "maxSamples"));
            r.add(at, "须给出 composite、source、present、all 或 any 之一",
                    "needs one of composite, source, present, all or any");
            return null;
        }
        if (kinds.size() > 1) {
            r.add(at, "只能给出 composite、source、present、all、any 中的一个（现有 " + String.join("、", kinds) + "）",
                    "must give only one of composite, source, present, all or any (it gives "
                            + String.join(", ", kinds) + ")");
            return null;
        }
        return switch (kinds.get(0)) {
            case "composite" -> {
                r.onlyFields(c, at, Set.of("composite", "min", "max"));
                String key = r.text(c, at, "composite", true);
                if (key != null && !composites.contains(key)) {
                    r.add(at + "/composite", "须为本方案的一个综合指标", "must be one of the scheme's composites");
                }
                yield compare(c, at, Scheme.Operand.COMPOSITE, key);
            }
            case "source" -> {
                r.onlyFields(c, at, Set.of("source", "min", "max", "minSamples", "maxSamples"));
                String key = r.text(c, at, "source", true);
                if (key != null && !sources.contains(key)) {
                    r.add(at + "/source", "须为本方案的一个测评来源", "must be one of the scheme's sources");
                }
                boolean counts = c.has("minSamples") || c.has("maxSamples");
                if (counts && (c.has("min") || c.has("max"))) {
                    r.add(at, "须比较来源的值（min、max）或样本数（minSamples、maxSamples），不能同时比较",
                            "compares either the source's value (min, max) or its samples (minSamples, maxSamples),"
                                    + " not both");
                    yield null;
                }
                if (!counts) {
                    yield compare(c, at, Scheme.Operand.SOURCE, key);
                }
                Integer min = sampleCount(c, at, "minSamples");
                Integer max = sampleCount(c, at, "maxSamples");
                if (!c.hasNonNull("minSamples") && !c.hasNonNull("maxSamples")) {
                    r.add(at, "须给出 minSamples、maxSamples 或两者", "needs a minSamples, a maxSamples or both");
                }
                if (min != null && max != null && min > max) {
                    r.add(at + "/minSamples", "不得大于 maxSamples", "must not be greater than maxSamples");
                }
                yield new Scheme.Condition.Samples(key, min, max);
            }
            case "present" -> {
                r.onlyFields(c, at, Set.of("present"));
                JsonNode present = c.get("present");
                if (present.isTextual() && present.asText().equals("all")) {
                    // every source of the scheme, kept as their list (the stored document lists them, so that
                    // every answer has one shape: a list)
                    yield new Scheme.Condition.Present(List.copyOf(sources));
                }
                if (!present.isArray() || present.isEmpty()) {
                    r.add(at + "/present", "须为 all 或非空的来源列表", "must be all or a non-empty list of sources");
                    yield null;
                }
                List<String> listed = new ArrayList<>();
                for (int i = 0; i < present.size(); i++) {
                    JsonNode source = present.get(i);
                    if (!source.isTextual() || !sources.contains(source.asText())) {
                        r.add(at + "/present/" + i, "须为本方案的一个测评来源", "must be one of the scheme's sources");
                    } else if (listed.contains(source.asText())) {
                        r.add(at + "/present/" + i, "来源重复", "is listed twice");
                    } else {
                        listed.add(source.asText());
                    }
                }
                yield new Scheme.Condition.Present(List.copyOf(listed));
            }
            default -> {
                String kind = kinds.get(0);
                r.onlyFields(c, at, Set.of(kind));
                List<JsonNode> parts = r.array(c, at, kind, true);
                if (parts.isEmpty() && c.get(kind).isArray()) {
                    r.add(at + "/" + kind, "至少需要一个条件", "needs at least one condition");
                }
                List<Scheme.Condition> conditions = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    conditions.add(condition(parts.get(i), at + "/" + kind + "/" + i, composites, sources,
                            depth + 1));
                }
                List<Scheme.Condition> list = conditions.contains(null) ? List.of() : List.copyOf(conditions);
                yield kind.equals("all") ? new Scheme.Condition.All(list) : new Scheme.Condition.Any(list);
            }
        };
    }

    private Scheme.Condition compare(JsonNode c, String at, Scheme.Operand operand, String key) {
        BigDecimal min = r.decimal(c, at, "min", false);
        BigDecimal max = r.decimal(c, at, "max", false);
        if (!c.hasNonNull("min") && !c.hasNonNull("max")) {
            r.add(at, "须给出 min、max 或两者", "needs a min, a max or both");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            r.add(at + "/min", "不得大于 max", "must not be greater than max");
        }
        return new Scheme.Condition.Compare(operand, key, min, max);
    }

    private Integer sampleCount(JsonNode c, String at, String field) {
        Integer value = r.integer(c, at, field);
        if (value != null && value < 0) {
            r.add(at + "/" + field, "不得为负数", "must not be negative");
        }
        return value;
    }

    private static final Map<String, Scheme.Direction> DIRECTIONS = Map.of("atLeast", Scheme.Direction.AT_LEAST,
            "atMost", Scheme.Direction.AT_MOST);

    private static final List<String> AREAS = List.of("urban", "rural", "all");

    private List<Scheme.Target> targets(JsonNode node, List<String> kinds, Set<String> grades,
            Set<String> composites) {
        List<Scheme.Target> targets = new ArrayList<>();
        List<JsonNode> nodes = r.array(node, "", "targets", false);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/targets/" + i;
            JsonNode t = nodes.get(i);
            if (!r.isObject(t, at)) {
                continue;
            }
            r.onlyFields(t, at, Set.of("key", "name", "level", "grade", "exactly", "mean", "of", "direction",
                    "urban", "rural", "all", "steps"));
            String key = t.has("key") ? r.key(t, at, "key") : null;
            if (key != null && !keys.add(key)) {
                r.add(at + "/key", "代码 '" + key + "' 重复", "key '" + key + "' is used twice");
            }
            LocalizedText name = r.localized(t, at, "name", false);
            String level = r.text(t, at, "level", true);
            if (level != null && kinds.contains(level)) {
                r.add(at + "/level", "须为本方案不评定的单位类型（如 branch）：目标针对的是其下受评单位的群体",
                        "must be a kind the scheme does not grade (e.g. branch): a target is on the graded units "
                                + "under such a group");
            }
            String grade = r.text(t, at, "grade", false);
            String mean = r.text(t, at, "mean", false);
            if (grade != null && mean != null) {
                r.add(at, "须给出 grade（占比目标）或 mean（均值目标），不能两者都给",
                        "gives either grade (a share target) or mean (a mean target), not both");
            } else if (grade == null && mean == null && !t.hasNonNull("grade") && !t.hasNonNull("mean")) {
                r.add(at, "须给出 grade（占比目标）或 mean（均值目标）",
                        "needs grade (a share target) or mean (a mean target)");
            }
            if (grade != null && !grades.contains(grade)) {
                r.add(at + "/grade", "须为本方案的一个等级", "must be one of the scheme's grades");
            }
            if (mean != null && !composites.contains(mean)) {
                r.add(at + "/mean", "须为本方案的一个综合指标", "must be one of the scheme's composites");
            }
            Boolean exactly = r.bool(t, at, "exactly");
            if (Boolean.TRUE.equals(exactly) && mean != null) {
                r.add(at + "/exactly", "只用于占比目标（grade）", "applies only to a share target (grade)");
            }
            boolean share = mean == null;
            Scheme.Selection of = selection(t, at, kinds);
            Scheme.Direction direction = choice(t, at, "direction", Scheme.Direction.class, "atLeast", DIRECTIONS);
            Scheme.Requirement required = requirement(t, at, share);
            List<Scheme.Step> steps = new ArrayList<>();
            List<JsonNode> stepNodes = r.array(t, at, "steps", false);
            if (stepNodes.isEmpty() && t.has("steps") && t.get("steps").isArray()) {
                r.add(at + "/steps", "至少需要一个阶段（不分阶段时省略 steps）", "needs at least one step (leave steps out otherwise)");
            }
            LocalDate previous = null;
            for (int j = 0; j < stepNodes.size(); j++) {
                String stepAt = at + "/steps/" + j;
                JsonNode step = stepNodes.get(j);
                if (!r.isObject(step, stepAt)) {
                    continue;
                }
                r.onlyFields(step, stepAt, Set.of("from", "urban", "rural", "all"));
                LocalDate from = null;
                String fromText = r.text(step, stepAt, "from", true);
                if (fromText != null) {
                    try {
                        from = LocalDate.parse(fromText);
                    } catch (DateTimeParseException e) {
                        r.add(stepAt + "/from", "须为日期，例如 2023-07-01", "must be a date such as 2023-07-01");
                    }
                }
                if (from != null && previous != null && !from.isAfter(previous)) {
                    r.add(stepAt + "/from", "须晚于上一阶段的 from（阶段按日期先后排列）",
                            "must be after the previous step's from (steps are in date order)");
                }
                previous = from != null ? from : previous;
                steps.add(new Scheme.Step(from, requirement(step, stepAt, share)));
            }
            targets.add(new Scheme.Target(key, name, level, grade, Boolean.TRUE.equals(exactly), mean, of,
                    direction, required, List.copyOf(steps)));
        }
        return targets;
    }

    /** {@code urban}, {@code rural} and {@code all}: at least one; a share is a percentage. */
    private Scheme.Requirement requirement(JsonNode t, String at, boolean share) {
        if (AREAS.stream().noneMatch(t::hasNonNull)) {
            r.add(at, "须给出 urban、rural 或 all 中至少一项要求", "needs at least one of urban, rural or all");
        }
        BigDecimal urban = share ? share(t, at, "urban") : r.decimal(t, at, "urban", false);
        BigDecimal rural = share ? share(t, at, "rural") : r.decimal(t, at, "rural", false);
        BigDecimal all = share ? share(t, at, "all") : r.decimal(t, at, "all", false);
        return new Scheme.Requirement(urban, rural, all);
    }

    private Scheme.Selection selection(JsonNode t, String at, List<String> kinds) {
        if (!t.has("of")) {
            return Scheme.Selection.EVERY;
        }
        String here = at + "/of";
        JsonNode of = t.get("of");
        if (!r.isObject(of, here)) {
            return Scheme.Selection.EVERY;
        }
        r.onlyFields(of, here, Set.of("kinds", "serviceLines", "tags", "areas"));
        List<String> ofKinds = tokens(of, here, "kinds");
        for (int i = 0; i < ofKinds.size(); i++) {
            if (!kinds.contains(ofKinds.get(i))) {
                r.add(here + "/kinds/" + i, "须为本方案评定的单位类型", "must be one of the kinds the scheme grades");
            }
        }
        List<String> areas = tokens(of, here, "areas");
        for (int i = 0; i < areas.size(); i++) {
            if (!areas.get(i).equals("urban") && !areas.get(i).equals("rural")) {
                r.add(here + "/areas/" + i, "须为 urban 或 rural", "must be urban or rural");
            }
        }
        return new Scheme.Selection(ofKinds, tokens(of, here, "serviceLines"), tokens(of, here, "tags"), areas);
    }

    private BigDecimal share(JsonNode node, String at, String field) {
        BigDecimal value = r.decimal(node, at, field, false);
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
            if (source.figure() != null) {
                o.put("figure", source.figure().key()).put("combine", "mean")
                        .put("minSamples", source.minSamples());
                if (!source.alsoFor().none()) {
                    ObjectNode also = o.putObject("alsoCountsFor");
                    putTokens(also, "above", source.alsoFor().above());
                    putTokens(also, "below", source.alsoFor().below());
                }
                continue;
            }
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
            } else if (g.when() != null) {
                o.set("when", condition(g.when()));
            }
        }
        node.put("rankBy", s.rankBy());
        if (!s.targets().isEmpty()) {
            var targets = node.putArray("targets");
            s.targets().forEach(t -> targets.add(target(t)));
        }
        if (!s.lifecycle().equals(Scheme.Lifecycle.DEFAULT)) {
            node.set("lifecycle", lifecycle(s.lifecycle()));
        }
        return node;
    }

    private static ObjectNode lifecycle(Scheme.Lifecycle l) {
        ObjectNode node = JSON.objectNode().put("objectionDays", l.objectionDays());
        if (l.nominations() != null) {
            ObjectNode n = node.putObject("nominations").put("top", l.nominations().top());
            l.nominations().levels().forEach(n.putArray("levels")::add);
        }
        ObjectNode v = node.putObject("vetoEvents").put("scope", l.vetoEvents().scope());
        l.vetoEvents().exemptionGrounds().forEach(v.putArray("exemptionGrounds")::add);
        return node;
    }

    private static void putTokens(ObjectNode node, String field, List<String> tokens) {
        if (!tokens.isEmpty()) {
            tokens.forEach(node.putArray(field)::add);
        }
    }

    /** A grade's condition as the document writes it, as JSON text; null for the last grade. */
    public static String conditionText(Scheme.Grade grade) {
        return grade.when() == null ? null : condition(grade.when()).toString();
    }

    private static ObjectNode condition(Scheme.Condition condition) {
        ObjectNode o = JSON.objectNode();
        if (condition instanceof Scheme.Condition.Compare c) {
            o.put(c.operand() == Scheme.Operand.COMPOSITE ? "composite" : "source", c.key());
            if (c.min() != null) {
                o.put("min", c.min());
            }
            if (c.max() != null) {
                o.put("max", c.max());
            }
        } else if (condition instanceof Scheme.Condition.Samples c) {
            o.put("source", c.source());
            if (c.min() != null) {
                o.put("minSamples", c.min());
            }
            if (c.max() != null) {
                o.put("maxSamples", c.max());
            }
        } else if (condition instanceof Scheme.Condition.Present c) {
            if (c.sources() == null) {
                o.put("present", "all");
            } else {
                c.sources().forEach(o.putArray("present")::add);
            }
        } else if (condition instanceof Scheme.Condition.All c) {
            var all = o.putArray("all");
            c.conditions().forEach(x -> all.add(condition(x)));
        } else if (condition instanceof Scheme.Condition.Any c) {
            var any = o.putArray("any");
            c.conditions().forEach(x -> any.add(condition(x)));
        }
        return o;
    }

    private static ObjectNode target(Scheme.Target t) {
        ObjectNode o = JSON.objectNode();
        if (t.key() != null) {
            o.put("key", t.key());
        }
        if (t.name() != null) {
            o.set("name", localized(t.name()));
        }
        o.put("level", t.level());
        if (t.grade() != null) {
            o.put("grade", t.grade());
        }
        if (t.exactly()) {
            o.put("exactly", true);
        }
        if (t.mean() != null) {
            o.put("mean", t.mean());
        }
        if (!t.of().isEvery()) {
            ObjectNode of = o.putObject("of");
            Map.of("kinds", t.of().kinds(), "serviceLines", t.of().serviceLines(), "tags", t.of().tags(), "areas",
                    t.of().areas()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> !e.getValue().isEmpty())
                    .forEach(e -> e.getValue().forEach(of.putArray(e.getKey())::add));
        }
        if (t.direction() == Scheme.Direction.AT_MOST) {
            o.put("direction", "atMost");
        }
        requirement(o, t.required());
        if (!t.steps().isEmpty()) {
            var steps = o.putArray("steps");
            t.steps().forEach(step -> requirement(steps.addObject().put("from", step.from().toString()),
                    step.required()));
        }
        return o;
    }

    private static void requirement(ObjectNode o, Scheme.Requirement required) {
        if (required.urban() != null) {
            o.put("urban", required.urban());
        }
        if (required.rural() != null) {
            o.put("rural", required.rural());
        }
        if (required.all() != null) {
            o.put("all", required.all());
        }
    }

    private static ObjectNode localized(LocalizedText text) {
        return JSON.objectNode().put("zh-CN", text.zhCN()).put("en", text.en());
    }
}
