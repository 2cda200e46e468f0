package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Aggregate;
import io.servicegrade.standing.StandingsEngine.UnitAggregates;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one owner of {@code standing_input} (per scheme, period, unit and source: the aggregates of the unit's active
 * evaluations) and {@code standing_period} (per scheme and period: its revision, last whole rebuild and
 * publication). Every statement on them is here; each takes the client it runs on: a writing transaction's
 * connection, or the pool standings are read from ({@link StandingReads}). The rules (which groups a write touches,
 * which version computes a period) stay in {@link StandingInputs} and {@link StandingService}.
 */
@ApplicationScoped
public class StandingInputRepository {

    /** A period's row as the list of periods shows it. */
    record PeriodRow(String periodId, Integer publishedVersion, OffsetDateTime publishedAt, long revision) {
    }

    /** Which evaluations an insert reads: only the groups in $6–$8, or only the periods in $6. */
    enum Scope { GROUPS, PERIODS }

    private static final String LOCK = """
            INSERT INTO standing_period (scheme_key, period_id)
            SELECT $1, p FROM unnest($2::text[]) AS p ORDER BY p
            ON CONFLICT (scheme_key, period_id) DO UPDATE SET revision = standing_period.revision + 1%s
            RETURNING period_id, published_version, %s""";

    private static final String PERIODS_WITH_DATA = """
            SELECT DISTINCT %s AS period_id
            FROM evaluation e JOIN unnest($1::text[], $2::text[]) AS s(source, rubric)
              ON e.source = s.source AND e.rubric_key = s.rubric
            WHERE e.status = 'active'
            UNION SELECT period_id FROM standing_period WHERE scheme_key = $4""";

    private static final String DELETE_INPUTS = """
            DELETE FROM standing_input WHERE scheme_key = $1""";

    private static final String READ = """
            SELECT unit_id, source, samples, total, lowest, latest, veto_id, veto_at
            FROM standing_input WHERE scheme_key = $1 AND period_id = $2 AND samples > 0""";

    private static final String READ_CHANGED = """
            SELECT unit_id, source, samples, total, lowest, latest, veto_id, veto_at
            FROM standing_input WHERE scheme_key = $1 AND period_id = $2
              AND unit_id IN (SELECT unit_id FROM standing_input
                              WHERE scheme_key = $1 AND period_id = $2 AND revision > $3)""";

    private static final String STAMP = """
            SELECT t.revision AS tree, c.revision, c.rebuilt, c.published_version, c.published_at,
                   p.revision AS previous_revision, p.rebuilt AS previous_rebuilt,
                   p.published_version AS previous_published,
                   (SELECT max(version) FROM scheme_version WHERE scheme_key = $1) AS latest
            FROM unit_tree_revision t
            LEFT JOIN standing_period c ON c.scheme_key = $1 AND c.period_id = $2
            LEFT JOIN standing_period p ON p.scheme_key = $1 AND p.period_id = $3""";

    private static final String PERIODS = """
            SELECT p.period_id, p.published_version, p.published_at, p.revision FROM standing_period p
            WHERE p.scheme_key = $1
              AND EXISTS (SELECT 1 FROM standing_input i WHERE i.scheme_key = p.scheme_key
                          AND i.period_id = p.period_id AND i.samples > 0)""";

    private static final String PUBLISH = """
            INSERT INTO standing_period AS p (scheme_key, period_id, published_version, published_at)
            VALUES ($1, $2, $3, now())
            ON CONFLICT (scheme_key, period_id) DO UPDATE SET
              published_version = coalesce(p.published_version, excluded.published_version),
              published_at = coalesce(p.published_at, excluded.published_at), revision = p.revision + 1
            RETURNING published_version, published_at, revision, %s""".formatted(StandingChanges.ANNOUNCE);

    private static final String PREPARED = """
            SELECT EXISTS (SELECT 1 FROM standing_input WHERE scheme_key = $1)""";

    /**
     * Takes the row locks of the scheme's periods in id order (making the rows that are missing), bumps their
     * revisions (and marks them rebuilt whole, with {@code rebuild}) and announces the change to every instance at
     * commit; answers the version each published period keeps.
     */
    Uni<Map<String, Integer>> lockPeriods(SqlClient connection, String schemeKey, Set<String> periodIds,
            boolean rebuild) {
        String sql = LOCK.formatted(rebuild ? ", rebuilt = standing_period.revision + 1" : "",
                StandingChanges.ANNOUNCE);
        return connection.preparedQuery(sql)
                .execute(Tuple.of(schemeKey, new TreeSet<>(periodIds).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> published = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getInteger("published_version") != null) {
                            published.put(row.getString("period_id"), row.getInteger("published_version"));
                        }
                    }
                    return published;
                });
    }

    /**
     * Writes the inputs of the given groups (side by side: unit, source, period) from the evaluations under the
     * scheme version {@code scheme}; a group with no evaluations left keeps a row with no samples.
     */
    Uni<Void> writeGroups(SqlClient connection, Scheme scheme, List<Long> units, List<String> sources,
            List<String> periods) {
        List<Object> parameters = parameters(scheme);
        parameters.addAll(List.of(units.toArray(Long[]::new), sources.toArray(String[]::new),
                periods.toArray(String[]::new)));
        return connection.preparedQuery(write(scheme.period(), Scope.GROUPS)).execute(Tuple.tuple(parameters))
                .replaceWithVoid();
    }

    /** Writes every input of the given periods from the evaluations under the scheme version {@code scheme}. */
    Uni<Void> writePeriods(SqlClient connection, Scheme scheme, List<String> periods) {
        List<Object> parameters = parameters(scheme);
        parameters.add(periods.toArray(String[]::new));
        return connection.preparedQuery(write(scheme.period(), Scope.PERIODS)).execute(Tuple.tuple(parameters))
                .replaceWithVoid();
    }

    /**
     * The ids of the periods (of {@code frame}'s kind, in its zone) with active evaluations of the source and
     * rubric pairs given side by side, and of the periods the scheme had standings for.
     */
    Uni<List<String>> periodsWithData(SqlClient connection, Scheme frame, String[] sources, String[] rubrics) {
        return connection.preparedQuery(PERIODS_WITH_DATA.formatted(periodOf(frame.period(), "$3")))
                .execute(Tuple.of(sources, rubrics, frame.timeZone().getId(), frame.key()))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    Uni<Void> deleteInputs(SqlClient connection, String schemeKey) {
        return connection.preparedQuery(DELETE_INPUTS).execute(Tuple.of(schemeKey)).replaceWithVoid();
    }

    /**
     * Issue 16: what the change that brought a period to revision $3 wrote, as a scoped reader ($4, the scope's unit
     * ids) may learn of it: the period's revision as this client sees it now, how many inputs the change wrote and
     * whether one of them is of a unit in the scope.
     */
    private static final String TOUCHED = """
            SELECT (SELECT revision FROM standing_period WHERE scheme_key = $1 AND period_id = $2) AS now,
                   count(i.unit_id) AS touched, coalesce(bool_or(%s), false) AS inside
            FROM standing_input i JOIN unit u ON u.id = i.unit_id
            WHERE i.scheme_key = $1 AND i.period_id = $2 AND i.revision = $3"""
            .formatted(io.servicegrade.platform.security.Scope.predicate("u", 4));

    /**
     * Whether the change that brought a period to {@code revision} wrote inputs of units outside {@code scope}
     * only (issue 16: a scoped subscriber is not told of it); null while this client does not see that revision
     * yet. A change that wrote no input (a publication, or inputs written again since by a later change) is not.
     */
    Uni<Boolean> outsideScopeOnly(SqlClient client, String schemeKey, String periodId, long revision,
            Long[] scope) {
        return client.preparedQuery(TOUCHED)
                .execute(Tuple.tuple(Arrays.asList(schemeKey, periodId, revision, scope)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long now = row.getLong("now");
                    if (now == null || now < revision) {
                        return null;
                    }
                    return row.getLong("touched") > 0 && !row.getBoolean("inside");
                });
    }

    /**
     * The inputs of one period, by unit, as the standings engine takes them: all of them, or with {@code since},
     * those of the units with an input written after that revision (a group emptied since reads as no samples).
     */
    Uni<Map<Long, UnitAggregates>> read(SqlClient client, String schemeKey, String periodId, Long since) {
        return client.preparedQuery(since == null ? READ : READ_CHANGED)
                .execute(since == null ? Tuple.of(schemeKey, periodId) : Tuple.of(schemeKey, periodId, since))
                .map(rows -> {
                    Map<Long, Map<String, Aggregate>> byUnit = new HashMap<>();
                    for (Row row : rows) {
                        OffsetDateTime vetoAt = row.getOffsetDateTime("veto_at");
                        byUnit.computeIfAbsent(row.getLong("unit_id"), id -> new HashMap<>())
                                .put(row.getString("source"), new Aggregate(row.getInteger("samples"),
                                        row.getBigDecimal("total"), row.getBigDecimal("lowest"),
                                        row.getBigDecimal("latest"), row.getLong("veto_id"),
                                        vetoAt == null ? null : vetoAt.toInstant()));
                    }
                    Map<Long, UnitAggregates> result = new HashMap<>();
                    byUnit.forEach((id, sources) -> result.put(id, new UnitAggregates(id, sources)));
                    return result;
                });
    }

    /** What a board of a period is computed from (see {@link StandingService.Stamp}); null for no such scheme. */
    Uni<StandingService.Stamp> stamp(SqlClient client, String schemeKey, String periodId, String previousId) {
        return client.preparedQuery(STAMP).execute(Tuple.of(schemeKey, periodId, previousId)).map(rows -> {
            Row row = rows.iterator().next();
            if (row.getInteger("latest") == null) {
                return null;
            }
            return new StandingService.Stamp(row.getLong("tree"), row.getLong("revision"), row.getLong("rebuilt"),
                    row.getLong("previous_revision"), row.getLong("previous_rebuilt"), row.getInteger("latest"),
                    row.getInteger("published_version"), row.getInteger("previous_published"),
                    row.getOffsetDateTime("published_at"));
        });
    }

    /** The periods of a scheme with inputs that have samples, in no order. */
    Uni<List<PeriodRow>> periods(SqlClient client, String schemeKey) {
        return client.preparedQuery(PERIODS).execute(Tuple.of(schemeKey)).map(rows -> {
            List<PeriodRow> periods = new ArrayList<>();
            for (Row row : rows) {
                periods.add(new PeriodRow(row.getString(0), row.getInteger(1), row.getOffsetDateTime(2),
                        row.getLong(3)));
            }
            return periods;
        });
    }

    /** Marks a period published with {@code version} unless it already is, and announces it; answers the row. */
    Uni<PeriodRow> publish(SqlClient connection, String schemeKey, String periodId, int version) {
        return connection.preparedQuery(PUBLISH).execute(Tuple.of(schemeKey, periodId, version)).map(rows -> {
            Row row = rows.iterator().next();
            return new PeriodRow(periodId, row.getInteger(0), row.getOffsetDateTime(1), row.getLong(2));
        });
    }

    /** Whether the scheme has any input. */
    Uni<Boolean> prepared(SqlClient client, String schemeKey) {
        return client.preparedQuery(PREPARED).execute(Tuple.of(schemeKey))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static List<Object> parameters(Scheme scheme) {
        return new ArrayList<>(Arrays.asList(scheme.key(),
                scheme.sources().stream().map(Scheme.Source::source).toArray(String[]::new),
                scheme.sources().stream().map(Scheme.Source::rubric).toArray(String[]::new),
                scheme.sources().stream().map(s -> s.statistic() == Scheme.Statistic.SATISFACTION_RATE ? s.item()
                        : null).toArray(String[]::new),
                scheme.timeZone().getId()));
    }

    /**
     * The period id of {@code e.conducted_at} in the time zone given by the parameter {@code zone}: the SQL twin
     * of {@link Period#of(Period.Kind, java.time.Instant, java.time.ZoneId)}, pinned to it by
     * {@code PeriodSqlTwinTest}.
     */
    static String periodOf(Period.Kind kind, String zone) {
        String local = "(e.conducted_at AT TIME ZONE " + zone + ")";
        return switch (kind) {
            case MONTH -> "to_char(" + local + ", 'YYYY-MM')";
            case QUARTER -> "to_char(" + local + ", 'YYYY') || '-Q' || to_char(" + local + ", 'Q')";
            case HALF -> "to_char(" + local + ", 'YYYY') || '-H' || CASE WHEN extract(month FROM " + local
                    + ") <= 6 THEN '1' ELSE '2' END";
            case YEAR -> "to_char(" + local + ", 'YYYY')";
        };
    }

    /** The aggregates of the evaluations counted by the scheme version in $1–$5, per period, unit and source. */
    private static final String AGGREGATES = """
            SELECT x.period_id, x.unit_id, x.source, count(*) AS samples, sum(x.value) AS total,
                   min(x.value) AS lowest, (array_agg(x.value ORDER BY x.conducted_at DESC, x.id DESC))[1] AS latest,
                   (array_agg(x.id ORDER BY x.conducted_at, x.id) FILTER (WHERE x.vetoed))[1] AS veto_id,
                   min(x.conducted_at) FILTER (WHERE x.vetoed) AS veto_at
            FROM (SELECT e.id, e.unit_id, e.source, e.vetoed, e.conducted_at, %1$s AS period_id,
                         CASE WHEN s.item IS NULL THEN e.score
                         ELSE (e.breakdown -> 'items' -> s.item ->> 'satisfactionRate')::numeric END AS value
                  FROM evaluation e JOIN unnest($2::text[], $3::text[], $4::text[]) AS s(source, rubric, item)
                    ON e.source = s.source AND e.rubric_key = s.rubric
                  WHERE e.status = 'active'%2$s) x
            WHERE x.value IS NOT NULL%3$s
            GROUP BY x.period_id, x.unit_id, x.source""";

    private static final String WRITE_GROUPS = """
            INSERT INTO standing_input (scheme_key, period_id, unit_id, source, samples, total, lowest,
                                        latest, veto_id, veto_at, revision)
            SELECT $1, t.period_id, t.unit_id, t.source, coalesce(a.samples, 0), coalesce(a.total, 0),
                   a.lowest, a.latest, a.veto_id, a.veto_at, r.revision
            FROM unnest($6::bigint[], $7::text[], $8::text[]) AS t(unit_id, source, period_id)
            JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = t.period_id
            LEFT JOIN (%s) a ON a.unit_id = t.unit_id AND a.source = t.source AND a.period_id = t.period_id
            ON CONFLICT (scheme_key, period_id, unit_id, source) DO UPDATE SET samples = excluded.samples,
              total = excluded.total, lowest = excluded.lowest, latest = excluded.latest,
              veto_id = excluded.veto_id, veto_at = excluded.veto_at, revision = excluded.revision""";

    private static final String WRITE_PERIODS = """
            INSERT INTO standing_input (scheme_key, period_id, unit_id, source, samples, total, lowest,
                                        latest, veto_id, veto_at, revision)
            SELECT $1, a.period_id, a.unit_id, a.source, a.samples, a.total, a.lowest,
                   a.latest, a.veto_id, a.veto_at, r.revision
            FROM (%s) a JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = a.period_id""";

    /**
     * The statement that writes inputs from evaluations, for the scheme version in $1–$5, each row stamped with
     * its period's revision. For groups, every group in $6–$8 gets a row, with no samples when it has no
     * evaluations left; for periods, every group with evaluations in the periods in $6.
     */
    static String write(Period.Kind kind, Scope scope) {
        String aggregates = AGGREGATES.formatted(periodOf(kind, "$5"),
                scope == Scope.GROUPS ? " AND e.unit_id = ANY($6)" : "",
                scope == Scope.PERIODS ? " AND x.period_id = ANY($6)" : "");
        return (scope == Scope.GROUPS ? WRITE_GROUPS : WRITE_PERIODS).formatted(aggregates);
    }
}
