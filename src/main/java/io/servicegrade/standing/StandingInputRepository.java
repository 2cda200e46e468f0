package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Aggregate;
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

    /**
     * A period's row as the list of periods shows it: its publication, the end of its objection window and the
     * closing in force (issue 18; null while not closed).
     */
    public record PeriodRow(String periodId, Integer publishedVersion, OffsetDateTime publishedAt, long revision,
            OffsetDateTime objectionUntil, Integer closing, OffsetDateTime closedAt) {
    }

    /** What locking a scheme's periods found: the version each published one keeps, and the closed ones. */
    record Locked(Map<String, Integer> published, List<String> closed) {
    }

    /** A period's columns, of the row {@code p}, as {@link PeriodRow} reads them. */
    private static final String P_COLUMNS = """
            p.period_id, p.published_version, p.published_at, p.revision, p.objection_until, p.closing,
            p.closed_at""";

    private static final String P_ANNOUNCE = StandingChanges.ANNOUNCE.replace("scheme_key", "p.scheme_key")
            .replace("period_id", "p.period_id").replace("revision", "p.revision");

    /** Which evaluations an insert reads: only the groups in $6–$8, or only the periods in $6. */
    enum Scope { GROUPS, PERIODS }

    private static final String LOCK = """
            INSERT INTO standing_period (scheme_key, period_id)
            SELECT $1, p FROM unnest($2::text[]) AS p ORDER BY p
            ON CONFLICT (scheme_key, period_id) DO UPDATE SET revision = standing_period.revision + 1%s
            RETURNING period_id, published_version, closing, %s""";

    private static final String PERIODS_WITH_DATA = """
            SELECT DISTINCT %1$s AS period_id
            FROM evaluation e JOIN unnest($1::text[], $2::text[]) AS s(source, rubric)
              ON e.source = s.source AND e.rubric_key = s.rubric
            WHERE e.status = 'active'
            UNION SELECT DISTINCT %1$s
            FROM (SELECT f.at AS conducted_at FROM figure_sample f JOIN unnest($2::text[]) AS s(rubric)
                    ON s.rubric = 'figure:' || f.figure) e
            UNION SELECT period_id FROM standing_period WHERE scheme_key = $4""";

    /**
     * Issue 19: writes a batch of figure samples ($1–$5 side by side; a null value removes the case's sample) and
     * answers each sample's figure, unit and date as it was and as it is, for the inputs to refresh.
     */
    private static final String PUT_SAMPLES = """
            WITH s AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::numeric[])
                         AS s(figure, ref_id, unit_id, at, value)),
            old AS (SELECT f.figure, f.unit_id, f.at FROM figure_sample f
                    JOIN s ON f.figure = s.figure AND f.ref_id = s.ref_id),
            gone AS (DELETE FROM figure_sample f USING s
                     WHERE s.value IS NULL AND f.figure = s.figure AND f.ref_id = s.ref_id),
            kept AS (INSERT INTO figure_sample (figure, ref_id, unit_id, at, value)
                     SELECT figure, ref_id, unit_id, at, value FROM s WHERE value IS NOT NULL
                     ON CONFLICT (figure, ref_id) DO UPDATE SET unit_id = excluded.unit_id, at = excluded.at,
                       value = excluded.value
                     RETURNING figure, unit_id, at)
            SELECT figure, unit_id, at FROM old UNION SELECT figure, unit_id, at FROM kept""";

    private static final String DELETE_INPUTS = """
            DELETE FROM standing_input WHERE scheme_key = $1""";

    private static final String READ = """
            SELECT unit_id, source, rubric_key, part, samples, total, lowest, latest, latest_at, latest_id, veto_id,
                   veto_at
            FROM standing_input WHERE scheme_key = $1 AND period_id = $2 AND samples > 0""";

    private static final String READ_CHANGED = """
            SELECT unit_id, source, rubric_key, part, samples, total, lowest, latest, latest_at, latest_id, veto_id,
                   veto_at
            FROM standing_input WHERE scheme_key = $1 AND period_id = $2
              AND unit_id IN (SELECT unit_id FROM standing_input
                              WHERE scheme_key = $1 AND period_id = $2 AND revision > $3)""";

    /**
     * A closed period (issue 18) is read as it stood at its closing: the tree, the previous period's revision and
     * version are the closing's, so its board changes only when it is reopened or closed again (a previous view
     * inside the same period, a month's, keeps the period's own version). Its own revision stays the period's: a
     * recompute announces a revision that readers then wait to see, even though its board is the same.
     */
    private static final String STAMP = """
            SELECT CASE WHEN c.closing IS NULL THEN t.revision ELSE k.tree_revision END AS tree,
                   t.revision AS live_tree, c.revision, c.rebuilt,
                   c.published_version, c.published_at, c.closing, c.closed_at, c.objection_until,
                   CASE WHEN c.closing IS NULL OR $3 = $2 THEN p.revision ELSE k.previous_revision END
                       AS previous_revision,
                   CASE WHEN c.closing IS NULL OR $3 = $2 THEN p.rebuilt ELSE k.previous_revision END
                       AS previous_rebuilt,
                   CASE WHEN c.closing IS NULL OR $3 = $2 THEN p.published_version ELSE k.previous_version END
                       AS previous_published,
                   CASE WHEN c.closing IS NULL THEN p.closing END AS previous_closing,
                   (SELECT max(version) FROM scheme_version WHERE scheme_key = $1) AS latest
            FROM unit_tree_revision t
            LEFT JOIN standing_period c ON c.scheme_key = $1 AND c.period_id = $2
            LEFT JOIN period_closing k ON k.scheme_key = $1 AND k.period_id = $2 AND k.closing = c.closing
            LEFT JOIN standing_period p ON p.scheme_key = $1 AND p.period_id = $3""";

    private static final String PERIODS = """
            SELECT %s FROM standing_period p
            WHERE p.scheme_key = $1
              AND EXISTS (SELECT 1 FROM standing_input i WHERE i.scheme_key = p.scheme_key
                          AND i.period_id = p.period_id AND i.samples > 0)""".formatted(P_COLUMNS);

    /**
     * Publishes a period unless it already is: the scheme version in $3 is kept, and the objection window runs from
     * the publication day for $5 days in the time zone $4 (issue 18; 0: no window).
     */
    private static final String PUBLISH = """
            INSERT INTO standing_period AS p (scheme_key, period_id, published_version, published_at, objection_until)
            VALUES ($1, $2, $3, now(),
                    (date_trunc('day', now() AT TIME ZONE $4) + make_interval(days => $5)) AT TIME ZONE $4)
            ON CONFLICT (scheme_key, period_id) DO UPDATE SET
              published_version = coalesce(p.published_version, excluded.published_version),
              published_at = coalesce(p.published_at, excluded.published_at),
              objection_until = coalesce(p.objection_until, excluded.objection_until), revision = p.revision + 1
            RETURNING %s, %s""".formatted(P_COLUMNS, P_ANNOUNCE);

    private static final String LOCK_PERIOD = """
            SELECT %s FROM standing_period p WHERE p.scheme_key = $1 AND p.period_id = $2 FOR UPDATE"""
            .formatted(P_COLUMNS);

    /**
     * Closes a locked, published period (issue 18): the next closing number, its versions and revisions, a copy of
     * the tree and of the inputs of the period ($2) and the one before ($3), then the period marked closed and
     * announced. One statement: the copies and the mark are one snapshot.
     */
    private static final String CLOSE = """
            WITH k AS (
              INSERT INTO period_closing (scheme_key, period_id, closing, closed_by, version, previous_version,
                                          tree_revision, revision, previous_revision)
              SELECT $1, $2, coalesce((SELECT max(closing) FROM period_closing WHERE scheme_key = $1
                                       AND period_id = $2), 0) + 1, $4, $5, $6,
                     (SELECT revision FROM unit_tree_revision), c.revision + 1,
                     (SELECT revision FROM standing_period WHERE scheme_key = $1 AND period_id = $3)
              FROM standing_period c WHERE c.scheme_key = $1 AND c.period_id = $2
              RETURNING closing, closed_at),
            units AS (
              INSERT INTO closed_unit (scheme_key, period_id, closing, id, code, name, kind, service_line, area,
                                       parent_id, path, active, tags, created_at, updated_at)
              SELECT $1, $2, k.closing, u.id, u.code, u.name, u.kind, u.service_line, u.area, u.parent_id, u.path,
                     u.active, u.tags, u.created_at, u.updated_at
              FROM unit u CROSS JOIN k),
            inputs AS (
              INSERT INTO closed_input (scheme_key, period_id, closing, of_period, unit_id, source, rubric_key, part,
                                        samples, total, lowest, latest, latest_at, latest_id, veto_id, veto_at)
              SELECT $1, $2, k.closing, i.period_id, i.unit_id, i.source, i.rubric_key, i.part, i.samples, i.total,
                     i.lowest, i.latest, i.latest_at, i.latest_id, i.veto_id, i.veto_at
              FROM standing_input i CROSS JOIN k
              WHERE i.scheme_key = $1 AND i.period_id IN ($2, $3) AND i.samples > 0)
            UPDATE standing_period p SET closing = k.closing, closed_at = k.closed_at, revision = p.revision + 1
            FROM k WHERE p.scheme_key = $1 AND p.period_id = $2
            RETURNING %s, %s""".formatted(P_COLUMNS, P_ANNOUNCE);

    /** Reopens a locked, closed period: its closing keeps who reopened it and why; the period is announced. */
    private static final String REOPEN = """
            WITH k AS (
              UPDATE period_closing k SET reopened_at = now(), reopened_by = $3, reopen_reason = $4
              FROM standing_period c
              WHERE c.scheme_key = $1 AND c.period_id = $2 AND k.scheme_key = $1 AND k.period_id = $2
                AND k.closing = c.closing
              RETURNING k.closing)
            UPDATE standing_period p SET closing = NULL, closed_at = NULL, revision = p.revision + 1
            FROM k WHERE p.scheme_key = $1 AND p.period_id = $2
            RETURNING %s, %s""".formatted(P_COLUMNS, P_ANNOUNCE);

    /** The closings of the periods given side by side as schemes and ids, latest first. */
    private static final String CLOSINGS = """
            SELECT scheme_key, period_id, closing, closed_at, closed_by, version, reopened_at, reopened_by,
                   reopen_reason
            FROM period_closing WHERE (scheme_key, period_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY scheme_key, period_id, closing DESC""";

    private static final String READ_CLOSED = """
            SELECT unit_id, source, rubric_key, part, samples, total, lowest, latest, latest_at, latest_id, veto_id,
                   veto_at
            FROM closed_input WHERE scheme_key = $1 AND period_id = $2 AND closing = $3 AND of_period = $4""";

    private static final String PREPARED = """
            SELECT EXISTS (SELECT 1 FROM standing_input WHERE scheme_key = $1)""";

    /**
     * Takes the row locks of the scheme's periods in id order (making the rows that are missing), bumps their
     * revisions (and marks them rebuilt whole, with {@code rebuild}) and announces the change to every instance at
     * commit; answers the version each published period keeps.
     */
    Uni<Locked> lockPeriods(SqlClient connection, String schemeKey, Set<String> periodIds, boolean rebuild) {
        String sql = LOCK.formatted(rebuild ? ", rebuilt = standing_period.revision + 1" : "",
                StandingChanges.ANNOUNCE);
        return connection.preparedQuery(sql)
                .execute(Tuple.of(schemeKey, new TreeSet<>(periodIds).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> published = new HashMap<>();
                    List<String> closed = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getInteger("published_version") != null) {
                            published.put(row.getString("period_id"), row.getInteger("published_version"));
                        }
                        if (row.getInteger("closing") != null) {
                            closed.add(row.getString("period_id"));
                        }
                    }
                    closed.sort(null);
                    return new Locked(published, closed);
                });
    }

    /**
     * Locks one period's row in the caller's transaction (issue 18: a write that depends on the period's stage takes
     * it first, so publishing, closing and reopening are ordered with it); null when the period has no row.
     */
    public Uni<PeriodRow> lockPeriod(SqlClient connection, String schemeKey, String periodId) {
        return connection.preparedQuery(LOCK_PERIOD).execute(Tuple.of(schemeKey, periodId))
                .map(rows -> rows.size() == 0 ? null : periodRow(rows.iterator().next()));
    }

    /** A period's row, not locked; null when the period has no row. */
    Uni<PeriodRow> period(SqlClient client, String schemeKey, String periodId) {
        return client.preparedQuery(LOCK_PERIOD.replace(" FOR UPDATE", "")).execute(Tuple.of(schemeKey, periodId))
                .map(rows -> rows.size() == 0 ? null : periodRow(rows.iterator().next()));
    }

    /** Closes a locked, published period as it stands now (see {@code CLOSE}); answers its row. */
    Uni<PeriodRow> close(SqlClient connection, String schemeKey, String periodId, String previousId, String actor,
            int version, Integer previousVersion) {
        return connection.preparedQuery(CLOSE).execute(Tuple.tuple(Arrays.asList(schemeKey, periodId, previousId,
                actor, version, previousVersion))).map(rows -> periodRow(rows.iterator().next()));
    }

    /** Reopens a locked, closed period, recording who and why; answers its row. */
    Uni<PeriodRow> reopen(SqlClient connection, String schemeKey, String periodId, String actor, String reason) {
        return connection.preparedQuery(REOPEN).execute(Tuple.of(schemeKey, periodId, actor, reason))
                .map(rows -> periodRow(rows.iterator().next()));
    }

    /** A closing of a period, and its reopening when it was reopened. */
    public record Closing(int closing, OffsetDateTime closedAt, String closedBy, int version,
            OffsetDateTime reopenedAt, String reopenedBy, String reopenReason) {
    }

    /** The closings of each period ([scheme, id]) of those given side by side, latest first. */
    Uni<Map<List<String>, List<Closing>>> closings(SqlClient client, String[] schemes, String[] periods) {
        return client.preparedQuery(CLOSINGS).execute(Tuple.of(schemes, periods)).map(rows -> {
            Map<List<String>, List<Closing>> closings = new HashMap<>();
            for (Row row : rows) {
                closings.computeIfAbsent(List.of(row.getString(0), row.getString(1)), k -> new ArrayList<>())
                        .add(new Closing(row.getInteger(2), row.getOffsetDateTime(3), row.getString(4),
                                row.getInteger(5), row.getOffsetDateTime(6), row.getString(7), row.getString(8)));
            }
            return closings;
        });
    }

    private static PeriodRow periodRow(Row row) {
        return new PeriodRow(row.getString("period_id"), row.getInteger("published_version"),
                row.getOffsetDateTime("published_at"), row.getLong("revision"),
                row.getOffsetDateTime("objection_until"), row.getInteger("closing"),
                row.getOffsetDateTime("closed_at"));
    }

    /** A group of inputs: the evaluations of one unit, source and rubric in one bulletin part of a period. */
    record Group(long unit, String source, String rubric, String period, String part) {
    }

    /**
     * Writes the inputs of the given groups from the evaluations under the scheme version {@code scheme}; a group
     * with no evaluations left keeps a row with no samples.
     */
    Uni<Void> writeGroups(SqlClient connection, Scheme scheme, List<Group> groups) {
        List<Object> parameters = parameters(scheme);
        parameters.addAll(List.of(groups.stream().map(Group::unit).toArray(Long[]::new),
                groups.stream().map(Group::source).toArray(String[]::new),
                groups.stream().map(Group::rubric).toArray(String[]::new),
                groups.stream().map(Group::period).toArray(String[]::new),
                groups.stream().map(Group::part).toArray(String[]::new)));
        return connection.preparedQuery(write(scheme, Scope.GROUPS)).execute(Tuple.tuple(parameters))
                .replaceWithVoid();
    }

    /** Writes every input of the given periods from the evaluations under the scheme version {@code scheme}. */
    Uni<Void> writePeriods(SqlClient connection, Scheme scheme, List<String> periods) {
        List<Object> parameters = parameters(scheme);
        parameters.add(periods.toArray(String[]::new));
        return connection.preparedQuery(write(scheme, Scope.PERIODS)).execute(Tuple.tuple(parameters))
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

    /**
     * Writes figure samples over the caller's transaction (issue 19, see {@code PUT_SAMPLES}); answers the groups
     * they touched as touches, as they were and as they are.
     */
    Uni<List<StandingInputs.Touch>> putSamples(SqlClient connection, List<FigureSamples.Sample> samples) {
        return connection.preparedQuery(PUT_SAMPLES).execute(Tuple.of(
                        samples.stream().map(x -> x.figure().key()).toArray(String[]::new),
                        samples.stream().map(FigureSamples.Sample::refId).toArray(Long[]::new),
                        samples.stream().map(FigureSamples.Sample::unitId).toArray(Long[]::new),
                        samples.stream().map(x -> x.at().atOffset(java.time.ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new),
                        samples.stream().map(FigureSamples.Sample::value).toArray(java.math.BigDecimal[]::new)))
                .map(rows -> {
                    List<StandingInputs.Touch> touches = new ArrayList<>();
                    for (Row row : rows) {
                        touches.add(new StandingInputs.Touch(row.getLong("unit_id"), null,
                                "figure:" + row.getString("figure"), row.getOffsetDateTime("at")));
                    }
                    return touches;
                });
    }

    Uni<Void> deleteInputs(SqlClient connection, String schemeKey) {
        return connection.preparedQuery(DELETE_INPUTS).execute(Tuple.of(schemeKey)).replaceWithVoid();
    }

    /**
     * Issue 16: what the change that brought a period to revision $3 wrote, as a scoped reader ($4, the scope's unit
     * ids) may learn of it: the period's revision as this client sees it now, how many inputs the change wrote and
     * whether one of them is of a unit in the scope or above it (issue 17: an outlet's inspection may count for the
     * windows under it).
     */
    private static final String TOUCHED = """
            SELECT (SELECT revision FROM standing_period WHERE scheme_key = $1 AND period_id = $2) AS now,
                   count(i.unit_id) AS touched,
                   coalesce(bool_or(%s OR u.path @> ANY(ARRAY(SELECT s.path FROM unit s WHERE s.id = ANY($4)))),
                            false) AS inside
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
    Uni<Map<Long, List<Counting.Input>>> read(SqlClient client, String schemeKey, String periodId, Long since) {
        return client.preparedQuery(since == null ? READ : READ_CHANGED)
                .execute(since == null ? Tuple.of(schemeKey, periodId) : Tuple.of(schemeKey, periodId, since))
                .map(StandingInputRepository::inputs);
    }

    /**
     * The inputs of period {@code ofPeriod} as a closing of {@code periodId} copied them (issue 18: the period itself
     * or the one before it).
     */
    Uni<Map<Long, List<Counting.Input>>> readClosed(SqlClient client, String schemeKey, String periodId, int closing,
            String ofPeriod) {
        return client.preparedQuery(READ_CLOSED).execute(Tuple.of(schemeKey, periodId, closing, ofPeriod))
                .map(StandingInputRepository::inputs);
    }

    private static Map<Long, List<Counting.Input>> inputs(Iterable<Row> rows) {
                    Map<Long, List<Counting.Input>> byUnit = new HashMap<>();
                    for (Row row : rows) {
                        List<Counting.Input> inputs = byUnit.computeIfAbsent(row.getLong("unit_id"),
                                id -> new ArrayList<>());
                        if (row.getInteger("samples") == 0) {
                            continue; // a group emptied since: the unit reads with what it has left
                        }
                        OffsetDateTime vetoAt = row.getOffsetDateTime("veto_at");
                        // the keys are a handful of values repeated on every row: one copy of each is kept (issue 21)
                        inputs.add(new Counting.Input(intern(row.getString("source")),
                                intern(row.getString("rubric_key")), intern(row.getString("part")),
                                new Aggregate(row.getInteger("samples"),
                                        row.getBigDecimal("total"), row.getBigDecimal("lowest"),
                                        row.getBigDecimal("latest"), row.getOffsetDateTime("latest_at").toInstant(),
                                        row.getLong("latest_id"), row.getLong("veto_id"),
                                        vetoAt == null ? null : vetoAt.toInstant())));
                    }
                    return byUnit;
    }

    private static String intern(String value) {
        return value == null ? null : value.intern();
    }

    /**
     * What a board of a period is computed from (see {@link StandingService.Stamp}), with the tree's revision as it
     * is now (a closed period's board is of its closing's tree); null for no such scheme.
     */
    Uni<StandingService.StampRead> stamp(SqlClient client, String schemeKey, String periodId, String previousId) {
        return client.preparedQuery(STAMP).execute(Tuple.of(schemeKey, periodId, previousId)).map(rows -> {
            Row row = rows.iterator().next();
            if (row.getInteger("latest") == null) {
                return null;
            }
            return new StandingService.StampRead(new StandingService.Stamp(row.getLong("tree"),
                    row.getLong("revision"), row.getLong("rebuilt"),
                    row.getLong("previous_revision"), row.getLong("previous_rebuilt"), row.getInteger("latest"),
                    row.getInteger("published_version"), row.getInteger("previous_published"),
                    row.getOffsetDateTime("published_at"), row.getInteger("closing"),
                    row.getOffsetDateTime("closed_at"), row.getInteger("previous_closing"),
                    row.getOffsetDateTime("objection_until")), row.getLong("live_tree"));
        });
    }

    /** The periods of a scheme with inputs that have samples, in no order. */
    Uni<List<PeriodRow>> periods(SqlClient client, String schemeKey) {
        return client.preparedQuery(PERIODS).execute(Tuple.of(schemeKey)).map(rows -> {
            List<PeriodRow> periods = new ArrayList<>();
            rows.forEach(row -> periods.add(periodRow(row)));
            return periods;
        });
    }

    /**
     * Marks a period published with {@code version} unless it already is, with its objection window of
     * {@code objectionDays} from today in {@code zone}, and announces it; answers the row.
     */
    Uni<PeriodRow> publish(SqlClient connection, String schemeKey, String periodId, int version, String zone,
            int objectionDays) {
        return connection.preparedQuery(PUBLISH).execute(Tuple.of(schemeKey, periodId, version, zone, objectionDays))
                .map(rows -> periodRow(rows.iterator().next()));
    }

    /** The schemes an upgrade left to rebuild (V73). */
    Uni<List<String>> pending(SqlClient client) {
        return client.query("SELECT scheme_key FROM standing_rebuild ORDER BY scheme_key").execute().map(rows -> {
            List<String> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(row.getString(0)));
            return keys;
        });
    }

    /** Takes a scheme off the list of those to rebuild, in its rebuild's transaction. */
    Uni<Void> rebuilt(SqlClient connection, String schemeKey) {
        return connection.preparedQuery("DELETE FROM standing_rebuild WHERE scheme_key = $1")
                .execute(Tuple.of(schemeKey)).replaceWithVoid();
    }

    /** Whether the scheme has any input. */
    Uni<Boolean> prepared(SqlClient client, String schemeKey) {
        return client.preparedQuery(PREPARED).execute(Tuple.of(schemeKey))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * $1 the scheme, $2–$4 side by side each source with each of its rubrics and the item it reads, $5 the time zone,
     * $6 and $7 the campaign's first and last day (null: open).
     */
    private static List<Object> parameters(Scheme scheme) {
        List<String> sources = new ArrayList<>();
        List<String> rubrics = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (Scheme.Source source : scheme.sources()) {
            source.rubrics().stream().map(Scheme.RubricChoice::rubric).distinct().forEach(rubric -> {
                sources.add(source.source());
                rubrics.add(rubric);
                items.add(source.statistic() == Scheme.Statistic.SATISFACTION_RATE ? source.item() : null);
            });
        }
        return new ArrayList<>(Arrays.asList(scheme.key(), sources.toArray(String[]::new),
                rubrics.toArray(String[]::new), items.toArray(String[]::new), scheme.timeZone().getId(),
                scheme.activeFrom(), scheme.activeTo()));
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

    /**
     * The aggregates of the evaluations counted by the scheme version in $1–$7 (within its campaign's dates), per
     * period, bulletin part, unit, source and rubric.
     */
    private static final String AGGREGATES = """
            SELECT x.period_id, x.part, x.unit_id, x.source, x.rubric_key, count(*) AS samples, sum(x.value) AS total,
                   min(x.value) AS lowest,
                   (array_agg(x.value ORDER BY x.conducted_at DESC, x.id DESC))[1] AS latest,
                   max(x.conducted_at) AS latest_at,
                   (array_agg(x.id ORDER BY x.conducted_at DESC, x.id DESC))[1] AS latest_id,
                   (array_agg(x.id ORDER BY x.conducted_at, x.id) FILTER (WHERE x.vetoed))[1] AS veto_id,
                   min(x.conducted_at) FILTER (WHERE x.vetoed) AS veto_at
            FROM (SELECT e.id, e.unit_id, e.source, e.rubric_key, e.vetoed, e.conducted_at, %1$s AS period_id,
                         %2$s AS part, e.value
                  FROM (SELECT e.id, e.unit_id, e.source, e.rubric_key, e.vetoed, e.conducted_at,
                               CASE WHEN s.item IS NULL THEN e.score
                               ELSE (e.breakdown -> 'items' -> s.item ->> 'satisfactionRate')::numeric END AS value
                        FROM evaluation e
                        JOIN unnest($2::text[], $3::text[], $4::text[]) AS s(source, rubric, item)
                          ON e.source = s.source AND e.rubric_key = s.rubric
                        WHERE e.status = 'active'
                        UNION ALL
                        SELECT f.id, f.unit_id, s.source, s.rubric, false, f.at, f.value
                        FROM figure_sample f JOIN unnest($2::text[], $3::text[]) AS s(source, rubric)
                          ON s.rubric = 'figure:' || f.figure) e
                  WHERE (e.conducted_at AT TIME ZONE $5)::date >= $6::date
                    AND ($7::date IS NULL OR (e.conducted_at AT TIME ZONE $5)::date <= $7::date)%3$s) x
            WHERE x.value IS NOT NULL%4$s
            GROUP BY x.period_id, x.part, x.unit_id, x.source, x.rubric_key""";

    private static final String COLUMNS = """
            scheme_key, period_id, part, unit_id, source, rubric_key, samples, total, lowest, latest, latest_at,
            latest_id, veto_id, veto_at, revision""";

    private static final String WRITE_GROUPS = """
            INSERT INTO standing_input (%2$s)
            SELECT $1, t.period_id, t.part, t.unit_id, t.source, t.rubric, coalesce(a.samples, 0),
                   coalesce(a.total, 0), a.lowest, a.latest, a.latest_at, a.latest_id, a.veto_id, a.veto_at,
                   r.revision
            FROM unnest($8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[])
                 AS t(unit_id, source, rubric, period_id, part)
            JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = t.period_id
            LEFT JOIN (%1$s) a ON a.unit_id = t.unit_id AND a.source = t.source AND a.rubric_key = t.rubric
              AND a.period_id = t.period_id AND a.part = t.part
            ON CONFLICT (scheme_key, period_id, unit_id, source, rubric_key, part) DO UPDATE SET
              samples = excluded.samples, total = excluded.total, lowest = excluded.lowest, latest = excluded.latest,
              latest_at = excluded.latest_at, latest_id = excluded.latest_id, veto_id = excluded.veto_id,
              veto_at = excluded.veto_at, revision = excluded.revision""";

    private static final String WRITE_PERIODS = """
            INSERT INTO standing_input (%2$s)
            SELECT $1, a.period_id, a.part, a.unit_id, a.source, a.rubric_key, a.samples, a.total, a.lowest,
                   a.latest, a.latest_at, a.latest_id, a.veto_id, a.veto_at, r.revision
            FROM (%1$s) a JOIN standing_period r ON r.scheme_key = $1 AND r.period_id = a.period_id""";

    /**
     * The statement that writes inputs from evaluations, for the scheme version in $1–$7, each row stamped with
     * its period's revision. For groups, every group in $8–$12 gets a row, with no samples when it has no
     * evaluations left; for periods, every group with evaluations in the periods in $8.
     */
    static String write(Scheme scheme, Scope scope) {
        String part = scheme.bulletin() == null ? "''" : periodOf(scheme.bulletin(), "$5");
        String aggregates = AGGREGATES.formatted(periodOf(scheme.period(), "$5"), part,
                scope == Scope.GROUPS ? " AND e.unit_id = ANY($8)" : "",
                scope == Scope.PERIODS ? " AND x.period_id = ANY($8)" : "");
        return (scope == Scope.GROUPS ? WRITE_GROUPS : WRITE_PERIODS).formatted(aggregates, COLUMNS);
    }
}
