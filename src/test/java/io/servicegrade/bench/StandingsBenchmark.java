package io.servicegrade.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Standings under load, from a client process of its own. Loads a tree of 20 branches, 25 outlets each and
 * {@code windows} windows under them (PUT /api/v1/units), writes about {@code evaluations} evaluations over
 * 2025 straight into PostgreSQL with one set-based statement and prepares them with POST /recompute; then
 * measures: pages of 50 with nested unit fields at 1, 16 and 64 concurrent clients, the first page after an
 * evaluation is acknowledged (the board brought up to date), the branch board, and the CSV export of every
 * window. Run by
 * bench/standings.sh. Arguments: baseUrl apiKey jdbcUrl windows evaluations secondsPerLevel.
 */
public final class StandingsBenchmark {

    private static final int BRANCHES = 20;
    private static final int OUTLETS_PER_BRANCH = 25;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String jdbc = args[2];
        int windows = Integer.parseInt(args[3]);
        int evaluations = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        long t0 = System.nanoTime();
        load(http, base, key, windows);
        long t1 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO evaluation (agency_scope, external_id, source, unit_id, rubric_key, rubric_version,"
                    + " conducted_at, revision, status, score, vetoed, answers, evidence, breakdown, content_hash)"
                    + " SELECT 0, 'bench-' || g, CASE WHEN g / " + windows + " % 2 = 0 THEN 'inspection'"
                    + " ELSE 'mystery_shop' END,"
                    + " u.id, 'postal-counter-model-window', 1,"
                    + " timestamptz '2025-01-01 00:00+08' + (g % 365) * interval '1 day' + (g % 600) * interval '1 minute',"
                    + " 1, 'active', round((70 + (g * 7919 % 3000) / 100.0)::numeric, 2), g % 997 = 0, '[]', '[]',"
                    + " '{}', 'bench'"
                    + " FROM generate_series(1::bigint, " + evaluations + ") g"
                    + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM unit WHERE kind = 'window'"
                    + " AND code LIKE 'B.%') u ON u.n = g % " + windows);
            s.execute("ANALYZE");
        }
        long t2 = System.nanoTime();
        send(http, "POST", base + "/api/v1/schemes/bench-scheme/recompute", key, "", null);
        long t3 = System.nanoTime();
        System.out.printf("data: %d windows under %d outlets in %.1f s; %d evaluations written by SQL in %.1f s;"
                        + " POST /recompute over them in %.1f s%n", windows, BRANCHES * OUTLETS_PER_BRANCH,
                (t1 - t0) / 1e9, evaluations, (t2 - t1) / 1e9, (t3 - t2) / 1e9);

        String page = "{\"query\":\"{ standings(scheme: \\\"bench-scheme\\\", period: \\\"2025-Q2\\\", first: 50,"
                + " after: \\\"%d\\\") { totalCount edges { node { unit { code name parent { code name } } rank"
                + " value grade { key name } composites { key value } sources { source value samples }"
                + " previous { rank value } change aboveParentMean } } } }\"}";
        IntFunction<String> pageOf = n -> String.format(page, (n % (windows / 50)) * 50);

        for (int clients : new int[] {1, 16, 64}) {
            run(http, base, key, clients, 3, pageOf);
            Result r = run(http, base, key, clients, seconds, pageOf);
            System.out.printf("pages of 50 standings, %2d clients: %6.0f pages/s; %s%n", clients, r.rate(),
                    percentiles(r.latencies()));
        }

        // Freshness: an evaluation acknowledged, then the first page read after it (the board computed anew)
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String evaluation = IngestionBenchmark.batch(new java.util.Random(i), "fresh", i, 1,
                    new String[] {"B.0.0.W0"}).replaceAll("\"conductedAt\":\"[^\"]*\"",
                    "\"conductedAt\":\"2025-05-10T10:00:00+08:00\"");
            send(http, "POST", base + "/api/v1/evaluations", key, evaluation, "fresh-" + i);
            long acknowledged = System.nanoTime();
            send(http, "POST", base + "/graphql", key, pageOf.apply(0), null);
            fresh.add((System.nanoTime() - acknowledged) / 1_000);
        }
        System.out.println("first page after an acknowledged evaluation (the board of " + windows
                + " windows brought up to date): " + percentiles(fresh));

        String branches = "{\"query\":\"{ standings(scheme: \\\"bench-scheme\\\", period: \\\"2025-Q2\\\", kind:"
                + " \\\"branch\\\") { edges { node { unit { code name } rank value group { mean graded"
                + " grades { grade { key } count share } targets { area required actual met } } } } } }\"}";
        Result groups = run(http, base, key, 1, Math.max(3, seconds / 3), n -> branches);
        System.out.printf("the %d branches with their grade shares and targets, 1 client: %s%n", BRANCHES,
                percentiles(groups.latencies()));

        List<Long> csv = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 12; i++) {
            long a = System.nanoTime();
            bytes = send(http, "GET", base + "/api/v1/schemes/bench-scheme/standings?period=2025-Q2&format=csv",
                    key, null, null).length();
            if (i >= 2) {
                csv.add((System.nanoTime() - a) / 1_000);
            }
        }
        System.out.printf("CSV export of all %d windows (%d characters), 1 client: %s%n", windows, bytes,
                percentiles(csv));
    }

    record Result(double rate, List<Long> latencies) {
    }

    private static Result run(HttpClient http, String base, String key, int clients, int seconds,
            IntFunction<String> pageOf) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                for (int r = 0; System.nanoTime() < end; r++) {
                    long q0 = System.nanoTime();
                    send(http, "POST", base + "/graphql", key, pageOf.apply(client * 7 + r), null);
                    latencies.add((System.nanoTime() - q0) / 1_000);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(latencies.size() / elapsed, new ArrayList<>(latencies));
    }

    /** Median, p95, p99 and max of latencies in microseconds, shown in milliseconds. */
    static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("%d requests, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }

    private static void load(HttpClient http, String base, String key, int windows) {
        StringBuilder units = new StringBuilder("[{\"code\":\"B\",\"name\":\"Bench bureau\",\"kind\":\"region\","
                + "\"area\":\"urban\"}");
        for (int b = 0; b < BRANCHES; b++) {
            units.append(",{\"code\":\"B.").append(b).append("\",\"name\":\"Branch ").append(b)
                    .append("\",\"kind\":\"branch\",\"parent\":\"B\",\"area\":\"")
                    .append(b % 3 == 0 ? "rural" : "urban").append("\"}");
            for (int o = 0; o < OUTLETS_PER_BRANCH; o++) {
                units.append(",{\"code\":\"B.").append(b).append('.').append(o).append("\",\"name\":\"Outlet ")
                        .append(b).append('.').append(o).append("\",\"kind\":\"outlet\",\"parent\":\"B.").append(b)
                        .append("\"}");
            }
        }
        send(http, "PUT", base + "/api/v1/units", key, units.append(']').toString(), null);
        int outlets = BRANCHES * OUTLETS_PER_BRANCH;
        for (int start = 0; start < windows; start += 5_000) {
            StringBuilder batch = new StringBuilder("[");
            for (int w = start; w < Math.min(windows, start + 5_000); w++) {
                int outlet = w % outlets;
                String parent = "B." + outlet / OUTLETS_PER_BRANCH + "." + outlet % OUTLETS_PER_BRANCH;
                batch.append(w == start ? "" : ",").append("{\"code\":\"").append(parent).append(".W").append(w)
                        .append("\",\"name\":\"Window ").append(w).append("\",\"kind\":\"window\",\"parent\":\"")
                        .append(parent).append("\",\"serviceLine\":\"counter\"}");
            }
            send(http, "PUT", base + "/api/v1/units", key, batch.append(']').toString(), null);
        }
    }

    private static String send(HttpClient http, String method, String url, String key, String body,
            String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 || response.body().startsWith("{\"errors\"")) {
                throw new IllegalStateException(method + " " + url + ": HTTP " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
