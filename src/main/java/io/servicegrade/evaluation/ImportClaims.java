package io.servicegrade.evaluation;

import io.quarkus.runtime.ShutdownEvent;
import io.servicegrade.platform.database.ConnectionOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Which instance runs an import job. An instance claims a job by taking a PostgreSQL advisory lock on it over one
 * connection of its own, outside the pool: only one session can hold the lock, so two instances never run one job,
 * and the lock ends with the session, so the jobs of an instance that crashed can be claimed at once by another
 * (or by itself, restarted). Should the connection drop while a job runs (a database restart), its claim is gone
 * and another instance may run the job again; a file is stored like one batch, by externalId, so it is stored
 * once either way.
 */
@ApplicationScoped
public class ImportClaims {

    /** The first half of the lock's two-part key; the job id is the second (two-part keys never meet one-part ones). */
    static final int IMPORT_JOBS = 0x5347_494D;

    @Inject
    Vertx vertx;

    @Inject
    ConnectionOptions database;

    private Uni<PgConnection> connection;

    /** The first half of the account imports' claims (issue 16: account/AccountImport), apart from these. */
    public static final int ACCOUNT_IMPORTS = 0x5347_4143;

    /** True when this instance now holds the job (and must {@link #release} it); false when another does. */
    public Uni<Boolean> claim(long jobId) {
        return claim(IMPORT_JOBS, jobId);
    }

    public Uni<Void> release(long jobId) {
        return release(IMPORT_JOBS, jobId);
    }

    /** As {@link #claim(long)}, for a job of another kind ({@link #ACCOUNT_IMPORTS}). */
    public Uni<Boolean> claim(int kind, long jobId) {
        return session().flatMap(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1, $2::int)")
                .execute(Tuple.of(kind, key(jobId))).map(rows -> rows.iterator().next().getBoolean(0)));
    }

    public Uni<Void> release(int kind, long jobId) {
        return session().flatMap(c -> c.preparedQuery("SELECT pg_advisory_unlock($1, $2::int)")
                .execute(Tuple.of(kind, key(jobId)))).replaceWithVoid();
    }

    private static int key(long jobId) {
        return (int) (jobId & 0x7fff_ffffL);
    }

    /** The claims' own connection, opened when first needed and again after it closed. */
    private synchronized Uni<PgConnection> session() {
        if (connection == null) {
            Uni<PgConnection> opening = PgConnection.connect(vertx, database.primary())
                    .invoke(c -> c.closeHandler(() -> forget()))
                    .onFailure().invoke(failure -> forget())
                    .memoize().indefinitely();
            connection = opening;
        }
        return connection;
    }

    private synchronized void forget() {
        connection = null;
    }

    void stop(@Observes ShutdownEvent event) {
        Uni<PgConnection> open = connection;
        if (open != null) {
            open.flatMap(PgConnection::close).subscribe().with(done -> { }, failure -> { });
        }
    }
}
