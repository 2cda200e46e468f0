package io.servicegrade.account;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.SecretFiles;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * On a start with no account at all, makes the first administrator, {@code admin}, with a generated password
 * written, readable by the owner only, to {@code <data-dir>/admin-password} (next to {@code admin-api-key}); the
 * database keeps only its hash and the log never shows it. As with the first key, several instances starting at
 * once make one account (the transaction counts first; the unique login refuses a second).
 */
@ApplicationScoped
public class AccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);
    static final String LOGIN = "admin";
    static final String PASSWORD_FILE = "admin-password";

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    ServiceGradeConfig config;

    void onStart(@Observes @jakarta.annotation.Priority(20) StartupEvent event) throws Throwable {
        if (VertxContextSupport.subscribeAndAwait(() -> accounts.count()) > 0) {
            return;
        }
        String password = PasswordHasher.newPassword();
        Account made = VertxContextSupport.subscribeAndAwait(
                () -> accounts.createFirstAdministrator(LOGIN, hasher.hashNow(password)));
        if (made == null) {
            return;
        }
        Path file = Path.of(config.dataDir(), PASSWORD_FILE).toAbsolutePath();
        SecretFiles.write(file, password + "\n");
        LOG.infof("Created the first administrator account '%s'; its password is in %s", LOGIN, file);
    }
}
