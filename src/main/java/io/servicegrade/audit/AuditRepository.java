package io.servicegrade.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.audit.AuditTrail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statement on {@code audit_event}: rows appended (within a write's own transaction, over either persistence
 * stack, or on their own) and read back, newest first. The application's role may only insert and read; the
 * table's trigger refuses any change (V64).
 */
@ApplicationScoped
public class AuditRepository implements AuditTrail {

    static final String COLUMNS = "actor_kind, actor_key_id, actor_account_id, actor_agency_id, actor_login, action,"
            + " target_kind, target_key, outcome, status, via, client_address, request_id";

    /** One row from one JSON parameter: no typed nulls to bind, and the same text for both stacks. */
    private static final String INSERT = "INSERT INTO audit_event (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM jsonb_populate_record(CAST(NULL AS audit_event), CAST(CAST($1 AS text) AS jsonb))";

    private static final String INSERT_NAMED = INSERT.replace("$1", ":event");

    private static final String SELECT = "SELECT id, at, " + COLUMNS + " FROM audit_event";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** What to read: each filter, when not null, must match; {@code before}: ids below it (the cursor). */
    record Filter(Long keyId, Long accountId, String login, String action, String targetKind, String targetKey,
            java.time.OffsetDateTime from, java.time.OffsetDateTime to) {
    }

    @Override
    public Uni<Void> append(SqlConnection connection, AuditEvent event) {
        return connection.preparedQuery(INSERT).execute(Tuple.of(text(event))).replaceWithVoid();
    }

    @Override
    public Uni<Void> append(Mutiny.Session session, AuditEvent event) {
        return session.createNativeQuery(INSERT_NAMED).setParameter("event", text(event)).executeUpdate()
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> record(AuditEvent event) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(text(event))).replaceWithVoid();
    }

    /** Up to {@code size} rows matching {@code filter} with ids below {@code before} (none: from the newest). */
    Uni<List<StoredAuditEvent>> page(Filter filter, Long before, int size) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        conditions(filter, where, values);
        condition(where, values, "id < $", before);
        values.add(size);
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT $" + values.size();
        return pool.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> {
            List<StoredAuditEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(event(row));
            }
            return events;
        });
    }

    /** How many rows match {@code filter}. */
    Uni<Long> count(Filter filter) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        conditions(filter, where, values);
        String sql = "SELECT count(*) FROM audit_event"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        return pool.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static void conditions(Filter filter, List<String> where, List<Object> values) {
        condition(where, values, "actor_key_id = $", filter.keyId());
        condition(where, values, "actor_account_id = $", filter.accountId());
        condition(where, values, "actor_login = $", filter.login());
        condition(where, values, "action = $", filter.action());
        condition(where, values, "target_kind = $", filter.targetKind());
        condition(where, values, "target_key = $", filter.targetKey());
        condition(where, values, "at >= $", filter.from());
        condition(where, values, "at < $", filter.to());
    }

    private static void condition(List<String> where, List<Object> values, String sql, Object value) {
        if (value != null) {
            values.add(value);
            where.add(sql + values.size());
        }
    }

    private static StoredAuditEvent event(Row row) {
        return new StoredAuditEvent(row.getLong("id"), row.getOffsetDateTime("at"), new AuditEvent(
                row.getString("actor_kind"), row.getLong("actor_key_id"), row.getLong("actor_account_id"),
                row.getLong("actor_agency_id"), row.getString("actor_login"), row.getString("action"),
                row.getString("target_kind"), row.getString("target_key"), row.getString("outcome"),
                row.getInteger("status"), row.getString("via"), row.getString("client_address"),
                row.getString("request_id")));
    }

    private String text(AuditEvent event) {
        ObjectNode node = json.createObjectNode();
        node.put("actor_kind", event.actorKind());
        node.put("actor_key_id", event.actorKeyId());
        node.put("actor_account_id", event.actorAccountId());
        node.put("actor_agency_id", event.actorAgencyId());
        node.put("actor_login", event.actorLogin());
        node.put("action", event.action());
        node.put("target_kind", event.targetKind());
        node.put("target_key", event.targetKey());
        node.put("outcome", event.outcome());
        node.put("status", event.status());
        node.put("via", event.via());
        node.put("client_address", event.clientAddress());
        node.put("request_id", event.requestId());
        return node.toString();
    }

    /** A row as stored: its id and time, and the event. */
    record StoredAuditEvent(long id, java.time.OffsetDateTime at, AuditEvent event) {
    }
}
