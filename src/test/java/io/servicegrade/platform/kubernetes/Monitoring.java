package io.servicegrade.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the monitoring manifests (issue 22) say: the alerts' rules, the dashboard, and the series they name. */
public final class Monitoring {

    /** PromQL's functions, aggregations and keywords: every other name in an expression is a series. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "changes", "histogram_quantile", "by", "without", "on", "ignoring", "group_left",
            "group_right", "or", "and", "unless", "bool", "offset", "topk", "bottomk", "abs", "clamp_min",
            "clamp_max", "absent", "delta", "deriv", "vector", "scalar", "time");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private Monitoring() {
    }

    /** The series an expression reads: its names, label matchers, ranges, strings and grouping left out. */
    public static Set<String> series(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String name = m.group();
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!PROMQL.contains(name) && !partOfNumber && !name.matches("[0-9eE]+")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every alerting rule of the PrometheusRule objects. */
    public static List<JsonNode> rules(List<JsonNode> objects) {
        List<JsonNode> rules = new ArrayList<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("PrometheusRule"))
                .forEach(o -> o.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add)));
        return rules;
    }

    /** The dashboard the ConfigMap {@code servicegrade-dashboard} carries. */
    public static JsonNode dashboard(List<JsonNode> objects) {
        JsonNode map = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && o.at("/metadata/name").asText().equals("servicegrade-dashboard")).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard ConfigMap"));
        try {
            return new ObjectMapper().readTree(map.at("/data/servicegrade.json").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("the dashboard is not JSON", e);
        }
    }

    /** The PromQL of every panel's targets. */
    public static List<String> panelExpressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }
}
