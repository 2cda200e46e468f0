package io.servicegrade.platform.database;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The test server's embedded database as its owner, for what the application's role may not do: a test that
 * injects a fault with a trigger, renames a table or reads a server setting. Signs in with the password the server
 * keeps beside its data directory ({@code target/test-data/pg.password}).
 */
public final class DatabaseOwner {

    private DatabaseOwner() {
    }

    /** A JDBC connection to the application's database as {@code postgres}. */
    public static Connection connect() throws SQLException, IOException {
        Config config = ConfigProvider.getConfig();
        Path dataDir = DatabaseConfigSourceFactory.embeddedDataDirectory(
                name -> config.getOptionalValue(name, String.class).orElse(null));
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                EmbeddedDatabase.OWNER, EmbeddedCredentials.read(EmbeddedCredentials.fileOf(dataDir)).owner());
    }

    /** Runs {@code sql} (one or more statements) as the owner. */
    public static void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("As the database owner: " + e.getMessage(), e);
        }
    }

    /** A server setting ({@code SHOW name}), some of which only the owner may read. */
    public static String show(String setting) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("As the database owner: " + e.getMessage(), e);
        }
    }
}
