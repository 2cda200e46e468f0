package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Rule;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact answer notation of import files: one cell per item (see docs/imports.md). {@code N/A} (or 不适用,
 * -) marks an item not applicable; otherwise the item's rule decides the reading:
 * deduction {@code 2;absent;severe;!media-exposure;remittance@430/30000}, veto {@code pass}/{@code fail}
 * (合格/不合格), indicators {@code upload-rate=97.5;address-match-rate=92}, shortfall {@code 83.2} or
 * {@code !media-exposure}, rating {@code very-satisfied=3;satisfied=5} or one level, bonus {@code 2}.
 */
final class AnswerNotation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> NOT_APPLICABLE = Set.of("n/a", "na", "-", "不适用");
    private static final Set<String> PASS = Set.of("pass", "yes", "true", "1", "合格", "是");
    private static final Set<String> FAIL = Set.of("fail", "no", "false", "0", "不合格", "否");
    private static final Pattern OBSERVATION = Pattern.compile("([A-Za-z0-9._-]*)@([0-9]+(?:\\.[0-9]+)?)s?(?:/([0-9]+(?:\\.[0-9]+)?))?");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9._-]+)=([0-9]+(?:\\.[0-9]+)?)");

    /** The answer a cell stands for, or the problem with it. */
    record Reading(ObjectNode answer, Message problem) {
    }

    private AnswerNotation() {
    }

    static Reading read(Rubric.Item item, String cell) {
        ObjectNode answer = JSON.objectNode().put("item", item.key());
        String text = cell.trim();
        if (NOT_APPLICABLE.contains(text.toLowerCase())) {
            return new Reading(answer.put("notApplicable", true), null);
        }
        Rule rule = item.rule();
        try {
            if (rule instanceof Rule.Veto) {
                String lower = text.toLowerCase();
                if (PASS.contains(lower) || FAIL.contains(lower)) {
                    return new Reading(answer.put("pass", PASS.contains(lower)), null);
                }
                return problem("pass / fail");
            }
            if (rule instanceof Rule.Bonus) {
                return new Reading(answer.put("count", Integer.parseInt(text)), null);
            }
            if (rule instanceof Rule.Indicators) {
                ObjectNode rates = answer.putObject("rates");
                for (String part : parts(text)) {
                    Matcher pair = PAIR.matcher(part);
                    if (!pair.matches()) {
                        return problem("indicator=rate;…");
                    }
                    rates.put(pair.group(1), new BigDecimal(pair.group(2)));
                }
                return new Reading(answer, null);
            }
            if (rule instanceof Rule.Rating) {
                ObjectNode responses = answer.putObject("responses");
                String[] parts = parts(text);
                if (parts.length == 1 && !parts[0].contains("=")) {
                    responses.put(parts[0], 1);
                    return new Reading(answer, null);
                }
                for (String part : parts) {
                    Matcher pair = PAIR.matcher(part);
                    if (!pair.matches() || pair.group(2).contains(".")) {
                        return problem("level=count;…");
                    }
                    responses.put(pair.group(1), Integer.parseInt(pair.group(2)));
                }
                return new Reading(answer, null);
            }
            if (rule instanceof Rule.Shortfall) {
                for (String part : parts(text)) {
                    if (part.startsWith("!")) {
                        answer.withArray("events").add(part.substring(1));
                    } else {
                        answer.put("rate", new BigDecimal(part));
                    }
                }
                return new Reading(answer, null);
            }
            for (String part : parts(text)) {
                Matcher observation = OBSERVATION.matcher(part);
                if (part.matches("[0-9]+")) {
                    answer.put("violations", Integer.parseInt(part));
                } else if (part.equalsIgnoreCase("severe") || part.equals("严重")) {
                    answer.put("severe", true);
                } else if (part.startsWith("!")) {
                    answer.withArray("events").add(part.substring(1));
                } else if (observation.matches()) {
                    ObjectNode o = answer.withArray("observations").addObject();
                    if (!observation.group(1).isEmpty()) {
                        o.put("limit", observation.group(1));
                    }
                    o.put("seconds", new BigDecimal(observation.group(2)));
                    if (observation.group(3) != null) {
                        o.put("amount", new BigDecimal(observation.group(3)));
                    }
                } else if (part.matches("[A-Za-z0-9._-]+")) {
                    answer.withArray("named").add(part);
                } else {
                    return problem("violations;named;severe;!event;limit@seconds/amount");
                }
            }
            return new Reading(answer, null);
        } catch (NumberFormatException e) {
            return problem(rule.kind());
        }
    }

    private static String[] parts(String text) {
        return text.split("\\s*[;；]\\s*");
    }

    private static Reading problem(String expected) {
        return new Reading(null, m -> m.notation(expected));
    }
}
