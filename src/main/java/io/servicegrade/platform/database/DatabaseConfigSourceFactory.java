package io.servicegrade.platform.database;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which PostgreSQL the application uses, at run time only (never during the build):
 * a configured datasource as given (deriving the JDBC URL Flyway needs from the reactive one, or the
 * reverse), or else the embedded server, started on the spot.
 */
public final class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final int ORDINAL = 200;
    static final String NO_DATASOURCE = "No database is configured, and the embedded PostgreSQL may not start here"
            + " (in Kubernetes it never does: a pod's files do not last). Set QUARKUS_DATASOURCE_REACTIVE_URL (or"
            + " QUARKUS_DATASOURCE_JDBC_URL), QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD; see"
            + " docs/operations.md.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        String reactive = value(context, REACTIVE_URL);
        String jdbc = value(context, JDBC_URL);
        Map<String, String> properties = new HashMap<>();
        if (reactive != null && jdbc == null) {
            properties.put(JDBC_URL, DatasourceUrls.jdbcFromReactive(reactive));
        } else if (jdbc != null && reactive == null) {
            properties.put(REACTIVE_URL, DatasourceUrls.reactiveFromJdbc(jdbc));
        } else if (reactive == null) {
            if (!embeddedAllowed(value(context, "servicegrade.embedded-database.enabled"),
                    System.getenv("KUBERNETES_SERVICE_HOST") != null)) {
                throw new IllegalStateException(NO_DATASOURCE);
            }
            Path dataDir = embeddedDataDirectory(name -> value(context, name));
            int port = Integer.parseInt(valueOr(context, "servicegrade.embedded-database.port", "0"));
            EmbeddedDatabase.Started embedded = new EmbeddedDatabase(dataDir, port).start();
            properties.put(REACTIVE_URL, EmbeddedDatabase.reactiveUrl(embedded.port(), EmbeddedDatabase.DATABASE));
            properties.put(JDBC_URL, EmbeddedDatabase.jdbcUrl(embedded.port(), EmbeddedDatabase.DATABASE));
            // The pools (Hibernate Reactive, the Vert.x client, the JDBC one) as the application's role; Flyway,
            // which changes the schema, as its owner.
            properties.put("quarkus.datasource.username", EmbeddedDatabase.APP);
            properties.put("quarkus.datasource.password", embedded.credentials().app());
            properties.put("quarkus.flyway.username", EmbeddedDatabase.OWNER);
            properties.put("quarkus.flyway.password", embedded.credentials().owner());
            properties.put("servicegrade.embedded-database.active", "true");
        }
        if (properties.isEmpty()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(properties, "servicegrade-database", ORDINAL));
    }

    /**
     * Whether the embedded database may start: as {@code servicegrade.embedded-database.enabled} says, or by
     * default everywhere but in Kubernetes.
     */
    static boolean embeddedAllowed(String setting, boolean inKubernetes) {
        return setting != null ? Boolean.parseBoolean(setting.trim()) : !inKubernetes;
    }

    /**
     * The embedded server's data directory as the settings name it ({@code lookup} answers a setting's value or
     * null): {@code servicegrade.embedded-database.data-dir}, else {@code <servicegrade.data-dir>/pg}.
     */
    static Path embeddedDataDirectory(Function<String, String> lookup) {
        String own = lookup.apply("servicegrade.embedded-database.data-dir");
        String data = lookup.apply("servicegrade.data-dir");
        return own != null ? Path.of(own) : Path.of(data != null ? data : "data", "pg");
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        String value = value(context, name);
        return value == null ? fallback : value;
    }
}
