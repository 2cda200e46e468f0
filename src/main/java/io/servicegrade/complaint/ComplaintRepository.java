package io.servicegrade.complaint;

import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement on {@code complaint} and {@code transaction_volume} (issue 19). Writes announce the complaint on
 * {@link ComplaintChanges#CHANNEL} in the same statement, so subscribers hear of it at commit and only if it commits.
 */
@ApplicationScoped
public class ComplaintRepository {

    /** A complaint's state, derived: replied, overdue (unreplied at or past its deadline) or open. */
    private static final String STATE = "CASE WHEN c.replied_at IS NOT NULL THEN 'replied'"
            + " WHEN c.due_at <= now() THEN 'overdue' ELSE 'open' END";

    private static final String COLUMNS = "c.id, c.channel, c.received_at, c.unit_id, u.code AS unit_code,"
            + " u.name AS unit_name, c.category, c.subject, c.first_responder, c.due_at, c.repeat, c.escalated,"
            + " c.replied_at, c.resolution, c.satisfaction, c.satisfaction_at, c.overdue_at, c.registered_by,"
            + " c.registered_at, " + STATE + " AS state";
    private static final String FROM = " FROM complaint c JOIN unit u ON u.id = c.unit_id";

    private static String announce(String event) {
        return "pg_notify('" + ComplaintChanges.CHANNEL + "', id::text || chr(10) || '" + event + "')";
    }

    /**
     * Registers one complaint, deciding its repeat and escalation flags from what is stored before it (in this
     * transaction too): a repeat is the same customer and category received within {@code $10} days before it; an
     * escalation comes through the regulator, or repeats a complaint whose customer was unsatisfied.
     */
    private static final String INSERT = """
            WITH prior AS (
                SELECT count(*) AS n, count(*) FILTER (WHERE satisfaction = 'unsatisfied') AS unsatisfied
                FROM complaint
                WHERE customer_hash = $6 AND category = $4 AND received_at < $2
                  AND received_at >= $2 - make_interval(days => $10::int))
            INSERT INTO complaint (channel, received_at, unit_id, category, subject, customer_hash, first_responder,
                                   due_at, repeat, escalated, registered_by)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, prior.n > 0, $1 = 'regulator' OR prior.unsatisfied > 0, $9
            FROM prior
            RETURNING id, repeat, %s""".formatted(announce("registered"));

    private static final String REPLY = """
            UPDATE complaint SET replied_at = $2, resolution = $3, replied_by = $4
            WHERE id = $1 AND replied_at IS NULL
            RETURNING id, %s""".formatted(announce("replied"));

    private static final String SATISFACTION = """
            UPDATE complaint SET satisfaction = $2, satisfaction_by = $3, satisfaction_at = now()
            WHERE id = $1 AND satisfaction IS NULL AND replied_at IS NOT NULL
            RETURNING id, %s""".formatted(announce("satisfaction"));

    /**
     * Marks the complaints newly overdue, at most 500 at once: only those not marked yet, and rows another sweep
     * holds are skipped (it marks them), so each is marked exactly once whichever instance sweeps.
     */
    private static final String MARK_OVERDUE = """
            UPDATE complaint c SET overdue_at = now()
            FROM unit u
            WHERE u.id = c.unit_id AND c.id IN (
                SELECT id FROM complaint
                WHERE replied_at IS NULL AND overdue_at IS NULL AND due_at <= now()
                ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING c.id, c.unit_id, u.code AS unit_code, c.channel, c.received_at, c.due_at,
                      pg_notify('%s', c.id::text || chr(10) || 'overdue')""".formatted(ComplaintChanges.CHANNEL);

    /** A complaint as stored, with its unit's code and name and its derived state. */
    public record Stored(long id, String channel, OffsetDateTime receivedAt, long unitId, String unitCode,
            String unitName,
            String category, String subject, String firstResponder, OffsetDateTime dueAt, boolean repeat,
            boolean escalated, OffsetDateTime repliedAt, String resolution, String satisfaction,
            OffsetDateTime satisfactionAt, OffsetDateTime overdueAt, String registeredBy,
            OffsetDateTime registeredAt, String state) {

        /** Replied after its deadline, or unreplied past it. */
        public boolean late() {
            return repliedAt == null ? state.equals("overdue") : !repliedAt.isBefore(dueAt);
        }
    }

    /** What a registration writes. */
    record Registered(String channel, OffsetDateTime receivedAt, long unitId, String category, String subject,
            String customerHash, String firstResponder, OffsetDateTime dueAt, String registeredBy, int repeatDays) {
    }

    /** A complaint the sweep marked overdue. */
    record Overdue(long id, long unitId, String unitCode, String channel, OffsetDateTime receivedAt,
            OffsetDateTime dueAt) {
    }

    /** A unit named by code: its id, path, and whether it lies in the caller's scope. */
    record UnitRef(long id, String code, String name, String path, boolean inScope) {
    }

    /** The filters of a list (each null for any). */
    record Filter(String channel, String category, String underPath, String state, Boolean overdue,
            OffsetDateTime from, OffsetDateTime to) {
    }

    /** One unit's counts in a period. */
    record UnitCounts(long unitId, String unitCode, String unitName, String path, ComplaintFigures.Counts counts) {
    }

    /** A unit's volume in a month. */
    record StoredVolume(String unitCode, String unitName, LocalDate month, long volume) {
    }

    @Inject
    Pool pool;

    /** The units named by {@code codes} that exist, each with whether it is in {@code scope} (null: no bound). */
    Uni<Map<String, UnitRef>> units(SqlClient client, List<String> codes, Long[] scope) {
        return client.preparedQuery("SELECT u.id, u.code, u.name, u.path::text AS path, " + Scope.predicate("u", 2)
                + " AS in_scope FROM unit u WHERE u.code = ANY($1::text[])")
                .execute(Tuple.of(codes.toArray(String[]::new), scope)).map(rows -> {
                    Map<String, UnitRef> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("code"), new UnitRef(row.getLong("id"),
                            row.getString("code"), row.getString("name"), row.getString("path"),
                            row.getBoolean("in_scope"))));
                    return found;
                });
    }

    Uni<Map<String, UnitRef>> units(List<String> codes, Long[] scope) {
        return units(pool, codes, scope);
    }

    /**
     * Serialises registrations of one customer's complaints for the rest of the transaction, so two at once cannot
     * both miss each other as repeats.
     */
    Uni<Void> lockCustomer(SqlClient connection, String customerHash) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 19))")
                .execute(Tuple.of(customerHash)).replaceWithVoid();
    }

    /** A registered complaint's id and whether it is a repeat. */
    record Inserted(long id, boolean repeat) {
    }

    Uni<Inserted> insert(SqlClient connection, Registered r) {
        return connection.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(r.channel(), r.receivedAt(),
                r.unitId(), r.category(), r.subject(), r.customerHash(), r.firstResponder(), r.dueAt(),
                r.registeredBy(), r.repeatDays()))).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Inserted(row.getLong("id"), row.getBoolean("repeat"));
                });
    }

    /** Records the reply; false when it was replied already. */
    Uni<Boolean> reply(SqlClient connection, long id, OffsetDateTime repliedAt, String resolution, String by) {
        return connection.preparedQuery(REPLY).execute(Tuple.of(id, repliedAt, resolution, by))
                .map(rows -> rows.size() == 1);
    }

    /** Records the customer's satisfaction; false when recorded already or not replied. */
    Uni<Boolean> satisfaction(SqlClient connection, long id, String value, String by) {
        return connection.preparedQuery(SATISFACTION).execute(Tuple.of(id, value, by)).map(rows -> rows.size() == 1);
    }

    Uni<List<Overdue>> markOverdue(SqlClient connection) {
        return connection.preparedQuery(MARK_OVERDUE).execute().map(rows -> {
            List<Overdue> marked = new ArrayList<>();
            rows.forEach(row -> marked.add(new Overdue(row.getLong("id"), row.getLong("unit_id"),
                    row.getString("unit_code"), row.getString("channel"), row.getOffsetDateTime("received_at"),
                    row.getOffsetDateTime("due_at"))));
            return marked;
        });
    }

    /** The complaint, within {@code scope} (null: no bound); null when there is none there. */
    Uni<Stored> find(SqlClient client, long id, Long[] scope, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE c.id = $1 AND " + Scope.predicate("u", 2)
                + (forUpdate ? " FOR UPDATE OF c" : ""))
                .execute(Tuple.from(Arrays.asList(id, scope)))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    Uni<Stored> find(long id, Long[] scope) {
        return find(pool, id, scope, false);
    }

    /** The complaints of {@code ids} (no scope: the caller wrote them), in id order. */
    Uni<List<Stored>> byIds(List<Long> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE c.id = ANY($1::bigint[]) ORDER BY c.id")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(ComplaintRepository::all);
    }

    /**
     * The list's filter on $1 … $8 (the scope, then {@link Filter}'s channel, path, state, overdue, from, to and
     * category), each null for any. Late ($5 true): replied at or after the deadline, or unreplied past it now.
     */
    private static final String LISTED = " WHERE " + Scope.predicate("u", 1)
            + " AND ($2::text IS NULL OR c.channel = $2) AND ($3::text IS NULL OR u.path <@ $3::text::ltree)"
            + " AND ($6::timestamptz IS NULL OR c.received_at >= $6)"
            + " AND ($7::timestamptz IS NULL OR c.received_at < $7)"
            + " AND ($8::text IS NULL OR c.category = $8)";

    /** The list's state ($4) and lateness ($5) filters, each null for any. */
    private static final String SHOWN = "($4::text IS NULL OR " + STATE + " = $4)"
            + " AND ($5::boolean IS NULL OR $5 = (coalesce(c.replied_at, now()) >= c.due_at))";

    private static List<Object> parameters(Long[] scope, Filter f) {
        return new ArrayList<>(Arrays.asList(scope, f.channel(), f.underPath(), f.state(), f.overdue(), f.from(),
                f.to(), f.category()));
    }

    /** Complaints within {@code scope}, filtered, newest received first: {@code limit} after {@code offset}. */
    Uni<List<Stored>> list(Long[] scope, Filter f, int limit, int offset) {
        List<Object> parameters = parameters(scope, f);
        parameters.add(limit);
        parameters.add(offset);
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + LISTED + " AND " + SHOWN
                + " ORDER BY c.received_at DESC, c.id DESC LIMIT $9 OFFSET $10")
                .execute(Tuple.from(parameters))
                .map(ComplaintRepository::all);
    }

    /** Issue 21: the complaints list's counts: in all, per state, the late ones, and those the state filters show. */
    public record Counts(long total, long open, long overdue, long replied, long late, long shown) {
    }

    /**
     * Issue 21: the counts of the list {@link #list} pages, by one statement over all its rows: in all and per state
     * before the state and lateness filters, the late ones, and the rows those filters show.
     */
    Uni<Counts> counts(Long[] scope, Filter f) {
        return pool.preparedQuery("SELECT count(*) AS total,"
                        + " count(*) FILTER (WHERE " + STATE + " = 'open') AS open,"
                        + " count(*) FILTER (WHERE " + STATE + " = 'overdue') AS overdue,"
                        + " count(*) FILTER (WHERE " + STATE + " = 'replied') AS replied,"
                        + " count(*) FILTER (WHERE coalesce(c.replied_at, now()) >= c.due_at) AS late,"
                        + " count(*) FILTER (WHERE " + SHOWN + ") AS shown" + FROM + LISTED)
                .execute(Tuple.from(parameters(scope, f)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("total"), row.getLong("open"), row.getLong("overdue"),
                            row.getLong("replied"), row.getLong("late"), row.getLong("shown"));
                });
    }

    /** The unreplied complaints within {@code scope}, due first. */
    Uni<List<Stored>> unreplied(Long[] scope, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE " + Scope.predicate("u", 1)
                + " AND c.replied_at IS NULL ORDER BY c.due_at, c.id LIMIT $2")
                .execute(Tuple.from(Arrays.asList(scope, limit))).map(ComplaintRepository::all);
    }

    /**
     * Each unit's counts of complaints received in [{@code from}, {@code to}) and its volume summed over
     * {@code months}, for the units in {@code scope} under {@code underPath} (null: any) with either.
     */
    Uni<List<UnitCounts>> counts(Long[] scope, String underPath, OffsetDateTime from, OffsetDateTime to,
            List<LocalDate> months) {
        return pool.preparedQuery("""
                WITH k AS (
                    SELECT c.unit_id, count(*) AS complaints,
                           count(*) FILTER (WHERE c.replied_at IS NOT NULL) AS replied,
                           count(*) FILTER (WHERE c.replied_at < c.due_at) AS timely,
                           count(*) FILTER (WHERE c.replied_at IS NULL AND c.due_at <= now()) AS overdue,
                           count(*) FILTER (WHERE c.satisfaction IS NOT NULL) AS recorded,
                           count(*) FILTER (WHERE c.satisfaction = 'satisfied') AS satisfied,
                           count(*) FILTER (WHERE c.repeat) AS repeats,
                           count(*) FILTER (WHERE c.escalated) AS escalations
                    FROM complaint c WHERE c.received_at >= $3 AND c.received_at < $4
                    GROUP BY c.unit_id),
                v AS (
                    SELECT unit_id, sum(volume) AS volume FROM transaction_volume
                    WHERE month = ANY($5::date[]) GROUP BY unit_id)
                SELECT u.id, u.code, u.name, u.path::text AS path, coalesce(k.complaints, 0) AS complaints,
                       coalesce(k.replied, 0) AS replied, coalesce(k.timely, 0) AS timely,
                       coalesce(k.overdue, 0) AS overdue, coalesce(k.recorded, 0) AS recorded,
                       coalesce(k.satisfied, 0) AS satisfied, coalesce(k.repeats, 0) AS repeats,
                       coalesce(k.escalations, 0) AS escalations, v.volume::bigint AS volume
                FROM unit u LEFT JOIN k ON k.unit_id = u.id LEFT JOIN v ON v.unit_id = u.id
                WHERE (k.unit_id IS NOT NULL OR v.unit_id IS NOT NULL) AND %s
                  AND ($2::text IS NULL OR u.path <@ $2::text::ltree)
                ORDER BY u.path""".formatted(Scope.predicate("u", 1)))
                .execute(Tuple.from(Arrays.asList(scope, underPath, from, to, months.toArray(LocalDate[]::new))))
                .map(rows -> {
                    List<UnitCounts> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new UnitCounts(row.getLong("id"), row.getString("code"),
                            row.getString("name"), row.getString("path"), new ComplaintFigures.Counts(
                                    row.getLong("complaints"), row.getLong("replied"), row.getLong("timely"),
                                    row.getLong("overdue"), row.getLong("recorded"), row.getLong("satisfied"),
                                    row.getLong("repeats"), row.getLong("escalations"), row.getLong("volume")))));
                    return list;
                });
    }

    /** Writes the volumes (each unit and month once), replacing those stored. */
    Uni<Void> putVolumes(SqlClient connection, List<Long> unitIds, List<LocalDate> months, List<Long> volumes,
            String by) {
        return connection.preparedQuery("""
                INSERT INTO transaction_volume (unit_id, month, volume, updated_by)
                SELECT t.unit_id, t.month, t.volume, $4
                FROM unnest($1::bigint[], $2::date[], $3::bigint[]) AS t (unit_id, month, volume)
                ON CONFLICT (unit_id, month) DO UPDATE
                    SET volume = excluded.volume, updated_by = excluded.updated_by, updated_at = now()""")
                .execute(Tuple.of(unitIds.toArray(Long[]::new), months.toArray(LocalDate[]::new),
                        volumes.toArray(Long[]::new), by)).replaceWithVoid();
    }

    /** The volumes of the units in {@code scope} under {@code underPath} (null: any), months in [from, to]. */
    Uni<List<StoredVolume>> volumes(Long[] scope, String underPath, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT u.code, u.name, v.month, v.volume FROM transaction_volume v"
                + " JOIN unit u ON u.id = v.unit_id WHERE " + Scope.predicate("u", 1)
                + " AND ($2::text IS NULL OR u.path <@ $2::text::ltree) AND ($3::date IS NULL OR v.month >= $3)"
                + " AND ($4::date IS NULL OR v.month <= $4) ORDER BY u.path, v.month LIMIT 10000")
                .execute(Tuple.from(Arrays.asList(scope, underPath, from, to))).map(rows -> {
                    List<StoredVolume> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new StoredVolume(row.getString("code"), row.getString("name"),
                            row.getLocalDate("month"), row.getLong("volume"))));
                    return list;
                });
    }

    private static List<Stored> all(RowSet<Row> rows) {
        List<Stored> list = new ArrayList<>();
        rows.forEach(row -> list.add(stored(row)));
        return list;
    }

    private static Stored stored(Row row) {
        return new Stored(row.getLong("id"), row.getString("channel"), row.getOffsetDateTime("received_at"),
                row.getLong("unit_id"), row.getString("unit_code"), row.getString("unit_name"),
                row.getString("category"), row.getString("subject"), row.getString("first_responder"),
                row.getOffsetDateTime("due_at"), row.getBoolean("repeat"), row.getBoolean("escalated"),
                row.getOffsetDateTime("replied_at"), row.getString("resolution"), row.getString("satisfaction"),
                row.getOffsetDateTime("satisfaction_at"), row.getOffsetDateTime("overdue_at"),
                row.getString("registered_by"), row.getOffsetDateTime("registered_at"), row.getString("state"));
    }
}
