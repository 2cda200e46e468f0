package io.servicegrade.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement on webhook subscriptions, deliveries and their attempts (issue 19). Fan-out, claims and the
 * record of an attempt are each one statement, so each is atomic without a transaction of its own and safe with
 * any number of instances: the unique (subscription, event) makes a repeated fan-out a no-op, the claim locks with
 * {@code SKIP LOCKED} and leases until {@code claimed_until}, and an attempt is recorded only by its claimer.
 */
@ApplicationScoped
public class WebhookRepository {

    private static final String SUBSCRIPTION = "id, url, kinds, active, description, created_at, updated_at";

    /** A subscription as stored, without its secret. */
    public record Subscription(long id, String url, List<String> kinds, boolean active, String description,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A delivery claimed for sending: where to, signed with what, and the event it carries. */
    record Claimed(long id, int series, int attempts, String url, String secret, long eventId, String kind,
            String subject, JsonObject payload, OffsetDateTime occurredAt) {
    }

    /** One attempt as the delivery log keeps it. */
    public record Attempt(long deliveryId, int series, int number, OffsetDateTime at, Integer status, String error,
            int durationMs, String instance) {
    }

    /** A delivery as its log shows it, with its attempts (oldest first). */
    public record Delivery(long id, long subscriptionId, long eventId, String kind, String subject, String state,
            int series, int attempts, OffsetDateTime nextAt, OffsetDateTime createdAt, OffsetDateTime finishedAt,
            List<Attempt> log) {
    }

    @Inject
    Pool pool;

    // subscriptions

    Uni<Subscription> insert(SqlClient connection, String url, List<String> kinds, boolean active,
            String description, String secret) {
        return connection.preparedQuery("INSERT INTO webhook_subscription (url, kinds, active, description, secret)"
                        + " VALUES ($1, $2, $3, $4, $5) RETURNING " + SUBSCRIPTION)
                .execute(Tuple.from(Arrays.asList(url, kinds.toArray(String[]::new), active, description, secret)))
                .map(rows -> subscription(rows.iterator().next()));
    }

    /** The subscription, locked for change in the caller's transaction; null when there is none. */
    Uni<Subscription> lock(SqlClient connection, long id) {
        return connection.preparedQuery("SELECT " + SUBSCRIPTION + " FROM webhook_subscription WHERE id = $1"
                        + " FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : subscription(rows.iterator().next()));
    }

    Uni<Subscription> update(SqlClient connection, Subscription s) {
        return connection.preparedQuery("UPDATE webhook_subscription SET url = $2, kinds = $3, active = $4,"
                        + " description = $5, updated_at = now() WHERE id = $1 RETURNING " + SUBSCRIPTION)
                .execute(Tuple.from(Arrays.asList(s.id(), s.url(), s.kinds().toArray(String[]::new), s.active(),
                        s.description())))
                .map(rows -> rows.size() == 0 ? null : subscription(rows.iterator().next()));
    }

    /** Deletes the subscription with its deliveries and their log; false when there is none. */
    Uni<Boolean> delete(SqlClient connection, long id) {
        return connection.preparedQuery("DELETE FROM webhook_subscription WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the subscription a new secret; false when there is none. */
    Uni<Boolean> rotate(SqlClient connection, long id, String secret) {
        return connection.preparedQuery("UPDATE webhook_subscription SET secret = $2, updated_at = now()"
                        + " WHERE id = $1").execute(Tuple.of(id, secret))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Subscription> find(long id) {
        return pool.preparedQuery("SELECT " + SUBSCRIPTION + " FROM webhook_subscription WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : subscription(rows.iterator().next()));
    }

    Uni<List<Subscription>> list() {
        return pool.preparedQuery("SELECT " + SUBSCRIPTION + " FROM webhook_subscription ORDER BY id")
                .execute().map(rows -> {
                    List<Subscription> all = new ArrayList<>();
                    rows.forEach(row -> all.add(subscription(row)));
                    return all;
                });
    }

    /** How a subscription's deliveries stand: delivered, failing (pending after a failed attempt), given up. */
    public record Counts(long delivered, long failing, long givenUp) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /** The counts of every subscription that has deliveries, by subscription id (issue 19: the report page). */
    Uni<Map<Long, Counts>> counts() {
        return pool.preparedQuery("SELECT subscription_id, count(*) FILTER (WHERE state = 'delivered') AS delivered,"
                        + " count(*) FILTER (WHERE state = 'pending' AND attempts > 0) AS failing,"
                        + " count(*) FILTER (WHERE state = 'failed') AS given_up FROM webhook_delivery"
                        + " GROUP BY subscription_id").execute().map(rows -> {
                    Map<Long, Counts> all = new LinkedHashMap<>();
                    rows.forEach(row -> all.put(row.getLong("subscription_id"), new Counts(row.getLong("delivered"),
                            row.getLong("failing"), row.getLong("given_up"))));
                    return all;
                });
    }

    // fan-out: one delivery per (subscription, event) for subscriptions of the event's kind, active, made before it

    private static final String FAN_OUT = """
            INSERT INTO webhook_delivery (subscription_id, event_id)
            SELECT s.id, e.id FROM outbound_event e
            JOIN webhook_subscription s ON s.active AND e.kind = ANY (s.kinds) AND s.created_at <= e.occurred_at
            WHERE %s
            ON CONFLICT (subscription_id, event_id) DO NOTHING""";

    /** Fans out the events announced, ids {@code first} to {@code last}; answers how many deliveries were made. */
    Uni<Integer> fanOut(long first, long last) {
        return pool.preparedQuery(FAN_OUT.formatted("e.id BETWEEN $1 AND $2"))
                .execute(Tuple.of(first, last)).map(rows -> rows.rowCount());
    }

    private static final String BACKSTOP = """
            WITH mark AS (
                SELECT horizon, pg_snapshot_xmin(pg_current_snapshot()) AS settled
                FROM webhook_fanout FOR UPDATE SKIP LOCKED),
            made AS (
                INSERT INTO webhook_delivery (subscription_id, event_id)
                SELECT s.id, e.id FROM mark JOIN outbound_event e ON e.xact >= mark.horizon
                JOIN webhook_subscription s ON s.active AND e.kind = ANY (s.kinds) AND s.created_at <= e.occurred_at
                WHERE NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.id
                                  AND d.event_id = e.id)
                ON CONFLICT (subscription_id, event_id) DO NOTHING
                RETURNING 1),
            moved AS (
                UPDATE webhook_fanout f SET horizon = greatest(f.horizon, mark.settled), ran_at = now()
                FROM mark RETURNING 1)
            SELECT (SELECT count(*) FROM made)::int AS made, (SELECT count(*) FROM moved)::int AS ran""";

    /**
     * The backstop for missed announcements (issue 19), with no window: fans out every event written since the
     * horizon (by a transaction not older than the oldest one running at the last run) that has not been, and moves
     * the horizon up to the oldest transaction running now. One statement, so the deliveries and the horizon move
     * together; the horizon's row is taken with {@code SKIP LOCKED}, so a run another instance is making is left to
     * it. Answers how many deliveries were made, or -1 when another instance held the horizon.
     */
    Uni<Integer> fanOutBackstop() {
        return pool.preparedQuery(BACKSTOP).execute().map(rows -> {
            Row row = rows.iterator().next();
            return row.getInteger("ran") == 0 ? -1 : row.getInteger("made");
        });
    }

    // delivery

    private static final String CLAIM = """
            WITH due AS (
                SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.state = 'pending' AND d.next_at <= now() AND s.active
                  AND (d.claimed_until IS NULL OR d.claimed_until < now())
                ORDER BY d.next_at LIMIT $3
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_delivery d SET claimed_by = $1, claimed_until = now() + $2 * interval '1 millisecond'
            FROM due, webhook_subscription s, outbound_event e
            WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
            RETURNING d.id, d.series, d.attempts, s.url, s.secret, e.id AS event_id, e.kind, e.subject,
                      e.payload::text AS payload, e.occurred_at""";

    /**
     * Claims up to {@code limit} due deliveries for {@code claimer} until the lease ends: rows another instance
     * holds are skipped, and a claim whose instance stopped lapses when its lease does.
     */
    Uni<List<Claimed>> claim(String claimer, Duration lease, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(claimer, lease.toMillis(), limit)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(new Claimed(row.getLong("id"), row.getInteger("series"),
                    row.getInteger("attempts"), row.getString("url"), row.getString("secret"),
                    row.getLong("event_id"), row.getString("kind"), row.getString("subject"),
                    new JsonObject(row.getString("payload")), row.getOffsetDateTime("occurred_at"))));
            return claimed;
        });
    }

    private static final String RECORD = """
            WITH d AS (
                UPDATE webhook_delivery SET attempts = attempts + 1, state = $3,
                       next_at = coalesce($4, next_at),
                       finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END,
                       claimed_by = NULL, claimed_until = NULL
                WHERE id = $1 AND claimed_by = $2 AND state = 'pending'
                RETURNING id, subscription_id, series, attempts, state, next_at, finished_at),
            a AS (
                INSERT INTO webhook_attempt (delivery_id, series, number, at, status, error, duration_ms, instance)
                SELECT id, series, attempts, $5, $6, $7, $8, $9 FROM d)
            SELECT pg_notify('%s', concat_ws(chr(10), id, subscription_id, series, attempts, state,
                                             (extract(epoch FROM next_at) * 1000)::bigint,
                                             coalesce(((extract(epoch FROM finished_at) * 1000)::bigint)::text,
                                                      ''))) FROM d""".formatted(
            WebhookChanges.CHANNEL);

    /**
     * Records an attempt of a claimed delivery and its outcome, announced at commit on {@link WebhookChanges#CHANNEL}
     * (issue 19) ({@code pending} with the next attempt's time,
     * {@code delivered}, {@code failed}); only while {@code claimer} holds it. Answers whether it was recorded.
     */
    Uni<Boolean> record(long id, String claimer, String state, OffsetDateTime nextAt, OffsetDateTime at,
            Integer status, String error, int durationMs, String instance) {
        return pool.preparedQuery(RECORD).execute(Tuple.from(Arrays.asList(id, claimer, state, nextAt, at, status,
                error, durationMs, instance))).map(rows -> rows.rowCount() == 1);
    }

    // the log and replays

    private static final String DELIVERY = """
            SELECT d.id, d.subscription_id, d.event_id, e.kind, e.subject, d.state, d.series, d.attempts,
                   d.next_at, d.created_at, d.finished_at
            FROM webhook_delivery d JOIN outbound_event e ON e.id = d.event_id""";

    /**
     * Which deliveries of a log: before the id {@code before}, in {@code state}, of the event kind {@code kind}, made
     * in [{@code from}, {@code to}), each when not null; at most {@code limit}.
     */
    record LogFilter(Long before, String state, String kind, OffsetDateTime from, OffsetDateTime to, int limit) {
    }

    /** A subscription's deliveries, newest first, as {@code filter} selects them, with their attempts. */
    Uni<List<Delivery>> deliveries(long subscriptionId, LogFilter filter) {
        return pool.preparedQuery(DELIVERY + " WHERE d.subscription_id = $1 AND ($2::bigint IS NULL OR d.id < $2)"
                        + " AND ($3::text IS NULL OR d.state = $3) AND ($4::text IS NULL OR e.kind = $4)"
                        + " AND ($5::timestamptz IS NULL OR d.created_at >= $5)"
                        + " AND ($6::timestamptz IS NULL OR d.created_at < $6) ORDER BY d.id DESC LIMIT $7")
                .execute(Tuple.from(Arrays.asList(subscriptionId, filter.before(), filter.state(), filter.kind(),
                        filter.from(), filter.to(), filter.limit())))
                .flatMap(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    return withAttempts(found);
                });
    }

    Uni<Delivery> delivery(long id) {
        return pool.preparedQuery(DELIVERY + " WHERE d.id = $1").execute(Tuple.of(id)).flatMap(rows -> {
            List<Row> found = new ArrayList<>();
            rows.forEach(found::add);
            return withAttempts(found).map(all -> all.isEmpty() ? null : all.get(0));
        });
    }

    private Uni<List<Delivery>> withAttempts(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        return pool.preparedQuery("SELECT delivery_id, series, number, at, status, error, duration_ms, instance"
                        + " FROM webhook_attempt WHERE delivery_id = ANY ($1) ORDER BY delivery_id, id")
                .execute(Tuple.of(ids)).map(attempts -> {
                    Map<Long, List<Attempt>> log = new LinkedHashMap<>();
                    attempts.forEach(a -> log.computeIfAbsent(a.getLong("delivery_id"), k -> new ArrayList<>())
                            .add(new Attempt(a.getLong("delivery_id"), a.getInteger("series"),
                                    a.getInteger("number"), a.getOffsetDateTime("at"), a.getInteger("status"),
                                    a.getString("error"), a.getInteger("duration_ms"), a.getString("instance"))));
                    List<Delivery> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(new Delivery(row.getLong("id"), row.getLong("subscription_id"),
                                row.getLong("event_id"), row.getString("kind"), row.getString("subject"),
                                row.getString("state"), row.getInteger("series"), row.getInteger("attempts"),
                                row.getOffsetDateTime("next_at"), row.getOffsetDateTime("created_at"),
                                row.getOffsetDateTime("finished_at"), log.getOrDefault(row.getLong("id"), List.of())));
                    }
                    return all;
                });
    }

    private static final String REPLAY = """
            UPDATE webhook_delivery SET state = 'pending', series = series + 1, attempts = 0, next_at = now(),
                   finished_at = NULL, claimed_by = NULL, claimed_until = NULL
            WHERE state <> 'pending' AND\s""";

    /** Starts a new attempt series of a finished delivery; false when it is pending (or does not exist). */
    Uni<Boolean> replay(SqlClient connection, long id) {
        return connection.preparedQuery(REPLAY + "id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Starts a new series of each failed delivery of a subscription made since {@code since}; answers how many. */
    Uni<Integer> replayFailed(SqlClient connection, long subscriptionId, OffsetDateTime since) {
        return connection.preparedQuery(REPLAY + "state = 'failed' AND subscription_id = $1 AND created_at >= $2")
                .execute(Tuple.of(subscriptionId, since)).map(rows -> rows.rowCount());
    }

    /** Deletes finished deliveries (and their log) that finished before {@code cutoff}; answers how many. */
    Uni<Integer> deleteFinished(OffsetDateTime cutoff) {
        return pool.preparedQuery("DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery"
                        + " WHERE state <> 'pending' AND finished_at < $1 LIMIT 10000)")
                .execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }

    private static Subscription subscription(Row row) {
        return new Subscription(row.getLong("id"), row.getString("url"), List.of(row.getArrayOfStrings("kinds")),
                row.getBoolean("active"), row.getString("description"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
