package io.servicegrade.platform.security.oidc;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Single sign-on is off until a provider is configured: without {@code quarkus.oidc.auth-server-url} this turns
 * quarkus-oidc's default tenant off ({@code quarkus.oidc.tenant-enabled=false}), which quarkus-oidc would otherwise
 * refuse to start without (this server configures the tenant's client id and code flow in
 * application.properties). With a URL, the tenant is on. Below application.properties and the environment, so an
 * operator's own {@code QUARKUS_OIDC_TENANT_ENABLED} wins.
 */
public final class OidcSwitch implements ConfigSourceFactory {

    static final String SERVER_URL = "quarkus.oidc.auth-server-url";
    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(Map.of(TENANT_ENABLED, String.valueOf(configured(context))),
                "servicegrade-oidc-switch", ORDINAL));
    }

    /** Whether a provider URL is given (one written as an expression counts: it is someone's setting). */
    private static boolean configured(ConfigSourceContext context) {
        try {
            ConfigValue value = context.getValue(SERVER_URL);
            return value != null && value.getValue() != null && !value.getValue().isBlank();
        } catch (RuntimeException unresolved) {
            return true;
        }
    }
}
