package io.servicegrade.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks what a fault run left, from what the {@link Writers} recorded and what the database holds: every
 * acknowledged evaluation is stored (lost = 0), every batch not acknowledged is there whole or not at all
 * (partial = 0), no answer was a 5xx other than 503 with Retry-After, and, for an outage or added latency, how long
 * refused requests took and when the server came back. Prints {@code figure: value} lines; exits 1 when an
 * expectation failed, naming it.
 *
 * <p>{@code java -cp ... io.servicegrade.bench.FaultCheck --jdbc URL --dir DIR --run PREFIX
 * [--outage-from EPOCH_MS --outage-to EPOCH_MS] [--bound-ms MS]}
 */
public final class FaultCheck {

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        FaultCheck check = new FaultCheck();
        Path dir = Path.of(o.get("dir"));
        List<String[]> requests = check.requests(dir);
        check.stored(o.get("jdbc"), dir, o.get("run"));
        long from = Long.parseLong(o.getOrDefault("outage-from", "0"));
        long to = Long.parseLong(o.getOrDefault("outage-to", Long.toString(Long.MAX_VALUE)));
        if (o.containsKey("outage-from")) {
            check.outage(requests, dir, from, to);
        }
        if (o.containsKey("bound-ms")) {
            check.bound(requests, Double.parseDouble(o.get("bound-ms")), from, to);
        }
        check.ready(dir);
        check.figures.forEach((k, v) -> System.out.println(k + ": " + v));
        if (check.failures.isEmpty()) {
            System.out.println("verdict: PASS");
        } else {
            System.out.println("verdict: FAIL " + check.failures);
            System.exit(1);
        }
    }

    /** Requests by status, latency, and Retry-After on refusals. */
    List<String[]> requests(Path dir) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("requests.tsv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("writer\t")) {
                rows.add(line.split("\t"));
            }
        }
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> problems = new TreeMap<>();
        double max = 0;
        double maxRefused = 0;
        long missingRetryAfter = 0;
        for (String[] r : rows) {
            String status = status(r);
            statuses.merge(status, 1L, Long::sum);
            if (!r[7].equals("-")) {
                problems.merge(r[5] + " " + r[7], 1L, Long::sum);
            }
            double latency = Double.parseDouble(r[4]);
            max = Math.max(max, latency);
            if (r[5].equals("503")) {
                maxRefused = Math.max(maxRefused, latency);
                if (r[6].equals("-")) {
                    missingRetryAfter++;
                }
            }
        }
        figures.put("requests", rows.size());
        figures.put("statuses", statuses);
        figures.put("problems", problems);
        figures.put("max_latency_ms", Math.round(max));
        figures.put("max_503_latency_ms", Math.round(maxRefused));
        figures.put("503_without_retry_after", missingRetryAfter);
        long failed = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503"))
                .mapToLong(Map.Entry::getValue).sum();
        if (failed > 0) {
            failures.add(failed + " answers of 5xx other than 503");
        }
        if (missingRetryAfter > 0) {
            failures.add(missingRetryAfter + " answers 503 without Retry-After");
        }
        if (statuses.containsKey("timeout")) {
            failures.add(statuses.get("timeout") + " requests without an answer within the client's timeout");
        }
        return rows;
    }

    private static String status(String[] r) {
        return r[5].equals("0") ? "error" : r[5].equals("-1") ? "timeout" : r[5];
    }

    /** Acknowledged evaluations against the database; batches not acknowledged: whole, absent, or partly there. */
    void stored(String jdbc, Path dir, String run) throws Exception {
        int size = Integer.parseInt(Files.readString(dir.resolve("batch-size")).trim());
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); // password: $PGPASSFILE
                PreparedStatement s = c.prepareStatement("SELECT external_id FROM evaluation WHERE external_id"
                        + " LIKE ? || '%'")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        long ackedBatches = 0;
        long acked = 0;
        long lost = 0;
        long unacked = 0;
        long whole = 0;
        long absent = 0;
        long partial = 0;
        List<String> partialBatches = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("batches.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            int present = 0;
            for (int i = 0; i < size; i++) {
                if (stored.contains(f[0] + "-" + i)) {
                    present++;
                }
            }
            if (Boolean.parseBoolean(f[1])) {
                ackedBatches++;
                acked += size;
                lost += size - present;
            } else {
                unacked++;
                if (present == size) {
                    whole++;
                } else if (present == 0) {
                    absent++;
                } else {
                    partial++;
                    partialBatches.add(f[0] + " (" + present + " of " + size + ")");
                }
            }
        }
        figures.put("acknowledged_batches", ackedBatches);
        figures.put("acknowledged_evaluations", acked);
        figures.put("stored_evaluations_of_run", stored.size());
        figures.put("lost", lost);
        figures.put("unacknowledged_batches", unacked);
        figures.put("unacknowledged_batches_stored_whole", whole);
        figures.put("unacknowledged_batches_absent", absent);
        figures.put("unacknowledged_batches_partly_stored", partial);
        if (lost > 0) {
            failures.add(lost + " acknowledged evaluations are not stored");
        }
        if (partial > 0) {
            failures.add("batches partly stored: " + partialBatches);
        }
    }

    /**
     * During the outage (from PostgreSQL's stop to its start): the answers and the longest refused one; readiness
     * DOWN; after it, how long until the first 201 and readiness UP again.
     */
    void outage(List<String[]> rows, Path dir, long from, long to) throws Exception {
        figures.put("outage_s", Math.round((to - from) / 100.0) / 10.0);
        Map<String, Long> during = new TreeMap<>();
        double maxDuring = 0;
        long firstAckAfter = Long.MAX_VALUE;
        for (String[] r : rows) {
            long start = Long.parseLong(r[3]);
            double latency = Double.parseDouble(r[4]);
            long answered = start + Math.round(latency);
            if (start >= from && start < to) {
                during.merge(status(r), 1L, Long::sum);
                if (!r[5].equals("201")) {
                    maxDuring = Math.max(maxDuring, latency);
                }
            }
            if (r[5].equals("201") && start >= to) {
                firstAckAfter = Math.min(firstAckAfter, answered);
            }
        }
        figures.put("statuses_of_requests_sent_during_outage", during);
        figures.put("max_latency_of_refused_during_outage_ms", Math.round(maxDuring));
        figures.put("first_201_after_postgresql_back_s", firstAckAfter == Long.MAX_VALUE ? "never"
                : Math.round((firstAckAfter - to) / 100.0) / 10.0);
        if (firstAckAfter == Long.MAX_VALUE) {
            failures.add("no 201 after PostgreSQL came back");
        }
        Path ready = dir.resolve("ready.tsv");
        if (Files.exists(ready)) {
            long upDuring = 0;
            long downDuring = 0;
            long firstDown = Long.MAX_VALUE;
            long firstUpAfter = Long.MAX_VALUE;
            for (String line : Files.readAllLines(ready, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                long at = Long.parseLong(f[0]);
                boolean up = f[1].equals("200");
                if (at >= from && at < to) {
                    if (up) {
                        upDuring++;
                    } else {
                        downDuring++;
                        firstDown = Math.min(firstDown, at);
                    }
                }
                if (at >= to && up) {
                    firstUpAfter = Math.min(firstUpAfter, at);
                }
            }
            figures.put("ready_probes_during_outage_down", downDuring);
            figures.put("ready_probes_during_outage_up", upDuring);
            figures.put("ready_down_after_stop_s", firstDown == Long.MAX_VALUE ? "never"
                    : Math.round((firstDown - from) / 100.0) / 10.0);
            figures.put("ready_up_after_postgresql_back_s", firstUpAfter == Long.MAX_VALUE ? "never"
                    : Math.round((firstUpAfter - to) / 100.0) / 10.0);
            if (downDuring == 0) {
                failures.add("readiness never DOWN during the outage");
            }
            if (firstUpAfter == Long.MAX_VALUE) {
                failures.add("readiness not UP again after the outage");
            }
        }
    }

    /** Readiness probes over the whole run, by status, and the longest. */
    void ready(Path dir) throws Exception {
        Path ready = dir.resolve("ready.tsv");
        if (!Files.exists(ready)) {
            return;
        }
        Map<String, Long> statuses = new TreeMap<>();
        long max = 0;
        for (String line : Files.readAllLines(ready, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            statuses.merge(f[1].equals("200") ? "UP" : f[1].equals("503") ? "DOWN" : "status " + f[1], 1L,
                    Long::sum);
            max = Math.max(max, Long.parseLong(f[2]));
        }
        figures.put("ready_probes", statuses);
        figures.put("ready_probe_max_ms", max);
    }

    /**
     * Requests sent from {@code from} to {@code to} that took longer than {@code boundMs}, by status; a refusal
     * (503) past the bound fails the check. Requests already running when a fault began are not bound by it.
     */
    void bound(List<String[]> rows, double boundMs, long from, long to) {
        Map<String, Long> over = new TreeMap<>();
        List<Long> micros = new ArrayList<>();
        for (String[] r : rows) {
            long start = Long.parseLong(r[3]);
            if (start < from || start >= to) {
                continue;
            }
            double latency = Double.parseDouble(r[4]);
            if (r[5].equals("201")) {
                micros.add(Math.round(latency * 1000));
            }
            if (latency > boundMs) {
                over.merge(status(r), 1L, Long::sum);
            }
        }
        figures.put("bound_ms", Math.round(boundMs));
        figures.put("requests_over_bound", over);
        if (!micros.isEmpty()) {
            figures.put("latency_of_201_p50_p99_max_ms", BenchSuite.percentile(micros, 0.5) + " / "
                    + BenchSuite.percentile(micros, 0.99) + " / " + BenchSuite.percentile(micros, 1.0));
        }
        long refusedOver = over.getOrDefault("503", 0L);
        if (refusedOver > 0) {
            failures.add(refusedOver + " refusals (503) took longer than " + Math.round(boundMs) + " ms");
        }
    }
}
