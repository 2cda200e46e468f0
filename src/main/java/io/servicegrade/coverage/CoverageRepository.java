package io.servicegrade.coverage;

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
 * The one owner of {@code coverage_plan}, {@code coverage_interval} and {@code coverage_recount} (issue 19), and the
 * read-time coverage statements over {@code evaluation} and {@code unit} (read only). Each coverage question is one
 * statement; the rules (intervals, overdue, rates) are {@link CoverageService}'s and {@link CoverageRules}'; how the
 * kept rows are kept in short transactions is {@link CoverageKeeper}'s.
 */
@ApplicationScoped
public class CoverageRepository {

    private static final String PLAN = """
            SELECT p.key, p.version, p.name_zh, p.name_en, p.kinds, p.areas, p.tags, p.service_lines, p.source,
                   p.every_months, p.active_from, p.active_to, p.inspector_accounts,
                   ARRAY(SELECT a.login FROM unnest(p.inspector_accounts) WITH ORDINALITY AS x(id, n)
                         JOIN account a ON a.id = x.id ORDER BY x.n) AS account_logins,
                   p.inspector_agencies,
                   ARRAY(SELECT g.code FROM unnest(p.inspector_agencies) WITH ORDINALITY AS x(id, n)
                         JOIN agency g ON g.id = x.id ORDER BY x.n) AS agency_codes,
                   p.duty_minimum, p.created_at, p.created_by, p.retired_at
            FROM coverage_plan p""";

    /** The latest version of every plan, retired or not, by key. */
    private static final String LATEST = PLAN + " " + """
             WHERE p.version = (SELECT max(o.version) FROM coverage_plan o WHERE o.key = p.key)
               AND ($1::text IS NULL OR p.key = $1) ORDER BY p.key""";

    private static final String HISTORY = PLAN + " WHERE p.key = $1 ORDER BY p.version";

    private static final String INSERT = """
            INSERT INTO coverage_plan (key, version, name_zh, name_en, kinds, areas, tags, service_lines, source,
                                       every_months, active_from, active_to, inspector_accounts, inspector_agencies,
                                       duty_minimum, created_by)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
            FROM coverage_plan WHERE key = $1 RETURNING version""";

    private static final String RETIRE = """
            UPDATE coverage_plan p SET retired_at = now(), retired_by = $2
            WHERE p.key = $1 AND p.retired_at IS NULL
              AND p.version = (SELECT max(o.version) FROM coverage_plan o WHERE o.key = p.key)
            RETURNING p.version""";

    /**
     * The selection rule (issue 19): whether plan {@code p} selects unit {@code u}: active, and named by each non-empty
     * list of the plan (kinds, areas, service lines; tags: any of them). Every statement that selects uses this.
     */
    private static final String SELECTS = """
            u.active
                     AND (cardinality(p.kinds) = 0 OR u.kind = ANY(p.kinds))
                     AND (cardinality(p.areas) = 0 OR u.area = ANY(p.areas))
                     AND (cardinality(p.service_lines) = 0 OR u.service_line = ANY(p.service_lines))
                     AND (cardinality(p.tags) = 0 OR u.tags && p.tags)""";

    /**
     * The coverage rule (issue 19), the one place it is written: the active evaluations of the source {@code
     * %1$s.source} naming the unit {@code %1$s.path} or a unit below it, conducted from {@code %2$s} (included) to
     * {@code %3$s} (excluded). The read-time questions and the kept intervals both count with it.
     */
    private static final String COVERING = """
            evaluation e JOIN unit eu ON eu.id = e.unit_id
                                WHERE eu.path <@ %1$s.path AND e.source = %1$s.source AND e.status = 'active'
                                  AND e.conducted_at >= %2$s AND e.conducted_at < %3$s""";

    /**
     * The selected active units of plan versions $1 (keys) / $2 (versions), in scope $3 and under unit $4 (null:
     * anywhere). A unit is selected when each non-empty list of the plan names it (kinds, areas, service lines; tags:
     * any of them).
     */
    private static final String SELECTED = """
            p AS (SELECT c.* FROM coverage_plan c JOIN unnest($1::text[], $2::int[]) AS v(key, version)
                  ON c.key = v.key AND c.version = v.version),
            sel AS (SELECT p.key AS plan_key, p.source, u.id, u.code, u.name, u.kind, u.area, u.path
                    FROM p JOIN unit u ON %s
                    WHERE %s
                      AND ($4::bigint IS NULL OR u.path <@ (SELECT w.path FROM unit w WHERE w.id = $4)))"""
            .formatted(SELECTS, Scope.predicate("u", 3));

    /**
     * Per selected unit and interval ($5 plan keys, $6 starts, $7 ends: local days, in time zone $8): the active
     * evaluations of the plan's source named for the unit or a unit below it, conducted in the interval; the last one
     * before $9 (null: ever); and the unit's group: its nearest ancestor-or-self of kind $10 (null: none).
     */
    private static final String COVERAGE = "WITH " + SELECTED + " " + """
            , iv AS (SELECT x.plan_key, x.s, x.e, (x.s::timestamp AT TIME ZONE $8) AS s_at,
                            (x.e::timestamp AT TIME ZONE $8) AS e_at
                     FROM unnest($5::text[], $6::date[], $7::date[]) AS x(plan_key, s, e))
            SELECT sel.plan_key, sel.code, sel.name, sel.kind, sel.area, iv.s, iv.e, c.n, c.last_at, le.last_ever,
                   g.code AS group_code, g.name AS group_name
            FROM sel JOIN iv ON iv.plan_key = sel.plan_key
            CROSS JOIN LATERAL (SELECT count(*) AS n, max(e.conducted_at) AS last_at
                                FROM %s) c
            CROSS JOIN LATERAL (SELECT max(e.conducted_at) AS last_ever
                                FROM evaluation e JOIN unit eu ON eu.id = e.unit_id
                                WHERE eu.path <@ sel.path AND e.source = sel.source AND e.status = 'active'
                                  AND ($9::timestamptz IS NULL OR e.conducted_at < $9)) le
            LEFT JOIN LATERAL (SELECT g.code, g.name FROM unit g
                               WHERE $10::text IS NOT NULL AND g.kind = $10 AND sel.path <@ g.path
                               ORDER BY nlevel(g.path) DESC LIMIT 1) g ON true
            ORDER BY sel.plan_key, sel.code, iv.s""".formatted(COVERING.formatted("sel", "iv.s_at", "iv.e_at"));

    /**
     * Per inspector and interval of one plan version: the active evaluations of its source on its selected units
     * (or below them) that the inspector posted in the interval. The inspectors: the spaces $5 (agency ids, negated
     * account ids) when not null, else everyone who posted such an evaluation in one of the intervals.
     */
    private static final String DUTY = "WITH " + SELECTED + " " + """
            , iv AS (SELECT x.s, x.e, (x.s::timestamp AT TIME ZONE $8) AS s_at, (x.e::timestamp AT TIME ZONE $8) AS e_at
                     FROM unnest($6::date[], $7::date[]) AS x(s, e)),
            ev AS (SELECT e.agency_scope, iv.s
                   FROM evaluation e JOIN unit eu ON eu.id = e.unit_id
                   JOIN iv ON e.conducted_at >= iv.s_at AND e.conducted_at < iv.e_at
                   WHERE e.status = 'active' AND e.source = (SELECT p.source FROM p)
                     AND EXISTS (SELECT 1 FROM sel WHERE eu.path <@ sel.path)),
            who AS (SELECT DISTINCT x.space FROM unnest($5::bigint[]) AS x(space)
                    UNION SELECT DISTINCT ev.agency_scope FROM ev WHERE $5::bigint[] IS NULL)
            SELECT who.space, g.code AS agency_code, a.login, iv.s, iv.e, count(ev.agency_scope) AS n
            FROM who CROSS JOIN iv
            LEFT JOIN ev ON ev.agency_scope = who.space AND ev.s = iv.s
            LEFT JOIN agency g ON g.id = who.space
            LEFT JOIN account a ON a.id = -who.space
            GROUP BY who.space, g.code, a.login, iv.s, iv.e
            ORDER BY who.space, iv.s""";

    /** The plans in force (latest versions not retired), as {@code pl}. */
    private static final String IN_FORCE = """
            pl AS (SELECT p.* FROM coverage_plan p WHERE p.retired_at IS NULL
                     AND p.version = (SELECT max(o.version) FROM coverage_plan o WHERE o.key = p.key))""";

    /** The first day of plan {@code p}'s interval holding day {@code %s} (months grouped from January). */
    private static final String INTERVAL_START = """
            make_date(extract(year FROM %1$s)::int,
                      ((extract(month FROM %1$s)::int - 1) / p.every_months) * p.every_months + 1, 1)""";

    /** Plan {@code p}'s intervals from {@code %1$s} (a timestamp) to the one holding today (or its last day). */
    private static final String INTERVALS = """
            generate_series(%1$s, least((now() AT TIME ZONE $1)::date,
                                        coalesce(p.active_to, 'infinity'::date))::timestamp,
                            make_interval(months => p.every_months))""";

    /**
     * Issue 19: keeps the unit-intervals of {@code cells} (plan_key, version, source, unit_id, path, s, e; days in
     * time zone $1): counts their covering evaluations ({@link #COVERING}), derives the sample (100 covered, 0 ended
     * uncovered, null otherwise), records the plan version counted under and upserts the rows that changed; {@code
     * %2$s} adds rows to drop. Answers each row whose sample changed, with its sample before, and announces it on
     * {@link CoverageChanges#CHANNEL} at commit. Every caller holds the cells' unit locks first ({@link #LOCK_UNITS},
     * {@link #LOCK_IDS} or {@link #LOCK_RANGE}), so no write to the same unit races the count.
     */
    private static final String KEEP = """
            WITH %1$s,
            counted AS (SELECT c.plan_key, c.version, c.unit_id, c.s, c.e, n.n, k.value AS before,
                               CASE WHEN n.n > 0 THEN 100
                                    WHEN (c.e::timestamp AT TIME ZONE $1) <= now() THEN 0 END AS value
                        FROM cells c CROSS JOIN LATERAL (SELECT count(*) AS n FROM %3$s) n
                        LEFT JOIN coverage_interval k
                          ON k.plan_key = c.plan_key AND k.unit_id = c.unit_id AND k.interval_start = c.s),
            up AS (INSERT INTO coverage_interval (plan_key, plan_version, unit_id, interval_start, interval_end,
                                                  evaluations, value)
                   SELECT plan_key, version, unit_id, s, e, n, value FROM counted
                   ON CONFLICT (plan_key, unit_id, interval_start) DO UPDATE
                     SET plan_version = excluded.plan_version, interval_end = excluded.interval_end,
                         evaluations = excluded.evaluations, value = excluded.value, updated_at = now()
                   WHERE (coverage_interval.plan_version, coverage_interval.interval_end,
                          coverage_interval.evaluations, coverage_interval.value)
                         IS DISTINCT FROM (excluded.plan_version, excluded.interval_end, excluded.evaluations,
                                           excluded.value)
                   RETURNING id, plan_key, unit_id, interval_start, value),
            changed AS (SELECT up.id, up.plan_key, up.unit_id, up.interval_start, up.value, c.before
                        FROM up JOIN counted c
                          ON c.plan_key = up.plan_key AND c.unit_id = up.unit_id AND c.s = up.interval_start
                        WHERE up.value IS DISTINCT FROM c.before
                        %2$s)
            SELECT ch.id, ch.plan_key, ch.unit_id, u.code, ch.interval_start, ch.value, ch.before,
                   pg_notify('%4$s', concat_ws(E'\n', ch.plan_key, ch.unit_id, ch.interval_start,
                             coalesce(ch.value::text, ''), coalesce(ch.before::text, ''))) AS announced
            FROM changed ch JOIN unit u ON u.id = ch.unit_id""";

    /**
     * The cells evaluations touched ($2 units, $3 sources, $4 conducted): for each plan in force on the source, each
     * selected unit at or above the evaluation's unit, the interval holding its local day, when the interval
     * overlaps the plan's active days and has begun.
     */
    private static final String TOUCHED = IN_FORCE + """
            ,
            t AS (SELECT DISTINCT x.unit_id, x.source, (x.at AT TIME ZONE $1)::date AS day
                  FROM unnest($2::bigint[], $3::text[], $4::timestamptz[]) AS x(unit_id, source, at)),
            cells AS (SELECT DISTINCT p.key AS plan_key, p.version, p.source, u.id AS unit_id, u.path, iv.s,
                             (iv.s + make_interval(months => p.every_months))::date AS e
                      FROM t JOIN pl p ON p.source = t.source
                      JOIN unit tu ON tu.id = t.unit_id
                      JOIN unit u ON u.path @> tu.path AND %1$s
                      CROSS JOIN LATERAL (SELECT %2$s AS s) iv
                      WHERE (iv.s + make_interval(months => p.every_months))::date > p.active_from
                        AND (p.active_to IS NULL OR iv.s <= p.active_to)
                        AND iv.s <= (now() AT TIME ZONE $1)::date)""";

    /**
     * A recount's range of units (ids above $3, up to $4) of plan $2: every cell of each selected unit in it, from the
     * interval holding the plan's first day to the one holding today (or its last day); the plan's rows of units in
     * the range that are no cell (no longer selected, another frequency, the plan retired) are dropped.
     */
    private static final String RANGE_CELLS = IN_FORCE + """
            ,
            cells AS (SELECT p.key AS plan_key, p.version, p.source, u.id AS unit_id, u.path, iv.s::date AS s,
                             (iv.s + make_interval(months => p.every_months))::date AS e
                      FROM pl p JOIN unit u ON %1$s
                      CROSS JOIN LATERAL %2$s AS iv(s)
                      WHERE p.key = $2 AND u.id > $3 AND u.id <= $4),
            gone AS (DELETE FROM coverage_interval k WHERE k.plan_key = $2 AND k.unit_id > $3 AND k.unit_id <= $4
                       AND NOT EXISTS (SELECT 1 FROM cells c WHERE c.unit_id = k.unit_id AND c.s = k.interval_start)
                     RETURNING k.id, k.plan_key, k.unit_id, k.interval_start, k.value)""";

    /** The cells the sweep names ($2 plan keys, $3 units, $4 interval starts), those still selected. */
    private static final String GIVEN_CELLS = IN_FORCE + """
            ,
            cells AS (SELECT p.key AS plan_key, p.version, p.source, u.id AS unit_id, u.path, x.s,
                             (x.s + make_interval(months => p.every_months))::date AS e
                      FROM unnest($2::text[], $3::bigint[], $4::date[]) AS x(plan_key, unit_id, s)
                      JOIN pl p ON p.key = x.plan_key JOIN unit u ON u.id = x.unit_id AND %1$s)""";

    private static final String COVERS = COVERING.formatted("c", "(c.s::timestamp AT TIME ZONE $1)",
            "(c.e::timestamp AT TIME ZONE $1)");

    private static final String FIRST = "(" + INTERVAL_START.formatted("p.active_from") + ")::timestamp";

    private static final String KEEP_TOUCHED = KEEP.formatted(TOUCHED.formatted(SELECTS,
            INTERVAL_START.formatted("t.day")), "", COVERS, CoverageChanges.CHANNEL);

    private static final String KEEP_RANGE = KEEP.formatted(RANGE_CELLS.formatted(SELECTS, INTERVALS.formatted(FIRST)),
            "UNION ALL SELECT id, plan_key, unit_id, interval_start, NULL, value FROM gone WHERE value IS NOT NULL",
            COVERS, CoverageChanges.CHANNEL);

    private static final String KEEP_GIVEN = KEEP.formatted(GIVEN_CELLS.formatted(SELECTS), "", COVERS,
            CoverageChanges.CHANNEL);

    /** Whether the plan keyed {@code %s} is being recounted: the sweep leaves its cells to the recount. */
    private static final String RECOUNTING = "EXISTS (SELECT 1 FROM coverage_recount r WHERE r.plan_key = %s)";

    /**
     * The sweep's cells to open, at most $2: for each plan in force not being recounted and each selected unit, the
     * intervals after the last one kept under the plan's version (from the plan's first interval when none is) up
     * to the one holding today. A unit selected since the plan's put gets its past intervals here too.
     */
    private static final String OPENING = "WITH " + IN_FORCE + """
            ,
            last AS (SELECT p.key, p.every_months, p.active_from, p.active_to, u.id AS unit_id,
                            (SELECT max(k.interval_start) FROM coverage_interval k
                             WHERE k.plan_key = p.key AND k.unit_id = u.id AND k.plan_version = p.version) AS m
                     FROM pl p JOIN unit u ON %1$s
                     WHERE NOT %2$s)
            SELECT p.key AS plan_key, p.unit_id, iv.s::date AS s
            FROM last p CROSS JOIN LATERAL %3$s AS iv(s)
            ORDER BY p.unit_id, p.key, iv.s LIMIT $2""".formatted(SELECTS, RECOUNTING.formatted("p.key"),
            INTERVALS.formatted("coalesce((p.m + make_interval(months => p.every_months))::timestamp, " + FIRST
                    + ")"));

    /**
     * The sweep's cells to end, at most $2, oldest first: kept rows still undecided (in progress and uncovered when
     * counted) whose interval has ended, of plans in force not being recounted and units still selected.
     */
    private static final String ENDING = "WITH " + IN_FORCE + """

            SELECT k.plan_key, k.unit_id, k.interval_start AS s FROM coverage_interval k
            JOIN pl p ON p.key = k.plan_key AND k.plan_version = p.version
            JOIN unit u ON u.id = k.unit_id AND %1$s
            WHERE k.value IS NULL AND k.interval_end <= (now() AT TIME ZONE $1)::date AND NOT %2$s
            ORDER BY k.interval_end, k.id LIMIT $2""".formatted(SELECTS, RECOUNTING.formatted("k.plan_key"));

    /** Queues a recount of plan $1 from its first unit (a put or delete while one runs starts it over). */
    private static final String QUEUE = """
            INSERT INTO coverage_recount (plan_key) VALUES ($1)
            ON CONFLICT (plan_key) DO UPDATE SET after_unit = 0, queued_at = now()""";

    /** Claims plan $1's queued recount for one range's transaction, after a range another transaction counts. */
    private static final String CLAIM_ONE = "SELECT plan_key, after_unit FROM coverage_recount WHERE plan_key = $1"
            + " FOR UPDATE";

    /** Claims the oldest queued recount no other transaction holds, for one range's transaction. */
    private static final String CLAIM_ANY = "SELECT plan_key, after_unit FROM coverage_recount"
            + " ORDER BY queued_at, plan_key LIMIT 1 FOR UPDATE SKIP LOCKED";

    /**
     * The last unit of the next range of a recount of plan $1 after unit $2 (days in time zone $5): its next selected
     * units by id, as many as hold about $3 cells (at least one, at most $4); null when no selected unit is left.
     */
    private static final String NEXT_RANGE = ("WITH " + IN_FORCE + """
            ,
            n AS (SELECT count(*) AS n FROM pl p CROSS JOIN LATERAL %2$s AS iv(s) WHERE p.key = $1)
            SELECT max(r.id) AS hi FROM (
                SELECT u.id FROM pl p JOIN unit u ON %1$s WHERE p.key = $1 AND u.id > $2 ORDER BY u.id
                LIMIT (SELECT least($4::bigint, greatest(1, $3::bigint / greatest(n.n, 1))) FROM n)) r""")
            .formatted(SELECTS, INTERVALS.replace("$1", "$5").formatted(FIRST));

    /**
     * The end of a recount of plan $1: drops up to $3 of its rows of units after $2 (past the last selected unit;
     * every row when the plan is retired), answering them as {@link #KEEP} answers dropped rows.
     */
    private static final String TAIL = """
            WITH gone AS (DELETE FROM coverage_interval k WHERE k.id IN (
                              SELECT id FROM coverage_interval WHERE plan_key = $1 AND unit_id > $2
                              ORDER BY id LIMIT $3)
                          RETURNING k.id, k.plan_key, k.unit_id, k.interval_start, k.value)
            SELECT g.id, g.plan_key, g.unit_id, u.code, g.interval_start, NULL::numeric AS value, g.value AS before,
                   CASE WHEN g.value IS NOT NULL THEN pg_notify('%s', concat_ws(E'\n', g.plan_key, g.unit_id,
                        g.interval_start, '', g.value::text)) END AS announced
            FROM gone g JOIN unit u ON u.id = g.unit_id""".formatted(CoverageChanges.CHANNEL);

    /**
     * The selected units at or above evaluations' units ($1) of covered sources ($2), in id order: an evaluation write
     * locks them before its standing inputs, so two writes that touch one unit-interval count it in turn.
     */
    private static final String LOCK_UNITS = "WITH " + IN_FORCE + " " + """
            SELECT pg_advisory_xact_lock(hashtext('coverage_unit'), l.id::int)
            FROM (SELECT DISTINCT u.id FROM unnest($1::bigint[], $2::text[]) AS t(unit_id, source)
                  JOIN pl p ON p.source = t.source JOIN unit tu ON tu.id = t.unit_id
                  JOIN unit u ON u.path @> tu.path AND %s
                  ORDER BY u.id) l""".formatted(SELECTS);

    /** The units $1 (the sweep's cells'), in id order: as {@link #LOCK_UNITS}, so the two never wait in a circle. */
    private static final String LOCK_IDS = """
            SELECT pg_advisory_xact_lock(hashtext('coverage_unit'), l.id::int)
            FROM (SELECT DISTINCT x.id FROM unnest($1::bigint[]) AS x(id) ORDER BY x.id) l""";

    /** The units plan $1 selects with ids above $2 and up to $3 (a recount's range), in id order. */
    private static final String LOCK_RANGE = "WITH " + IN_FORCE + " " + """
            SELECT pg_advisory_xact_lock(hashtext('coverage_unit'), l.id::int)
            FROM (SELECT u.id FROM pl p JOIN unit u ON %s WHERE p.key = $1 AND u.id > $2 AND u.id <= $3
                  ORDER BY u.id) l""".formatted(SELECTS);

    /** The sources plans in force cover: what an evaluation write checks before it keeps coverage. */
    private static final String SOURCES = "WITH " + IN_FORCE + " SELECT DISTINCT source FROM pl";

    @Inject
    Pool pool;

    /** One coverage row: a unit in an interval of a plan. */
    record UnitInterval(String plan, String unit, String name, String kind, String area, LocalDate start,
            LocalDate end, long evaluations, OffsetDateTime lastInInterval, OffsetDateTime lastEver,
            String groupCode, String groupName) {
    }

    /** One duty row: an inspector's inspections in an interval. */
    record InspectorInterval(long space, String agencyCode, String login, LocalDate start, LocalDate end,
            long inspections) {
    }

    /** The latest version of each plan (of {@code key} only when not null), retired ones included. */
    Uni<List<CoveragePlan>> latest(String key) {
        return pool.preparedQuery(LATEST).execute(Tuple.tuple(Arrays.asList(key))).map(CoverageRepository::plans);
    }

    /** Every version of the plan, oldest first. */
    Uni<List<CoveragePlan>> history(String key) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(key)).map(CoverageRepository::plans);
    }

    /**
     * Adds a version of the plan (the next number), in the caller's transaction; two puts of one key take turns on
     * the key's advisory lock.
     */
    Uni<CoveragePlan> insert(SqlClient connection, String key, CoveragePlanInput.Draft d, List<Long> accounts,
            List<Long> agencies, String actor) {
        return lock(connection, key).flatMap(locked -> connection.preparedQuery(INSERT).execute(Tuple.tuple(
                        Arrays.asList(key, d.nameZh(), d.nameEn(), d.kinds().toArray(String[]::new),
                                d.areas().toArray(String[]::new), d.tags().toArray(String[]::new),
                                d.serviceLines().toArray(String[]::new), d.source(), d.everyMonths(), d.activeFrom(),
                                d.activeTo(), accounts.toArray(Long[]::new), agencies.toArray(Long[]::new),
                                d.dutyMinimum(), actor))))
                .flatMap(rows -> connection.preparedQuery(PLAN + " WHERE p.key = $1 AND p.version = $2")
                        .execute(Tuple.of(key, rows.iterator().next().getInteger(0))))
                .map(rows -> plans(rows).get(0));
    }

    /** Marks the plan's latest version retired; the number of that version, or null when there was none to retire. */
    Uni<Integer> retire(SqlClient connection, String key, String actor) {
        return lock(connection, key).flatMap(locked -> connection.preparedQuery(RETIRE).execute(Tuple.of(key, actor)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }

    private static Uni<Void> lock(SqlClient connection, String key) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('coverage_plan:' || $1))")
                .execute(Tuple.of(key)).replaceWithVoid();
    }

    /** The ids of the accounts with these logins (read from the account's owner's table; absent ones left out). */
    Uni<Map<String, Long>> accountIds(List<String> logins) {
        return ids("SELECT login, id FROM account WHERE login = ANY($1)",
                logins.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** The ids of the agencies with these codes. */
    Uni<Map<String, Long>> agencyIds(List<String> codes) {
        return ids("SELECT code, id FROM agency WHERE code = ANY($1)", codes);
    }

    private Uni<Map<String, Long>> ids(String sql, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(sql).execute(Tuple.of(names.toArray(String[]::new))).map(rows -> {
            Map<String, Long> ids = new HashMap<>();
            rows.forEach(row -> ids.put(row.getString(0), row.getLong(1)));
            return ids;
        });
    }

    /** The coverage of the plans' intervals, one row per selected unit and interval (see {@link #COVERAGE}). */
    Uni<List<UnitInterval>> coverage(List<CoveragePlan> plans, List<String> ivPlans, List<LocalDate> starts,
            List<LocalDate> ends, Long[] scope, Long under, String zone, OffsetDateTime until, String groupKind) {
        Tuple args = Tuple.tuple(Arrays.asList(plans.stream().map(CoveragePlan::key).toArray(String[]::new),
                plans.stream().map(CoveragePlan::version).toArray(Integer[]::new), scope, under,
                ivPlans.toArray(String[]::new), starts.toArray(LocalDate[]::new), ends.toArray(LocalDate[]::new),
                zone, until, groupKind));
        return pool.preparedQuery(COVERAGE).execute(args).map(rows -> {
            List<UnitInterval> out = new ArrayList<>();
            rows.forEach(r -> out.add(new UnitInterval(r.getString("plan_key"), r.getString("code"),
                    r.getString("name"), r.getString("kind"), r.getString("area"), r.getLocalDate("s"),
                    r.getLocalDate("e"), r.getLong("n"), r.getOffsetDateTime("last_at"),
                    r.getOffsetDateTime("last_ever"), r.getString("group_code"), r.getString("group_name"))));
            return out;
        });
    }

    /** The inspections per inspector and interval of one plan (see {@link #DUTY}). */
    Uni<List<InspectorInterval>> duty(CoveragePlan plan, List<Interval> intervals, Long[] scope, Long under,
            Long[] inspectors, String zone) {
        Tuple args = Tuple.tuple(Arrays.asList(new String[] {plan.key()}, new Integer[] {plan.version()}, scope,
                under, inspectors, intervals.stream().map(Interval::start).toArray(LocalDate[]::new),
                intervals.stream().map(Interval::end).toArray(LocalDate[]::new), zone));
        return pool.preparedQuery(DUTY).execute(args).map(rows -> {
            List<InspectorInterval> out = new ArrayList<>();
            rows.forEach(r -> out.add(new InspectorInterval(r.getLong("space"), r.getString("agency_code"),
                    r.getString("login"), r.getLocalDate("s"), r.getLocalDate("e"), r.getLong("n"))));
            return out;
        });
    }

    /** One kept unit-interval whose sample changed (issue 19): its id, sample now and before (null: none). */
    record Kept(long id, String plan, long unitId, String unit, LocalDate start, java.math.BigDecimal value,
            java.math.BigDecimal before) {
    }

    /** The sources of the plans in force (read before a write's transaction, like the schemes). */
    Uni<java.util.Set<String>> coveredSources() {
        return pool.query(SOURCES).execute().map(rows -> {
            java.util.Set<String> sources = new java.util.HashSet<>();
            rows.forEach(r -> sources.add(r.getString(0)));
            return sources;
        });
    }

    /**
     * Keeps, over the caller's transaction, the unit-intervals evaluations touched (as they were and are: units,
     * sources, conducted times side by side), once {@link #lockTouched} locked them; one statement.
     */
    Uni<List<Kept>> keepTouched(SqlClient connection, String zone, Long[] units, String[] sources,
            OffsetDateTime[] conducted) {
        return connection.preparedQuery(KEEP_TOUCHED).execute(Tuple.of(zone, units, sources, conducted))
                .map(CoverageRepository::kept);
    }

    /**
     * Before an evaluation write refreshes anything: locks the selected units the evaluations touch (in id order).
     * Every coverage writer (evaluation writes, the sweep, recounts) takes its unit locks first, in id order, and the
     * standing periods after, so they never wait on each other in a circle.
     */
    Uni<Void> lockTouched(SqlClient connection, Long[] units, String[] sources) {
        return connection.preparedQuery(LOCK_UNITS).execute(Tuple.of(units, sources)).replaceWithVoid();
    }

    /** Tells every instance, at commit, that plan {@code key} was put or deleted. */
    Uni<Void> announcePlan(SqlClient connection, String channel, String key) {
        return connection.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, key))
                .replaceWithVoid();
    }

    /** Queues a recount of plan {@code key} over the caller's transaction (its put or delete). */
    Uni<Void> queueRecount(SqlClient connection, String key) {
        return connection.preparedQuery(QUEUE).execute(Tuple.of(key)).replaceWithVoid();
    }

    /** A queued recount claimed for one range: the plan and the last unit counted so far. */
    record Recount(String plan, long afterUnit) {
    }

    /**
     * Claims, over the caller's transaction, plan {@code key}'s queued recount (waiting for a range being counted), or
     * with {@code key} null the oldest one nobody holds; null when there is none.
     */
    Uni<Recount> claimRecount(SqlClient connection, String key) {
        return (key == null ? connection.query(CLAIM_ANY).execute()
                : connection.preparedQuery(CLAIM_ONE).execute(Tuple.of(key)))
                .map(rows -> rows.size() == 0 ? null : new Recount(rows.iterator().next().getString("plan_key"),
                        rows.iterator().next().getLong("after_unit")));
    }

    /**
     * The last unit of the recount's next range: its next selected units, as many as hold about {@code cells} cells
     * (at most {@code units}); null when none is left.
     */
    Uni<Long> nextRange(SqlClient connection, String zone, Recount recount, int cells, int units) {
        return connection.preparedQuery(NEXT_RANGE).execute(Tuple.of(recount.plan(), recount.afterUnit(), cells,
                units, zone)).map(rows -> rows.iterator().next().getLong("hi"));
    }

    /**
     * Counts a recount's range (units after the last counted, up to {@code last}) under its unit locks, and records
     * the range done; answers the rows whose samples changed or that were dropped.
     */
    Uni<List<Kept>> keepRange(SqlClient connection, String zone, Recount recount, long last) {
        return connection.preparedQuery(LOCK_RANGE).execute(Tuple.of(recount.plan(), recount.afterUnit(), last))
                .flatMap(locked -> connection.preparedQuery(KEEP_RANGE)
                        .execute(Tuple.of(zone, recount.plan(), recount.afterUnit(), last)))
                .map(CoverageRepository::kept)
                .call(kept -> connection.preparedQuery("UPDATE coverage_recount SET after_unit = $2 WHERE plan_key = $1")
                        .execute(Tuple.of(recount.plan(), last)));
    }

    /**
     * The end of a recount: drops up to {@code limit} of the plan's rows past its last selected unit, and when fewer
     * were left the recount is done (its queue row goes); answers the rows dropped.
     */
    Uni<List<Kept>> endRecount(SqlClient connection, Recount recount, int limit) {
        return connection.preparedQuery(TAIL).execute(Tuple.of(recount.plan(), recount.afterUnit(), limit))
                .map(CoverageRepository::kept)
                .call(gone -> gone.size() >= limit ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("DELETE FROM coverage_recount WHERE plan_key = $1")
                                .execute(Tuple.of(recount.plan())).replaceWithVoid());
    }

    /** Cells the sweep names: plans, units and interval starts side by side. */
    record Cells(String[] plans, Long[] units, LocalDate[] starts) {
        int size() {
            return units.length;
        }
    }

    /** The sweep's next cells to open (see {@link #OPENING}), at most {@code limit}. */
    Uni<Cells> opening(SqlClient connection, String zone, int limit) {
        return connection.preparedQuery(OPENING).execute(Tuple.of(zone, limit)).map(CoverageRepository::cells);
    }

    /** The sweep's next cells to end (see {@link #ENDING}), at most {@code limit}. */
    Uni<Cells> ending(SqlClient connection, String zone, int limit) {
        return connection.preparedQuery(ENDING).execute(Tuple.of(zone, limit)).map(CoverageRepository::cells);
    }

    /** Keeps the named cells over the caller's transaction, under their units' locks (taken here, in id order). */
    Uni<List<Kept>> keepCells(SqlClient connection, String zone, Cells cells) {
        return connection.preparedQuery(LOCK_IDS).execute(Tuple.of((Object) cells.units()))
                .flatMap(locked -> connection.preparedQuery(KEEP_GIVEN)
                        .execute(Tuple.of(zone, cells.plans(), cells.units(), cells.starts())))
                .map(CoverageRepository::kept);
    }

    private static Cells cells(RowSet<Row> rows) {
        List<String> plans = new ArrayList<>();
        List<Long> units = new ArrayList<>();
        List<LocalDate> starts = new ArrayList<>();
        rows.forEach(r -> {
            plans.add(r.getString("plan_key"));
            units.add(r.getLong("unit_id"));
            starts.add(r.getLocalDate("s"));
        });
        return new Cells(plans.toArray(String[]::new), units.toArray(Long[]::new),
                starts.toArray(LocalDate[]::new));
    }

    /**
     * The unit of a coverage change as a reader sees it: its code and name when it is in scope $2 (null: no bound)
     * and under unit $3 (null: anywhere); null otherwise.
     */
    Uni<String[]> announced(long unitId, Long[] scope, Long under) {
        return pool.preparedQuery("SELECT u.code, u.name FROM unit u WHERE u.id = $1 AND "
                        + Scope.predicate("u", 2)
                        + " AND ($3::bigint IS NULL OR u.path <@ (SELECT w.path FROM unit w WHERE w.id = $3))")
                .execute(Tuple.tuple(Arrays.asList(unitId, scope, under)))
                .map(rows -> rows.size() == 0 ? null
                        : new String[] {rows.iterator().next().getString(0), rows.iterator().next().getString(1)});
    }

    private static List<Kept> kept(RowSet<Row> rows) {
        List<Kept> out = new ArrayList<>();
        rows.forEach(r -> out.add(new Kept(r.getLong("id"), r.getString("plan_key"), r.getLong("unit_id"),
                r.getString("code"), r.getLocalDate("interval_start"), r.getBigDecimal("value"),
                r.getBigDecimal("before"))));
        return out;
    }

    private static List<CoveragePlan> plans(RowSet<Row> rows) {
        List<CoveragePlan> plans = new ArrayList<>();
        rows.forEach(r -> plans.add(new CoveragePlan(r.getString("key"), r.getInteger("version"),
                r.getString("name_zh"), r.getString("name_en"), List.of(r.getArrayOfStrings("kinds")),
                List.of(r.getArrayOfStrings("areas")), List.of(r.getArrayOfStrings("tags")),
                List.of(r.getArrayOfStrings("service_lines")), r.getString("source"), r.getInteger("every_months"),
                r.getLocalDate("active_from"), r.getLocalDate("active_to"),
                List.of(r.getArrayOfLongs("inspector_accounts")), List.of(r.getArrayOfStrings("account_logins")),
                List.of(r.getArrayOfLongs("inspector_agencies")), List.of(r.getArrayOfStrings("agency_codes")),
                r.getInteger("duty_minimum"), r.getOffsetDateTime("created_at"), r.getString("created_by"),
                r.getOffsetDateTime("retired_at"))));
        return plans;
    }
}
