package io.servicegrade.veto;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one owner of {@code veto_event} (issue 18): every statement on it is here, each on the client it is given (a
 * write's transaction) or the pool. The rules (who may, which state follows which, which boards change) are
 * {@link VetoEventService}'s.
 */
@ApplicationScoped
public class VetoEventRepository {

    /** An event with its unit's and staff units' codes. */
    private static final String SELECT = """
            SELECT v.id, v.unit_id, u.code AS unit_code, v.staff_unit_ids,
                   ARRAY(SELECT s.code FROM unnest(v.staff_unit_ids) WITH ORDINALITY AS x(id, n)
                         JOIN unit s ON s.id = x.id ORDER BY x.n) AS staff_codes,
                   v.kind, v.kind_text, v.occurred_on, v.description, v.evidence, v.state, v.proposed_at,
                   v.confirmed_at, v.exemption_ground, v.exemption_reason, v.exemption_requested_at, v.exempted_at
            FROM veto_event v JOIN unit u ON u.id = v.unit_id""";

    private static final String INSERT = """
            INSERT INTO veto_event (unit_id, staff_unit_ids, kind, kind_text, occurred_on, description, evidence)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

    /** The events a caller in {@code $1} (scope ids; null: every unit) may read: its unit or a staff unit in scope. */
    private static final String VISIBLE = """
             WHERE (%s OR EXISTS (SELECT 1 FROM unit s WHERE s.id = ANY(v.staff_unit_ids) AND %s))"""
            .formatted(Scope.predicate("u", 1), Scope.predicate("s", 1));

    private static final String LIST = SELECT + " " + VISIBLE + " " + """
             AND ($2::bigint IS NULL OR v.unit_id = $2 OR $2 = ANY(v.staff_unit_ids))
             AND ($3::text IS NULL OR v.state = $3)
             AND ($4::date IS NULL OR v.occurred_on >= $4) AND ($5::date IS NULL OR v.occurred_on < $5)
             ORDER BY v.occurred_on DESC, v.id DESC LIMIT 500""";

    private static final String ONE = SELECT + " " + VISIBLE + " AND v.id = $2";

    /** Confirmed, not exempted events of the days [$1, $2), earliest first (the first one a unit meets is shown). */
    private static final String IN_EFFECT = SELECT + " " + """
             WHERE v.state IN ('confirmed', 'exemption-requested') AND v.occurred_on >= $1 AND v.occurred_on < $2
             ORDER BY v.occurred_on, v.id""";

    @Inject
    Pool pool;

    Uni<Long> insert(SqlClient connection, long unitId, List<Long> staff, String kind, String kindText,
            LocalDate occurredOn, String description, List<String> evidence) {
        return connection.preparedQuery(INSERT).execute(Tuple.tuple(Arrays.asList(unitId,
                staff.toArray(Long[]::new), kind, kindText, occurredOn, description, evidence.toArray(String[]::new))))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The event, its row locked until the transaction ends; null when there is none. */
    Uni<VetoEvent> lock(SqlClient connection, long id) {
        return connection.preparedQuery(SELECT + " WHERE v.id = $1 FOR UPDATE OF v").execute(Tuple.of(id))
                .map(VetoEventRepository::first);
    }

    Uni<Void> confirm(SqlClient connection, long id) {
        return connection.preparedQuery("UPDATE veto_event SET state = 'confirmed', confirmed_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    Uni<Void> requestExemption(SqlClient connection, long id, String ground, String reason) {
        return connection.preparedQuery("""
                UPDATE veto_event SET state = 'exemption-requested', exemption_ground = $2, exemption_reason = $3,
                       exemption_requested_at = now() WHERE id = $1""")
                .execute(Tuple.of(id, ground, reason)).replaceWithVoid();
    }

    Uni<Void> exempt(SqlClient connection, long id) {
        return connection.preparedQuery("UPDATE veto_event SET state = 'exempted', exempted_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** A declined exemption: the event is confirmed again and keeps vetoing; the request is cleared. */
    Uni<Void> declineExemption(SqlClient connection, long id) {
        return connection.preparedQuery("""
                UPDATE veto_event SET state = 'confirmed', exemption_ground = NULL, exemption_reason = NULL,
                       exemption_requested_at = NULL WHERE id = $1""")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The event as {@code scope} may see it (null: every unit); null when there is none or it is out of scope. */
    Uni<VetoEvent> find(SqlClient client, long id, Long[] scope) {
        return client.preparedQuery(ONE).execute(Tuple.tuple(Arrays.asList(scope, id)))
                .map(VetoEventRepository::first);
    }

    Uni<VetoEvent> find(long id, Long[] scope) {
        return find(pool, id, scope);
    }

    /** Events {@code scope} may see, newest first, filtered by a unit (as the unit or a staff unit), state and days. */
    Uni<List<VetoEvent>> list(Long[] scope, Long unitId, String state, LocalDate from, LocalDate until) {
        return pool.preparedQuery(LIST).execute(Tuple.tuple(Arrays.asList(scope, unitId, state, from, until)))
                .map(VetoEventRepository::all);
    }

    /** Confirmed, not exempted events of the days [from, until), earliest first. */
    Uni<List<VetoEvent>> inEffect(LocalDate from, LocalDate until) {
        return pool.preparedQuery(IN_EFFECT).execute(Tuple.of(from, until)).map(VetoEventRepository::all);
    }

    private static VetoEvent first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : event(rows.iterator().next());
    }

    private static List<VetoEvent> all(RowSet<Row> rows) {
        List<VetoEvent> events = new ArrayList<>();
        rows.forEach(row -> events.add(event(row)));
        return events;
    }

    private static VetoEvent event(Row row) {
        return new VetoEvent(row.getLong("id"), row.getLong("unit_id"), row.getString("unit_code"),
                List.of(row.getArrayOfLongs("staff_unit_ids")), List.of(row.getArrayOfStrings("staff_codes")),
                row.getString("kind"), row.getString("kind_text"), row.getLocalDate("occurred_on"),
                row.getString("description"), List.of(row.getArrayOfStrings("evidence")), row.getString("state"),
                row.getOffsetDateTime("proposed_at"), row.getOffsetDateTime("confirmed_at"),
                row.getString("exemption_ground"), row.getString("exemption_reason"),
                row.getOffsetDateTime("exemption_requested_at"), row.getOffsetDateTime("exempted_at"));
    }
}
