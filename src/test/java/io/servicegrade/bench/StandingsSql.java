package io.servicegrade.bench;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The database's own answer beside the GraphQL standings figure (issue 21): the benchmark's page of 50 standings
 * (unit, parent, rank, value, grade, both composites, each source's value and samples, the previous period's rank
 * and value, the change and the difference from the parent's mean, and the board's count) worked out by ONE SQL
 * statement from the prepared inputs ({@code standing_input}, what the server's board is computed from) through
 * the reactive PostgreSQL client, at the same client counts, warm-up and duration as the GraphQL pages. The
 * statement ranks the whole board every time, as nothing keeps a board in the database; the bench scheme's weights
 * and grade limits (BenchSuite.setUp) are written into it.
 */
final class StandingsSql {

    /** The period before BenchSuite.PERIOD, for the previous rank and value. */
    static final String PREVIOUS = "2025-Q1";

    static final String PAGE = """
            WITH src AS (
              SELECT period_id, unit_id, source, sum(total) / nullif(sum(samples), 0) AS value,
                     sum(samples) AS samples, bool_or(veto_id IS NOT NULL) AS vetoed
              FROM standing_input WHERE scheme_key = $1 AND period_id IN ($2, $3)
              GROUP BY period_id, unit_id, source),
            board AS (
              SELECT period_id, unit_id, bool_or(vetoed) AS vetoed,
                     round(0.5 * max(value) FILTER (WHERE source = 'inspection')
                           + 0.5 * max(value) FILTER (WHERE source = 'mystery_shop'), 2) AS average,
                     round(0.4 * max(value) FILTER (WHERE source = 'inspection')
                           + 0.6 * max(value) FILTER (WHERE source = 'mystery_shop'), 2) AS weighted,
                     jsonb_agg(jsonb_build_object('source', source, 'value', round(value, 2), 'samples', samples)
                               ORDER BY source) AS sources
              FROM src GROUP BY period_id, unit_id),
            ranked AS (
              SELECT b.*, CASE WHEN NOT vetoed AND weighted IS NOT NULL THEN
                            rank() OVER (PARTITION BY period_id ORDER BY vetoed OR weighted IS NULL, weighted DESC)
                          END AS rank,
                     CASE WHEN weighted IS NULL THEN NULL WHEN vetoed THEN 'noncompliant'
                          WHEN weighted >= 90 THEN 'model' WHEN average >= 85 THEN 'compliant'
                          ELSE 'noncompliant' END AS grade
              FROM board b),
            paired AS (
              SELECT r.*, max(r.rank) FILTER (WHERE r.period_id = $3) OVER w AS previous_rank,
                     max(r.weighted) FILTER (WHERE r.period_id = $3) OVER w AS previous_value
              FROM ranked r WINDOW w AS (PARTITION BY r.unit_id)),
            here AS (
              SELECT r.*, u.code, u.name, p.code AS parent_code, p.name AS parent_name,
                     avg(r.weighted) OVER (PARTITION BY u.parent_id) AS parent_mean, count(*) OVER () AS total
              FROM paired r JOIN unit u ON u.id = r.unit_id LEFT JOIN unit p ON p.id = u.parent_id
              WHERE r.period_id = $2)
            SELECT h.total, h.code, h.name, h.parent_code, h.parent_name, h.rank, h.weighted AS value, h.grade,
                   h.average, h.weighted, h.sources, h.previous_rank, h.previous_value,
                   h.weighted - h.previous_value AS change, round(h.weighted - h.parent_mean, 2) AS above_parent_mean
            FROM here h
            ORDER BY h.rank NULLS LAST, h.code LIMIT 50 OFFSET $4""";

    private StandingsSql() {
    }

    /**
     * {@code standings_sql_p50_ms_N}, {@code _p99_ms_N} and {@code standings_sql_rps_N} for each client count
     * up to 16 ({@code pages} pages of the board taken in turn), each with its own pooled connection.
     */
    static Map<String, Object> run(String jdbc, int[] clientCounts, int warmup, int seconds, int pages)
            throws Exception {
        URI uri = URI.create(jdbc.replaceFirst("^jdbc:", ""));
        Map<String, Object> figures = new LinkedHashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            for (int clients : clientCounts) {
                if (clients > 16) {
                    continue;
                }
                PgConnectOptions connect = new PgConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                        .setDatabase(uri.getPath().substring(1)).setUser("postgres").setPassword(password())
                        .setCachePreparedStatements(true);
                Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(clients)).connectingTo(connect)
                        .using(vertx).build();
                try {
                    check(page(pool, 0));
                    timed(pool, clients, warmup, pages);
                    BenchSuite.Timed t = timed(pool, clients, seconds, pages);
                    figures.put("standings_sql_p50_ms_" + clients, t.percentile(0.50));
                    figures.put("standings_sql_p99_ms_" + clients, t.percentile(0.99));
                    figures.put("standings_sql_rps_" + clients, Math.round(t.rate() * 10) / 10.0);
                } finally {
                    pool.closeAndAwait();
                }
            }
        } finally {
            vertx.closeAndAwait();
        }
        return figures;
    }

    private static RowSet<Row> page(Pool pool, int page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(BenchSuite.SCHEME, BenchSuite.PERIOD, PREVIOUS, page * 50))
                .await().indefinitely();
    }

    /** A page is 50 rows (fewer only at the board's end) of units with a rank: else the figure times nothing. */
    private static void check(RowSet<Row> rows) {
        Row first = rows.iterator().hasNext() ? rows.iterator().next() : null;
        if (first == null || first.getValue("rank") == null || first.getValue("sources") == null) {
            throw new IllegalStateException("the SQL page of standings is empty: nothing prepared for "
                    + BenchSuite.SCHEME + " " + BenchSuite.PERIOD);
        }
    }

    private static BenchSuite.Timed timed(Pool pool, int clients, int seconds, int pages) throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(threads.submit(() -> {
                for (int r = 0; System.nanoTime() < end; r++) {
                    long t0 = System.nanoTime();
                    page(pool, (client * 7919 + r) % pages);
                    micros.add((System.nanoTime() - t0) / 1_000);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        return new BenchSuite.Timed(new ArrayList<>(micros), elapsed, 0);
    }

    /** The owner's password, from the libpq password file bench/run names in PGPASSFILE (its last field). */
    private static String password() throws IOException {
        String file = System.getenv("PGPASSFILE");
        if (file == null) {
            return null;
        }
        for (String line : Files.readAllLines(Path.of(file))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                return line.substring(line.lastIndexOf(':') + 1);
            }
        }
        return null;
    }
}
