package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluations in PostgreSQL. A batch is written with one statement per table (arrays through
 * {@code unnest}), never one round trip per evaluation.
 */
@ApplicationScoped
public class EvaluationRepository {

    static final String COLUMNS = "e.id, e.agency_scope, a.code AS agency_code, e.external_id, e.source, e.unit_id,"
            + " u.code AS unit_code, e.rubric_key, e.rubric_version, e.conducted_at, e.conducted_offset, e.evaluator,"
            + " e.revision,"
            + " e.status, e.score, e.vetoed, e.answers::text AS answers, e.evidence::text AS evidence, e.comment,"
            + " e.content_hash, e.created_at, e.updated_at";
    static final String FROM = " FROM evaluation e JOIN unit u ON u.id = e.unit_id"
            + " LEFT JOIN agency a ON a.id = e.agency_scope";

    private static final String INSERT = """
            INSERT INTO evaluation (id, agency_scope, external_id, source, unit_id, rubric_key, rubric_version,
                                    conducted_at, conducted_offset, evaluator, revision, status, score, vetoed,
                                    answers, evidence, comment, breakdown, content_hash)
            SELECT r.id, $2, r.external_id, r.source, r.unit_id, r.rubric_key, r.rubric_version,
                   r.conducted_at::timestamptz, r.conducted_offset, r.evaluator, 1, 'active', r.score::numeric,
                   r.vetoed, r.answers::jsonb, r.evidence::jsonb, r.comment, r.breakdown::jsonb, r.content_hash
            FROM unnest($1::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::int[], $8::text[],
                        $9::text[], $10::text[], $11::bool[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::int[])
                 AS r(id, external_id, source, unit_id, rubric_key, rubric_version, conducted_at, evaluator, score,
                      vetoed, answers, evidence, comment, breakdown, content_hash, conducted_offset)
            """;

    /**
     * A new revision of each evaluation: everything a corrected resend may change, the unit and time included. The
     * revision each stood at keeps its content in its own history row first (V87: the current revision's content
     * is kept in the evaluation row only); both parts read the evaluations as they were before the statement.
     */
    private static final String REVISE = """
            WITH kept AS (
                UPDATE evaluation_revision h SET answers = o.answers, evidence = o.evidence, comment = o.comment,
                       breakdown = o.breakdown
                FROM evaluation o
                WHERE o.id = ANY($1::bigint[]) AND h.evaluation_id = o.id AND h.revision = o.revision
                  AND h.answers IS NULL)
            UPDATE evaluation e SET revision = r.revision, score = r.score::numeric, vetoed = r.vetoed,
                   answers = r.answers::jsonb, evidence = r.evidence::jsonb, comment = r.comment,
                   breakdown = r.breakdown::jsonb, content_hash = r.content_hash, status = r.status,
                   source = r.source, unit_id = r.unit_id, rubric_key = r.rubric_key,
                   rubric_version = r.rubric_version, conducted_at = r.conducted_at::timestamptz,
                   conducted_offset = r.conducted_offset, evaluator = r.evaluator, updated_at = now()
            FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::int[],
                        $15::text[], $16::text[], $17::int[])
                 AS r(id, revision, score, vetoed, answers, evidence, comment, breakdown, content_hash, status,
                      source, unit_id, rubric_key, rubric_version, conducted_at, evaluator, conducted_offset)
            WHERE e.id = r.id
            """;

    /**
     * The history row of each revision written: who, when, why and the score. Its content (answers, evidence,
     * comment, breakdown) is the evaluation row's while the evaluation stands at it, so it is not written twice
     * (V87); {@link #REVISE} fills it in when the evaluation moves on.
     */
    private static final String HISTORY = """
            INSERT INTO evaluation_revision (evaluation_id, revision, kind, score, vetoed, reason, actor_key_id)
            SELECT r.id, r.revision, r.kind, r.score::numeric, r.vetoed, r.reason, $6
            FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::bool[], $7::text[])
                 AS r(id, revision, kind, score, vetoed, reason)
            """;

    private static final String KNOWN = """
            SELECT id, external_id, content_hash, revision, status, score, vetoed, unit_id, source, rubric_key,
                   conducted_at
            FROM evaluation WHERE agency_scope = $1 AND external_id = ANY($2)
            """;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A row to insert, or a revision to apply: everything as the database takes it. */
    record Write(long id, int revision, String kind, String externalId, String source, long unitId,
            String rubricKey, int rubricVersion, OffsetDateTime conductedAt, String evaluator, BigDecimal score,
            boolean vetoed, String answers, String evidence, String comment, String breakdown, String contentHash,
            String reason, String status) {
    }

    /** What is known of an external id already: enough to tell a resend from a change. */
    record Known(long id, String externalId, String contentHash, int revision, String status, BigDecimal score,
            boolean vetoed, long unitId, String source, String rubricKey, OffsetDateTime conductedAt) {
    }

    Uni<Map<String, Known>> known(SqlClient client, long scope, List<String> externalIds) {
        return client.preparedQuery(KNOWN)
                .execute(Tuple.of(scope, externalIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Known> known = new HashMap<>();
                    for (Row row : rows) {
                        known.put(row.getString("external_id"), new Known(row.getLong("id"),
                                row.getString("external_id"), row.getString("content_hash"),
                                row.getInteger("revision"), row.getString("status"), row.getBigDecimal("score"),
                                row.getBoolean("vetoed"), row.getLong("unit_id"), row.getString("source"),
                                row.getString("rubric_key"), row.getOffsetDateTime("conducted_at")));
                    }
                    return known;
                });
    }

    /** The stored numbers of an evaluation's breakdown, as JSON text. */
    /** How many evaluations have an externalId beginning with {@code prefix}. */
    Uni<Long> countWithExternalIdPrefix(String prefix) {
        return pool.preparedQuery("""
                SELECT count(*) FROM evaluation WHERE starts_with(external_id, $1)""")
                .execute(Tuple.of(prefix))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<String> breakdown(SqlConnection connection, long id) {
        return connection.preparedQuery("""
                SELECT breakdown::text FROM evaluation WHERE id = $1
                """).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getString(0));
    }

    Uni<List<Long>> newIds(SqlConnection connection, int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery("SELECT nextval('evaluation_id_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(count);
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    Uni<Void> insert(SqlConnection connection, long scope, List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT).execute(Tuple.tuple(List.of(
                column(writes, Write::id, Long[]::new), scope, column(writes, Write::externalId, String[]::new),
                column(writes, Write::source, String[]::new), column(writes, Write::unitId, Long[]::new),
                column(writes, Write::rubricKey, String[]::new), column(writes, Write::rubricVersion, Integer[]::new),
                column(writes, w -> w.conductedAt().toString(), String[]::new),
                column(writes, Write::evaluator, String[]::new),
                column(writes, w -> w.score().toPlainString(), String[]::new),
                column(writes, Write::vetoed, Boolean[]::new), column(writes, Write::answers, String[]::new),
                column(writes, Write::evidence, String[]::new), column(writes, Write::comment, String[]::new),
                column(writes, Write::breakdown, String[]::new), column(writes, Write::contentHash, String[]::new),
                column(writes, EvaluationRepository::offset, Integer[]::new))))
                .replaceWithVoid();
    }

    Uni<Void> revise(SqlConnection connection, List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(REVISE).execute(Tuple.tuple(List.of(
                column(writes, Write::id, Long[]::new), column(writes, Write::revision, Integer[]::new),
                column(writes, w -> w.score().toPlainString(), String[]::new),
                column(writes, Write::vetoed, Boolean[]::new), column(writes, Write::answers, String[]::new),
                column(writes, Write::evidence, String[]::new), column(writes, Write::comment, String[]::new),
                column(writes, Write::breakdown, String[]::new), column(writes, Write::contentHash, String[]::new),
                column(writes, Write::status, String[]::new), column(writes, Write::source, String[]::new),
                column(writes, Write::unitId, Long[]::new), column(writes, Write::rubricKey, String[]::new),
                column(writes, Write::rubricVersion, Integer[]::new),
                column(writes, w -> w.conductedAt().toString(), String[]::new),
                column(writes, Write::evaluator, String[]::new),
                column(writes, EvaluationRepository::offset, Integer[]::new))))
                .replaceWithVoid();
    }

    Uni<Void> history(SqlConnection connection, long actorKeyId, List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(HISTORY).execute(Tuple.tuple(List.of(
                column(writes, Write::id, Long[]::new), column(writes, Write::revision, Integer[]::new),
                column(writes, Write::kind, String[]::new),
                column(writes, w -> w.score().toPlainString(), String[]::new),
                column(writes, Write::vetoed, Boolean[]::new), actorKeyId,
                column(writes, Write::reason, String[]::new))))
                .replaceWithVoid();
    }

    public Uni<StoredEvaluation> find(long id) {
        return find(pool, id, false, null);
    }

    /**
     * The evaluation, if its unit is in {@code unitScope} (issue 16: {@link Scope#predicate}; null: any unit);
     * null when there is none or it is outside, which callers answer alike.
     */
    public Uni<StoredEvaluation> find(long id, Long[] unitScope) {
        return find(pool, id, false, unitScope);
    }

    Uni<StoredEvaluation> find(SqlClient client, long id, boolean forUpdate, Long[] unitScope) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE e.id = $1 AND " + Scope.predicate("u", 2)
                + (forUpdate ? " FOR UPDATE OF e" : ""))
                .execute(Tuple.of(id, unitScope))
                .map(rows -> rows.size() == 0 ? null : evaluation(rows.iterator().next()));
    }

    public Uni<List<StoredEvaluation>> findByIds(List<Long> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE e.id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(this::evaluations);
    }

    /** The history of each evaluation, oldest first. */
    public Uni<Map<Long, List<Revision>>> histories(List<Long> ids) {
        return pool.preparedQuery("SELECT r.evaluation_id, r.revision, r.kind, r.created_at, r.actor_key_id,"
                + " a.code AS agency, r.reason, r.score, r.vetoed,"
                + " lag(r.score) OVER (PARTITION BY r.evaluation_id ORDER BY r.revision) AS previous_score"
                + " FROM evaluation_revision r JOIN api_key k ON k.id = r.actor_key_id"
                + " LEFT JOIN agency a ON a.id = k.agency_id"
                + " WHERE r.evaluation_id = ANY($1) ORDER BY r.evaluation_id, r.revision")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Revision>> histories = new HashMap<>();
                    for (Row row : rows) {
                        histories.computeIfAbsent(row.getLong("evaluation_id"), id -> new ArrayList<>())
                                .add(new Revision(row.getInteger("revision"), row.getString("kind"),
                                        row.getOffsetDateTime("created_at"), row.getLong("actor_key_id"),
                                        row.getString("agency"), row.getString("reason"),
                                        row.getBigDecimal("previous_score"), row.getBigDecimal("score"),
                                        row.getBoolean("vetoed")));
                    }
                    return histories;
                });
    }

    /**
     * Evaluations matching the filters (each may be null), in id order after {@code afterId}; an agency sees
     * only its own ({@code scope} not null).
     */
    /**
     * The filters of a listing, $1–$8 (owner, unit code, subtree path, source, rubric, from, to, unit scope as in
     * {@link Scope#predicate}); null: any.
     */
    private static final String FILTERS = """
             WHERE ($1::bigint IS NULL OR e.agency_scope = $1) AND ($2::text IS NULL OR u.code = $2)
              AND ($3::text IS NULL OR u.path <@ $3::text::ltree) AND ($4::text IS NULL OR e.source = $4)
              AND ($5::text IS NULL OR e.rubric_key = $5)
              AND ($6::timestamptz IS NULL OR e.conducted_at >= $6)
              AND ($7::timestamptz IS NULL OR e.conducted_at < $7)
            """ + " AND " + Scope.predicate("u", 8);

    public Uni<List<StoredEvaluation>> list(Long scope, String unit, String underPath, String source, String rubric,
            OffsetDateTime from, OffsetDateTime to, Long[] unitScope, long afterId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + FILTERS + " AND e.id > $9 ORDER BY e.id LIMIT $10")
                .execute(Tuple.tuple(Arrays.asList(scope, unit, underPath, source, rubric, from, to, unitScope,
                        afterId, limit)))
                .map(this::evaluations);
    }

    /** How many evaluations the filters of {@link #list} match, over all pages. */
    public Uni<Long> total(Long scope, String unit, String underPath, String source, String rubric,
            OffsetDateTime from, OffsetDateTime to, Long[] unitScope) {
        return pool.preparedQuery("SELECT count(*)" + FROM + FILTERS)
                .execute(Tuple.tuple(Arrays.asList(scope, unit, underPath, source, rubric, from, to, unitScope)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Long> count(long scope) {
        return pool.preparedQuery("SELECT count(*) FROM evaluation WHERE agency_scope = $1")
                .execute(Tuple.of(scope)).map(rows -> rows.iterator().next().getLong(0));
    }

    private List<StoredEvaluation> evaluations(RowSet<Row> rows) {
        List<StoredEvaluation> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(evaluation(row)));
        return list;
    }

    private StoredEvaluation evaluation(Row row) {
        try {
            return new StoredEvaluation(row.getLong("id"), row.getLong("agency_scope"), row.getString("agency_code"),
                    row.getString("external_id"), row.getString("source"), row.getLong("unit_id"),
                    row.getString("unit_code"), row.getString("rubric_key"), row.getInteger("rubric_version"),
                    row.getOffsetDateTime("conducted_at").withOffsetSameInstant(
                            java.time.ZoneOffset.ofTotalSeconds(row.getInteger("conducted_offset"))),
                    row.getString("evaluator"), row.getInteger("revision"),
                    row.getString("status"), row.getBigDecimal("score"), row.getBoolean("vetoed"),
                    json.readTree(row.getString("answers")), json.readTree(row.getString("evidence")),
                    row.getString("comment"), row.getString("content_hash"), row.getOffsetDateTime("created_at"),
                    row.getOffsetDateTime("updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored evaluation JSON does not read", e);
        }
    }

    /** The offset {@code conductedAt} was written with, in seconds east of UTC. */
    private static Integer offset(Write write) {
        return write.conductedAt().getOffset().getTotalSeconds();
    }

    private static <T> T[] column(List<Write> writes, java.util.function.Function<Write, ?> get,
            java.util.function.IntFunction<T[]> array) {
        T[] values = array.apply(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            @SuppressWarnings("unchecked")
            T value = (T) get.apply(writes.get(i));
            values[i] = value;
        }
        return values;
    }

}
