package io.servicegrade.platform.database;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The embedded PostgreSQL asks every connection for a password, refuses replication, and gives the application a
 * role that can touch rows only (issue 14, H2). The first tests look at the test server's own database
 * ({@code target/test-data}); the last builds a data directory the way earlier versions did and starts it.
 */
@QuarkusTest
class EmbeddedDatabaseSecurityTest {

    /** The application's pool: it connects as the application's role. */
    @Inject
    Pool pool;

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    private static Path passwordFile() {
        return EmbeddedCredentials.fileOf(DatabaseConfigSourceFactory.embeddedDataDirectory(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null)));
    }

    /** H2: a connection without a password, as the superuser or as the application, is refused. */
    @Test
    void aConnectionWithoutAPasswordIsRefused() {
        for (String role : List.of(EmbeddedDatabase.OWNER, EmbeddedDatabase.APP)) {
            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(jdbcUrl(), role, null).close());
            assertThat((Throwable) refused).as("a passwordless connection as " + role).isNotNull();
            assertThat(refused.getMessage()).as(role).contains("password");
        }
    }

    /** H2: a wrong password is refused, for both roles. */
    @Test
    void aWrongPasswordIsRefused() {
        for (String role : List.of(EmbeddedDatabase.OWNER, EmbeddedDatabase.APP)) {
            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(jdbcUrl(), role, "not-the-password").close());
            assertThat((Throwable) refused).as("a wrong password as " + role).isNotNull();
            assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("28P01");
        }
    }

    /** H2: the passwords are in a file beside the data directory that only this account may read (0600). */
    @Test
    void thePasswordsAreKeptInAFileOnlyThisAccountMayRead() throws Exception {
        Path file = passwordFile();
        assertThat(Files.exists(file)).as(file.toString()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        EmbeddedCredentials kept = EmbeddedCredentials.read(file);
        try (Connection owner = DriverManager.getConnection(jdbcUrl(), EmbeddedDatabase.OWNER, kept.owner())) {
            assertThat(owner.isValid(5)).isTrue();
        }
        assertThat(kept.owner()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(kept.app());
    }

    /**
     * H2: the application connects as a role that is no superuser and may not run a program ({@code COPY ... TO
     * PROGRAM}), make a role, read the server's files, change the schema or touch Flyway's history.
     */
    @Test
    void theApplicationsRoleIsNoSuperuserAndCannotRunProgramsMakeRolesOrReadFiles() {
        assertThat(query("SELECT current_user")).isEqualTo(EmbeddedDatabase.APP);
        assertThat(query("SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text || rolreplication::text"
                + " FROM pg_roles WHERE rolname = current_user")).isEqualTo("falsefalsefalsefalse");
        for (String attempt : List.of(
                "COPY (SELECT 1) TO PROGRAM 'touch /tmp/servicegrade-h2'",
                "CREATE ROLE servicegrade_h2_intruder SUPERUSER LOGIN PASSWORD 'x'",
                "SELECT pg_read_file('postgresql.conf')",
                "COPY api_key FROM '/etc/passwd'",
                "CREATE TABLE servicegrade_h2_table (id int)",
                "ALTER TABLE api_key DISABLE TRIGGER ALL",
                "SELECT count(*) FROM flyway_schema_history")) {
            assertThatThrownBy(() -> pool.query(attempt).execute().await().atMost(Duration.ofSeconds(30)))
                    .as(attempt).hasMessageContaining("42501");
        }
        assertThat(Files.exists(Path.of("/tmp/servicegrade-h2"))).as("a program ran").isFalse();
    }

    /** H2: a replication connection is refused even with the superuser's password (no replication rule). */
    @Test
    void aReplicationConnectionIsRefused() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedDatabase.OWNER);
        properties.setProperty("password", EmbeddedCredentials.read(passwordFile()).owner());
        properties.setProperty("replication", "true");
        properties.setProperty("assumeMinServerVersion", "9.4");
        properties.setProperty("preferQueryMode", "simple");
        SQLException refused = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(jdbcUrl(), properties).close());
        assertThat((Throwable) refused).as("a physical replication connection").isNotNull();
        assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("28000");
        assertThat(refused.getMessage()).contains("replication connection");
    }

    /**
     * H2: a data directory made by an earlier version (every connection trusted, no passwords) is moved to
     * passwords at start, keeps its data, and a second start finds it as the first left it.
     */
    @Test
    void aTrustConfiguredDataDirectoryOfAnEarlierVersionIsUpgradedAtStart(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("pg");
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setServerConfig("listen_addresses", "localhost").start();
                Connection c = earlier.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE);
            s.execute("CREATE TABLE kept (note text)");
            s.execute("INSERT INTO kept VALUES ('written before the upgrade')");
        }
        assertThat(rules(dataDir)).as("as earlier versions left it").anyMatch(line -> line.contains("trust"));

        EmbeddedDatabase upgraded = new EmbeddedDatabase(dataDir, 0);
        EmbeddedDatabase again = new EmbeddedDatabase(dataDir, 0);
        try {
            int port = upgraded.start().port();
            String url = EmbeddedDatabase.jdbcUrl(port, "postgres");
            Path file = EmbeddedCredentials.fileOf(dataDir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(rules(dataDir)).isNotEmpty().noneMatch(line -> line.contains("trust"))
                    .noneMatch(line -> line.contains("replication")).allMatch(line -> line.endsWith("scram-sha-256"));
            assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedDatabase.OWNER, null).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            EmbeddedCredentials kept = EmbeddedCredentials.read(file);
            try (Connection owner = DriverManager.getConnection(url, EmbeddedDatabase.OWNER, kept.owner());
                    Statement s = owner.createStatement(); ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written before the upgrade");
            }
            try (Connection app = DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port, EmbeddedDatabase.DATABASE),
                    EmbeddedDatabase.APP, kept.app()); Statement s = app.createStatement();
                    ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the application's role is a superuser").isFalse();
            }
            String passwords = Files.readString(file, StandardCharsets.US_ASCII);

            upgraded.close();
            int portAgain = again.start().port();
            assertThat(Files.readString(file, StandardCharsets.US_ASCII)).as("the same passwords").isEqualTo(passwords);
            try (Connection owner = DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(portAgain, "postgres"),
                    EmbeddedDatabase.OWNER, kept.owner())) {
                assertThat(owner.isValid(5)).isTrue();
            }
        } finally {
            upgraded.close();
            again.close();
        }
    }

    private String query(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(30)).iterator().next().getValue(0)
                .toString();
    }

    /** The rules of pg_hba.conf, comments and blank lines left out. */
    private static List<String> rules(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("pg_hba.conf"), StandardCharsets.US_ASCII).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
