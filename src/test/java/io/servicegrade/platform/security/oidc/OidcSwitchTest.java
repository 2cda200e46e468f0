package io.servicegrade.platform.security.oidc;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on is off unless a provider is configured (issue 16): with no provider URL quarkus-oidc's tenant is
 * turned off, which the server needs to start at all; with one it is on. (The test boot has a provider; a packaged
 * server started without one answers /reports/sign-in/sso 404 and starts with no network call.)
 */
class OidcSwitchTest {

    private static String tenantEnabled(Map<String, String> settings) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = settings.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return settings.keySet().iterator();
            }
        };
        ConfigSource source = new OidcSwitch().getConfigSources(context).iterator().next();
        assertThat(source.getOrdinal()).as("below application.properties and the environment").isLessThan(100);
        return source.getValue(OidcSwitch.TENANT_ENABLED);
    }

    @Test
    void withoutAProviderTheTenantIsOffAndWithOneItIsOn() {
        assertThat(tenantEnabled(Map.of())).isEqualTo("false");
        assertThat(tenantEnabled(Map.of(OidcSwitch.SERVER_URL, "  "))).isEqualTo("false");
        assertThat(tenantEnabled(Map.of(OidcSwitch.SERVER_URL, "https://sso.example.org/realms/servicegrade")))
                .isEqualTo("true");
    }
}
