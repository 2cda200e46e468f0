package io.servicegrade.platform.database;

import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package} before failsafe runs the
 * *IT classes) in a child JVM of its own: its own data directory under {@code target/}, a free port, a log per start
 * ({@code target/it-<name>-<n>.log}), and ways to end it as a crash would (SIGKILL to the JVM, to its embedded
 * PostgreSQL, or both).
 *
 * <p>Inherited {@code QUARKUS_DATASOURCE_*}, {@code SERVICEGRADE_*} and {@code KUBERNETES_SERVICE_HOST} variables are
 * dropped, so that with nothing given the server starts its embedded PostgreSQL under {@code <data dir>/pg} even on a
 * CI runner inside Kubernetes; {@link #env} and {@link #property} set what a test needs. The demo data is off unless
 * a test turns it on. {@link #close()} (call it from {@code @AfterAll}) kills the JVM and any PostgreSQL left running
 * in the data directory.
 */
public final class PackagedServer implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path dataDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;
    private int port;
    private int starts;
    private Path log;

    /** A server named {@code name}, its data in {@code target/it-<name>-data}. */
    public PackagedServer(String name) {
        this.name = name;
        this.dataDir = Path.of("target", "it-" + name + "-data").toAbsolutePath();
        environment.put("SERVICEGRADE_DEMO_ENABLED", "false");
    }

    /** Sets an environment variable of the server's (given after the inherited ones are dropped). */
    public PackagedServer env(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Sets a system property ({@code -Dname=value}) of the server's. */
    public PackagedServer property(String property, String value) {
        properties.put(property, value);
        return this;
    }

    /** Deletes the data directory (after stopping any PostgreSQL still running in it), for a first start. */
    public PackagedServer freshDataDir() throws IOException {
        killPostgres();
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertState(!Files.exists(dataDir), "could not delete " + dataDir);
        return this;
    }

    /** Starts the server and waits until {@code /q/health/ready} answers 200. */
    public PackagedServer start() throws Exception {
        launch();
        awaitReady();
        return this;
    }

    /** Starts the server without waiting for it (see {@link #awaitReady()}), e.g. to start several at once. */
    public PackagedServer launch() throws IOException {
        assertState(Files.exists(JAR), JAR + " is missing: the *IT classes run the packaged server (mvn verify)");
        assertState(process == null || !process.isAlive(), "server " + name + " is already running");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        starts++;
        log = Path.of("target", "it-" + name + "-" + starts + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dservicegrade.data-dir=" + dataDir);
        command.add("-Dquarkus.shutdown.timeout=2s");
        properties.forEach((property, value) -> command.add("-D" + property + "=" + value));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("QUARKUS_DATASOURCE")
                || variable.startsWith("SERVICEGRADE_") || variable.equals("KUBERNETES_SERVICE_HOST"));
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log if the server stops or takes too long. */
    public PackagedServer awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server " + name + " stopped while starting (exit " + process.exitValue()
                        + "):\n" + logText());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server " + name + " was not ready in " + START_TIMEOUT.toSeconds() + " s:\n"
                + logText());
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public Process process() {
        return process;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The log of the latest start. */
    public Path log() {
        return log;
    }

    public String logText() throws IOException {
        return log == null || !Files.exists(log) ? "(no log)" : Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The admin key: the configured one, or the one the first start wrote to {@code <data dir>/admin-api-key}. */
    public String adminKey() throws IOException {
        String configured = environment.get("SERVICEGRADE_ADMIN_KEY");
        return configured != null ? configured
                : Files.readString(dataDir.resolve("admin-api-key"), StandardCharsets.US_ASCII).trim();
    }

    /** A REST Assured request to this server. */
    public RequestSpecification request() {
        return given().baseUri(base());
    }

    /** A REST Assured request to this server carrying the admin key. */
    public RequestSpecification asAdmin() throws IOException {
        return request().header("Authorization", "Bearer " + adminKey());
    }

    /** The embedded PostgreSQL's {@code postmaster.pid}, where one was started. */
    public Path postmasterPidFile() {
        return dataDir.resolve("pg").resolve("postmaster.pid");
    }

    /** The embedded PostgreSQL's postmaster, alive, as its pid file names it. */
    public Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = postmasterPidFile();
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    }

    /**
     * A JDBC connection to the embedded database as its owner, straight to PostgreSQL (its port is in the pid file,
     * the password beside the data directory).
     */
    public Connection jdbc() throws Exception {
        List<String> lines = Files.readAllLines(postmasterPidFile(), StandardCharsets.US_ASCII);
        return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(Integer.parseInt(lines.get(3).trim()),
                EmbeddedDatabase.DATABASE), EmbeddedDatabase.OWNER,
                EmbeddedCredentials.read(EmbeddedCredentials.fileOf(dataDir.resolve("pg"))).owner());
    }

    /** SIGKILL to the server's JVM, as a crash would; waits until it is gone. */
    public void killJvm() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            assertState(process.waitFor(30, TimeUnit.SECONDS), "the JVM of " + name + " outlived SIGKILL");
        }
    }

    /**
     * SIGKILL to the embedded PostgreSQL: the postmaster and every process of its (backends, WAL writer,
     * checkpointer) at once, as a power cut would leave them; waits until they are gone. Answers the postmaster's
     * pid, or -1 if none was running.
     */
    public long killPostgres() throws IOException {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return -1;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster.get());
        postmaster.get().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("PostgreSQL process " + p.pid() + " of " + name + " outlived SIGKILL", e);
            }
        }
        return postmaster.get().pid();
    }

    /** Stops the server as an operator would (SIGTERM, a graceful shutdown), then any PostgreSQL it left running. */
    public void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                killJvm();
            }
        }
        killPostgres();
    }

    /** Kills the JVM and any PostgreSQL left running in the data directory; for {@code @AfterAll}. */
    @Override
    public void close() throws Exception {
        killJvm();
        killPostgres();
    }

    private static void assertState(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
