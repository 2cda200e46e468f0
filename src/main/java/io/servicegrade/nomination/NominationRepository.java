package io.servicegrade.nomination;

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

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every statement on {@code nomination} and {@code benchmark} (issue 18). Writes take the connection of the one
 * transaction they belong to; reads outside a write use the pool.
 */
@ApplicationScoped
public class NominationRepository {

    private static final String COLUMNS = "n.id, n.level, n.group_id, g.code AS group_code, g.name AS group_name,"
            + " g.kind AS group_kind, n.service_line, n.unit_id, u.code AS unit_code, u.name AS unit_name, n.state,"
            + " n.reason, n.replaces, n.created_at, n.decided_at";
    private static final String FROM = " FROM nomination n JOIN unit g ON g.id = n.group_id JOIN unit u ON u.id = n.unit_id";

    /** A scoped reader sees the nominations of the groups and units in its scope (issue 16's rule). */
    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE n.scheme_key = $1 AND n.period_id = $2 AND (" + Scope.predicate("g", 3) + " OR "
            + Scope.predicate("u", 3) + ") ORDER BY n.level, g.code, n.service_line, n.id";

    private static final String ONE = "SELECT " + COLUMNS + FROM
            + " WHERE n.id = $1 AND n.scheme_key = $2 AND n.period_id = $3";

    private static final String LOCK = ONE + " FOR UPDATE OF n";

    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM nomination WHERE scheme_key = $1 AND period_id = $2)";

    private static final String INSERT_MANY = "INSERT INTO nomination (scheme_key, period_id, level, group_id,"
            + " service_line, unit_id, state, decided_at, decided_key, decided_account)"
            + " SELECT $1, $2, $3, r.grp, r.line, r.unit, $4, CASE WHEN $4 = 'proposed' THEN NULL ELSE now() END, $5, $6"
            + " FROM unnest($7::bigint[], $8::text[], $9::bigint[]) AS r(grp, line, unit)"
            + " ON CONFLICT DO NOTHING";

    private static final String DECIDE = "UPDATE nomination SET state = $2, reason = COALESCE($3, reason),"
            + " decided_at = now(), decided_key = $4, decided_account = $5 WHERE id = $1";

    private static final String SUBSTITUTE = "INSERT INTO nomination (scheme_key, period_id, level, group_id,"
            + " service_line, unit_id, state, reason, replaces, decided_at, decided_key, decided_account)"
            + " SELECT scheme_key, period_id, level, group_id, service_line, $2, 'confirmed', $3, id, now(), $4, $5"
            + " FROM nomination WHERE id = $1 RETURNING id";

    /** Whether the unit has a nomination at the level above (it was forwarded: its row below is settled). */
    private static final String FORWARDED = "SELECT EXISTS (SELECT 1 FROM nomination WHERE scheme_key = $1"
            + " AND period_id = $2 AND level = $3 AND unit_id = $4 AND state <> 'replaced')";

    private static final String AT_LEVEL = "SELECT n.unit_id FROM nomination n WHERE n.scheme_key = $1"
            + " AND n.period_id = $2 AND n.level = $3";

    /** The confirmed nominations of a level under a group (at any depth) for a service line: what it receives. */
    private static final String RECEIVED = "SELECT n.unit_id FROM nomination n JOIN unit u ON u.id = n.unit_id"
            + " JOIN unit g ON g.id = $4 WHERE n.scheme_key = $1 AND n.period_id = $2 AND n.level = $3"
            + " AND n.service_line = $5 AND n.state IN ('confirmed', 'approved') AND u.path <@ g.path";

    private static final String GROUP_LINE = "SELECT " + COLUMNS + FROM + " WHERE n.scheme_key = $1"
            + " AND n.period_id = $2 AND n.level = $3 AND n.group_id = $4 AND n.service_line = $5"
            + " ORDER BY n.id";

    private static final String BENCHMARK_COLUMNS = "b.id, b.service_line, b.unit_id, u.code AS unit_code,"
            + " u.name AS unit_name, b.reason, b.designated_at, b.replaced_at, b.replaced_by";

    private static final String BENCHMARKS = "SELECT " + BENCHMARK_COLUMNS
            + " FROM benchmark b JOIN unit u ON u.id = b.unit_id WHERE b.scheme_key = $1 AND b.period_id = $2"
            + " ORDER BY b.service_line, b.id";

    private static final String CURRENT_BENCHMARK = "SELECT " + BENCHMARK_COLUMNS
            + " FROM benchmark b JOIN unit u ON u.id = b.unit_id WHERE b.scheme_key = $1 AND b.period_id = $2"
            + " AND b.service_line = $3 AND b.replaced_at IS NULL FOR UPDATE OF b";

    private static final String ONE_BENCHMARK = "SELECT " + BENCHMARK_COLUMNS
            + " FROM benchmark b JOIN unit u ON u.id = b.unit_id WHERE b.id = $1";

    private static final String APPROVED_NOMINEE = "SELECT EXISTS (SELECT 1 FROM nomination WHERE scheme_key = $1"
            + " AND period_id = $2 AND unit_id = $3 AND service_line = $4 AND state = 'approved')";

    private static final String END_BENCHMARK = "UPDATE benchmark SET replaced_at = now() WHERE id = $1";

    private static final String DESIGNATE = "INSERT INTO benchmark (scheme_key, period_id, service_line, unit_id,"
            + " reason, designated_key, designated_account) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

    private static final String LINK_BENCHMARK = "UPDATE benchmark SET replaced_by = $2 WHERE id = $1";

    @Inject
    Pool pool;

    /** A nomination as read, with its group's and unit's codes and names. */
    public record StoredNomination(long id, int level, long groupId, String groupCode, String groupName, String groupKind,
            String serviceLine, long unitId, String unitCode, String unitName, String state, String reason,
            Long replaces, OffsetDateTime createdAt, OffsetDateTime decidedAt) {
    }

    /** A benchmark designation; {@code replacedAt} null for the current one of its line. */
    public record BenchmarkRow(long id, String serviceLine, long unitId, String unitCode, String unitName,
            String reason, OffsetDateTime designatedAt, OffsetDateTime replacedAt, Long replacedBy) {
    }

    /** Who decided: the key and, for a person, the account. */
    public record Decider(long keyId, Long accountId) {
    }

    Uni<List<StoredNomination>> list(String scheme, String period, Long[] scope) {
        return pool.preparedQuery(LIST).execute(Tuple.tuple(Arrays.asList(scheme, period, scope)))
                .map(NominationRepository::nominations);
    }

    Uni<StoredNomination> find(String scheme, String period, long id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id, scheme, period)).map(NominationRepository::first);
    }

    Uni<StoredNomination> lock(SqlConnection c, String scheme, String period, long id) {
        return c.preparedQuery(LOCK).execute(Tuple.of(id, scheme, period)).map(NominationRepository::first);
    }

    Uni<Boolean> any(SqlClient c, String scheme, String period) {
        return c.preparedQuery(ANY).execute(Tuple.of(scheme, period)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Inserts nominations of one level in one state; a unit already nominated at the level is left as it is. */
    Uni<Void> insert(SqlConnection c, String scheme, String period, int level, String state, Decider by,
            List<Proposals.Proposal> proposals) {
        if (proposals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(INSERT_MANY).execute(Tuple.tuple(Arrays.asList(scheme, period, level, state,
                by == null ? null : by.keyId(), by == null ? null : by.accountId(),
                proposals.stream().map(Proposals.Proposal::groupId).toArray(Long[]::new),
                proposals.stream().map(Proposals.Proposal::serviceLine).toArray(String[]::new),
                proposals.stream().map(Proposals.Proposal::unitId).toArray(Long[]::new)))).replaceWithVoid();
    }

    Uni<Void> decide(SqlConnection c, long id, String state, String reason, Decider by) {
        return c.preparedQuery(DECIDE).execute(Tuple.tuple(Arrays.asList(id, state, reason, by.keyId(),
                by.accountId()))).replaceWithVoid();
    }

    Uni<Long> substitute(SqlConnection c, long replaced, long unitId, String reason, Decider by) {
        return c.preparedQuery(SUBSTITUTE).execute(Tuple.tuple(Arrays.asList(replaced, unitId, reason, by.keyId(),
                by.accountId()))).map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Boolean> forwarded(SqlConnection c, String scheme, String period, int levelAbove, long unitId) {
        return c.preparedQuery(FORWARDED).execute(Tuple.of(scheme, period, levelAbove, unitId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    Uni<List<Long>> unitsAtLevel(SqlClient c, String scheme, String period, int level) {
        return c.preparedQuery(AT_LEVEL).execute(Tuple.of(scheme, period, level)).map(NominationRepository::ids);
    }

    Uni<List<Long>> received(SqlClient c, String scheme, String period, int levelBelow, long groupId, String line) {
        return c.preparedQuery(RECEIVED).execute(Tuple.of(scheme, period, levelBelow, groupId, line))
                .map(NominationRepository::ids);
    }

    Uni<List<StoredNomination>> ofGroupLine(SqlClient c, String scheme, String period, int level, long groupId, String line) {
        return c.preparedQuery(GROUP_LINE).execute(Tuple.of(scheme, period, level, groupId, line))
                .map(NominationRepository::nominations);
    }

    Uni<List<BenchmarkRow>> benchmarks(String scheme, String period) {
        return pool.preparedQuery(BENCHMARKS).execute(Tuple.of(scheme, period))
                .map(NominationRepository::benchmarkRows);
    }

    Uni<BenchmarkRow> currentBenchmark(SqlConnection c, String scheme, String period, String line) {
        return c.preparedQuery(CURRENT_BENCHMARK).execute(Tuple.of(scheme, period, line)).map(rows -> {
            List<BenchmarkRow> found = benchmarkRows(rows);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    Uni<BenchmarkRow> benchmark(SqlClient c, long id) {
        return c.preparedQuery(ONE_BENCHMARK).execute(Tuple.of(id)).map(rows -> benchmarkRows(rows).get(0));
    }

    Uni<Boolean> approvedNominee(SqlClient c, String scheme, String period, long unitId, String line) {
        return c.preparedQuery(APPROVED_NOMINEE).execute(Tuple.of(scheme, period, unitId, line))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Designates a line's benchmark unit, ending {@code current} (when not null) in the same statement order. */
    Uni<Long> designate(SqlConnection c, String scheme, String period, String line, long unitId, String reason,
            BenchmarkRow current, Decider by) {
        Uni<Void> end = current == null ? Uni.createFrom().voidItem()
                : c.preparedQuery(END_BENCHMARK).execute(Tuple.of(current.id())).replaceWithVoid();
        return end.flatMap(ended -> c.preparedQuery(DESIGNATE).execute(Tuple.tuple(Arrays.asList(scheme, period,
                line, unitId, reason, by.keyId(), by.accountId()))).map(rows -> rows.iterator().next().getLong(0)))
                .call(id -> current == null ? Uni.createFrom().voidItem()
                        : c.preparedQuery(LINK_BENCHMARK).execute(Tuple.of(current.id(), id)).replaceWithVoid());
    }

    private static StoredNomination first(RowSet<Row> rows) {
        List<StoredNomination> found = nominations(rows);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Long> ids(RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getLong(0)));
        return ids;
    }

    private static List<StoredNomination> nominations(RowSet<Row> rows) {
        List<StoredNomination> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(new StoredNomination(r.getLong("id"), r.getInteger("level"), r.getLong("group_id"),
                    r.getString("group_code"), r.getString("group_name"), r.getString("group_kind"),
                    r.getString("service_line"), r.getLong("unit_id"), r.getString("unit_code"),
                    r.getString("unit_name"), r.getString("state"), r.getString("reason"), r.getLong("replaces"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("decided_at")));
        }
        return result;
    }

    private static List<BenchmarkRow> benchmarkRows(RowSet<Row> rows) {
        List<BenchmarkRow> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(new BenchmarkRow(r.getLong("id"), r.getString("service_line"), r.getLong("unit_id"),
                    r.getString("unit_code"), r.getString("unit_name"), r.getString("reason"),
                    r.getOffsetDateTime("designated_at"), r.getOffsetDateTime("replaced_at"),
                    r.getLong("replaced_by")));
        }
        return result;
    }
}
