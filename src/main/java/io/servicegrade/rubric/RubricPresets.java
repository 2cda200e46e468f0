package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.platform.versioning.DocumentVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Installs the built-in rubrics at start, idempotently: a preset becomes a new version only when no version
 * has its content yet and nobody has changed the rubric through the API since the last preset version.
 */
@ApplicationScoped
public class RubricPresets {

    static final List<String> KEYS = List.of("postal-counter-model-window", "customer-satisfaction-5",
            "postal-savings-outlet-service", "postal-delivery-model-window");
    private static final Logger LOG = Logger.getLogger(RubricPresets.class);

    @Inject
    RubricService service;

    void onStart(@Observes @jakarta.annotation.Priority(15) StartupEvent event) throws Throwable {
        for (String key : KEYS) {
            JsonNode document = read(key);
            DocumentVersions.Outcome outcome = VertxContextSupport.subscribeAndAwait(
                    () -> service.append(RubricService.readFor(key, document), "preset", true));
            if (outcome.created()) {
                LOG.infof("Installed the rubric preset %s as version %d", key, outcome.version().version());
            }
        }
    }

    static JsonNode read(String key) throws IOException {
        try (InputStream in = RubricPresets.class.getResourceAsStream("/rubrics/" + key + ".yaml")) {
            if (in == null) {
                throw new IOException("The preset /rubrics/" + key + ".yaml is missing");
            }
            return RubricResource.YAML.readTree(in);
        }
    }
}
