package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingsEngine.Aggregate;
import io.servicegrade.standing.StandingsEngine.UnitAggregates;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The prepared inputs of standings ({@code standing_input}): per scheme, period, unit and source, the count,
 * total, lowest, latest and first veto of the unit's active evaluations, under the scheme version that computes
 * the period. Every write of evaluations refreshes the groups it touches, from the evaluations themselves, in
 * its own transaction, and bumps the revision of each period it touched ({@code standing_period}); so standings
 * read a few rows per unit, and are fresh as soon as the write is acknowledged.
 */
@ApplicationScoped
public class StandingInputs {

    @Inject
    SchemeService schemes;

    @Inject
    Pool pool;

    @Inject
    io.servicegrade.platform.database.Transactions transactions;

    @Inject
    StandingReads reads;

    /** An evaluation written (or as it was before a revision): enough to find the groups it belongs to. */
    public record Touch(long unitId, String source, String rubricKey, OffsetDateTime conductedAt) {
    }

    /**
     * The schemes, as {@link #refresh} needs them. Read them before the writing transaction opens: reading them
     * takes a connection of its own, and a transaction that waits for a second connection while holding one can
     * wait forever once every connection of the pool is held that way.
     */
    public Uni<List<SchemeHistory>> schemes() {
        return schemes.histories();
    }

    /**
     * Refreshes, within the caller's transaction, every group of the schemes {@code all} (from {@link #schemes})
     * the touched evaluations belong to.
     */
    public Uni<Void> refresh(SqlClient connection, List<SchemeHistory> all, List<Touch> touches) {
        if (touches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        // Schemes in key order and periods in id order: concurrent writers lock periods in the same order.
        for (SchemeHistory history : all) {
            Scheme frame = history.latest().scheme();
            Map<String, List<Touch>> byPeriod = new TreeMap<>();
            for (Touch t : touches) {
                // An evaluation no version counts leaves the scheme's periods (revisions, locks, subscribers) alone.
                if (!history.counts(t.source(), t.rubricKey())) {
                    continue;
                }
                Period period = Period.of(frame.period(), t.conductedAt().toInstant(), frame.timeZone());
                if (history.forPeriod(period, null) != null) {
                    byPeriod.computeIfAbsent(period.id(), id -> new ArrayList<>()).add(t);
                }
            }
            if (!byPeriod.isEmpty()) {
                chain = chain.flatMap(done -> lock(connection, history.key(), byPeriod.keySet(), false))
                        .flatMap(published -> refresh(connection, history, byPeriod, published));
            }
        }
        return chain;
    }

    private Uni<Void> refresh(SqlClient connection, SchemeHistory history, Map<String, List<Touch>> byPeriod,
            Map<String, Integer> published) {
        Map<Integer, Groups> byVersion = new TreeMap<>();
        byPeriod.forEach((periodId, touches) -> {
            Period period = Period.parse(history.latest().scheme().period(), periodId);
            SchemeService.Version version = history.forPeriod(period, published.get(periodId));
            Groups groups = byVersion.computeIfAbsent(version.version(), v -> new Groups(version.scheme()));
            for (Touch t : touches) {
                if (version.scheme().counts(t.source(), t.rubricKey())) {
                    groups.add(t.unitId(), t.source(), periodId);
                }
            }
        });
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Groups groups : byVersion.values()) {
            if (!groups.keys.isEmpty()) {
                chain = chain.flatMap(done -> groups.refresh(connection));
            }
        }
        return chain;
    }

    /** The groups of one scheme version to refresh: units, sources and periods side by side. */
    private static final class Groups {
        final Scheme scheme;
        final Set<String> keys = new LinkedHashSet<>();
        final List<Long> units = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> periods = new ArrayList<>();

        Groups(Scheme scheme) {
            this.scheme = scheme;
        }

        void add(long unit, String source, String period) {
            if (keys.add(unit + "|" + source + "|" + period)) {
                units.add(unit);
                sources.add(source);
                periods.add(period);
            }
        }

        Uni<Void> refresh(SqlClient connection) {
            Long[] unitArray = units.toArray(Long[]::new);
            String[] sourceArray = sources.toArray(String[]::new);
            String[] periodArray = periods.toArray(String[]::new);
            List<Object> parameters = parameters(scheme);
            parameters.addAll(List.of(unitArray, sourceArray, periodArray));
            return connection.preparedQuery(write(scheme.period(), Scope.GROUPS)).execute(Tuple.tuple(parameters))
                    .replaceWithVoid();
        }
    }

    /**
     * Takes the row locks of the scheme's periods (making the rows that are missing), bumps their revisions (and
     * marks them rebuilt whole, with {@code rebuild}) and announces the change to every instance at commit;
     * answers the version each published period keeps.
     */
    static Uni<Map<String, Integer>> lock(SqlClient connection, String schemeKey, Set<String> periodIds,
            boolean rebuild) {
        return connection.preparedQuery("INSERT INTO standing_period (scheme_key, period_id)"
                + " SELECT $1, p FROM unnest($2::text[]) AS p ORDER BY p"
                + " ON CONFLICT (scheme_key, period_id) DO UPDATE SET revision = standing_period.revision + 1"
                + (rebuild ? ", rebuilt = standing_period.revision + 1" : "")
                + " RETURNING period_id, published_version, " + StandingChanges.ANNOUNCE)
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
     * Rebuilds every input of a scheme from the evaluations: each period with data, or with standings before,
     * under the version that computes it.
     */
    public Uni<Void> recompute(String schemeKey) {
        return schemes.history(schemeKey).flatMap(history -> transactions.write(connection -> {
            Scheme frame = history.latest().scheme();
            Map<String, String> pairs = new TreeMap<>();
            history.versions().forEach(v -> v.scheme().sources().forEach(s -> pairs.put(s.source() + "\n"
                    + s.rubric(), s.rubric())));
            String[] sources = pairs.keySet().stream().map(k -> k.substring(0, k.indexOf('\n')))
                    .toArray(String[]::new);
            String[] rubrics = pairs.values().toArray(String[]::new);
            return connection.preparedQuery("SELECT DISTINCT " + periodOf(frame.period(), "$3") + " AS period_id"
                    + " FROM evaluation e JOIN unnest($1::text[], $2::text[]) AS s(source, rubric)"
                    + " ON e.source = s.source AND e.rubric_key = s.rubric WHERE e.status = 'active'"
                    + " UNION SELECT period_id FROM standing_period WHERE scheme_key = $4")
                    .execute(Tuple.of(sources, rubrics, frame.timeZone().getId(), schemeKey))
                    .flatMap(rows -> {
                        Set<String> periods = new TreeSet<>();
                        for (Row row : rows) {
                            Period period = Period.parse(frame.period(), row.getString(0));
                            if (period != null && history.forPeriod(period, null) != null) {
                                periods.add(period.id());
                            }
                        }
                        return lock(connection, schemeKey, periods, true).flatMap(published -> connection
                                .preparedQuery("DELETE FROM standing_input WHERE scheme_key = $1")
                                .execute(Tuple.of(schemeKey))
                                .flatMap(deleted -> rebuild(connection, history, periods, published)));
                    });
        }));
    }

    private static Uni<Void> rebuild(SqlClient connection, SchemeHistory history, Set<String> periods,
            Map<String, Integer> published) {
        Map<Integer, List<String>> byVersion = new TreeMap<>();
        Map<Integer, Scheme> schemes = new HashMap<>();
        for (String id : periods) {
            SchemeService.Version version = history.forPeriod(Period.parse(history.latest().scheme().period(), id),
                    published.get(id));
            byVersion.computeIfAbsent(version.version(), v -> new ArrayList<>()).add(id);
            schemes.put(version.version(), version.scheme());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Integer, List<String>> e : byVersion.entrySet()) {
            List<Object> parameters = parameters(schemes.get(e.getKey()));
            parameters.add(e.getValue().toArray(String[]::new));
            chain = chain.flatMap(done -> connection.preparedQuery(write(schemes.get(e.getKey()).period(),
                    Scope.PERIODS)).execute(Tuple.tuple(parameters)).replaceWithVoid());
        }
        return chain;
    }

    /**
     * The inputs of one period, by unit, as the standings engine takes them: all of them, or with
     * {@code since}, those of the units with an input written after that revision (a group emptied since
     * reads as no samples).
     */
    Uni<Map<Long, UnitAggregates>> read(String schemeKey, Period period, Long since) {
        String sql = "SELECT unit_id, source, samples, total, lowest, latest, veto_id, veto_at"
                + " FROM standing_input WHERE scheme_key = $1 AND period_id = $2"
                + (since == null ? " AND samples > 0" : " AND unit_id IN (SELECT unit_id FROM standing_input"
                        + " WHERE scheme_key = $1 AND period_id = $2 AND revision > $3)");
        return reads.pool().preparedQuery(sql)
                .execute(since == null ? Tuple.of(schemeKey, period.id()) : Tuple.of(schemeKey, period.id(), since))
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

    private static List<Object> parameters(Scheme scheme) {
        return new ArrayList<>(Arrays.asList(scheme.key(),
                scheme.sources().stream().map(Scheme.Source::source).toArray(String[]::new),
                scheme.sources().stream().map(Scheme.Source::rubric).toArray(String[]::new),
                scheme.sources().stream().map(s -> s.statistic() == Scheme.Statistic.SATISFACTION_RATE ? s.item()
                        : null).toArray(String[]::new),
                scheme.timeZone().getId()));
    }

    /** Which evaluations an insert reads: only the groups in $6–$8, or only the periods in $6. */
    enum Scope { GROUPS, PERIODS }

    /** The period id of {@code e.conducted_at} in the time zone given by the parameter {@code zone}. */
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

    /**
     * The statement that writes inputs from evaluations, for the scheme version in $1–$5, each row stamped with
     * its period's revision. For groups, every group in $6–$8 gets a row, with no samples when it has no
     * evaluations left; for periods, every group with evaluations in the periods in $6.
     */
    static String write(Period.Kind kind, Scope scope) {
        String aggregates = "SELECT x.period_id, x.unit_id, x.source, count(*) AS samples, sum(x.value) AS total,"
                + " min(x.value) AS lowest, (array_agg(x.value ORDER BY x.conducted_at DESC, x.id DESC))[1] AS latest,"
                + " (array_agg(x.id ORDER BY x.conducted_at, x.id) FILTER (WHERE x.vetoed))[1] AS veto_id,"
                + " min(x.conducted_at) FILTER (WHERE x.vetoed) AS veto_at"
                + " FROM (SELECT e.id, e.unit_id, e.source, e.vetoed, e.conducted_at, " + periodOf(kind, "$5")
                + " AS period_id,"
                + " CASE WHEN s.item IS NULL THEN e.score"
                + " ELSE (e.breakdown -> 'items' -> s.item ->> 'satisfactionRate')::numeric END AS value"
                + " FROM evaluation e JOIN unnest($2::text[], $3::text[], $4::text[]) AS s(source, rubric, item)"
                + " ON e.source = s.source AND e.rubric_key = s.rubric"
                + " WHERE e.status = 'active'" + (scope == Scope.GROUPS ? " AND e.unit_id = ANY($6)" : "") + ") x"
                + " WHERE x.value IS NOT NULL"
                + (scope == Scope.PERIODS ? " AND x.period_id = ANY($6)" : "")
                + " GROUP BY x.period_id, x.unit_id, x.source";
        String columns = "INSERT INTO standing_input (scheme_key, period_id, unit_id, source, samples, total, lowest,"
                + " latest, veto_id, veto_at, revision)";
        return switch (scope) {
            case GROUPS -> columns
                    + " SELECT $1, t.period_id, t.unit_id, t.source, coalesce(a.samples, 0), coalesce(a.total, 0),"
                    + " a.lowest, a.latest, a.veto_id, a.veto_at, r.revision"
                    + " FROM unnest($6::bigint[], $7::text[], $8::text[]) AS t(unit_id, source, period_id)"
                    + " JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = t.period_id"
                    + " LEFT JOIN (" + aggregates + ") a ON a.unit_id = t.unit_id AND a.source = t.source"
                    + " AND a.period_id = t.period_id"
                    + " ON CONFLICT (scheme_key, period_id, unit_id, source) DO UPDATE SET samples = excluded.samples,"
                    + " total = excluded.total, lowest = excluded.lowest, latest = excluded.latest,"
                    + " veto_id = excluded.veto_id, veto_at = excluded.veto_at, revision = excluded.revision";
            case PERIODS -> columns + " SELECT $1, a.period_id, a.unit_id, a.source, a.samples, a.total, a.lowest,"
                    + " a.latest, a.veto_id, a.veto_at, r.revision FROM (" + aggregates + ") a"
                    + " JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = a.period_id";
        };
    }
}
