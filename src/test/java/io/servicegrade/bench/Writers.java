package io.servicegrade.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load of concurrent writers, as parallel uploaders of survey agencies are: each writer posts distinct batches
 * of postal inspections ({@code POST /api/v1/evaluations}, every externalId new) back to back for a duration.
 * A writer answered 503 (or 409 "still running") waits what {@code Retry-After} asks (1 s when it is missing)
 * and sends the same batch again; both requests are counted. A writer whose connection fails (the server died)
 * stops, unless told to keep trying.
 *
 * <p>Writes into {@code --out}: {@code requests.tsv} (one line per request: writer, batch, attempt, start in
 * epoch ms, latency in ms, status — 0 for a connection error, -1 for a client timeout —, Retry-After, problem
 * type), {@code batches.tsv} (batch name, acknowledged or not, attempts; a batch's externalIds are its name,
 * {@code -} and 0 to size-1) and {@code acked.txt} (every acknowledged externalId). Optionally watches
 * {@code /q/health/ready} into {@code ready.tsv}. {@code progress} holds the batches acknowledged so far; a file {@code stop} put there ends the run early
 * (each writer finishes its batch). Prints throughput (acknowledged evaluations/s), p50/p99/max
 * latency and counts by status.
 *
 * <p>{@code java -cp ... io.servicegrade.bench.Writers --base URL --key KEY --out DIR [--writers 16]
 * [--batch 100] [--seconds 20] [--windows 500] [--run PREFIX] [--setup true] [--on-error stop|retry]
 * [--idempotency-keys true] [--watch-ready true] [--timeout-s 120]}
 */
public final class Writers {

    /** How a run is made. */
    record Options(String base, String key, int writers, int batchSize, int seconds, int windows, String run,
            boolean idempotencyKeys, boolean stopOnError, Duration timeout, Path out, boolean watchReady) {
    }

    /** One request as sent and answered. */
    record Request(int writer, String batch, int attempt, long startMs, double latencyMs, int status,
            String retryAfter, String problem) {
    }

    /** The figures of a run. */
    record Result(int writers, long requests, long acknowledgedBatches, long acknowledgedEvaluations,
            double seconds, double perSecond, double p50Ms, double p99Ms, double maxMs, double max503Ms,
            Map<String, Long> byStatus, long missingRetryAfter) {

        /** Answers of 500 and above other than a 503 with Retry-After: the server failed, not refused. */
        long failures() {
            return byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503"))
                    .mapToLong(Map.Entry::getValue).sum() + missingRetryAfter;
        }

        /** Connection errors and client timeouts. */
        long errors() {
            return byStatus.getOrDefault("error", 0L) + byStatus.getOrDefault("timeout", 0L);
        }

        String line() {
            return String.format("writers=%d requests=%d acknowledged_batches=%d evaluations_per_s=%.1f p50_ms=%.1f"
                    + " p99_ms=%.1f max_ms=%.1f max_503_ms=%.1f statuses=%s 503_without_retry_after=%d", writers,
                    requests, acknowledgedBatches, perSecond, p50Ms, p99Ms, maxMs, max503Ms, byStatus,
                    missingRetryAfter);
        }
    }

    /** How long after the run's end a writer still resends the batch it has begun. */
    static final long GRACE_NANOS = 60_000_000_000L;

    private final Options options;
    private final HttpClient http;

    Writers(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "writers-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Options options = new Options(o.get("base"), o.get("key"), Integer.parseInt(o.getOrDefault("writers", "16")),
                Integer.parseInt(o.getOrDefault("batch", "100")), Integer.parseInt(o.getOrDefault("seconds", "20")),
                Integer.parseInt(o.getOrDefault("windows", "500")),
                o.getOrDefault("run", "wr" + Long.toString(System.currentTimeMillis(), 36)),
                Boolean.parseBoolean(o.getOrDefault("idempotency-keys", "true")),
                !"retry".equals(o.getOrDefault("on-error", "stop")),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout-s", "120"))), Path.of(o.get("out")),
                Boolean.parseBoolean(o.getOrDefault("watch-ready", "false")));
        if (Boolean.parseBoolean(o.getOrDefault("setup", "false"))) {
            setUp(options.base(), options.key(), options.windows());
        }
        Result result = new Writers(options).run();
        System.out.println(result.line());
        System.exit(0);
    }

    /** The organisation's first {@code windows} windows and the bench scheme, so that writes refresh standings. */
    static void setUp(String base, String key, int windows) {
        BenchSuite.Settings settings = new BenchSuite.Settings("faults", windows, 0, 0, 0, 0, 0, 0, 0, new int[0],
                false, new int[0], 0, 0);
        new BenchSuite(settings, new BenchSuite.Target(base, key, null, -1)).setUp();
    }

    /** Runs the writers for the duration; each finishes the batch it has begun (resends included). */
    Result run() throws Exception {
        Files.createDirectories(options.out());
        List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = options.watchReady() ? watchReady(stop) : null;
        ExecutorService pool = Executors.newFixedThreadPool(options.writers());
        long start = System.nanoTime();
        long end = start + options.seconds() * 1_000_000_000L;
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < options.writers(); w++) {
            int writer = w;
            work.add(pool.submit(() -> {
                Random random = new Random(writer * 31L + options.run().hashCode());
                String prefix = options.run() + "w" + writer;
                for (int b = 0; System.nanoTime() < end && !Files.exists(options.out().resolve("stop")); b++) {
                    String batch = prefix + "-" + b;
                    String body = BenchData.batch(random, prefix, b, options.batchSize(), options.windows(),
                            BenchData.BATCH_TIME);
                    Outcome outcome = send(writer, batch, body, requests, end + GRACE_NANOS);
                    batches.add(batch + "\t" + outcome.acknowledged + "\t" + outcome.attempts);
                    if (outcome.acknowledged) {
                        progress(acknowledged.incrementAndGet());
                    }
                    if (outcome.gaveUp) {
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        stop.set(true);
        if (watcher != null) {
            watcher.join();
        }
        write(requests, batches);
        return result(requests, acknowledged.get(), seconds);
    }

    /** The batches acknowledged so far, in {@code progress} (a fault run waits for the load to be under way). */
    private synchronized void progress(long acknowledged) {
        try {
            Files.writeString(options.out().resolve("progress"), Long.toString(acknowledged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Outcome(boolean acknowledged, int attempts, boolean gaveUp) {
    }

    /** Sends one batch until it is acknowledged, refused for good, or the connection fails. */
    private Outcome send(int writer, String batch, String body, List<Request> requests, long deadline) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1 && System.nanoTime() > deadline) {
                return new Outcome(false, attempt - 1, true);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.base() + "/api/v1/evaluations"))
                    .header("Authorization", "Bearer " + options.key()).header("Content-Type", "application/json")
                    .timeout(options.timeout()).POST(HttpRequest.BodyPublishers.ofString(body));
            if (options.idempotencyKeys()) {
                request.header("Idempotency-Key", batch);
            }
            long startMs = System.currentTimeMillis();
            long t0 = System.nanoTime();
            int status;
            String retryAfter = "-";
            String problem = "-";
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                retryAfter = response.headers().firstValue("Retry-After").orElse("-");
                if (status >= 300) {
                    problem = problemType(response.body());
                }
            } catch (HttpTimeoutException e) {
                status = -1;
            } catch (IOException e) {
                status = 0;
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempt, true);
            }
            requests.add(new Request(writer, batch, attempt, startMs, (System.nanoTime() - t0) / 1e6, status,
                    retryAfter, problem));
            if (status == 201) {
                return new Outcome(true, attempt, false);
            }
            boolean resend = status == 503 || status == 409 || status == 429 || status <= 0 && !options.stopOnError();
            if (!resend) {
                return new Outcome(false, attempt, status <= 0);
            }
            long waitMs = retryAfter.equals("-") ? 1000 : Long.parseLong(retryAfter.trim()) * 1000;
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempt, true);
            }
        }
    }

    private static String problemType(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        if (!m.find()) {
            return body.isEmpty() ? "-" : "non-problem";
        }
        String type = m.group(1);
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** Polls readiness every 250 ms: epoch ms, HTTP status (0 when no answer). */
    private Thread watchReady(AtomicBoolean stop) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(options.out().resolve("ready.tsv"), StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> {
            try (out) {
                while (!stop.get()) {
                    long at = System.currentTimeMillis();
                    int status;
                    try {
                        status = http.send(HttpRequest.newBuilder(URI.create(options.base() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(10)).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    }
                    out.write(at + "\t" + status + "\t" + (System.currentTimeMillis() - at) + "\n");
                    out.flush();
                    Thread.sleep(250);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ready-watcher");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void write(List<Request> requests, List<String> batches) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("writer\tbatch\tattempt\tstart_ms\tlatency_ms\tstatus\tretry_after\tproblem");
        synchronized (requests) {
            for (Request r : requests) {
                lines.add(r.writer() + "\t" + r.batch() + "\t" + r.attempt() + "\t" + r.startMs() + "\t"
                        + String.format("%.1f", r.latencyMs()) + "\t" + r.status() + "\t" + r.retryAfter() + "\t"
                        + r.problem());
            }
        }
        Files.write(options.out().resolve("requests.tsv"), lines, StandardCharsets.UTF_8);
        List<String> acked = new ArrayList<>();
        synchronized (batches) {
            Files.write(options.out().resolve("batches.tsv"), batches, StandardCharsets.UTF_8);
            for (String b : batches) {
                String[] f = b.split("\t");
                if (Boolean.parseBoolean(f[1])) {
                    for (int i = 0; i < options.batchSize(); i++) {
                        acked.add(f[0] + "-" + i);
                    }
                }
            }
        }
        Files.write(options.out().resolve("acked.txt"), acked, StandardCharsets.UTF_8);
        Files.writeString(options.out().resolve("batch-size"), Integer.toString(options.batchSize()));
    }

    private Result result(List<Request> requests, long acknowledgedBatches, double seconds) {
        Map<String, Long> byStatus = new TreeMap<>();
        List<Long> micros = new ArrayList<>();
        double max = 0;
        double max503 = 0;
        long missingRetryAfter = 0;
        synchronized (requests) {
            for (Request r : requests) {
                String key = r.status() == 0 ? "error" : r.status() == -1 ? "timeout" : Integer.toString(r.status());
                byStatus.merge(key, 1L, Long::sum);
                micros.add(Math.round(r.latencyMs() * 1000));
                max = Math.max(max, r.latencyMs());
                if (r.status() == 503) {
                    max503 = Math.max(max503, r.latencyMs());
                    if (r.retryAfter().equals("-")) {
                        missingRetryAfter++;
                    }
                }
            }
        }
        long evaluations = acknowledgedBatches * options.batchSize();
        return new Result(options.writers(), requests.size(), acknowledgedBatches, evaluations, seconds,
                Math.round(evaluations / seconds * 10) / 10.0,
                micros.isEmpty() ? 0 : BenchSuite.percentile(micros, 0.50),
                micros.isEmpty() ? 0 : BenchSuite.percentile(micros, 0.99), Math.round(max * 10) / 10.0,
                Math.round(max503 * 10) / 10.0, byStatus, missingRetryAfter);
    }
}
