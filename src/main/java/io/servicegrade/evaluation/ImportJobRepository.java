package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
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
 * Import jobs in PostgreSQL ({@code import_job}): the one class with SQL on the table. Each statement is one
 * step of a job's life, on its own: queued, running, its rows counted and done, then finished.
 */
@ApplicationScoped
public class ImportJobRepository {

    private static final String CREATE = """
            INSERT INTO import_job (agency_scope, key_id, filename, format, content, status)
            VALUES ($1, $2, $3, $4, $5, 'queued') RETURNING id
            """;
    private static final String FIND = """
            SELECT id, agency_scope, filename, format, status, rows_total, rows_done, errors::text AS errors,
                   result::text AS result, created_at, updated_at
            FROM import_job WHERE id = $1
            """;
    private static final String UNFINISHED = """
            SELECT id, status FROM import_job WHERE status IN ('queued', 'running') ORDER BY id
            """;
    /** Uploads are admitted one at a time (a transaction lock), so that two cannot both take the last place. */
    private static final String ADMISSION_LOCK = """
            SELECT pg_advisory_xact_lock($1, 0)
            """;
    private static final String UNFINISHED_COUNT = """
            SELECT count(*) FILTER (WHERE agency_scope = $1) AS agency, count(*) AS all_agencies
            FROM import_job WHERE status IN ('queued', 'running')
            """;
    /**
     * Only an unfinished job: a claim may come just after another instance finished it and let it go. A job
     * found running was left so by an instance that stopped: starting it again is a resume, counted, and only
     * while it has had fewer than {@code $2}.
     */
    private static final String START = """
            UPDATE import_job SET status = 'running', resumes = resumes + (status = 'running')::int,
                   updated_at = now()
            WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND resumes < $2))
            RETURNING agency_scope, key_id, format, content,
                      (SELECT sources FROM agency WHERE id = agency_scope) AS sources
            """;
    /** A job found running once more after {@code $2} resumes: failed, and its file let go. */
    private static final String GIVE_UP = """
            UPDATE import_job SET status = 'failed', errors = $3::text::jsonb, content = ''::bytea,
                   updated_at = now()
            WHERE id = $1 AND status = 'running' AND resumes >= $2
            RETURNING id
            """;
    private static final String TOTAL = """
            UPDATE import_job SET rows_total = $2, updated_at = now() WHERE id = $1
            """;
    private static final String DONE = """
            UPDATE import_job SET rows_done = $2, updated_at = now() WHERE id = $1
            """;
    /**
     * A finished job lets its file go, failed or succeeded: what its status shows (errors by row and column, the
     * counts) is kept without it, and an agency cannot fill the disk with failing files.
     */
    private static final String FINISH = """
            UPDATE import_job SET status = $2, errors = $3::text::jsonb, result = $4::text::jsonb,
                   rows_done = coalesce($5, rows_done), content = ''::bytea, updated_at = now()
            WHERE id = $1
            RETURNING key_id, agency_scope
            """;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A job as it starts to run: who sent it (their scope, key and allowed sources) and the file. */
    record Started(long agencyScope, long keyId, String format, byte[] content, List<String> sources) {
    }

    /** The first half of the admission lock's two-part key ("SGIA"); apart from the claims' ({@link ImportClaims}). */
    static final int IMPORT_ADMISSION = 0x5347_4941;

    /** Unfinished (queued or running) jobs: of one agency scope, and of all. */
    record Unfinished(long ofAgency, long all) {
    }

    /**
     * Takes the admission lock in the transaction of {@code connection} (held to its end) and counts the unfinished
     * jobs, of the agency and of all.
     */
    Uni<Unfinished> unfinished(SqlConnection connection, long scope) {
        return connection.preparedQuery(ADMISSION_LOCK).execute(Tuple.of(IMPORT_ADMISSION))
                .flatMap(locked -> connection.preparedQuery(UNFINISHED_COUNT).execute(Tuple.of(scope)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Unfinished(row.getLong("agency"), row.getLong("all_agencies"));
                });
    }

    /** Records a file as a queued job; answers its id. */
    Uni<Long> create(SqlConnection connection, long scope, long keyId, String filename, String format,
            byte[] content) {
        return connection.preparedQuery(CREATE)
                .execute(Tuple.of(scope, keyId, filename, format, Buffer.buffer(content)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<ImportJob> find(long id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : job(rows.iterator().next()));
    }

    /** A job not finished: its id and whether it is queued or running. */
    record Pending(long id, String status) {
    }

    /** The jobs queued or running, oldest first. */
    Uni<List<Pending>> unfinished() {
        return pool.query(UNFINISHED).execute().map(rows -> {
            List<Pending> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(new Pending(row.getLong(0), row.getString(1))));
            return jobs;
        });
    }

    /**
     * Marks the job running and answers it, or null when it is finished already or was found running after
     * {@code maxResumes} resumes (then {@link #giveUp}).
     */
    Uni<Started> start(long id, int maxResumes) {
        return pool.preparedQuery(START).execute(Tuple.of(id, maxResumes)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            String[] sources = row.getArrayOfStrings("sources");
            return new Started(row.getLong("agency_scope"), row.getLong("key_id"), row.getString("format"),
                    row.getBuffer("content").getBytes(), sources == null ? null : List.of(sources));
        });
    }

    /** Marks failed, with {@code errors}, a job found running after {@code maxResumes} resumes; true if it was. */
    Uni<Boolean> giveUp(long id, int maxResumes, String errors) {
        return pool.preparedQuery(GIVE_UP).execute(Tuple.of(id, maxResumes, errors)).map(rows -> rows.size() > 0);
    }

    Uni<Void> total(long id, int rows) {
        return pool.preparedQuery(TOTAL).execute(Tuple.of(id, rows)).replaceWithVoid();
    }

    Uni<Void> done(long id, int rows) {
        return pool.preparedQuery(DONE).execute(Tuple.of(id, rows)).replaceWithVoid();
    }

    /**
     * Ends the job: {@code errors} and {@code result} as JSON text; {@code done}, when not null, its rows done.
     * Answers who sent it (its key and agency scope), or null when there is no such job.
     */
    Uni<Sender> finish(long id, String status, String errors, String result, Integer done) {
        return pool.preparedQuery(FINISH).execute(Tuple.tuple(Arrays.asList(id, status, errors, result, done)))
                .map(rows -> rows.size() == 0 ? null : sender(rows.iterator().next()));
    }

    /** Who sent a job: its key, and the agency's id (0: the admin's). */
    record Sender(long keyId, long agencyScope) {
    }

    private static Sender sender(Row row) {
        return new Sender(row.getLong("key_id"), row.getLong("agency_scope"));
    }

    private ImportJob job(Row row) {
        try {
            String result = row.getString("result");
            return new ImportJob(row.getLong("id"), row.getLong("agency_scope"), row.getString("filename"),
                    row.getString("format"), row.getString("status"), row.getInteger("rows_total"),
                    row.getInteger("rows_done"), json.readTree(row.getString("errors")),
                    result == null ? null : json.readTree(result), row.getOffsetDateTime("created_at"),
                    row.getOffsetDateTime("updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
