package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.AnswerProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers format (docs/rubrics.md): a JSON array with one object per item, e.g.
 * {@code [{"item": "org.setup", "violations": 1}, {"item": "signage.identity", "pass": true}]}. Reading checks
 * the JSON types; what the values mean for the rubric is the scoring engine's to check.
 */
public final class AnswerDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Set<String> FIELDS = Set.of("item", "notApplicable", "violations", "named", "severe",
            "observations", "events", "pass", "rates", "rate", "responses", "count");

    /** Answers, or the problems of their JSON form (pointers relative to the array). */
    public record Read(List<Answer> answers, List<AnswerProblem> problems) {
    }

    private AnswerDocument() {
    }

    public static Read read(JsonNode array) {
        DocumentReader reader = new DocumentReader();
        if (array == null || !array.isArray()) {
            reader.add("", "须为数组", "must be an array");
            return new Read(List.of(), reader.problems);
        }
        List<Answer> answers = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Answer answer = readOne(reader, array.get(i), "/" + i, true);
            if (answer != null) {
                answers.add(answer);
            }
        }
        return new Read(reader.problems.isEmpty() ? answers : List.of(), List.copyOf(reader.problems));
    }

    static Answer readOne(DocumentReader reader, JsonNode node, String at, boolean itemRequired) {
        if (!reader.isObject(node, at)) {
            return null;
        }
        int before = reader.problems.size();
        reader.onlyFields(node, at, itemRequired ? FIELDS : Set.of(FIELDS.stream().filter(f -> !f.equals("item"))
                .toArray(String[]::new)));
        String item = itemRequired ? reader.text(node, at, "item", true) : null;
        Boolean notApplicable = reader.bool(node, at, "notApplicable");
        Integer violations = reader.integer(node, at, "violations");
        List<String> named = texts(reader, node, at, "named");
        Boolean severe = reader.bool(node, at, "severe");
        List<Answer.Observation> observations = new ArrayList<>();
        List<JsonNode> observationNodes = reader.array(node, at, "observations", false);
        for (int j = 0; j < observationNodes.size(); j++) {
            String here = at + "/observations/" + j;
            JsonNode o = observationNodes.get(j);
            if (reader.isObject(o, here)) {
                reader.onlyFields(o, here, Set.of("limit", "seconds", "amount"));
                observations.add(new Answer.Observation(reader.text(o, here, "limit", false),
                        reader.decimal(o, here, "seconds", false), reader.decimal(o, here, "amount", false)));
            }
        }
        List<String> events = texts(reader, node, at, "events");
        Boolean pass = reader.bool(node, at, "pass");
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        JsonNode ratesNode = node.get("rates");
        if (ratesNode != null && !ratesNode.isNull() && reader.isObject(ratesNode, at + "/rates")) {
            for (Iterator<String> keys = ratesNode.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                BigDecimal value = reader.decimal(ratesNode, at + "/rates", key, true);
                if (value != null) {
                    rates.put(key, value);
                }
            }
        }
        BigDecimal rate = reader.decimal(node, at, "rate", false);
        Map<String, Integer> responses = new LinkedHashMap<>();
        JsonNode responsesNode = node.get("responses");
        if (responsesNode != null && !responsesNode.isNull() && reader.isObject(responsesNode, at + "/responses")) {
            for (Iterator<String> keys = responsesNode.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                Integer value = reader.integer(responsesNode, at + "/responses", key);
                if (value != null) {
                    responses.put(key, value);
                }
            }
        }
        Integer count = reader.integer(node, at, "count");
        if (reader.problems.size() > before) {
            return null;
        }
        return new Answer(item, Boolean.TRUE.equals(notApplicable), violations, named, severe, observations, events,
                pass, rates, rate, responses, count);
    }

    private static List<String> texts(DocumentReader reader, JsonNode node, String at, String field) {
        List<String> values = new ArrayList<>();
        List<JsonNode> elements = reader.array(node, at, field, false);
        for (int j = 0; j < elements.size(); j++) {
            JsonNode element = elements.get(j);
            if (element.isTextual()) {
                values.add(element.asText());
            } else {
                reader.add(at + "/" + field + "/" + j, "须为字符串", "must be a string");
            }
        }
        return values;
    }

    public static ArrayNode write(List<Answer> answers) {
        ArrayNode array = JSON.arrayNode();
        answers.forEach(a -> array.add(write(a)));
        return array;
    }

    public static ObjectNode write(Answer a) {
        ObjectNode node = JSON.objectNode();
        if (a.item() != null) {
            node.put("item", a.item());
        }
        if (a.notApplicable()) {
            node.put("notApplicable", true);
        }
        if (a.violations() != null) {
            node.put("violations", a.violations());
        }
        if (!a.named().isEmpty()) {
            a.named().forEach(node.putArray("named")::add);
        }
        if (a.severe() != null) {
            node.put("severe", a.severe());
        }
        if (!a.observations().isEmpty()) {
            ArrayNode observations = node.putArray("observations");
            for (Answer.Observation o : a.observations()) {
                ObjectNode obs = observations.addObject();
                if (o.limit() != null) {
                    obs.put("limit", o.limit());
                }
                obs.put("seconds", o.seconds());
                if (o.amount() != null) {
                    obs.put("amount", o.amount());
                }
            }
        }
        if (!a.events().isEmpty()) {
            a.events().forEach(node.putArray("events")::add);
        }
        if (a.pass() != null) {
            node.put("pass", a.pass());
        }
        if (!a.rates().isEmpty()) {
            ObjectNode rates = node.putObject("rates");
            a.rates().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> rates.put(e.getKey(), e.getValue()));
        }
        if (a.rate() != null) {
            node.put("rate", a.rate());
        }
        if (!a.responses().isEmpty()) {
            ObjectNode responses = node.putObject("responses");
            a.responses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> responses.put(e.getKey(), e.getValue()));
        }
        if (a.count() != null) {
            node.put("count", a.count());
        }
        return node;
    }
}
