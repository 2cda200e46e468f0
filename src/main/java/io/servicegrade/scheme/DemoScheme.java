package io.servicegrade.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.InputStream;

/** The seed scheme 创满意窗口 for the demo, installed like a preset (never over a version made through the API). */
@ApplicationScoped
public class DemoScheme {

    static final String KEY = "create-satisfied-windows";
    private static final Logger LOG = Logger.getLogger(DemoScheme.class);

    @Inject
    SchemeService schemes;

    @Inject
    ServiceGradeConfig config;

    void onStart(@Observes @jakarta.annotation.Priority(30) StartupEvent event) throws Throwable {
        if (!config.demo().enabled()) {
            return;
        }
        JsonNode document;
        try (InputStream in = DemoScheme.class.getResourceAsStream("/schemes/" + KEY + ".yaml")) {
            document = SchemeResource.YAML.readTree(in);
        }
        SchemeService.Stored stored = VertxContextSupport.subscribeAndAwait(
                () -> schemes.put(KEY, document, "preset", true));
        // A new version comes with its inputs; a database from before inputs were kept has none: prepare them.
        if (!stored.created() && !VertxContextSupport.subscribeAndAwait(() -> schemes.prepared(KEY))) {
            VertxContextSupport.subscribeAndAwait(() -> schemes.rebuild(KEY));
        }
        if (stored.created()) {
            LOG.infof("Installed the demo scheme %s as version %d", KEY, stored.version());
        }
    }
}
