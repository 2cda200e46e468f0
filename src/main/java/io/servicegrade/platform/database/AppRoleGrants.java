package io.servicegrade.platform.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * On the embedded database, grants the application's role its rights after every migration, on Flyway's own
 * (owner) connection: a table a new migration makes is usable by the application at the same start, and nothing
 * else (Flyway's history stays the owner's). Chosen over {@code ALTER DEFAULT PRIVILEGES}, which would also grant
 * the history table Flyway creates on a first start. A configured database keeps the grants its operator made.
 */
@Singleton
public class AppRoleGrants implements FlywayConfigurationCustomizer {

    @ConfigProperty(name = "servicegrade.embedded-database.active", defaultValue = "false")
    boolean embedded;

    @Override
    public void customize(FluentConfiguration configuration) {
        if (!embedded) {
            return;
        }
        Callback[] callbacks = Arrays.copyOf(configuration.getCallbacks(), configuration.getCallbacks().length + 1);
        callbacks[callbacks.length - 1] = new AfterMigrate();
        configuration.callbacks(callbacks);
    }

    private static final class AfterMigrate implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                EmbeddedRoles.grant(context.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not grant " + EmbeddedDatabase.APP + " its rights: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "servicegrade-app-role-grants";
        }
    }
}
