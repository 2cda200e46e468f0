package io.servicegrade.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Idempotency keys, per agency scope. The first request with a key runs and its answer (status and body) is
 * kept; the same key with the same body gets that answer again; with another body, a 422; while the first is
 * still running, a 409 with {@code Retry-After}. Answers of 500 and above are not kept, so a retry runs again. A claim left by a
 * crashed run is taken over after {@link #ABANDONED}. Keys are kept for the configured retention (25 h).
 */
@ApplicationScoped
public class IdempotencyStore {

    static final Duration ABANDONED = Duration.ofMinutes(5);
    /** How long a client is asked to wait before retrying while the first request with its key runs. */
    static final int RUNNING_RETRY_SECONDS = 1;
    /** Bodies are compared by meaning: object members in name order, so reordered members are one request. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    @Inject
    Pool pool;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    ServiceGradeConfig config;

    /** An answer as sent: kept for replay. */
    public record Reply(int status, String body, boolean replayed) {
    }

    /**
     * What identifies a request's body for its key: SHA-256 of the JSON with object members in name order, so
     * that a client re-sending the same document with its members reordered sends the same request.
     */
    public static String requestHash(JsonNode body) {
        try {
            return Sha256.hex(CANONICAL.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Reply> run(long scope, String key, String requestHash, Supplier<Uni<Reply>> work) {
        return pool.preparedQuery("INSERT INTO idempotency_key (agency_scope, idempotency_key, request_hash, state)"
                + " VALUES ($1, $2, $3, 'running') ON CONFLICT DO NOTHING RETURNING 1")
                .execute(Tuple.of(scope, key, requestHash))
                .flatMap(claimed -> claimed.size() > 0 ? runClaimed(scope, key, work) : existing(scope, key,
                        requestHash, work));
    }

    private Uni<Reply> existing(long scope, String key, String requestHash, Supplier<Uni<Reply>> work) {
        return pool.preparedQuery("SELECT request_hash, state, response_status, response_body,"
                + " created_at < now() - make_interval(secs => $3) AS abandoned FROM idempotency_key"
                + " WHERE agency_scope = $1 AND idempotency_key = $2")
                .execute(Tuple.of(scope, key, ABANDONED.toSeconds()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        // Expired between the two statements: start over.
                        return run(scope, key, requestHash, work);
                    }
                    Row row = rows.iterator().next();
                    if (!row.getString("request_hash").equals(requestHash)) {
                        return Uni.createFrom().failure(ProblemException.invalid(java.util.List.of(
                                io.servicegrade.platform.problem.Violation.at("/Idempotency-Key",
                                        ProblemMessages::idempotencyMismatch))));
                    }
                    if ("done".equals(row.getString("state"))) {
                        replays().increment();
                        return Uni.createFrom().item(new Reply(row.getInteger("response_status"),
                                row.getString("response_body"), true));
                    }
                    if (row.getBoolean("abandoned")) {
                        return takeOver(scope, key, work);
                    }
                    return Uni.createFrom().failure(stillRunning());
                });
    }

    private Uni<Reply> takeOver(long scope, String key, Supplier<Uni<Reply>> work) {
        return pool.preparedQuery("UPDATE idempotency_key SET created_at = now() WHERE agency_scope = $1"
                + " AND idempotency_key = $2 AND state = 'running' AND created_at < now() - make_interval(secs => $3) RETURNING 1")
                .execute(Tuple.of(scope, key, ABANDONED.toSeconds()))
                .flatMap(updated -> updated.size() > 0 ? runClaimed(scope, key, work)
                        : Uni.createFrom().failure(stillRunning()));
    }

    /** 409: the first request with the key is still running; its answer will be there shortly. */
    private static ProblemException stillRunning() {
        return new ProblemException(409, "idempotency-running", ProblemMessages::conflictTitle,
                ProblemMessages::idempotencyRunning).retryAfter(RUNNING_RETRY_SECONDS);
    }

    private Uni<Reply> runClaimed(long scope, String key, Supplier<Uni<Reply>> work) {
        return Uni.createFrom().<Reply>deferred(work::get)
                .onFailure().call(failure -> releaseOrLater(scope, key))
                .flatMap(reply -> reply.status() >= 500 ? releaseOrLater(scope, key).replaceWith(reply)
                        : pool.preparedQuery("UPDATE idempotency_key SET state = 'done', response_status = $3,"
                                + " response_body = $4 WHERE agency_scope = $1 AND idempotency_key = $2")
                                .execute(Tuple.of(scope, key, reply.status(), reply.body()))
                                .replaceWith(reply));
    }

    /**
     * Releases the claim so that a resend runs again; when the database cannot be reached to do so (the very
     * failure being answered), tries again in the background for a minute rather than leave the key blocked
     * until the claim counts as abandoned. The answer does not wait for that.
     */
    private Uni<Void> releaseOrLater(long scope, String key) {
        return release(scope, key).onFailure().recoverWithUni(failure -> {
            release(scope, key).onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10))
                    .expireIn(Duration.ofMinutes(1).toMillis())
                    .subscribe().with(done -> LOG.debugf("Released idempotency key %s late", key),
                            later -> LOG.warnf("Could not release idempotency key %s: %s", key, later.getMessage()));
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> release(long scope, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_key WHERE agency_scope = $1 AND idempotency_key = $2"
                + " AND state = 'running'")
                .execute(Tuple.of(scope, key)).replaceWithVoid();
    }

    private io.micrometer.core.instrument.Counter replays() {
        return io.micrometer.core.instrument.Counter.builder("servicegrade.idempotency.replays")
                .description("Requests answered with the kept answer of their idempotency key").register(registry);
    }

    void expireOldKeys(@Observes StartupEvent event) {
        replays(); // issue 22: the series at zero from the start
        vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> pool
                .preparedQuery("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(config.evaluations().idempotencyRetention().toSeconds()))
                .subscribe().with(deleted -> LOG.debugf("Expired %d idempotency keys", deleted.rowCount()),
                        failure -> LOG.warnf("Could not expire idempotency keys: %s", failure.getMessage())));
    }
}
