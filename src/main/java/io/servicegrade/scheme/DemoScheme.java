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

    @Inject
    io.servicegrade.standing.StandingInputs inputs;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

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
        long prepared = VertxContextSupport.subscribeAndAwait(() -> pool
                .preparedQuery("SELECT count(*) FROM standing_input WHERE scheme_key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(KEY)).map(rows -> rows.iterator().next().getLong(0)));
        if (stored.created() || prepared == 0) {
            // The demo evaluations were written before the scheme existed: prepare its inputs from them.
            VertxContextSupport.subscribeAndAwait(() -> inputs.recompute(KEY));
        }
        if (stored.created()) {
            LOG.infof("Installed the demo scheme %s as version %d", KEY, stored.version());
        }
    }
}
