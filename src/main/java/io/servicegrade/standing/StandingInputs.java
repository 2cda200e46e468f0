package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
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

/**
 * The prepared inputs of standings ({@code standing_input}): per scheme, period, unit and source, the count,
 * total, lowest, latest and first veto of the unit's active evaluations. Every write of evaluations refreshes
 * the groups it touches, from the evaluations themselves, in its own transaction; so standings read a few
 * rows per unit and are fresh as soon as the write is acknowledged.
 */
@ApplicationScoped
public class StandingInputs {

    @Inject
    SchemeService schemes;

    @Inject
    Pool pool;

    /** An evaluation written: enough to find the groups it belongs to. */
    public record Touch(long unitId, String source, String rubricKey, OffsetDateTime conductedAt) {
    }

    /** Refreshes, within the caller's transaction, every group the touched evaluations belong to. */
    public Uni<Void> refresh(SqlClient connection, List<Touch> touches) {
        if (touches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return schemes.latestOfEach().flatMap(all -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SchemeService.Version version : all) {
                Scheme scheme = version.scheme();
                Set<String> keys = new LinkedHashSet<>();
                List<Long> units = new ArrayList<>();
                List<String> sources = new ArrayList<>();
                List<String> periods = new ArrayList<>();
                for (Touch t : touches) {
                    Scheme.Source source = scheme.source(t.source());
                    if (source == null || !source.rubric().equals(t.rubricKey())) {
                        continue;
                    }
                    String period = Period.of(scheme.period(), t.conductedAt().toInstant(), scheme.timeZone()).id();
                    if (keys.add(t.unitId() + "|" + t.source() + "|" + period)) {
                        units.add(t.unitId());
                        sources.add(t.source());
                        periods.add(period);
                    }
                }
                if (!keys.isEmpty()) {
                    chain = chain.flatMap(done -> refresh(connection, scheme, units, sources, periods));
                }
            }
            return chain;
        });
    }

    private Uni<Void> refresh(SqlClient connection, Scheme scheme, List<Long> units, List<String> sources,
            List<String> periods) {
        Long[] unitArray = units.toArray(Long[]::new);
        String[] sourceArray = sources.toArray(String[]::new);
        String[] periodArray = periods.toArray(String[]::new);
        return connection.preparedQuery("DELETE FROM standing_input i USING unnest($2::bigint[], $3::text[],"
                + " $4::text[]) AS t(unit_id, source, period_id) WHERE i.scheme_key = $1 AND i.unit_id = t.unit_id"
                + " AND i.source = t.source AND i.period_id = t.period_id")
                .execute(Tuple.of(scheme.key(), unitArray, sourceArray, periodArray))
                .flatMap(deleted -> connection.preparedQuery(insert(scheme.period(), true))
                        .execute(Tuple.tuple(parameters(scheme, unitArray, sourceArray, periodArray))))
                .replaceWithVoid();
    }

    /** Rebuilds every input of a scheme from the evaluations. */
    public Uni<Void> recompute(String schemeKey) {
        return schemes.latest(schemeKey).flatMap(version -> pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM standing_input WHERE scheme_key = $1").execute(Tuple.of(schemeKey))
                .flatMap(deleted -> connection.preparedQuery(insert(version.scheme().period(), false))
                        .execute(Tuple.tuple(parameters(version.scheme(), null, null, null))))
                .replaceWithVoid()));
    }

    /** The inputs of the given units in one period, as the standings engine takes them. */
    Uni<List<UnitAggregates>> read(Scheme scheme, Period period, List<Long> unitIds) {
        return pool.preparedQuery("SELECT unit_id, source, samples, total, lowest, latest, veto_id, veto_at"
                + " FROM standing_input WHERE scheme_key = $1 AND period_id = $2 AND unit_id = ANY($3)")
                .execute(Tuple.of(scheme.key(), period.id(), unitIds.toArray(Long[]::new)))
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
                    return unitIds.stream().map(id -> new UnitAggregates(id, byUnit.getOrDefault(id, Map.of())))
                            .toList();
                });
    }

    private static List<Object> parameters(Scheme scheme, Long[] units, String[] sources, String[] periods) {
        List<Object> parameters = new ArrayList<>(Arrays.asList(scheme.key(),
                scheme.sources().stream().map(Scheme.Source::source).toArray(String[]::new),
                scheme.sources().stream().map(Scheme.Source::rubric).toArray(String[]::new),
                scheme.sources().stream().map(s -> s.statistic() == Scheme.Statistic.SATISFACTION_RATE ? s.item()
                        : null).toArray(String[]::new),
                scheme.timeZone().getId()));
        if (units != null) {
            parameters.addAll(List.of(units, sources, periods));
        }
        return parameters;
    }

    /** The statement that fills inputs from evaluations; with {@code touched}, only the groups in $6–$8. */
    static String insert(Period.Kind kind, boolean touched) {
        String local = "(e.conducted_at AT TIME ZONE $5)";
        String period = switch (kind) {
            case MONTH -> "to_char(" + local + ", 'YYYY-MM')";
            case QUARTER -> "to_char(" + local + ", 'YYYY') || '-Q' || to_char(" + local + ", 'Q')";
            case HALF -> "to_char(" + local + ", 'YYYY') || '-H' || CASE WHEN extract(month FROM " + local
                    + ") <= 6 THEN '1' ELSE '2' END";
            case YEAR -> "to_char(" + local + ", 'YYYY')";
        };
        return "INSERT INTO standing_input (scheme_key, period_id, unit_id, source, samples, total, lowest, latest,"
                + " veto_id, veto_at)"
                + " SELECT $1, x.period_id, x.unit_id, x.source, count(*), sum(x.value), min(x.value),"
                + " (array_agg(x.value ORDER BY x.conducted_at DESC, x.id DESC))[1],"
                + " (array_agg(x.id ORDER BY x.conducted_at, x.id) FILTER (WHERE x.vetoed))[1],"
                + " min(x.conducted_at) FILTER (WHERE x.vetoed)"
                + " FROM (SELECT e.id, e.unit_id, e.source, e.vetoed, e.conducted_at, " + period + " AS period_id,"
                + " CASE WHEN s.item IS NULL THEN e.score"
                + " ELSE (e.breakdown -> 'items' -> s.item ->> 'satisfactionRate')::numeric END AS value"
                + " FROM evaluation e JOIN unnest($2::text[], $3::text[], $4::text[]) AS s(source, rubric, item)"
                + " ON e.source = s.source AND e.rubric_key = s.rubric"
                + " WHERE e.status = 'active'" + (touched ? " AND e.unit_id = ANY($6)" : "") + ") x"
                + (touched ? " JOIN unnest($6::bigint[], $7::text[], $8::text[]) AS t(unit_id, source, period_id)"
                        + " ON t.unit_id = x.unit_id AND t.source = x.source AND t.period_id = x.period_id" : "")
                + " WHERE x.value IS NOT NULL GROUP BY x.period_id, x.unit_id, x.source";
    }
}
