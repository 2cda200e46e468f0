package io.servicegrade.platform.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a change tells other systems of itself (issue 19): one {@code outbound_event} row, written over the change's
 * own transaction, so the event exists exactly when the change committed; the row's id is announced to every
 * instance at commit ({@link #CHANNEL}). Webhook deliveries are made from these rows. Every statement that writes
 * {@code outbound_event} is here.
 */
@ApplicationScoped
public class OutboundEvents {

    /** The notification channel an event's id is announced on at commit. */
    public static final String CHANNEL = "servicegrade_events";

    private static final String EMIT = """
            WITH e AS (INSERT INTO outbound_event (kind, subject, payload) VALUES ($1, $2, $3) RETURNING id)
            SELECT id, pg_notify('%s', id::text) FROM e""".formatted(CHANNEL);

    /**
     * Records an event of {@code kind} about {@code subject} (say {@code evaluation/42}) with its payload, over the
     * caller's transaction; answers the event's id.
     */
    public Uni<Long> emit(SqlClient connection, EventKind kind, String subject, JsonObject payload) {
        return connection.preparedQuery(EMIT).execute(Tuple.of(kind.wire(), subject, payload))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** One event of a batch: its subject and payload. */
    public record Event(String subject, JsonObject payload) {
    }

    private static final String EMIT_ALL = """
            WITH e AS (INSERT INTO outbound_event (kind, subject, payload)
                       SELECT $1, s, p::jsonb FROM unnest($2::text[], $3::text[]) AS t (s, p) RETURNING id)
            SELECT pg_notify('%s', min(id) || '-' || max(id)) FROM e""".formatted(CHANNEL);

    /**
     * Records many events of {@code kind} in one statement over the caller's transaction (issue 19: an evaluation
     * batch's, so ingestion pays one round trip); their ids are announced at commit in one notification as the range
     * {@code first-last} (a notification holds 8,000 bytes at most; the range may take in others' events, which a
     * listener treats as announced again).
     */
    public Uni<Void> emitAll(SqlClient connection, EventKind kind, java.util.List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] subjects = events.stream().map(Event::subject).toArray(String[]::new);
        String[] payloads = events.stream().map(e -> e.payload().encode()).toArray(String[]::new);
        return connection.preparedQuery(EMIT_ALL).execute(Tuple.of(kind.wire(), subjects, payloads))
                .replaceWithVoid();
    }

    /**
     * Deletes up to 10,000 events that happened before {@code cutoff} and that no webhook delivery still waits to
     * send (issue 19: the retention sweep); answers how many.
     */
    public Uni<Integer> deleteBefore(SqlClient client, java.time.OffsetDateTime cutoff) {
        return client.preparedQuery("""
                DELETE FROM outbound_event WHERE id IN (
                    SELECT e.id FROM outbound_event e WHERE e.occurred_at < $1 AND NOT EXISTS (
                        SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.state = 'pending')
                    LIMIT 10000)""").execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }
}
