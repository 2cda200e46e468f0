package io.servicegrade.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server kept in a directory of the application's, for runs with no database
 * configured. Unlike the library's test defaults it is durable (fsync and synchronous commit on)
 * and listens on localhost only.
 */
final class EmbeddedDatabase {

    static final String DATABASE = "servicegrade";
    static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String OWNER_FILE = "pg.owner";

    private final Path dataDirectory;
    private final int requestedPort;

    EmbeddedDatabase(Path dataDirectory, int requestedPort) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.requestedPort = requestedPort;
    }

    /** Starts the server, or finds the one this JVM already started (a dev-mode reload); answers its port. */
    int start() {
        try {
            Optional<RunningServer> running = RunningServer.of(dataDirectory);
            if (running.isPresent()) {
                RunningServer server = running.get();
                if (ownedByThisProcess()) {
                    LOG.debugf("Reusing the embedded PostgreSQL this process started, on port %d", server.port());
                    return server.port();
                }
                LOG.warnf("Stopping a stale embedded PostgreSQL (pid %d) left running in %s by an earlier run",
                        server.pid(), dataDirectory);
                server.stop();
            }
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(requestedPort)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            int port = postgres.getPort();
            Files.writeString(dataDirectory.resolveSibling(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
            prepare(port);
            LOG.infof("Embedded PostgreSQL started on localhost:%d with its data in %s", port, dataDirectory);
            return port;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " could not start: "
                    + e.getMessage(), e);
        }
    }

    private boolean ownedByThisProcess() throws IOException {
        Path owner = dataDirectory.resolveSibling(OWNER_FILE);
        return Files.exists(owner)
                && Files.readString(owner, StandardCharsets.US_ASCII).trim()
                        .equals(Long.toString(ProcessHandle.current().pid()));
    }

    /** Creates the application database and refuses to go on if the server would not keep acknowledged writes. */
    private static void prepare(int port) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException("The embedded PostgreSQL runs with " + setting + "="
                                + rs.getString(1) + "; refusing to store data that a crash could lose");
                    }
                }
            }
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    static String reactiveUrl(int port, String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    /** A postmaster found alive through the pid file of a data directory. */
    private record RunningServer(long pid, int port, ProcessHandle process) {

        static Optional<RunningServer> of(Path dataDirectory) throws IOException {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid;
            int port;
            try {
                pid = Long.parseLong(lines.get(0).trim());
                port = Integer.parseInt(lines.get(3).trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true))
                    .map(p -> new RunningServer(pid, port, p));
        }

        /** A smart shutdown (SIGTERM): the dead JVM's sessions are gone, so it completes at once. */
        void stop() {
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("PostgreSQL (pid %d) did not stop in 30 s; killing it", pid);
                process.destroyForcibly();
                process.onExit().join();
            }
        }
    }
}
