package io.servicegrade.appeal;

import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every statement on {@code appeal} (issue 18). Writes announce the appeal on {@link AppealChanges#CHANNEL} in the
 * same statement, so subscribers hear of it at commit and only if it commits.
 */
@ApplicationScoped
public class AppealRepository {

    private static final String COLUMNS = "a.id, a.scheme_key, a.period_id, a.unit_id, u.code AS unit_code,"
            + " u.name AS unit_name, a.evaluation_id, g.code AS agency_code, a.items, a.reasons, a.evidence, a.state,"
            + " a.filed_at, a.decided_at, a.decision_reason, a.correction, a.correction_revision";
    private static final String FROM = " FROM appeal a JOIN unit u ON u.id = a.unit_id"
            + " LEFT JOIN evaluation e ON e.id = a.evaluation_id LEFT JOIN agency g ON g.id = e.agency_scope";

    private static final String ANNOUNCE = "pg_notify('" + AppealChanges.CHANNEL + "', id::text || chr(10) || state)";

    private static final String INSERT = """
            INSERT INTO appeal (scheme_key, period_id, unit_id, evaluation_id, items, reasons, evidence, filed_by,
                                filed_by_account)
            VALUES ($1, $2, $3, $4, $5::text[], $6, $7::text[], $8, $9)
            RETURNING id, %s""".formatted(ANNOUNCE);

    private static final String DECIDE = """
            UPDATE appeal SET state = $2, decided_by = $3, decided_by_account = $4, decided_at = now(),
                              decision_reason = $5, correction = $6, correction_revision = $7
            WHERE id = $1 AND state = 'filed'
            RETURNING id, %s""".formatted(ANNOUNCE);

    /** An appeal as stored, with its unit's code and name and the agency of the evaluation it is against. */
    record Stored(long id, String scheme, String period, long unitId, String unitCode, String unitName,
            Long evaluationId, String agencyCode, List<String> items, String reasons, List<String> evidence,
            String state, OffsetDateTime filedAt, OffsetDateTime decidedAt, String decisionReason,
            String correction, Integer correctionRevision) {
    }

    /** What a filing writes. */
    record Filed(String scheme, String period, long unitId, Long evaluationId, List<String> items, String reasons,
            List<String> evidence, long keyId, Long accountId) {
    }

    /** Appeals against one agency's evaluations in a period of a scheme, by state. */
    record AgencyCount(String scheme, String period, String agency, long filed, long upheld, long rejected) {

        long pending() {
            return filed - upheld - rejected;
        }

        /** Upheld over filed, exact to four places (half up); decimals, never doubles. */
        BigDecimal upheldShare() {
            return BigDecimal.valueOf(upheld).divide(BigDecimal.valueOf(filed), 4, RoundingMode.HALF_UP);
        }
    }

    @Inject
    Pool pool;

    /** How many appeals of a period are undecided, read in the caller's transaction (issue 18: before a closing). */
    Uni<Long> undecided(SqlClient connection, String scheme, String period) {
        return connection.preparedQuery("SELECT count(*) FROM appeal WHERE scheme_key = $1 AND period_id = $2"
                + " AND state = 'filed'").execute(Tuple.of(scheme, period))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Long> insert(SqlClient connection, Filed f) {
        return connection.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(f.scheme(), f.period(), f.unitId(),
                f.evaluationId(), f.items().toArray(String[]::new), f.reasons(), f.evidence().toArray(String[]::new),
                f.keyId(), f.accountId()))).map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Records a decision of a filed appeal; answers false (nothing changed) when it is decided already. The caller
     * holds the row's lock ({@link #find} for update), so the answer is settled.
     */
    Uni<Boolean> decide(SqlClient connection, long id, String state, long keyId, Long accountId, String reason,
            String correction, Integer correctionRevision) {
        return connection.preparedQuery(DECIDE).execute(Tuple.from(Arrays.asList(id, state, keyId, accountId, reason,
                correction, correctionRevision))).map(rows -> rows.size() == 1);
    }

    /** The appeal, within {@code scope} (null: no bound); null when there is none there. */
    Uni<Stored> find(SqlClient client, long id, Long[] scope, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE a.id = $1 AND " + Scope.predicate("u", 2)
                + (forUpdate ? " FOR UPDATE OF a" : ""))
                .execute(Tuple.from(Arrays.asList(id, scope)))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    Uni<Stored> find(long id, Long[] scope) {
        return find(pool, id, scope, false);
    }

    /**
     * Appeals within {@code scope}, filtered (each filter null for any; {@code underPath}: the unit at that path and
     * those below it), newest first, at most {@code limit}.
     */
    Uni<List<Stored>> list(Long[] scope, String scheme, String period, String state, String underPath, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE " + Scope.predicate("u", 1)
                + " AND ($2::text IS NULL OR a.scheme_key = $2) AND ($3::text IS NULL OR a.period_id = $3)"
                + " AND ($4::text IS NULL OR a.state = $4) AND ($5::text IS NULL OR u.path <@ $5::text::ltree)"
                + " ORDER BY a.id DESC LIMIT $6")
                .execute(Tuple.from(Arrays.asList(scope, scheme, period, state, underPath, limit)))
                .map(rows -> {
                    List<Stored> list = new ArrayList<>();
                    rows.forEach(row -> list.add(stored(row)));
                    return list;
                });
    }

    /**
     * Issue 21: the appeals list's filter, for its counts and its pages. Within {@code scope} (null: no bound), of
     * {@code scheme} and at or under {@code underPath} (each null for any): the list; of those, {@code state} and
     * {@code late} (each null for any): the rows shown. Late: undecided with its period's objection window closed at
     * {@code now}.
     */
    record ListFilter(Long[] scope, String scheme, String underPath, String state, Boolean late,
            OffsetDateTime now) {

        private List<Object> parameters() {
            return Arrays.asList(scope, scheme, underPath, state, late, now);
        }
    }

    /** Issue 21: the appeals list's counts: in all, per state, undecided past the window, and the rows shown. */
    public record Counts(long total, long filed, long upheld, long rejected, long late, long shown) {
    }

    /** An appeal of a list's page and the end of its period's objection window (null: none). */
    record Listed(Stored appeal, OffsetDateTime deadline) {
    }

    /** The list's appeals with their period's objection window (the standing feature's read-only view, V91). */
    private static final String LISTED = FROM + " LEFT JOIN period_objection_window sp"
            + " ON sp.scheme_key = a.scheme_key AND sp.period_id = a.period_id WHERE " + Scope.predicate("u", 1)
            + " AND ($2::text IS NULL OR a.scheme_key = $2) AND ($3::text IS NULL OR u.path <@ $3::text::ltree)";

    /** Undecided with the objection window closed at $6 (as {@code AppealList.late} has it for a row). */
    private static final String LATE = "(a.state = 'filed' AND coalesce(sp.objection_until <= $6, false))";

    /** The rows shown of the list: of the state $4 and lateness $5 (each null for any). */
    private static final String SHOWN = "($4::text IS NULL OR a.state = $4) AND ($5::boolean IS NULL OR " + LATE
            + " = $5)";

    /** Issue 21: the list's counts by one statement over the list's rows, however many. */
    Uni<Counts> counts(ListFilter f) {
        return pool.preparedQuery("SELECT count(*) AS total,"
                        + " count(*) FILTER (WHERE a.state = 'filed') AS filed,"
                        + " count(*) FILTER (WHERE a.state = 'upheld') AS upheld,"
                        + " count(*) FILTER (WHERE a.state = 'rejected') AS rejected,"
                        + " count(*) FILTER (WHERE " + LATE + ") AS late,"
                        + " count(*) FILTER (WHERE " + SHOWN + ") AS shown" + LISTED)
                .execute(Tuple.from(f.parameters()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("total"), row.getLong("filed"), row.getLong("upheld"),
                            row.getLong("rejected"), row.getLong("late"), row.getLong("shown"));
                });
    }

    /** Issue 21: the rows shown of the list, newest first, {@code limit} after {@code offset}. */
    Uni<List<Listed>> page(ListFilter f, int limit, int offset) {
        List<Object> parameters = new ArrayList<>(f.parameters());
        parameters.add(limit);
        parameters.add(offset);
        return pool.preparedQuery("SELECT " + COLUMNS + ", sp.objection_until" + LISTED + " AND " + SHOWN
                        + " ORDER BY a.id DESC LIMIT $7 OFFSET $8")
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<Listed> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Listed(stored(row), row.getOffsetDateTime("objection_until"))));
                    return list;
                });
    }

    /** Appeals against each agency's evaluations, by scheme and period (all periods when null). */
    Uni<List<AgencyCount>> agencyCounts(String scheme, String period) {
        return pool.preparedQuery("""
                SELECT a.scheme_key, a.period_id, g.code, count(*) AS filed,
                       count(*) FILTER (WHERE a.state = 'upheld') AS upheld,
                       count(*) FILTER (WHERE a.state = 'rejected') AS rejected
                FROM appeal a JOIN evaluation e ON e.id = a.evaluation_id JOIN agency g ON g.id = e.agency_scope
                WHERE a.scheme_key = $1 AND ($2::text IS NULL OR a.period_id = $2)
                GROUP BY a.scheme_key, a.period_id, g.code
                ORDER BY a.period_id DESC, g.code""")
                .execute(Tuple.of(scheme, period))
                .map(rows -> {
                    List<AgencyCount> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new AgencyCount(row.getString(0), row.getString(1),
                            row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5))));
                    return list;
                });
    }

    private static Stored stored(Row row) {
        return new Stored(row.getLong("id"), row.getString("scheme_key"), row.getString("period_id"),
                row.getLong("unit_id"), row.getString("unit_code"), row.getString("unit_name"),
                row.getLong("evaluation_id"), row.getString("agency_code"),
                List.of(row.getArrayOfStrings("items")), row.getString("reasons"),
                List.of(row.getArrayOfStrings("evidence")), row.getString("state"),
                row.getOffsetDateTime("filed_at"), row.getOffsetDateTime("decided_at"),
                row.getString("decision_reason"), row.getString("correction"), row.getInteger("correction_revision"));
    }
}
