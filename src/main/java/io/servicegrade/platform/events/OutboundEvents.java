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
}
