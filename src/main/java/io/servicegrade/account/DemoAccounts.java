package io.servicegrade.account;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.security.PasswordHasher;
import io.servicegrade.unit.UnitRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * The demo's people (issue 16, point 7), made at start when the demo is enabled ({@code servicegrade.demo.enabled})
 * and the demo organisation is in the tree: an analyst of the bureau, the manager of the Gusu branch
 * ({@code SZ.GS}) and an inspector of the Guanqian Street outlet ({@code SZ.GS.GQ}), with the fixed passwords the
 * README prints. An account is made only when its login is free: one changed, disabled or given another password
 * is left as it is. Never in production: the passwords are public, and the demo is turned off there.
 */
@ApplicationScoped
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);

    /** One demo account: login, display name, role, scope (a unit code, or null), password. */
    record Demo(String login, String displayName, Role role, String scope, String password) {
    }

    static final List<Demo> ACCOUNTS = List.of(
            new Demo("demo.analyst", "考核办分析员 Bureau analyst", Role.ANALYST, null, "demo-analyst-2026"),
            new Demo("demo.manager", "姑苏区分局营业主管 Gusu branch manager", Role.MANAGER, "SZ.GS",
                    "demo-manager-2026"),
            new Demo("demo.inspector", "观前街支局监察员 Guanqian outlet inspector", Role.INSPECTOR, "SZ.GS.GQ",
                    "demo-inspector-2026"));

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    UnitRepository units;

    @Inject
    ServiceGradeConfig config;

    void onStart(@Observes @jakarta.annotation.Priority(35) StartupEvent event) throws Throwable {
        if (!config.demo().enabled()) {
            return;
        }
        Map<String, Long> demoUnits = VertxContextSupport.subscribeAndAwait(
                () -> units.idsByCodes(List.of("SZ.GS", "SZ.GS.GQ")));
        if (demoUnits.size() < 2) {
            return; // not the demo's tree
        }
        List<String> taken = List.copyOf(VertxContextSupport.subscribeAndAwait(
                () -> accounts.takenLogins(ACCOUNTS.stream().map(Demo::login).toList())));
        for (Demo demo : ACCOUNTS) {
            if (taken.contains(demo.login())) {
                continue;
            }
            AccountInput.NewAccount draft = new AccountInput.NewAccount(demo.login(), demo.displayName(), null,
                    List.of(demo.role()), demo.scope() == null ? List.of() : List.of(demo.scope()));
            Long scope = demo.scope() == null ? null : demoUnits.get(demo.scope());
            VertxContextSupport.subscribeAndAwait(() -> accounts.createAll(List.of(draft),
                    List.of(hasher.hashNow(demo.password())), List.of(scope == null ? List.of() : List.of(scope)),
                    java.util.Collections.singletonList(null)));
            LOG.infof("Made the demo account %s (%s); its password is in the README", demo.login(),
                    demo.role().key());
        }
    }
}
