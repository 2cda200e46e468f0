package io.servicegrade.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark suite, a client process of its own against a running server (bench/run starts one on a fresh
 * embedded database): ingestion against PostgreSQL's own COPY of the same rows, standings and CSV latency at
 * several client counts, freshness, memory, and the scoring engine alone. Prints a table and writes the figures
 * as JSON. Arguments: {@code --base URL --key KEY --jdbc URL --pid PID --ready SECONDS --first-ready SECONDS
 * --commit SHA --out FILE
 * [--mode full|smoke] [--only ingestion,standings,freshness,writers,scoring,auth] [--writers-dir DIR]
 * [--windows N]}.
 */
public final class BenchSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SCHEME = "bench-scheme";
    static final String PERIOD = "2025-Q2";
    static final String PARTS = "ingestion,writers,standings,freshness,scoring,auth,coverage";

    /** How big a run is. */
    record Settings(String mode, int windows, int evaluations, int ingestClients, int ingestBatches, int batchSize,
            int seconds, int warmup, int freshnessSamples, int[] clients, boolean fork, int[] writers,
            int writerBatch, int writerSeconds) {

        static Settings of(String mode) {
            return "smoke".equals(mode) ? new Settings("smoke", 200, 5_000, 2, 2, 50, 1, 1, 5, new int[] {1, 4},
                    false, new int[] {1, 4}, 100, 3) : new Settings("full", 10_000, 1_000_000, 4, 8, 1_000, 10, 3,
                    50, new int[] {1, 16, 64}, true, new int[] {1, 16, 64, 256}, 100, 15);
        }

        /**
         * Issue 21, growth: the same run over {@code n} windows and 100 evaluations each (the default is 10,000 and
         * 1,000,000); its figures go under keys of their own ({@link BenchSuite#growthKeys}).
         */
        Settings withWindows(int n) {
            return new Settings(mode, n, 100 * n, ingestClients, ingestBatches, batchSize, seconds, warmup,
                    freshnessSamples, clients, fork, writers, writerBatch, writerSeconds);
        }

        /** The windows of a run whose figures are the standing ones: 10,000 (200 in the smoke run). */
        boolean standardSize() {
            return windows == of(mode).windows();
        }

        /** How many sign-ins (Argon2id hashes) the auth part times. */
        int signIns() {
            return "smoke".equals(mode) ? 3 : 10;
        }
    }

    /** The server under test: its address, admin key, database and process. */
    record Target(String base, String key, String jdbc, long pid) {
    }

    private final Settings settings;
    private final Target target;
    private Path writersDir = Path.of("target/bench-writers");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    BenchSuite(Settings settings, Target target) {
        this.settings = settings;
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Settings settings = Settings.of(options.getOrDefault("mode", "full"));
        if (options.containsKey("windows")) {
            settings = settings.withWindows(Integer.parseInt(options.get("windows")));
        }
        Target target = new Target(options.get("base"), options.get("key"), options.get("jdbc"),
                Long.parseLong(options.get("pid")));
        BenchSuite suite = new BenchSuite(settings, target);
        suite.writersDir = Path.of(options.getOrDefault("writers-dir", "target/bench-writers"));
        // a part that fails (a server that stopped, a phase that cannot go on) keeps the figures measured before it:
        // they are written with the failure named under "failed", and the run still fails
        Map<String, Object> figures;
        Exception failure = null;
        try {
            figures = suite.run(Set.of(options.getOrDefault("only", PARTS).split(",")));
        } catch (Exception e) {
            failure = e;
            figures = suite.figures;
            figures.put("failed", String.valueOf(e));
        }
        figures.put("ready_s", Double.parseDouble(options.getOrDefault("ready", "NaN")));
        figures.put("ready_s_first_start", Double.parseDouble(options.getOrDefault("first-ready", "NaN")));
        startUp(figures, options);
        figures.put("commit", options.getOrDefault("commit", "unknown"));
        figures.put("machine", machine());
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
        print(figures);
        System.out.println("written to " + out);
        if (failure != null) {
            System.out.println("FAILED: a part of the run failed; the figures before it are in " + out);
            failure.printStackTrace();
            System.exit(1);
        }
        List<String> failed = figures.entrySet().stream()
                .filter(e -> e.getKey().matches("(coverage_)?writers_\\d+_(5xx|errors)")
                && ((Number) e.getValue()).longValue() > 0).map(e -> e.getKey() + "=" + e.getValue()).toList();
        if (!failed.isEmpty()) {
            System.out.println("FAILED: writers were answered 5xx other than 503 with Retry-After, or got no answer: "
                    + failed + " (the requests are in " + suite.writersDir + ")");
            System.exit(1);
        }
    }

    /**
     * What a start on existing data reads against (bench/startup.sh): the same start with the database external
     * (no embedded PostgreSQL to start), and an empty Quarkus application on the same JVM, the floor.
     */
    static void startUp(Map<String, Object> figures, Map<String, String> options) {
        figures.put("ready_s_external", Double.parseDouble(options.getOrDefault("ready-external", "NaN")));
        figures.put("ready_s_empty", Double.parseDouble(options.getOrDefault("ready-empty", "NaN")));
    }

    /** rss_mb_load is the peak under the standings and the writers' load, whichever parts ran. */
    private void peakUnderLoad(long peak) {
        figures.merge("rss_mb_load", peak, (a, b) -> Math.max(((Number) a).longValue(), ((Number) b).longValue()));
    }

    /** Runs the parts asked for, in an order where each finds what it needs. */
    Map<String, Object> run(Collection<String> parts) throws Exception {
        figures.put("mode", settings.mode());
        figures.put("rss_mb_rest", rssMb());
        setUp();
        Set<String> before = Set.copyOf(figures.keySet());
        // a part that fails leaves what was measured before it, under the keys of its size all the same
        try {
            if (parts.contains("ingestion")) {
                ingestion();
            }
            if (parts.contains("standings")) {
                standings();
                reportBoard();
                figures.put("database_mb", count("SELECT pg_database_size(current_database()) / 1048576"));
            }
            if (parts.contains("freshness")) {
                freshness();
            }
            if (parts.contains("writers")) {
                Sampler sampler = new Sampler();
                writers();
                peakUnderLoad(sampler.stop());
            }
            if (parts.contains("scoring")) {
                scoring();
            }
            if (parts.contains("auth")) {
                figures.putAll(new AuthCost(target.base(), target.key()).run(settings.seconds(), settings.signIns()));
            }
            if (parts.contains("coverage")) {
                coverage();
            }
        } finally {
            growthKeys(before);
        }
        return figures;
    }

    /**
     * Issue 21, growth: a run over other than the standard windows ({@code --windows N}) writes what its parts
     * measured under keys of their own, {@code w<N>_<key>} ({@code w100000_recompute_s}), so one results file never
     * mixes two sizes under one key; {@code windows} and {@code evaluations} say the size.
     */
    private void growthKeys(Set<String> before) {
        if (settings.standardSize()) {
            return;
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        figures.forEach((key, value) -> renamed.put(before.contains(key) || key.equals("windows")
                || key.equals("evaluations") ? key : "w" + settings.windows() + "_" + key, value));
        figures.clear();
        figures.putAll(renamed);
    }

    /**
     * Issue 21: the first read of a board after its recompute, which computes the board (ranks, grades, composites
     * over every window) and keeps it: {@code board_first_ms}. Read over REST, which writes the whole board as JSON
     * (about 80 ms of it at 10,000 windows), because a GraphQL operation is stopped after 10 s and a board of
     * 100,000 windows on a busy machine may take longer (a run at 20,000 on a machine shared by four builds did).
     */
    private void firstBoard() {
        long t0 = System.nanoTime();
        send("GET", "/api/v1/schemes/" + SCHEME + "/standings?period=" + PERIOD, "", null);
        figures.put("board_first_ms", round1((System.nanoTime() - t0) / 1e6));
    }

    /**
     * Issue 21: the report board page {@code /reports/standings} of the bench period, which reads beside the board
     * the boards of the periods before it (for each row's sparkline, {@code BoardFacts.pastBoards}): its first view
     * ({@code report_board_first_ms}), then p50 at 1 client and p99 at 16 (4 in the smoke run), each sending back to
     * back for the standings' seconds after their warm-up.
     */
    private void reportBoard() throws Exception {
        IntFunction<HttpRequest> view = n -> HttpRequest.newBuilder(URI.create(target.base()
                + "/reports/standings?scheme=" + SCHEME + "&period=" + PERIOD + "&lang=en"))
                .timeout(Duration.ofMinutes(2)).GET().build();
        long t0 = System.nanoTime();
        check(http.send(view.apply(0), HttpResponse.BodyHandlers.ofString()));
        figures.put("report_board_first_ms", round1((System.nanoTime() - t0) / 1e6));
        int[] clients = {1, settings.clients()[1]};
        for (int n : clients) {
            timed(n, settings.warmup(), view);
            Timed t = timed(n, settings.seconds(), view);
            figures.put("report_board_p50_ms_" + n, t.percentile(0.50));
            figures.put("report_board_p99_ms_" + n, t.percentile(0.99));
            figures.put("report_board_rps_" + n, round1(t.rate()));
        }
    }

    /** The organisation and the scheme the other parts read. */
    void setUp() {
        send("PUT", "/api/v1/units", BenchData.groups(), null);
        for (int from = 0; from < settings.windows(); from += 5_000) {
            send("PUT", "/api/v1/units", BenchData.windows(from, Math.min(settings.windows(), from + 5_000)), null);
        }
        send("PUT", "/api/v1/schemes/" + SCHEME, """
                {"name": {"zh-CN": "基准方案", "en": "Bench scheme"}, "kinds": ["window"], "activeFrom": "2025-01-01",
                 "period": "quarter",
                 "sources": [{"source": "inspection", "rubric": "postal-counter-model-window"},
                             {"source": "mystery_shop", "rubric": "postal-counter-model-window"}],
                 "composites": [
                   {"key": "average", "name": {"zh-CN": "平均分", "en": "Average"},
                    "weights": {"inspection": 0.5, "mystery_shop": 0.5}},
                   {"key": "weighted", "name": {"zh-CN": "加权分", "en": "Weighted"},
                    "weights": {"inspection": 0.4, "mystery_shop": 0.6}}],
                 "grades": [{"key": "model", "name": {"zh-CN": "示范窗口", "en": "Model window"},
                             "composite": "weighted", "min": 90},
                            {"key": "compliant", "name": {"zh-CN": "达标", "en": "Compliant"},
                             "composite": "average", "min": 85},
                            {"key": "noncompliant", "name": {"zh-CN": "未达标", "en": "Not compliant"}}],
                 "rankBy": "weighted",
                 "targets": [{"level": "branch", "grade": "compliant", "urban": 100, "rural": 85}]}
                """, null);
    }

    /**
     * Evaluations per second through the API (validation, scoring, idempotency keys and standings upkeep
     * included), then PostgreSQL's own rate for the very same rows: they are copied out and COPYed into tables
     * of the same shape, indexes and durability.
     */
    private void ingestion() throws Exception {
        String run = "ing" + Long.toString(System.nanoTime(), 36);
        send("POST", "/api/v1/evaluations", BenchData.batch(new Random(-1), run + "w", 0, settings.batchSize(),
                settings.windows(), BenchData.BATCH_TIME), run + "-warm-up");
        ExecutorService pool = Executors.newFixedThreadPool(settings.ingestClients());
        AtomicLong stored = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < settings.ingestClients(); c++) {
            int client = c;
            work.add(pool.submit(() -> {
                Random random = new Random(client);
                for (int b = 0; b < settings.ingestBatches(); b++) {
                    String body = BenchData.batch(random, run + "c" + client, b, settings.batchSize(),
                            settings.windows(), BenchData.BATCH_TIME);
                    long t0 = System.nanoTime();
                    send("POST", "/api/v1/evaluations", body, run + "-" + client + "-" + b);
                    latencies.add((System.nanoTime() - t0) / 1_000);
                    stored.addAndGet(settings.batchSize());
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double ingest = stored.get() / seconds;
        figures.put("ingest_per_s", round(ingest));
        figures.put("ingest_batch_p50_ms", percentile(latencies, 0.50));
        figures.put("ingest_batch_p99_ms", percentile(latencies, 0.99));

        try (Connection c = DriverManager.getConnection(target.jdbc(), "postgres", null);
                Statement s = c.createStatement()) {
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            String rows = "external_id LIKE '" + run + "c%'";
            s.execute("DROP TABLE IF EXISTS bench_copy_evaluation, bench_copy_revision");
            s.execute("CREATE TABLE bench_copy_evaluation (LIKE evaluation INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                    + " INCLUDING INDEXES)");
            s.execute("CREATE TABLE bench_copy_revision (LIKE evaluation_revision INCLUDING DEFAULTS"
                    + " INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            byte[] evaluations = copyOut(copy, "COPY (SELECT * FROM evaluation WHERE " + rows
                    + ") TO STDOUT (FORMAT binary)");
            byte[] revisions = copyOut(copy, "COPY (SELECT r.* FROM evaluation_revision r JOIN evaluation e"
                    + " ON e.id = r.evaluation_id WHERE e." + rows + ") TO STDOUT (FORMAT binary)");
            long t0 = System.nanoTime();
            long copied = copy.copyIn("COPY bench_copy_evaluation FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(evaluations));
            copy.copyIn("COPY bench_copy_revision FROM STDIN (FORMAT binary)", new ByteArrayInputStream(revisions));
            double copySeconds = (System.nanoTime() - t0) / 1e9;
            s.execute("DROP TABLE bench_copy_evaluation, bench_copy_revision");
            if (copied != stored.get()) {
                throw new IllegalStateException("copied " + copied + " rows of " + stored.get());
            }
            double copyRate = copied / copySeconds;
            figures.put("copy_per_s", round(copyRate));
            figures.put("ingest_ratio", Math.round(ingest / copyRate * 1000) / 1000.0);
        }
    }

    /**
     * 1, 16, 64 and 256 concurrent writers of distinct 100-evaluation batches, each for a while: evaluations
     * acknowledged per second, request latency, and answers by status. A writer refused with 503 waits what
     * Retry-After asks and resends the batch (both requests count). {@code writers_N_5xx} counts answers of 500 and
     * above other than a 503 with Retry-After; it must be 0.
     */
    private void writers() throws Exception {
        for (int n : settings.writers()) {
            writerFigures("writers_" + n + "_", writers(n, "wr", "writers-"));
        }
    }

    /** {@code n} writers of covered 100-evaluation batches for the writers' seconds (run ids and files by prefix). */
    private Writers.Result writers(int n, String run, String dir) throws Exception {
        Writers.Result r = new Writers(new Writers.Options(target.base(), target.key(), n, settings.writerBatch(),
                settings.writerSeconds(), settings.windows(), run + n + "x" + Long.toString(System.nanoTime(), 36),
                true, false, Duration.ofSeconds(120), writersDir.resolve(dir + n), false)).run();
        System.out.println(r.line());
        return r;
    }

    /** A writers run's figures under the key prefix {@code k}. */
    private void writerFigures(String k, Writers.Result r) {
        figures.put(k + "per_s", r.perSecond());
        figures.put(k + "p50_ms", r.p50Ms());
        figures.put(k + "p99_ms", r.p99Ms());
        figures.put(k + "max_ms", r.maxMs());
        figures.put(k + "requests", r.requests());
        figures.put(k + "201", r.byStatus().getOrDefault("201", 0L));
        figures.put(k + "503", r.byStatus().getOrDefault("503", 0L) - r.missingRetryAfter());
        figures.put(k + "409", r.byStatus().getOrDefault("409", 0L));
        figures.put(k + "4xx", r.byStatus().entrySet().stream().filter(e -> e.getKey().startsWith("4")
                && !e.getKey().equals("409")).mapToLong(Map.Entry::getValue).sum());
        figures.put(k + "5xx", r.failures());
        figures.put(k + "errors", r.errors());
    }

    /**
     * Issue 19: what kept inspection coverage costs, last (its plan stays in force). A plan over every window,
     * monthly from 2025-01-01 on the writers' source, is put alone: its recount (made after its commit in short
     * transactions, awaited before the answer) in seconds and cells per second. Then its second version (the same
     * rules: every cell counted again) is put while the most writers of the writers part write covered batches: the
     * recount's time under that load, and the writers' latency and answers meanwhile, {@code coverage_writers_N_*};
     * a 5xx other than 503 with Retry-After fails the run as the writers part does.
     */
    private void coverage() throws Exception {
        String plan = """
                {"nameZh": "窗口每月检查", "nameEn": "Windows monthly", "selection": {"kinds": ["window"]},
                 "source": "inspection", "everyMonths": 1, "activeFrom": "2025-01-01"}""";
        long t0 = System.nanoTime();
        putPlan(plan);
        awaitRecount();
        double alone = (System.nanoTime() - t0) / 1e9;
        long cells = count("SELECT count(*) FROM coverage_interval WHERE plan_key = 'bench-windows'");
        figures.put("coverage_cells", cells);
        figures.put("coverage_recount_s", round1(alone));
        figures.put("coverage_recount_cells_per_s", round(cells / alone));

        int n = settings.writers()[settings.writers().length - 1] >= 64 ? 64
                : settings.writers()[settings.writers().length - 1];
        ExecutorService one = Executors.newSingleThreadExecutor();
        long t1 = System.nanoTime();
        Future<Double> put = one.submit(() -> {
            putPlan(plan);
            awaitRecount();
            return (System.nanoTime() - t1) / 1e9;
        });
        Writers.Result r = writers(n, "cov", "coverage-writers-");
        double loaded = put.get(30, java.util.concurrent.TimeUnit.MINUTES);
        one.shutdown();
        figures.put("coverage_recount_under_writers_s", round1(loaded));
        writerFigures("coverage_writers_" + n + "_", r);
    }

    /** Puts the bench's coverage plan; a 503 (overload, nothing changed) is sent again a second later. */
    private void putPlan(String plan) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                send("PUT", "/api/v1/coverage/plans/bench-windows", plan, null);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 60 || !String.valueOf(e.getMessage()).contains("HTTP 503")) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * Waits until the plan's queued recount is done (its queue row gone): the put's answer waits for it too, unless
     * a range found no turn under load, when the sweep finishes it.
     */
    private void awaitRecount() throws Exception {
        while (count("SELECT count(*) FROM coverage_recount WHERE plan_key = 'bench-windows'") > 0) {
            Thread.sleep(100);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbc(), "postgres", null);
                Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static byte[] copyOut(CopyManager copy, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.copyOut(sql, out);
        return out.toByteArray();
    }

    /**
     * A year of evaluations for every window (by SQL), prepared by POST /recompute; then pages of 50 standings
     * with nested unit fields, and the CSV of every window, at each client count, while the server's memory is
     * watched.
     */
    private void standings() throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(target.jdbc(), "postgres", null);
                Statement s = c.createStatement()) {
            s.execute(BenchData.yearOfEvaluations(settings.evaluations(), settings.windows(), "year"));
            s.execute("ANALYZE");
        }
        long t1 = System.nanoTime();
        send("POST", "/api/v1/schemes/" + SCHEME + "/recompute", "", null);
        figures.put("load_sql_s", round1((t1 - t0) / 1e9));
        figures.put("recompute_s", round1((System.nanoTime() - t1) / 1e9));
        figures.put("windows", settings.windows());
        figures.put("evaluations", settings.evaluations());

        String page = "{\"query\":\"{ standings(scheme: \\\"" + SCHEME + "\\\", period: \\\"" + PERIOD + "\\\","
                + " first: 50%s) { totalCount pageInfo { endCursor } edges { node { unit { code name parent { code name } }"
                + " rank value grade { key name } composites { key value } sources { source value samples }"
                + " previous { rank value } change aboveParentMean } } } }\"}";
        firstBoard();
        int pages = Math.max(1, settings.windows() / 50);
        // a cursor names the board it was read from: walk the board once for each page's `after`, as the timed
        // clients read (no credential), so that each page's answer is kept for them as it would be for readers who
        // came before; each page of the walk is executed, and that time is a figure of its own
        List<String> afters = new ArrayList<>(List.of(""));
        List<Long> executed = new ArrayList<>();
        while (afters.size() < pages) {
            long sent = System.nanoTime();
            String answer = postOpen("/graphql", String.format(page, afters.get(afters.size() - 1)));
            executed.add((System.nanoTime() - sent) / 1_000);
            String end = JSON.readTree(answer).path("data").path("standings").path("pageInfo").path("endCursor")
                    .asText();
            afters.add(", after: \\\"" + end + "\\\"");
        }
        // the walk's second half: the first warms the JIT (a board of one page has no walk)
        if (!executed.isEmpty()) {
            figures.put("standings_executed_p50_ms", percentile(executed.subList(executed.size() / 2,
                    executed.size()), 0.50));
        }
        long peak = rssMb();
        IntFunction<String> request = n -> String.format(page, afters.get(n % pages));
        for (int clients : settings.clients()) {
            EventLoopLoad.Run run;
            Sampler sampler;
            try (EventLoopLoad load = new EventLoopLoad(target.base())) {
                load.run(clients, settings.warmup(), "/graphql", request);
                sampler = new Sampler();
                run = load.run(clients, settings.seconds(), "/graphql", request);
            }
            Timed t = run.timed();
            // how many pages came from memory: at a size where they do not all fit, the figure is of executions
            figures.put("standings_kept_pct_" + clients, run.keptPercent());
            peak = Math.max(peak, sampler.stop());
            figures.put("standings_p50_ms_" + clients, t.percentile(0.50));
            figures.put("standings_p95_ms_" + clients, t.percentile(0.95));
            figures.put("standings_p99_ms_" + clients, t.percentile(0.99));
            figures.put("standings_rps_" + clients, round1(t.rate()));
            figures.put("standings_503_" + clients, t.refused());
        }
        standingsSql(pages);
        IntFunction<HttpRequest> csv = n -> HttpRequest.newBuilder(URI.create(target.base() + "/api/v1/schemes/"
                + SCHEME + "/standings?period=" + PERIOD + "&format=csv")).timeout(Duration.ofMinutes(2)).GET().build();
        for (int clients : settings.clients()) {
            timed(clients, 1, csv);
            Sampler sampler = new Sampler();
            Timed t = timed(clients, Math.max(1, settings.seconds() / 2), csv);
            peak = Math.max(peak, sampler.stop());
            figures.put("csv_p50_ms_" + clients, t.percentile(0.50));
            figures.put("csv_p99_ms_" + clients, t.percentile(0.99));
            figures.put("csv_rps_" + clients, round1(t.rate()));
            figures.put("csv_503_" + clients, t.refused());
        }
        peakUnderLoad(peak);
    }

    /**
     * The same page read as one SQL statement over the prepared inputs ({@link StandingsSql}), and the GraphQL p99
     * at 16 clients as a multiple of it (issue 21).
     */
    private void standingsSql(int pages) throws Exception {
        figures.putAll(StandingsSql.run(target.jdbc(), settings.clients(), settings.warmup(), settings.seconds(), pages));
        if (figures.get("standings_p99_ms_16") instanceof Double graphql
                && figures.get("standings_sql_p99_ms_16") instanceof Double sql && sql > 0) {
            figures.put("standings_ratio_16", Math.round(graphql / sql * 100) / 100.0);
        }
    }

    /**
     * From an acknowledged evaluation to the first standings read that shows it: the unit's inspection samples
     * in the period, read over GraphQL as fast as the client can.
     */
    private void freshness() {
        String query = "{\"query\":\"{ standing(scheme: \\\"" + SCHEME + "\\\", period: \\\"" + PERIOD + "\\\","
                + " unit: \\\"%s\\\") { sources { source samples } } }\"}";
        Pattern inspections = Pattern.compile("\"source\":\"inspection\",\"samples\":(\\d+)");
        List<Long> micros = new ArrayList<>();
        String run = "fr" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < settings.freshnessSamples(); i++) {
            String unit = BenchData.window(i % settings.windows());
            int before = samples(inspections, send("POST", "/graphql", String.format(query, unit), null));
            String body = BenchData.batch(new Random(i), run, i, 1, settings.windows(),
                    java.time.OffsetDateTime.parse("2025-05-10T10:00:00+08:00"))
                    .replaceFirst("\"unit\":\"[^\"]*\"", "\"unit\":\"" + unit + "\"");
            send("POST", "/api/v1/evaluations", body, run + "-" + i);
            long acknowledged = System.nanoTime();
            while (samples(inspections, send("POST", "/graphql", String.format(query, unit), null)) <= before) {
                if (System.nanoTime() - acknowledged > 30_000_000_000L) {
                    throw new IllegalStateException("an evaluation was not in the standings after 30 s");
                }
            }
            micros.add((System.nanoTime() - acknowledged) / 1_000);
        }
        figures.put("freshness_p50_ms", percentile(micros, 0.50));
        figures.put("freshness_p99_ms", percentile(micros, 0.99));
    }

    private static int samples(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Scorings per second of the engine alone, on one thread (JMH). */
    private void scoring() throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(ScoringBenchmark.class.getName()).threads(1);
        if (settings.fork()) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2));
        } else {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(200)).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        figures.put("scorings_per_s", round(results.iterator().next().getPrimaryResult().getScore()));
    }

    // Load generation

    /** Latencies (µs) of one timed run, and its request rate. */
    /** Answered requests' latencies, and how many were refused as overload (503 with Retry-After). */
    record Timed(List<Long> micros, double seconds, int refused) {
        double rate() {
            return micros.size() / seconds;
        }

        double percentile(double q) {
            return BenchSuite.percentile(micros, q);
        }
    }

    /** {@code clients} clients sending requests back to back for {@code seconds}. */
    Timed timed(int clients, int seconds, IntFunction<HttpRequest> request) throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                for (int r = 0; System.nanoTime() < end; r++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(request.apply(client * 7919 + r),
                            HttpResponse.BodyHandlers.ofString());
                    // overload answered as it must be (503 with Retry-After) is counted, not a failure of the run
                    if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()) {
                        refused.incrementAndGet();
                        continue;
                    }
                    check(answer);
                    micros.add((System.nanoTime() - t0) / 1_000);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Timed(new ArrayList<>(micros), elapsed, refused.get());
    }

    String send(String method, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path))
                .header("Authorization", "Bearer " + target.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(15)).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request);
    }

    /** A POST with no credential, as the standings part's timed clients send theirs. */
    String postOpen(String path, String body) {
        return exchange(HttpRequest.newBuilder(URI.create(target.base() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String exchange(HttpRequest.Builder request) {
        try {
            // set-up is a client too: an overloaded server answers 503 with Retry-After, and is asked again
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String retry = response.headers().firstValue("Retry-After").orElse(null);
                if (response.statusCode() != 503 || retry == null || attempt == 20) {
                    return check(response);
                }
                Thread.sleep(Long.parseLong(retry) * 1_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String check(HttpResponse<String> response) {
        if (response.statusCode() >= 300 || response.body().startsWith("{\"errors\"")) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": HTTP "
                    + response.statusCode() + " " + response.body().substring(0, Math.min(500,
                    response.body().length())));
        }
        return response.body();
    }

    // Measures

    /** The server's resident memory in MB, from /proc. */
    long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + target.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Watches the server's resident memory every 100 ms until stopped; answers the peak. */
    final class Sampler {
        private final AtomicLong peak = new AtomicLong(rssMb());
        private final Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssMb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
            return peak.get();
        }
    }

    /** The q-quantile of latencies in µs, in ms to 0.1 (nearest rank). */
    static double percentile(List<Long> micros, double q) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        long value = sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
        return Math.round(value / 100.0) / 10.0;
    }

    private static long round(double value) {
        return Math.round(value);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        machine.put("memory_gb", Math.round(memoryKb / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    /** The figures with the targets beside them. */
    static void print(Map<String, Object> figures) {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("ingest_ratio", ">= 0.5");
        targets.put("standings_p99_ms_16", "< 20");
        targets.put("freshness_p99_ms", "< 1000");
        targets.put("ready_s", "< 3");
        targets.put("rss_mb_load", "< 512");
        System.out.printf("%-24s %14s   %s%n", "figure", "value", "target");
        figures.forEach((key, value) -> {
            if (!(value instanceof Map)) {
                String target = targets.getOrDefault(key, "");
                String verdict = target.isEmpty() ? "" : meets(value, target) ? "  met" : "  not met";
                System.out.printf("%-24s %14s   %s%s%n", key, value, target, verdict);
            }
        });
        System.out.println("machine: " + figures.get("machine"));
    }

    static boolean meets(Object value, String target) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double limit = Double.parseDouble(target.replaceAll("[^0-9.]", ""));
        return target.startsWith(">=") ? n.doubleValue() >= limit : n.doubleValue() < limit;
    }
}
