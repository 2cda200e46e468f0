package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.graphql.api.AdaptToScalar;
import io.smallrye.graphql.api.Scalar;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import java.math.BigDecimal;
import java.util.List;

import static io.servicegrade.platform.graphql.GraphQLArguments.putText;
import static io.servicegrade.platform.graphql.GraphQLArguments.putTexts;

/**
 * The GraphQL input of the evaluation mutations: the shape of the REST bodies (docs/evaluations.md), typed. Each
 * becomes the JSON its REST twin takes ({@link #toJson}), which the same readers then check, so a bad field gets
 * the pointer REST gives it ({@code /evaluations/0/answers/1/violations}). A field left out (or null) is absent.
 * The two maps of an answer ({@code rates}, {@code responses}) are lists of entries here and objects there.
 */
public final class EvaluationInputs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EvaluationInputs() {
    }

    @Input("PostEvaluationsInput")
    @Description("A batch of up to 5,000 evaluations, all or nothing: the body of POST /api/v1/evaluations.")
    public static class Batch {
        @NonNull
        public List<@NonNull Evaluation> evaluations;

        JsonNode toJson() {
            ObjectNode body = JSON.objectNode();
            ArrayNode array = body.putArray("evaluations");
            if (evaluations != null) {
                evaluations.forEach(e -> array.add(e.toJson()));
            }
            return body;
        }
    }

    @Input("EvaluationInput")
    @Description("One evaluation of a unit, by one source, scored by one rubric version.")
    public static class Evaluation {
        @NonNull
        @Description("The sender's own id (1-128 characters), unique per agency.")
        public String externalId;
        @NonNull
        @Description("inspection, mystery_shop, survey, self, callback, video or complaint (or the deployment's list).")
        public String source;
        @NonNull
        @Description("Code of the evaluated unit.")
        public String unit;
        @NonNull
        @Description("A rubric key, or key@version; without a version, the one in force at conductedAt.")
        public String rubric;
        @NonNull
        @AdaptToScalar(Scalar.DateTime.class)
        @Description("When it was conducted: ISO-8601 with an offset, at most a day in the future.")
        public String conductedAt;
        public String evaluator;
        @NonNull
        @Description("One answer per item, in the rubric's answer format.")
        public List<@NonNull Answer> answers;
        public List<@NonNull Evidence> evidence;
        public String comment;
        @Description("Makes a changed resend of a known externalId a new revision of it.")
        public String reason;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            putText(node, "externalId", externalId);
            putText(node, "source", source);
            putText(node, "unit", unit);
            putText(node, "rubric", rubric);
            putText(node, "conductedAt", conductedAt);
            putText(node, "evaluator", evaluator);
            if (answers != null) {
                node.set("answers", Answer.toJson(answers));
            }
            if (evidence != null) {
                node.set("evidence", Evidence.toJson(evidence));
            }
            putText(node, "comment", comment);
            putText(node, "reason", reason);
            return node;
        }
    }

    @Input("AnswerInput")
    @Description("The answer for one rubric item; only the fields of the item's rule are given (docs/rubrics.md).")
    public static class Answer {
        @NonNull
        @Description("The item's key.")
        public String item;
        public Boolean notApplicable;
        @Description("deduction: how many violations.")
        public Integer violations;
        @Description("deduction: the named deductions found.")
        public List<@NonNull String> named;
        @Description("deduction: a finding with serious consequences.")
        public Boolean severe;
        @Description("deduction: timed observations.")
        public List<@NonNull Observation> observations;
        @Description("deduction: the zeroing events that happened.")
        public List<@NonNull String> events;
        @Description("veto: passed or failed.")
        public Boolean pass;
        @Description("indicators: each indicator's rate.")
        public List<@NonNull Rate> rates;
        @Description("shortfall: the rate reached.")
        public BigDecimal rate;
        @Description("rating: how many responses at each level.")
        public List<@NonNull Responses> responses;
        @Description("bonus: how many times.")
        public Integer count;

        static ArrayNode toJson(List<Answer> answers) {
            ArrayNode array = JSON.arrayNode();
            answers.forEach(a -> array.add(a.toJson()));
            return array;
        }

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            putText(node, "item", item);
            if (notApplicable != null) {
                node.put("notApplicable", notApplicable);
            }
            if (violations != null) {
                node.put("violations", violations);
            }
            putTexts(node, "named", named);
            if (severe != null) {
                node.put("severe", severe);
            }
            if (observations != null) {
                ArrayNode list = node.putArray("observations");
                observations.forEach(o -> {
                    ObjectNode obs = list.addObject();
                    putText(obs, "limit", o.limit);
                    if (o.seconds != null) {
                        obs.put("seconds", o.seconds);
                    }
                    if (o.amount != null) {
                        obs.put("amount", o.amount);
                    }
                });
            }
            putTexts(node, "events", events);
            if (pass != null) {
                node.put("pass", pass);
            }
            if (rates != null) {
                ObjectNode object = node.putObject("rates");
                rates.forEach(r -> object.put(r.indicator, r.rate));
            }
            if (rate != null) {
                node.put("rate", rate);
            }
            if (responses != null) {
                ObjectNode object = node.putObject("responses");
                responses.forEach(r -> object.put(r.level, r.count));
            }
            if (count != null) {
                node.put("count", count);
            }
            return node;
        }
    }

    @Input("ObservationInput")
    @Description("A timed observation: which limit, how many seconds, and the amount where the limit has one.")
    public static class Observation {
        public String limit;
        public BigDecimal seconds;
        public BigDecimal amount;
    }

    @Input("IndicatorRateInput")
    @Description("An indicator's rate (percent).")
    public static class Rate {
        @NonNull
        public String indicator;
        @NonNull
        public BigDecimal rate;
    }

    @Input("ResponseCountInput")
    @Description("How many responses were at one level of the rating scale.")
    public static class Responses {
        @NonNull
        public String level;
        @NonNull
        public Integer count;
    }

    @Input("EvidenceInput")
    @Description("A piece of evidence: photo, receipt, audio, video or note.")
    public static class Evidence {
        @NonNull
        public String kind;
        @NonNull
        public String uri;
        @Description("64 hex digits.")
        public String sha256;
        @AdaptToScalar(Scalar.DateTime.class)
        public String takenAt;

        static ArrayNode toJson(List<Evidence> evidence) {
            ArrayNode array = JSON.arrayNode();
            evidence.forEach(e -> {
                ObjectNode node = array.addObject();
                putText(node, "kind", e.kind);
                putText(node, "uri", e.uri);
                putText(node, "sha256", e.sha256);
                putText(node, "takenAt", e.takenAt);
            });
            return array;
        }
    }

    @Input("ReviseEvaluationInput")
    @Description("What a revision changes: new answers, and optionally evidence and comment (kept when left out).")
    public static class Revision {
        public List<@NonNull Answer> answers;
        public List<@NonNull Evidence> evidence;
        public String comment;

        /** The body of POST /api/v1/evaluations/{id}/revisions. */
        public JsonNode toJson(String reason) {
            ObjectNode node = JSON.objectNode();
            if (answers != null) {
                node.set("answers", Answer.toJson(answers));
            }
            if (evidence != null) {
                node.set("evidence", Evidence.toJson(evidence));
            }
            putText(node, "comment", comment);
            putText(node, "reason", reason);
            return node;
        }
    }

    /** The body of POST /api/v1/evaluations/{id}/void. */
    static JsonNode voidBody(String reason) {
        ObjectNode node = JSON.objectNode();
        putText(node, "reason", reason);
        return node;
    }
}
