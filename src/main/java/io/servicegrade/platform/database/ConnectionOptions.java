package io.servicegrade.platform.database;

import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * How to reach the configured PostgreSQL outside the datasource's pool: for connections an instance keeps for
 * itself (the standings listener, the import claims) and for a replica of the same database.
 */
@ApplicationScoped
public class ConnectionOptions {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** The datasource's own server. */
    public PgConnectOptions primary() {
        return at(url);
    }

    /** Another server of the same database (a replica), with the datasource's credentials. */
    public PgConnectOptions at(String reactiveUrl) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.trim().replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
