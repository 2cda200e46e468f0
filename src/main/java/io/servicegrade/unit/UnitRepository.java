package io.servicegrade.unit;

import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The organisation tree in PostgreSQL. Each unit keeps its path of ids as an {@code ltree}, so "all units
 * under X" and "the ancestors of Y" are single indexed queries. Statements keep constant text (arrays, not
 * lists of parameters) so they stay prepared.
 */
@ApplicationScoped
public class UnitRepository {

    private static final String COLUMNS = "u.id, u.code, u.name, u.kind, u.service_line, u.area, u.tags, p.code AS parent_code,"
            + " u.path::text AS path, u.active, u.created_at, u.updated_at, u.parent_id";
    private static final String FROM = " FROM unit u LEFT JOIN unit p ON p.id = u.parent_id";

    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE ($1::text IS NULL OR (u.path <@ $1::text::ltree AND u.path <> $1::text::ltree))"
            + " AND ($2::text IS NULL OR u.kind = $2) AND ($3::text IS NULL OR u.service_line = $3)"
            + " AND ($4::text IS NULL OR u.area = $4) AND ($5::bool IS NULL OR u.active = $5)"
            + " AND ($6::text IS NULL OR u.code > $6)"
            + " AND ($8::text IS NULL OR u.tags @> ARRAY[$8::text])"
            + " ORDER BY u.code LIMIT $7";

    private static final String COUNT = "SELECT count(*)::int FROM unit u"
            + " WHERE ($1::text IS NULL OR (u.path <@ $1::text::ltree AND u.path <> $1::text::ltree))"
            + " AND ($2::text IS NULL OR u.kind = $2) AND ($3::text IS NULL OR u.service_line = $3)"
            + " AND ($4::text IS NULL OR u.area = $4) AND ($5::bool IS NULL OR u.active = $5)"
            + " AND ($6::text IS NULL OR u.tags @> ARRAY[$6::text])";

    private static final String MOVE_SUBTREES = "UPDATE unit u SET path = s.path FROM ("
            + " SELECT DISTINCT ON (d.id) d.id, m.new_path::ltree || subpath(d.path, nlevel(m.old_path::ltree)) AS path"
            + " FROM unnest($1::text[], $2::text[]) AS m(old_path, new_path)"
            + " JOIN unit d ON d.path <@ m.old_path::ltree"
            + " WHERE d.id <> ALL($3::bigint[])"
            + " ORDER BY d.id, nlevel(m.old_path::ltree) DESC) s"
            + " WHERE u.id = s.id";

    /** Each row's tags come as one text joined by commas ({@code unnest} cannot take an array of arrays). */
    private static final String UPSERT = "INSERT INTO unit (id, code, name, kind, service_line, area, parent_id, path, active, tags)"
            + " SELECT r.id, r.code, r.name, r.kind, r.line, r.area, r.parent, r.path::ltree, r.active,"
            + " string_to_array(r.tags, ',')"
            + " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],"
            + " $8::text[], $9::bool[], $10::text[]) AS r(id, code, name, kind, line, area, parent, path, active, tags)"
            + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,"
            + " service_line = EXCLUDED.service_line, area = EXCLUDED.area, parent_id = EXCLUDED.parent_id,"
            + " path = EXCLUDED.path, active = EXCLUDED.active, tags = EXCLUDED.tags, updated_at = now()";

    /** One key for every writer of the tree: moves must see a tree no one else is moving. */
    private static final long TREE_LOCK = 0x5347_7472_6565L;

    @Inject
    Pool pool;

    @Inject
    io.servicegrade.platform.database.Transactions transactions;

    public Uni<Unit> findByCode(String code) {
        return findByCode(null, code);
    }

    /**
     * The tree as a closing of a period kept it (issue 18): a closed period's boards are read over it, so later moves,
     * renames and retirements leave them as they were. Null: the tree as it is.
     */
    public record TreeAt(String scheme, String period, int closing) {
    }

    /**
     * The statement {@code sql} over the tree {@code at} (null: the tree as it is): a closed tree is put in place of
     * {@code unit} for the statement, so each read of the tree is the same text over either; its keys are the
     * parameters after {@code parameters}.
     */
    private Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> over(TreeAt at, String sql,
            List<Object> parameters) {
        if (at == null) {
            return pool.preparedQuery(sql).execute(Tuple.tuple(parameters));
        }
        int n = parameters.size();
        List<Object> all = new java.util.ArrayList<>(parameters);
        all.addAll(List.of(at.scheme(), at.period(), at.closing()));
        return pool.preparedQuery("WITH unit AS (SELECT id, code, name, kind, service_line, area, parent_id, path,"
                + " active, tags, created_at, updated_at FROM closed_unit WHERE scheme_key = $" + (n + 1)
                + " AND period_id = $" + (n + 2) + " AND closing = $" + (n + 3) + ") " + sql)
                .execute(Tuple.tuple(all));
    }

    /** The unit with this code in the tree {@code at} (null: as it is); null when there is none. */
    public Uni<Unit> findByCode(TreeAt at, String code) {
        return over(at, "SELECT " + COLUMNS + FROM + " WHERE u.code = $1", List.of(code))
                .map(rows -> rows.size() == 0 ? null : unit(rows.iterator().next()));
    }

    /** Units matching the filters, ordered by code, after the code {@code afterCode}. */
    public Uni<List<Unit>> list(String underPath, String kind, String serviceLine, String area, Boolean active,
            String afterCode, int limit) {
        return list(underPath, kind, serviceLine, area, null, active, afterCode, limit);
    }

    /** As above, only units carrying {@code tag} (issue 17; null: any). */
    public Uni<List<Unit>> list(String underPath, String kind, String serviceLine, String area, String tag,
            Boolean active, String afterCode, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.tuple(java.util.Arrays.asList(underPath, kind, serviceLine, area, active, afterCode,
                        limit, tag)))
                .map(UnitRepository::units);
    }

    /** How many units match the filters of {@link #list}, over all pages. */
    public Uni<Integer> count(String underPath, String kind, String serviceLine, String area, Boolean active) {
        return count(underPath, kind, serviceLine, area, null, active);
    }

    /** As above, only units carrying {@code tag} (issue 17; null: any). */
    public Uni<Integer> count(String underPath, String kind, String serviceLine, String area, String tag,
            Boolean active) {
        return pool.preparedQuery(COUNT)
                .execute(Tuple.tuple(java.util.Arrays.asList(underPath, kind, serviceLine, area, active, tag)))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** The service lines the active units have, in order. */
    public Uni<List<String>> serviceLines() {
        return pool.query("SELECT DISTINCT service_line FROM unit WHERE active AND service_line IS NOT NULL"
                + " ORDER BY service_line").execute()
                .map(rows -> { List<String> lines = new java.util.ArrayList<>(); rows.forEach(r -> lines.add(r.getString(0))); return lines; });
    }

    /** The kinds the active units have, in order (issue 14: a filter names one of these or is refused). */
    public Uni<List<String>> kinds() {
        return pool.query("SELECT DISTINCT kind FROM unit WHERE active ORDER BY kind").execute()
                .map(rows -> { List<String> kinds = new java.util.ArrayList<>(); rows.forEach(r -> kinds.add(r.getString(0))); return kinds; });
    }

    public Uni<List<Unit>> findByIds(Collection<Long> ids) {
        return findByIds(null, ids);
    }

    /** The units with these ids in the tree {@code at} (null: as it is). */
    public Uni<List<Unit>> findByIds(TreeAt at, Collection<Long> ids) {
        return over(at, "SELECT " + COLUMNS + FROM + " WHERE u.id = ANY($1)",
                List.of((Object) ids.toArray(Long[]::new))).map(UnitRepository::units);
    }

    public Uni<List<Unit>> childrenOf(Collection<Long> parentIds) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE u.parent_id = ANY($1) ORDER BY u.code")
                .execute(Tuple.of(parentIds.toArray(Long[]::new)))
                .map(UnitRepository::units);
    }

    /** How many units lie under each of the given ones, by id. */
    public Uni<Map<Long, Long>> descendantCounts(Collection<Long> ids) {
        return pool.preparedQuery("SELECT a.id, (SELECT count(*) FROM unit d WHERE d.path <@ a.path) - 1 AS n"
                + " FROM unit a WHERE a.id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getLong(0), row.getLong(1)));
                    return counts;
                });
    }

    /** Every active unit of the given kinds under a path (or anywhere), filtered by line and area, by code. */
    public Uni<List<Unit>> graded(String underPath, List<String> kinds, String serviceLine, String area) {
        return graded(underPath, kinds, serviceLine, area, null);
    }

    /**
     * As {@link #graded(String, List, String, String)}, only the units in {@code scope} (issue 16: the ids whose
     * subtrees a scoped reader reaches, {@link io.servicegrade.platform.security.Scope}; null: no bound).
     */
    public Uni<List<Unit>> graded(String underPath, List<String> kinds, String serviceLine, String area,
            List<Long> scope) {
        return graded(underPath, kinds, serviceLine, area, null, scope);
    }

    /** As above, only the units carrying {@code tag} (issue 17: a board's tag filter; null: any). */
    public Uni<List<Unit>> graded(String underPath, List<String> kinds, String serviceLine, String area, String tag,
            List<Long> scope) {
        return graded(null, underPath, kinds, serviceLine, area, tag, scope);
    }

    /** As above, in the tree {@code at} (issue 18: a closed period's; null: the tree as it is). */
    public Uni<List<Unit>> graded(TreeAt at, String underPath, List<String> kinds, String serviceLine, String area,
            String tag, List<Long> scope) {
        return over(at, "SELECT " + COLUMNS + FROM
                + " WHERE u.active AND u.kind = ANY($2) AND ($1::text IS NULL OR u.path <@ $1::text::ltree)"
                + " AND ($3::text IS NULL OR u.service_line = $3) AND ($4::text IS NULL OR u.area = $4)"
                + " AND " + io.servicegrade.platform.security.Scope.predicate("u", 5)
                + " AND ($6::text IS NULL OR u.tags @> ARRAY[$6::text])"
                + " ORDER BY u.code", java.util.Arrays.asList(underPath, kinds.toArray(String[]::new), serviceLine,
                        area, scope == null ? null : scope.toArray(Long[]::new), tag))
                .map(UnitRepository::units);
    }

    /** Whether the unit is in {@code scope} (issue 16: the ids of the subtrees' roots; null: every unit is). */
    public Uni<Boolean> inScope(long id, List<Long> scope) {
        return pool.preparedQuery("SELECT count(*) FROM unit u WHERE u.id = $1 AND "
                + io.servicegrade.platform.security.Scope.predicate("u", 2))
                .execute(Tuple.of(id, scope == null ? null : scope.toArray(Long[]::new)))
                .map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    /**
     * Of {@code unitIds}, those outside a caller's scope ({@code scope}: {@link Scope#parameter}, null for no
     * bound; issue 16), over the write's own connection; one statement, none when no bound applies.
     */
    public static Uni<java.util.Set<Long>> outsideScope(io.vertx.mutiny.sqlclient.SqlClient client, Long[] scope,
            Collection<Long> unitIds) {
        if (scope == null || unitIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        return client.preparedQuery("SELECT u.id FROM unit u WHERE u.id = ANY($2::bigint[]) AND NOT "
                + Scope.predicate("u", 1))
                .execute(io.vertx.mutiny.sqlclient.Tuple.tuple(java.util.Arrays.asList(scope,
                        new java.util.LinkedHashSet<>(unitIds).toArray(Long[]::new))))
                .map(rows -> {
                    java.util.Set<Long> out = new java.util.LinkedHashSet<>();
                    rows.forEach(row -> out.add(row.getLong(0)));
                    return out;
                });
    }

    /** The ids of the units with these codes, by code; unknown codes are absent. */
    public Uni<Map<String, Long>> idsByCodes(Collection<String> codes) {
        return pool.preparedQuery("SELECT id, code FROM unit WHERE code = ANY($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> ids = new HashMap<>();
                    rows.forEach(row -> ids.put(row.getString("code"), row.getLong("id")));
                    return ids;
                });
    }

    /** The codes of the windows under the unit {@code code}, in code order; none when there is no such unit. */
    /** A window under a unit: its code, service line and area (the nearest one given on it or above it). */
    public record WindowLine(String code, String serviceLine, String area) {
    }

    /** The windows under {@code code}, by code, each with its service line and area (for the demo's evaluations). */
    public Uni<List<WindowLine>> windowsUnder(String code) {
        return pool.preparedQuery("""
                SELECT w.code, w.service_line,
                       (SELECT a.area FROM unit a WHERE a.path @> w.path AND a.area IS NOT NULL
                        ORDER BY nlevel(a.path) DESC LIMIT 1)
                FROM unit w
                WHERE w.kind = 'window' AND w.path <@ (SELECT path FROM unit WHERE code = $1)
                ORDER BY w.code""")
                .execute(Tuple.of(code))
                .map(rows -> {
                    List<WindowLine> windows = new java.util.ArrayList<>();
                    rows.forEach(row -> windows.add(new WindowLine(row.getString(0), row.getString(1),
                            row.getString(2))));
                    return windows;
                });
    }

    /**
     * Issue 20: the active units in {@code scope} (null: the whole tree) that {@code text} may name on a board's
     * filter: by code (any case) or by name, whole or in part; an exact code first, then exact names, then by path.
     */
    public Uni<List<Unit>> named(String text, List<Long> scope, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM
                + " WHERE u.active AND (lower(u.code) = lower($1) OR strpos(lower(u.name), lower($1)) > 0)"
                + " AND " + Scope.predicate("u", 2)
                + " ORDER BY lower(u.code) = lower($1) DESC, u.name = $1 DESC, u.path LIMIT $3")
                .execute(Tuple.of(text, scope == null ? null : scope.toArray(Long[]::new), limit))
                .map(UnitRepository::units);
    }

    /**
     * Issue 20: the active units with active units under them (the groups a board can be filtered to), in
     * {@code scope} (null: the whole tree), in tree order, at most {@code limit}.
     */
    public Uni<List<Unit>> groups(List<Long> scope, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM
                + " WHERE u.active AND EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id AND c.active)"
                + " AND " + Scope.predicate("u", 1) + " ORDER BY u.path LIMIT $2")
                .execute(Tuple.of(scope == null ? null : scope.toArray(Long[]::new), limit))
                .map(UnitRepository::units);
    }

    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM unit").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Runs {@code work} in one transaction holding the tree's lock. The tree's revision goes up with it, so that
     * standings boards kept in memory on any instance know they are stale.
     */
    public <T> Uni<T> inTreeTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return transactions.write(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(TREE_LOCK))
                .flatMap(locked -> work.apply(connection))
                .call(result -> connection.query("UPDATE unit_tree_revision SET revision = revision + 1").execute()));
    }

    Uni<Map<String, StoredUnit>> storedByCodes(SqlConnection connection, Collection<String> codes) {
        return connection.preparedQuery("SELECT u.id, u.code, u.name, u.kind, u.service_line, u.area, u.parent_id,"
                + " p.code AS parent_code, u.path::text AS path, u.active, u.tags" + FROM + " WHERE u.code = ANY($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredUnit> stored = new HashMap<>();
                    for (Row row : rows) {
                        stored.put(row.getString("code"), new StoredUnit(row.getLong("id"), row.getString("code"),
                                row.getString("name"), row.getString("kind"), row.getString("service_line"),
                                row.getString("area"), row.getLong("parent_id"), row.getString("parent_code"),
                                row.getString("path"), row.getBoolean("active"),
                                List.of(row.getArrayOfStrings("tags"))));
                    }
                    return stored;
                });
    }

    Uni<List<Long>> newIds(SqlConnection connection, int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery("SELECT nextval('unit_id_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(count);
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    Uni<Void> apply(SqlConnection connection, TreeChange change) {
        Uni<Void> moved = Uni.createFrom().voidItem();
        if (!change.moves.isEmpty()) {
            Long[] written = change.rows.stream().map(TreeChange.Row::id).toArray(Long[]::new);
            moved = connection.preparedQuery(MOVE_SUBTREES)
                    .execute(Tuple.of(change.moves.stream().map(TreeChange.Move::oldPath).toArray(String[]::new),
                            change.moves.stream().map(TreeChange.Move::newPath).toArray(String[]::new), written))
                    .replaceWithVoid();
        }
        if (change.rows.isEmpty()) {
            return moved;
        }
        List<TreeChange.Row> rows = change.rows;
        Tuple upsert = Tuple.tuple(List.of(
                rows.stream().map(TreeChange.Row::id).toArray(Long[]::new),
                rows.stream().map(TreeChange.Row::code).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::name).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::kind).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::serviceLine).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::area).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::parentId).toArray(Long[]::new),
                rows.stream().map(TreeChange.Row::path).toArray(String[]::new),
                rows.stream().map(TreeChange.Row::active).toArray(Boolean[]::new),
                rows.stream().map(row -> String.join(",", row.tags())).toArray(String[]::new)));
        return moved.flatMap(ignored -> connection.preparedQuery(UPSERT).execute(upsert)).replaceWithVoid();
    }

    private static List<Unit> units(RowSet<Row> rows) {
        List<Unit> units = new ArrayList<>(rows.size());
        rows.forEach(row -> units.add(unit(row)));
        return units;
    }

    private static Unit unit(Row row) {
        return new Unit(row.getLong("id"), row.getString("code"), row.getString("name"), row.getString("kind"),
                row.getString("service_line"), row.getString("area"),
                List.of(row.getArrayOfStrings("tags")), row.getString("parent_code"),
                row.getString("path"), row.getBoolean("active"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
