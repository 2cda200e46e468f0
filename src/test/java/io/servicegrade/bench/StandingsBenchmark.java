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

/**
 * Standings under load: loads {@code windows} windows (PUT /api/v1/units) and about {@code evaluations}
 * evaluations for them over a year (written straight into PostgreSQL with one set-based statement, then
 * prepared with POST /recompute), and has {@code clients} clients ask for pages of 50 standings of one
 * quarter over GraphQL. Run by bench/standings.sh. Arguments: baseUrl apiKey jdbcUrl windows evaluations
 * clients requestsPerClient.
 */
public final class StandingsBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String jdbc = args[2];
        int windows = Integer.parseInt(args[3]);
        int evaluations = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        int requests = Integer.parseInt(args[6]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        long t0 = System.nanoTime();
        StringBuilder units = new StringBuilder("[{\"code\":\"B\",\"name\":\"Bench bureau\",\"kind\":\"region\",\"area\":\"urban\"}");
        for (int b = 0; b < 20; b++) {
            units.append(",{\"code\":\"B.").append(b).append("\",\"name\":\"Branch ").append(b)
                    .append("\",\"kind\":\"branch\",\"parent\":\"B\",\"area\":\"").append(b % 3 == 0 ? "rural" : "urban")
                    .append("\"}");
        }
        units.append(']');
        send(http, "PUT", base + "/api/v1/units", key, units.toString());
        for (int start = 0; start < windows; start += 9_000) {
            StringBuilder batch = new StringBuilder("[");
            for (int w = start; w < Math.min(windows, start + 9_000); w++) {
                batch.append(w == start ? "" : ",").append("{\"code\":\"B.").append(w % 20).append(".W").append(w)
                        .append("\",\"name\":\"Window ").append(w).append("\",\"kind\":\"window\",\"parent\":\"B.")
                        .append(w % 20).append("\",\"serviceLine\":\"counter\"}");
            }
            send(http, "PUT", base + "/api/v1/units", key, batch.append(']').toString());
        }
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO evaluation (agency_scope, external_id, source, unit_id, rubric_key, rubric_version,"
                    + " conducted_at, revision, status, score, vetoed, answers, evidence, breakdown, content_hash)"
                    + " SELECT 0, 'bench-' || g, CASE WHEN g % 2 = 0 THEN 'inspection' ELSE 'mystery_shop' END,"
                    + " u.id, 'postal-counter-model-window', 1,"
                    + " timestamptz '2025-01-01 00:00+08' + (g % 365) * interval '1 day' + (g % 600) * interval '1 minute',"
                    + " 1, 'active', round((70 + (g * 7919 % 3000) / 100.0)::numeric, 2), g % 997 = 0, '[]', '[]',"
                    + " '{}', 'bench'"
                    + " FROM generate_series(1::bigint, " + evaluations + ") g"
                    + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM unit WHERE kind = 'window'"
                    + " AND code LIKE 'B.%') u ON u.n = g % " + windows);
        }
        send(http, "POST", base + "/api/v1/schemes/bench-scheme/recompute", key, "");
        System.out.printf("loaded %d windows and %d evaluations in %.0f s%n", windows, evaluations,
                (System.nanoTime() - t0) / 1e9);

        String page = "{\"query\":\"{ standings(scheme: \\\"bench-scheme\\\", period: \\\"2025-Q2\\\", first: 50,"
                + " after: \\\"%d\\\") { totalCount edges { node { unit { code } rank value grade { key }"
                + " composites { key value } sources { source value samples } previous { rank } } } } }\"}";
        send(http, "POST", base + "/graphql", key, String.format(page, 0));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                for (int r = 0; r < requests; r++) {
                    long q0 = System.nanoTime();
                    send(http, "POST", base + "/graphql", key, String.format(page, ((client * 7 + r) % 200) * 50));
                    latencies.add((System.nanoTime() - q0) / 1_000_000);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d standings pages (50 of %d windows, quarter of ~%d evaluations) from %d clients in %.1f s:"
                        + " %.1f pages/s; latency median %d ms, p95 %d ms, p99 %d ms, max %d ms%n", sorted.size(),
                windows, evaluations / 4, clients, seconds, sorted.size() / seconds, sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.95)), sorted.get((int) (sorted.size() * 0.99)),
                sorted.get(sorted.size() - 1));
    }

    private static String send(HttpClient http, String method, String url, String key, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(10)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 || response.body().contains("\"errors\"")) {
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
