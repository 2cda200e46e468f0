package io.servicegrade.rectification;

import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every statement on {@code rectification} and {@code rectification_step} (issue 19). Writes announce the order on
 * {@link RectificationChanges#CHANNEL} in the same statement, so subscribers hear of it at commit and only then.
 */
@ApplicationScoped
public class RectificationRepository {

    private static final String COLUMNS = "r.id, r.unit_id, u.code AS unit_code, u.name AS unit_name,"
            + " r.evaluation_id, r.title, r.severity, r.items::text AS items, r.item_keys, r.state, r.raised_at,"
            + " r.due_at, r.created_at, r.first_replied_at, r.replied_at, r.verified_at,"
            + " (r.state IN ('open', 'returned') AND r.due_at <= now()) AS overdue";
    private static final String FROM = " FROM rectification r JOIN unit u ON u.id = r.unit_id";

    private static final String ANNOUNCE = "pg_notify('" + RectificationChanges.CHANNEL
            + "', id::text || chr(10) || state)";

    private static final String INSERT = """
            INSERT INTO rectification (unit_id, evaluation_id, title, severity, items, item_keys, raised_at, due_at,
                                       created_by, created_by_account)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7, $8, $9, $10)
            RETURNING id, %s""".formatted(ANNOUNCE);

    // a reply at or after the deadline (exclusive, as every follow-up deadline) is kept as late; the first reply's
    // time is what the figures count
    private static final String REPLY = """
            WITH r AS (UPDATE rectification SET state = 'replied', replied_at = now(),
                                                first_replied_at = coalesce(first_replied_at, now())
                       WHERE id = $1 AND state IN ('open', 'returned')
                       RETURNING id, state, due_at, first_replied_at),
                 s AS (INSERT INTO rectification_step (rectification_id, kind, text, evidence, late, by_key, by_account)
                       SELECT id, 'reply', $2, $3::text[], now() >= due_at, $4, $5 FROM r RETURNING id)
            SELECT id, first_replied_at, %s FROM r""".formatted(ANNOUNCE);

    private static final String VERIFY = """
            WITH r AS (UPDATE rectification SET state = $2, verified_at = now()
                       WHERE id = $1 AND state = 'replied' RETURNING id, state),
                 s AS (INSERT INTO rectification_step (rectification_id, kind, text, by_key, by_account)
                       SELECT id, CASE $2 WHEN 'accepted' THEN 'accept' ELSE 'return' END, $3, $4, $5 FROM r
                       RETURNING id)
            SELECT id, %s FROM r""".formatted(ANNOUNCE);

    // exactly once per order: only the sweep that sets overdue_at sees the row returned
    private static final String MARK_OVERDUE = """
            UPDATE rectification SET overdue_at = now()
            WHERE state IN ('open', 'returned') AND due_at <= now() AND overdue_at IS NULL
            RETURNING id, unit_id, evaluation_id, raised_at, due_at, first_replied_at, %s""".formatted(ANNOUNCE);

    /** An order as stored, with its unit's code and name; {@code overdue}: open or returned past its deadline now. */
    public record Stored(long id, long unitId, String unitCode, String unitName, Long evaluationId, String title,
            String severity, JsonArray items, List<String> itemKeys, String state, OffsetDateTime raisedAt,
            OffsetDateTime dueAt, OffsetDateTime createdAt, OffsetDateTime firstRepliedAt, OffsetDateTime repliedAt,
            OffsetDateTime verifiedAt, boolean overdue) {
    }

    /** A reply or verification, as kept. */
    public record Step(long id, long rectificationId, String kind, String text, List<String> evidence, boolean late,
            Long byAccount, OffsetDateTime at) {
    }

    /** What a creation writes. */
    record Raised(long unitId, Long evaluationId, String title, String severity, JsonArray items,
            List<String> itemKeys, OffsetDateTime raisedAt, OffsetDateTime dueAt, long keyId, Long accountId) {
    }

    /** An order the sweep found newly overdue. */
    record Overdue(long id, long unitId, Long evaluationId, OffsetDateTime raisedAt, OffsetDateTime dueAt,
            boolean replied) {
    }

    /** A list's filters, each null for any; {@code underPath}: the unit at that path and those below it. */
    record Filter(Long[] scope, String underPath, String state, Boolean overdue, String severity,
            OffsetDateTime from, OffsetDateTime to) {
    }

    /** Issue 20: the counts of the orders passing a list's filter: in all, per state, overdue now. */
    public record Counts(long total, long open, long replied, long returned, long accepted, long overdue) {
    }

    /** Open or returned past the deadline now: the list's overdue filter and its count. */
    private static final String OVERDUE_NOW = "r.state IN ('open', 'returned') AND r.due_at <= now()";

    /** The list's filter on $1 … $7 ({@link Filter}'s fields in order), each null for any. */
    private static final String FILTERED = Scope.predicate("u", 1)
            + " AND ($2::text IS NULL OR u.path <@ $2::text::ltree) AND ($3::text IS NULL OR r.state = $3)"
            + " AND ($4::boolean IS NULL OR (" + OVERDUE_NOW + ") = $4)"
            + " AND ($5::text IS NULL OR r.severity = $5)"
            + " AND ($6::timestamptz IS NULL OR r.raised_at >= $6)"
            + " AND ($7::timestamptz IS NULL OR r.raised_at < $7)";

    /** One unit's counts for the figures. */
    record UnitCounts(String unitCode, String unitName, long orders, long due, long replied, long onTime,
            long overdue,
            long accepted, long fromEvaluations, long recurrences) {
    }

    @Inject
    Pool pool;

    Uni<Long> insert(SqlClient connection, Raised r) {
        return connection.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(r.unitId(), r.evaluationId(),
                r.title(), r.severity(), r.items(), r.itemKeys().toArray(String[]::new), r.raisedAt(),
                r.dueAt(), r.keyId(), r.accountId()))).map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Records a reply; answers when the first reply was made, or null when the order took no reply (its state). */
    Uni<OffsetDateTime> reply(SqlClient connection, long id, String text, List<String> evidence, long keyId,
            Long accountId) {
        return connection.preparedQuery(REPLY).execute(Tuple.from(Arrays.asList(id, text,
                        evidence.toArray(String[]::new), keyId, accountId)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("first_replied_at"));
    }

    /** Accepts or returns a replied order; false when it was not replied. */
    Uni<Boolean> verify(SqlClient connection, long id, String state, String text, long keyId, Long accountId) {
        return connection.preparedQuery(VERIFY).execute(Tuple.from(Arrays.asList(id, state, text, keyId,
                accountId))).map(rows -> rows.size() == 1);
    }

    /** Marks the orders newly past their deadline while open or returned; answers them (each once, ever). */
    Uni<List<Overdue>> markOverdue(SqlClient connection) {
        return connection.preparedQuery(MARK_OVERDUE).execute().map(rows -> {
            List<Overdue> list = new ArrayList<>();
            rows.forEach(row -> list.add(new Overdue(row.getLong("id"), row.getLong("unit_id"),
                    row.getLong("evaluation_id"), row.getOffsetDateTime("raised_at"), row.getOffsetDateTime("due_at"),
                    row.getOffsetDateTime("first_replied_at") != null)));
            return list;
        });
    }

    /** The order, within {@code scope} (null: no bound); null when there is none there. */
    Uni<Stored> find(SqlClient client, long id, Long[] scope, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE r.id = $1 AND " + Scope.predicate("u", 2)
                        + (forUpdate ? " FOR UPDATE OF r" : ""))
                .execute(Tuple.from(Arrays.asList(id, scope)))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    Uni<Stored> find(long id, Long[] scope) {
        return find(pool, id, scope, false);
    }

    /** The replies and verifications of an order, oldest first. */
    Uni<List<Step>> steps(long id) {
        return pool.preparedQuery("SELECT id, rectification_id, kind, text, evidence, late, by_account, at"
                        + " FROM rectification_step WHERE rectification_id = $1 ORDER BY id")
                .execute(Tuple.of(id)).map(rows -> {
                    List<Step> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Step(row.getLong("id"), row.getLong("rectification_id"),
                            row.getString("kind"), row.getString("text"), List.of(row.getArrayOfStrings("evidence")),
                            row.getBoolean("late"), row.getLong("by_account"), row.getOffsetDateTime("at"))));
                    return list;
                });
    }

    /** Orders that pass the filter, newest first, a page of {@code limit} after {@code offset}. */
    Uni<List<Stored>> list(Filter f, int limit, int offset) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE " + FILTERED
                        + " ORDER BY r.id DESC LIMIT $8 OFFSET $9")
                .execute(Tuple.from(Arrays.asList(f.scope(), f.underPath(), f.state(), f.overdue(), f.severity(),
                        f.from(), f.to(), limit, offset)))
                .map(RectificationRepository::all);
    }

    /**
     * Issue 20: how many orders pass the filter (the list's true total, not a page of it), how many of them are in
     * each state, and how many are overdue (open or returned past the deadline now, as {@link #list} has it).
     */
    Uni<Counts> counts(Filter f) {
        return pool.preparedQuery("SELECT count(*) AS total,"
                        + " count(*) FILTER (WHERE r.state = 'open') AS open,"
                        + " count(*) FILTER (WHERE r.state = 'replied') AS replied,"
                        + " count(*) FILTER (WHERE r.state = 'returned') AS returned,"
                        + " count(*) FILTER (WHERE r.state = 'accepted') AS accepted,"
                        + " count(*) FILTER (WHERE " + OVERDUE_NOW + ") AS overdue"
                        + FROM + " WHERE " + FILTERED)
                .execute(Tuple.from(Arrays.asList(f.scope(), f.underPath(), f.state(), f.overdue(), f.severity(),
                        f.from(), f.to())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("total"), row.getLong("open"), row.getLong("replied"),
                            row.getLong("returned"), row.getLong("accepted"), row.getLong("overdue"));
                });
    }

    /** The open and returned orders within {@code scope}, soonest deadline first (a manager's to-do). */
    Uni<List<Stored>> todo(Long[] scope, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE " + Scope.predicate("u", 1)
                        + " AND r.state IN ('open', 'returned') ORDER BY r.due_at, r.id LIMIT $2")
                .execute(Tuple.from(Arrays.asList(scope, limit))).map(RectificationRepository::all);
    }

    /**
     * Per unit at or under {@code path} (within {@code scope}), the orders raised in [from, to) and how they went.
     * A recurrence: an order from an evaluation on an item key that an earlier order from an evaluation of the same
     * unit named, raised at most {@code months} months after that one (issue 19).
     */
    Uni<List<UnitCounts>> counts(Long[] scope, String path, OffsetDateTime from, OffsetDateTime to, int months) {
        return pool.preparedQuery("""
                SELECT u.code, u.name, count(*) AS orders,
                       count(*) FILTER (WHERE r.first_replied_at IS NOT NULL OR r.due_at <= now()) AS due,
                       count(*) FILTER (WHERE r.first_replied_at IS NOT NULL) AS replied,
                       count(*) FILTER (WHERE r.first_replied_at < r.due_at) AS on_time,
                       count(*) FILTER (WHERE r.state IN ('open', 'returned') AND r.due_at <= now()) AS overdue,
                       count(*) FILTER (WHERE r.state = 'accepted') AS accepted,
                       count(*) FILTER (WHERE r.evaluation_id IS NOT NULL) AS from_evaluations,
                       count(*) FILTER (WHERE r.evaluation_id IS NOT NULL AND EXISTS (
                           SELECT 1 FROM rectification p
                           WHERE p.unit_id = r.unit_id AND p.evaluation_id IS NOT NULL AND p.id <> r.id
                             AND p.item_keys && r.item_keys AND p.raised_at < r.raised_at
                             AND r.raised_at <= p.raised_at + make_interval(months => $5))) AS recurrences
                FROM rectification r JOIN unit u ON u.id = r.unit_id
                WHERE %s AND u.path <@ $2::text::ltree AND r.raised_at >= $3 AND r.raised_at < $4
                GROUP BY u.code, u.name ORDER BY u.code""".formatted(Scope.predicate("u", 1)))
                .execute(Tuple.from(Arrays.asList(scope, path, from, to, months)))
                .map(rows -> {
                    List<UnitCounts> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new UnitCounts(row.getString(0), row.getString(1), row.getLong(2),
                            row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7),
                            row.getLong(8), row.getLong(9))));
                    return list;
                });
    }

    private static List<Stored> all(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Stored> list = new ArrayList<>();
        rows.forEach(row -> list.add(stored(row)));
        return list;
    }

    private static Stored stored(Row row) {
        return new Stored(row.getLong("id"), row.getLong("unit_id"), row.getString("unit_code"),
                row.getString("unit_name"), row.getLong("evaluation_id"), row.getString("title"),
                row.getString("severity"), new JsonArray(row.getString("items")),
                List.of(row.getArrayOfStrings("item_keys")), row.getString("state"),
                row.getOffsetDateTime("raised_at"), row.getOffsetDateTime("due_at"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("first_replied_at"),
                row.getOffsetDateTime("replied_at"), row.getOffsetDateTime("verified_at"), row.getBoolean("overdue"));
    }
}
