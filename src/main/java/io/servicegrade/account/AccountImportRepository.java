package io.servicegrade.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Account import jobs in PostgreSQL ({@code account_import}, V67): the one class with SQL on the table. Each
 * statement is one step of a job's life: an id taken, the job admitted and recorded running, its passwords
 * hashed so far, then finished.
 */
@ApplicationScoped
public class AccountImportRepository {

    private static final String NEXT_ID = """
            SELECT nextval('account_import_seq')
            """;
    /** Jobs are admitted one at a time (a transaction lock), so that two cannot both take the last place. */
    private static final String ADMISSION_LOCK = """
            SELECT pg_advisory_xact_lock($1, 0)
            """;
    private static final String RUNNING_COUNT = """
            SELECT count(*) FROM account_import WHERE status = 'running'
            """;
    private static final String CREATE = """
            INSERT INTO account_import (id, key_id, account_id, filename, format, status, rows_total)
            VALUES ($1, $2, $3, $4, $5, 'running', $6)
            """;
    private static final String FIND = """
            SELECT id, filename, format, status, rows_total, rows_done, created, errors::text AS errors, created_at,
                   updated_at
            FROM account_import WHERE id = $1
            """;
    private static final String RUNNING = """
            SELECT id FROM account_import WHERE status = 'running' ORDER BY id
            """;
    private static final String PROGRESS = """
            UPDATE account_import SET rows_done = $2, updated_at = now() WHERE id = $1 AND status = 'running'
            """;
    /** Only a running job ends, once: a finished one keeps what it ended with. */
    private static final String FINISH = """
            UPDATE account_import SET status = $2, created = $3, errors = $4::text::jsonb,
                   rows_done = CASE WHEN $2 = 'succeeded' THEN rows_total ELSE rows_done END, updated_at = now()
            WHERE id = $1 AND status = 'running'
            RETURNING key_id, account_id
            """;

    /**
     * A job's success, written in the transaction that makes its accounts ({@link AccountService#createAll}), so
     * the accounts and the job's end commit together: only while the job is running (an instance that found it
     * orphaned may have failed it meanwhile; then no account is made either). Hibernate Reactive's native query,
     * named parameters.
     */
    static final String SUCCEEDED = """
            UPDATE account_import SET status = 'succeeded', created = :created, rows_done = rows_total,
                   updated_at = now()
            WHERE id = :id AND status = 'running'
            """;

    /** The first half of the admission lock's two-part key ("SGAA"); apart from the evaluation imports'. */
    static final int ACCOUNT_IMPORT_ADMISSION = 0x5347_4141;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** Who started a job (to record its end in the audit log). */
    private static final String STARTER = """
            SELECT key_id, account_id FROM account_import WHERE id = $1
            """;

    Uni<Starter> starter(long id) {
        return pool.preparedQuery(STARTER).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Starter(row.getLong("key_id"), row.getLong("account_id"));
        });
    }

    /** Who started a job: the key, and its account when a personal access token. */
    record Starter(long keyId, Long accountId) {
    }

    /** A new job's id, taken before its row is written (the instance claims it first). */
    Uni<Long> nextId() {
        return pool.query(NEXT_ID).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Takes the admission lock in the transaction of {@code connection} (held to its end) and counts the running
     * jobs, of every instance.
     */
    Uni<Long> running(SqlConnection connection) {
        return connection.preparedQuery(ADMISSION_LOCK).execute(Tuple.of(ACCOUNT_IMPORT_ADMISSION))
                .flatMap(locked -> connection.query(RUNNING_COUNT).execute())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Records a job, running, over {@code connection}. */
    Uni<Void> create(SqlConnection connection, long id, Starter starter, String filename, String format,
            int rows) {
        return connection.preparedQuery(CREATE).execute(Tuple.tuple(Arrays.asList(id, starter.keyId(),
                starter.accountId(), filename, format, rows))).replaceWithVoid();
    }

    Uni<AccountImportJob> find(long id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : job(rows.iterator().next()));
    }

    /** The ids of the jobs still running (on some instance, or on one that stopped), oldest first. */
    Uni<List<Long>> running() {
        return pool.query(RUNNING).execute().map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }

    Uni<Void> progress(long id, int done) {
        return pool.preparedQuery(PROGRESS).execute(Tuple.of(id, done)).replaceWithVoid();
    }

    /**
     * Ends a running job: {@code errors} as JSON text, {@code created} the accounts made (null when it failed).
     * Answers who started it, or null when it was not running.
     */
    Uni<Starter> finish(long id, String status, Integer created, String errors) {
        return pool.preparedQuery(FINISH).execute(Tuple.tuple(Arrays.asList(id, status, created, errors)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Starter(row.getLong("key_id"), row.getLong("account_id"));
                });
    }

    private AccountImportJob job(Row row) {
        try {
            return new AccountImportJob(row.getLong("id"), row.getString("filename"), row.getString("format"),
                    row.getString("status"), row.getInteger("rows_total"), row.getInteger("rows_done"),
                    row.getInteger("created"), json.readTree(row.getString("errors")),
                    row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
