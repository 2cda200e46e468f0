package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.scoring.AnswerProblem;
import io.servicegrade.scoring.LocalizedText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads fields out of a JSON (or YAML) tree, noting every problem with its pointer instead of stopping. */
public final class DocumentReader {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public final List<AnswerProblem> problems = new ArrayList<>();

    public void add(String pointer, String zh, String en) {
        problems.add(new AnswerProblem(pointer, new LocalizedText(zh, en)));
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public boolean isObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            add(at, "须为 JSON 对象", "must be an object");
            return false;
        }
        return true;
    }

    public void onlyFields(JsonNode object, String at, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                add(at + "/" + escape(name), "不是可识别的字段", "is not a known field");
            }
        }
    }

    private JsonNode field(JsonNode object, String at, String name, boolean required) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                add(at + "/" + name, "为必填项", "is required");
            }
            return null;
        }
        return node;
    }

    public String text(JsonNode object, String at, String name, boolean required) {
        JsonNode node = field(object, at, name, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            add(at + "/" + name, "须为非空字符串", "must be a non-empty string");
            return null;
        }
        if (InputRules.firstBadCharacter(node.asText(), InputRules.Text.MULTILINE) >= 0) {
            add(at + "/" + name, "含有控制字符或不成对的代理项：文本中只允许制表符和换行",
                    "holds a control character or half a surrogate pair: only tab and line breaks are allowed");
            return null;
        }
        return node.asText();
    }

    public String key(JsonNode object, String at, String name) {
        String key = text(object, at, name, true);
        if (key != null && !KEY.matcher(key).matches()) {
            add(at + "/" + name, "须为 1 至 64 个字符的代码（字母、数字、'.'、'_'、'-'）",
                    "must be a code of 1 to 64 letters, digits, '.', '_' or '-'");
            return null;
        }
        return key;
    }

    public BigDecimal decimal(JsonNode object, String at, String name, boolean required) {
        JsonNode node = field(object, at, name, required);
        if (node == null) {
            return null;
        }
        BigDecimal value = null;
        if (node.isNumber() && !((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue()))) {
            value = node.decimalValue();
        } else if (node.isTextual() && node.asText().length() <= 1000) {
            try {
                value = new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (value == null) {
            add(at + "/" + name, "须为数字", "must be a number");
            return null;
        }
        // Bounded before any arithmetic: normalizing 1e1000000000 would write out a thousand million digits.
        if (!InputRules.withinBounds(value)) {
            add(at + "/" + name, "须为有限的数字，小数点前至多 " + InputRules.MAX_INTEGER_DIGITS + " 位，小数点后至多 "
                    + InputRules.MAX_FRACTION_DIGITS + " 位", "must be a finite number with at most "
                    + InputRules.MAX_INTEGER_DIGITS + " digits before the point and "
                    + InputRules.MAX_FRACTION_DIGITS + " after it");
            return null;
        }
        return normalized(value);
    }

    /** 98.0 and 98 are one number: equal rubrics must have equal documents, whatever form they came in. */
    static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public Integer integer(JsonNode object, String at, String name) {
        JsonNode node = field(object, at, name, false);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            add(at + "/" + name, "须为整数", "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    public Boolean bool(JsonNode object, String at, String name) {
        JsonNode node = field(object, at, name, false);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            add(at + "/" + name, "须为 true 或 false", "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** {@code {"zh-CN": "…", "en": "…"}}, both required. */
    public LocalizedText localized(JsonNode object, String at, String name, boolean required) {
        JsonNode node = field(object, at, name, required);
        if (node == null) {
            return null;
        }
        String here = at + "/" + name;
        if (!isObject(node, here)) {
            return null;
        }
        onlyFields(node, here, Set.of("zh-CN", "en"));
        String zh = text(node, here, "zh-CN", true);
        String en = text(node, here, "en", true);
        return zh == null || en == null ? null : new LocalizedText(zh, en);
    }

    /** The elements of an array field; an absent optional array is empty. */
    public List<JsonNode> array(JsonNode object, String at, String name, boolean required) {
        JsonNode node = field(object, at, name, required);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            add(at + "/" + name, "须为数组", "must be an array");
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }
}
