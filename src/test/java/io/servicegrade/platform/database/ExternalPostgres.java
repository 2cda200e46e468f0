package io.servicegrade.platform.database;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own (from {@code /usr/lib/postgresql/<version>/bin}), started for
 * the tests of the "datasource configured" path. Those binaries refuse to run as root, so as root they
 * run as the {@code postgres} user.
 */
public class ExternalPostgres implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "servicegrade_external";
    private static final Path INSTALLS = Path.of("/usr/lib/postgresql");

    private Path bin;
    private Path dataDir;

    /** The newest installed server's bin directory, if the machine has one. */
    static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static boolean available() {
        return binaries().isPresent() && (!isRoot() || Files.isExecutable(Path.of("/usr/sbin/runuser")));
    }

    @Override
    public Map<String, String> start() {
        try {
            bin = binaries().orElseThrow(() -> new IllegalStateException("needs PostgreSQL's server binaries under "
                    + INSTALLS + " (Debian's postgresql package; .ci/run installs it)"));
            dataDir = Files.createTempDirectory("servicegrade-external-pg");
            if (isRoot()) {
                run(List.of("chown", "postgres:postgres", dataDir.toString()), false);
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--locale=C.UTF-8"), true);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-l",
                    dataDir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -c listen_addresses=localhost -k " + dataDir, "start"), true);
            run(List.of(bin.resolve("psql").toString(), "-h", "localhost", "-p", Integer.toString(port), "-U",
                    "postgres", "-d", "postgres", "-c", "CREATE DATABASE " + DATABASE), true);
            // Only the reactive URL: the JDBC one that Flyway needs is derived from it.
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/" + DATABASE,
                    "quarkus.datasource.username", "postgres",
                    "external-postgres.data-directory", dataDir.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the external PostgreSQL", e);
        }
    }

    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
