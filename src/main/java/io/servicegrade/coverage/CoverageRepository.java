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
 * The one owner of {@code coverage_plan} (issue 19), and the read-time coverage statements over {@code evaluation}
 * and {@code unit} (read only). Each coverage question is one statement; the rules (intervals, overdue, rates) are
 * {@link CoverageService}'s and {@link CoverageRules}'.
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
     * The selected active units of plan versions $1 (keys) / $2 (versions), in scope $3 and under unit $4 (null:
     * anywhere). A unit is selected when each non-empty list of the plan names it (kinds, areas, service lines; tags:
     * any of them).
     */
    private static final String SELECTED = """
            p AS (SELECT c.* FROM coverage_plan c JOIN unnest($1::text[], $2::int[]) AS v(key, version)
                  ON c.key = v.key AND c.version = v.version),
            sel AS (SELECT p.key AS plan_key, p.source, u.id, u.code, u.name, u.kind, u.area, u.path
                    FROM p JOIN unit u ON u.active
                     AND (cardinality(p.kinds) = 0 OR u.kind = ANY(p.kinds))
                     AND (cardinality(p.areas) = 0 OR u.area = ANY(p.areas))
                     AND (cardinality(p.service_lines) = 0 OR u.service_line = ANY(p.service_lines))
                     AND (cardinality(p.tags) = 0 OR u.tags && p.tags)
                    WHERE %s
                      AND ($4::bigint IS NULL OR u.path <@ (SELECT w.path FROM unit w WHERE w.id = $4)))"""
            .formatted(Scope.predicate("u", 3));

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
                                FROM evaluation e JOIN unit eu ON eu.id = e.unit_id
                                WHERE eu.path <@ sel.path AND e.source = sel.source AND e.status = 'active'
                                  AND e.conducted_at >= iv.s_at AND e.conducted_at < iv.e_at) c
            CROSS JOIN LATERAL (SELECT max(e.conducted_at) AS last_ever
                                FROM evaluation e JOIN unit eu ON eu.id = e.unit_id
                                WHERE eu.path <@ sel.path AND e.source = sel.source AND e.status = 'active'
                                  AND ($9::timestamptz IS NULL OR e.conducted_at < $9)) le
            LEFT JOIN LATERAL (SELECT g.code, g.name FROM unit g
                               WHERE $10::text IS NOT NULL AND g.kind = $10 AND sel.path <@ g.path
                               ORDER BY nlevel(g.path) DESC LIMIT 1) g ON true
            ORDER BY sel.plan_key, sel.code, iv.s""";

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
