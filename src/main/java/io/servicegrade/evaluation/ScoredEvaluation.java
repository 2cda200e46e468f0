package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.Sha256;
import io.servicegrade.rubric.AnswerDocument;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.Breakdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An evaluation ready to write: where it goes, how it scored, and its content as stored: the canonical answers,
 * the evidence, the numbers of its breakdown, and the hash that tells a resend from a change. Everything here is
 * worked out before a transaction begins.
 */
public record ScoredEvaluation(Submission submission, long unitId, int rubricVersion, Breakdown breakdown,
        String answers, String evidence, String compactBreakdown, String contentHash) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The evaluation {@code s}, scored by {@code version}; {@code json} is the server's mapper (plain decimals). */
    static ScoredEvaluation of(Submission s, long unitId, int version, List<Answer> answers, Breakdown breakdown,
            ObjectMapper json) {
        List<Answer> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparing(Answer::item));
        ArrayNode canonicalAnswers = AnswerDocument.write(sorted);
        ObjectNode content = JSON.objectNode();
        content.put("source", s.source());
        content.put("unit", s.unit());
        content.put("rubric", s.rubricKey() + "@" + version);
        content.put("conductedAt", s.conductedAt().toInstant().toString());
        content.put("evaluator", s.evaluator());
        content.set("answers", canonicalAnswers);
        content.set("evidence", s.evidence());
        content.put("comment", s.comment());
        return new ScoredEvaluation(s, unitId, version, breakdown, write(json, canonicalAnswers),
                write(json, s.evidence()), write(json, compact(breakdown)), Sha256.hex(write(json, content)));
    }

    /** The numbers of a breakdown that aggregation needs; the words are produced again on reading. */
    static ObjectNode compact(Breakdown b) {
        ObjectNode node = JSON.objectNode();
        node.put("available", b.available());
        node.put("awarded", b.awarded());
        node.put("score", b.score());
        node.put("vetoed", b.vetoed());
        if (b.vetoedBy() != null) {
            node.put("vetoedBy", b.vetoedBy());
        }
        ObjectNode items = node.putObject("items");
        for (Breakdown.SectionScore section : b.sections()) {
            for (Breakdown.ItemScore item : section.items()) {
                ObjectNode i = items.putObject(item.key());
                if (item.notApplicable()) {
                    i.put("notApplicable", true);
                } else {
                    i.put("awarded", item.awarded());
                }
                if (item.satisfactionRate() != null) {
                    i.put("satisfactionRate", item.satisfactionRate());
                }
            }
        }
        return node;
    }

    static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
