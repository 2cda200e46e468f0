package io.servicegrade.platform.database;

import io.servicegrade.platform.SecretFiles;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL server kept in a directory of the application's, for runs with no database
 * configured. Unlike the library's test defaults it is durable (fsync and synchronous commit on), listens on
 * localhost only and asks every connection for a password (see {@link EmbeddedRoles} and {@link EmbeddedCredentials}).
 */
final class EmbeddedDatabase {

    static final String DATABASE = "servicegrade";
    /** The superuser that owns the schema; Flyway migrates as it, operators sign in as it. */
    static final String OWNER = "postgres";
    /** The role the application's pools connect as: rows only (see {@link EmbeddedRoles}). */
    static final String APP = "servicegrade_app";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String OWNER_FILE = "pg.owner";

    private final Path dataDirectory;
    private final int requestedPort;
    private EmbeddedPostgres postgres;

    EmbeddedDatabase(Path dataDirectory, int requestedPort) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.requestedPort = requestedPort;
    }

    /**
     * Starts the server, or finds the one this JVM already started (a dev-mode reload); answers its port and the
     * passwords of its roles. A data directory made by an earlier version (every connection trusted, the
     * application a superuser) is brought to password authentication on the way.
     */
    Started start() {
        try {
            Optional<RunningServer> running = RunningServer.of(dataDirectory);
            if (running.isPresent()) {
                RunningServer server = running.get();
                if (ownedByThisProcess()) {
                    LOG.debugf("Reusing the embedded PostgreSQL this process started, on port %d", server.port());
                    return new Started(server.port(), EmbeddedCredentials.read(
                            EmbeddedCredentials.fileOf(dataDirectory)));
                }
                LOG.warnf("Stopping a stale embedded PostgreSQL (pid %d) left running in %s by an earlier run",
                        server.pid(), dataDirectory);
                server.stop();
            }
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDirectory);
            boolean initialised = Files.exists(dataDirectory.resolve("postgresql.conf"));
            Path ownerPasswordFile = null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (initialised) {
                if (credentials.created() || !isCurrent(accessRules())) {
                    LOG.infof("Moving the embedded PostgreSQL in %s to password authentication", dataDirectory);
                    setOwnerPasswordOffline(credentials.owner());
                }
                Files.writeString(accessRules(), EmbeddedRoles.ACCESS_RULES, StandardCharsets.US_ASCII);
            } else {
                // initdb's own options (zonky passes these on after its "-A trust"; the later one wins): the owner
                // has a password from the start and no rule ever trusts a connection.
                ownerPasswordFile = privateCopy(credentials.owner());
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", ownerPasswordFile.toString());
            }
            try {
                postgres = builder
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(requestedPort)
                        .setLocaleConfig("locale", "C.UTF-8")
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("listen_addresses", "localhost")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setServerConfig("max_connections", "100")
                        .setConnectConfig("password", credentials.owner())
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } finally {
                if (ownerPasswordFile != null) {
                    Files.deleteIfExists(ownerPasswordFile);
                }
            }
            int port = postgres.getPort();
            Files.writeString(dataDirectory.resolveSibling(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
            if (!initialised) {
                Files.writeString(accessRules(), EmbeddedRoles.ACCESS_RULES, StandardCharsets.US_ASCII);
            }
            prepare(port, credentials, !initialised);
            LOG.infof("Embedded PostgreSQL started on localhost with its data in %s (passwords in %s)",
                    dataDirectory, EmbeddedCredentials.fileOf(dataDirectory));
            LOG.debugf("Embedded PostgreSQL port: %d", port);
            return new Started(port, credentials);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " could not start: "
                    + e.getMessage(), e);
        }
    }

    /** Stops the server this object started (a fast shutdown) and lets another start it; for tests. */
    void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** A running embedded server: its port, and the passwords of its roles. */
    record Started(int port, EmbeddedCredentials credentials) {
    }

    private Path accessRules() {
        return dataDirectory.resolve("pg_hba.conf");
    }

    private static boolean isCurrent(Path accessRules) throws IOException {
        return Files.exists(accessRules)
                && Files.readString(accessRules, StandardCharsets.US_ASCII).equals(EmbeddedRoles.ACCESS_RULES);
    }

    /** The owner's password in a file of its own for initdb's --pwfile, readable by this account only. */
    private Path privateCopy(String password) throws IOException {
        Path file = dataDirectory.resolveSibling(EmbeddedCredentials.FILE + ".initdb");
        SecretFiles.write(file, password + "\n");
        return file;
    }

    /**
     * Gives the owner its password while the server is down, in single-user mode (no network, no other session):
     * a data directory of an earlier version has an owner without one, reachable only through the {@code trust}
     * rules this start removes, so it must not be started with those rules even for a moment.
     */
    private void setOwnerPasswordOffline(String password) throws IOException {
        Path postgres = Binaries.directory().resolve("bin").resolve("postgres");
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "exit_on_error=true", "-c", "log_statement=none", "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var input = process.getOutputStream()) {
            input.write((EmbeddedRoles.alterPassword(OWNER, password) + ";\n").getBytes(StandardCharsets.US_ASCII));
        }
        // What the server says back, less any echo of the statement (it carries the password's verifier).
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.contains("PASSWORD")).collect(Collectors.joining("\n"));
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("setting the owner's password in single-user mode failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the owner's password", e);
        }
    }

    private boolean ownedByThisProcess() throws IOException {
        Path owner = dataDirectory.resolveSibling(OWNER_FILE);
        return Files.exists(owner)
                && Files.readString(owner, StandardCharsets.US_ASCII).trim()
                        .equals(Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Creates the application database and the application's role, makes the access rules written after initdb
     * current (initdb's own have replication lines), and refuses to go on if the server would not keep acknowledged writes.
     */
    private static void prepare(int port, EmbeddedCredentials credentials, boolean reloadAccessRules)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port, "postgres"), OWNER,
                credentials.owner());
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
            EmbeddedRoles.ensureApp(statement, credentials.app());
            if (reloadAccessRules) {
                statement.execute("SELECT pg_reload_conf()");
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

    /** Where the library unpacked PostgreSQL's programs (it unpacks them once per machine and version). */
    private static final class Binaries {

        static Path directory() throws IOException {
            try {
                Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                        File.class);
                prepare.setAccessible(true);
                return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot find the embedded PostgreSQL's programs: " + e, e);
            }
        }
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
