package io.servicegrade.platform.database;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM that wrote to the embedded database is killed with SIGKILL, leaving its PostgreSQL running and
 * holding the data directory. The next start must stop that stale server and find every acknowledged write.
 */
class EmbeddedDatabaseCrashTest {

    /** The child JVM: starts the database, commits a row, says so, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        int port = new EmbeddedDatabase(Path.of(args[0]), 0).start();
        try (Connection c = DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port, EmbeddedDatabase.DATABASE),
                EmbeddedDatabase.USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS acknowledged (id int PRIMARY KEY)");
            s.execute("INSERT INTO acknowledged VALUES (42)");
        }
        System.out.println("COMMITTED");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void aKilledRunLeavesNoStaleServerBehindAndLosesNoAcknowledgedWrite() throws Exception {
        Path dir = Path.of("target/crash-test/pg").toAbsolutePath();
        if (Files.exists(dir.getParent())) {
            try (var files = Files.walk(dir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseCrashTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean committed = false;
            while (!committed && (line = out.readLine()) != null) {
                committed = line.contains("COMMITTED");
            }
            assertThat(committed).as("the child JVM committed its write").isTrue();
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(dir.resolve("postmaster.pid"))).as("the killed JVM left its server behind").isTrue();

        int port = new EmbeddedDatabase(dir, 0).start();
        try (Connection c = DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port, EmbeddedDatabase.DATABASE),
                EmbeddedDatabase.USER, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM acknowledged")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
