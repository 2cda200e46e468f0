package io.servicegrade.platform.security;

import io.servicegrade.platform.SecretFiles;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;

/**
 * On the first start (no key was ever made) creates an admin key and writes it, readable by the owner only,
 * to {@code <data-dir>/admin-api-key}; the database keeps only its hash. Where files do not last (Kubernetes),
 * the operator gives the admin key instead ({@code servicegrade.admin-key}, from a Secret): it is stored (its
 * hash) once and no file is written.
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class);
    static final String KEY_FILE = "admin-api-key";

    @Inject
    ApiKeyService keys;

    @Inject
    ServiceGradeConfig config;

    void onStart(@Observes @jakarta.annotation.Priority(10) StartupEvent event) throws Throwable {
        if (config.adminKey().isPresent()) {
            String secret = config.adminKey().get().trim();
            if (secret.length() < 24) {
                throw new IllegalStateException("servicegrade.admin-key (SERVICEGRADE_ADMIN_KEY) must be at least"
                        + " 24 characters long");
            }
            if (VertxContextSupport.subscribeAndAwait(() -> keys.adoptAdminKey(secret))) {
                LOG.info("Stored the configured admin API key (servicegrade.admin-key)");
            }
            return;
        }
        long existing = VertxContextSupport.subscribeAndAwait(() -> keys.countAll());
        if (existing > 0) {
            return;
        }
        ApiKeyService.IssuedKey issued = VertxContextSupport.subscribeAndAwait(() -> keys.create("bootstrap admin"));
        Path file = Path.of(config.dataDir(), KEY_FILE).toAbsolutePath();
        write(file, issued.secret());
        LOG.infof("Created the first admin API key; it is in %s (send it as 'Authorization: Bearer <key>')", file);
    }

    private static void write(Path file, String secret) throws IOException {
        SecretFiles.write(file, secret + "\n");
    }
}
