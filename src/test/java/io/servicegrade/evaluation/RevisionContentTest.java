package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 21: an evaluation's content is written once. The revision it stands at keeps its content in the evaluation
 * row only; a revision or a void first gives the superseded revision its own copy (V87). Every revision still reads
 * with the content it was written with ({@code evaluation_revision_content}), and history rows stay immutable but for
 * that one fill.
 */
@QuarkusTest
class RevisionContentTest {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A revision's content as read back: the q.overall responses, the evidence, comment and breakdown score. */
    private record Content(int revision, String kind, JsonNode overall, JsonNode evidence, String comment,
            String breakdownScore, boolean keptInRow) {
    }

    private List<Content> contents(long id) throws Exception {
        List<Content> contents = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                SELECT c.revision, c.kind, c.answers::text AS answers, c.evidence::text AS evidence, c.comment,
                       c.breakdown->>'score' AS score, r.answers IS NOT NULL AS kept
                FROM evaluation_revision_content c
                JOIN evaluation_revision r ON r.evaluation_id = c.evaluation_id AND r.revision = c.revision
                WHERE c.evaluation_id = $1 ORDER BY c.revision""").execute(Tuple.of(id)).await().indefinitely()) {
            JsonNode overall = null;
            for (JsonNode answer : json.readTree(row.getString("answers"))) {
                if (answer.path("item").asText().equals("q.overall")) {
                    overall = answer.get("responses");
                }
            }
            contents.add(new Content(row.getInteger("revision"), row.getString("kind"), overall,
                    json.readTree(row.getString("evidence")), row.getString("comment"), row.getString("score"),
                    row.getBoolean("kept")));
        }
        return contents;
    }

    private long created(String key, String p, String w) {
        return EvaluationResourceTest.post(key, Map.of("evaluations", List.of(EvaluationResourceTest.survey(w, p, 1))))
                .then().statusCode(201).extract().<Integer>path("evaluations[0].id");
    }

    @Test
    void eachRevisionReadsWithTheContentItWasWrittenWithThoughTheCurrentOneIsWrittenOnce() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        String p = freshPrefix();
        long id = created(key, p, TestApi.window());

        // created: the history row holds no copy; its content is the evaluation's
        List<Content> first = contents(id);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).keptInRow()).isFalse();
        assertThat(first.get(0).overall()).isEqualTo(json.readTree("{\"satisfied\": 1, \"very-satisfied\": 1}"));
        assertThat(first.get(0).comment()).isEqualTo("顾客很满意 — happy customers");
        assertThat(first.get(0).evidence().get(0).get("uri").asText()).isEqualTo("urn:note:1");
        assertThat(new java.math.BigDecimal(first.get(0).breakdownScore())).isEqualByComparingTo("90");

        given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("reason", "复核 recheck", "comment", "改正 corrected", "answers", List.of(
                        Map.of("item", "q.overall", "responses", Map.of("very-satisfied", 2)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true))))
                .post("/api/v1/evaluations/{id}/revisions", id).then().statusCode(201);
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "重复 duplicate"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(200);

        List<Content> all = contents(id);
        assertThat(all).extracting(Content::kind).containsExactly("created", "revised", "voided");
        // superseded revisions got their own copy; the one the evaluation stands at (the void) did not
        assertThat(all).extracting(Content::keptInRow).containsExactly(true, true, false);
        // the first revision still reads as it was created, not as the evaluation reads now
        assertThat(all.get(0).overall()).isEqualTo(first.get(0).overall());
        assertThat(all.get(0).comment()).isEqualTo("顾客很满意 — happy customers");
        assertThat(new java.math.BigDecimal(all.get(0).breakdownScore())).isEqualByComparingTo("90");
        assertThat(all.get(1).overall()).isEqualTo(json.readTree("{\"very-satisfied\": 2}"));
        assertThat(all.get(1).comment()).isEqualTo("改正 corrected");
        assertThat(new java.math.BigDecimal(all.get(1).breakdownScore())).isEqualByComparingTo("100");
        // a void keeps the content it voids
        assertThat(all.get(2).overall()).isEqualTo(all.get(1).overall());
        assertThat(all.get(2).comment()).isEqualTo("改正 corrected");
        assertThat(all.get(2).breakdownScore()).isEqualTo(all.get(1).breakdownScore());
    }

    @Test
    void aChangedResendInABatchKeepsTheContentItReplaces() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        long id = created(key, p, w);
        Map<String, Object> resend = EvaluationResourceTest.survey(w, p, 3);
        resend.put("reason", "录入错误 data entry error");
        EvaluationResourceTest.post(key, Map.of("evaluations", List.of(resend))).then().statusCode(201);

        List<Content> all = contents(id);
        assertThat(all).extracting(Content::revision).containsExactly(1, 2);
        assertThat(all).extracting(Content::keptInRow).containsExactly(true, false);
        assertThat(all.get(0).overall()).isEqualTo(json.readTree("{\"satisfied\": 1, \"very-satisfied\": 1}"));
        assertThat(all.get(1).overall()).isEqualTo(json.readTree("{\"satisfied\": 3, \"very-satisfied\": 1}"));
        assertThat(new java.math.BigDecimal(all.get(0).breakdownScore())).isEqualByComparingTo("90");
        assertThat(new java.math.BigDecimal(all.get(1).breakdownScore())).isEqualByComparingTo("85");
    }

    @Test
    void aHistoryRowMayBeGivenItsContentOnceAndNothingElse() {
        String key = EvaluationResourceTest.agency(null);
        long id = created(key, freshPrefix(), TestApi.window());
        String fill = "UPDATE evaluation_revision r SET answers = e.answers, evidence = e.evidence,"
                + " comment = e.comment, breakdown = e.breakdown%s FROM evaluation e"
                + " WHERE e.id = $1 AND r.evaluation_id = e.id";

        // filling it while changing anything else is refused
        assertThatThrownBy(() -> pool.preparedQuery(fill.formatted(", score = 0")).execute(Tuple.of(id))
                .await().indefinitely()).hasMessageContaining("evaluation_revision rows are immutable");
        // half a content is refused
        assertThatThrownBy(() -> pool.preparedQuery("UPDATE evaluation_revision r SET answers = e.answers"
                + " FROM evaluation e WHERE e.id = $1 AND r.evaluation_id = e.id").execute(Tuple.of(id))
                .await().indefinitely()).hasMessageContaining("evaluation_revision_content_whole");
        // the fill itself is taken once, then the row is immutable like any other
        assertThat(pool.preparedQuery(fill.formatted("")).execute(Tuple.of(id)).await().indefinitely().rowCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> pool.preparedQuery(fill.formatted("")).execute(Tuple.of(id))
                .await().indefinitely()).hasMessageContaining("evaluation_revision rows are immutable");
    }
}
