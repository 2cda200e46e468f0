package io.servicegrade.platform.json;

import io.servicegrade.TestSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.servicegrade.platform.config.ServiceGradeConfig;

import java.math.BigInteger;
import java.time.Duration;

/**
 * For the fuzz targets (io.servicegrade.fuzz): the server's {@link RequestBodies} built without CDI, with the
 * settings' defaults ({@code servicegrade.bodies.*}) and the HTTP limit of application.properties. Its collaborators
 * are package-private fields, set here as CDI sets them; a renamed field fails to compile here.
 */
public final class FuzzRequestBodies {

    /** {@code quarkus.http.limits.max-body-size} in application.properties. */
    public static final long HTTP_LIMIT = 32L * 1024 * 1024;

    private FuzzRequestBodies() {
    }

    /** A reader of request bodies as the server's, over {@code mapper} (the server's ObjectMapper). */
    public static RequestBodies of(ObjectMapper mapper) {
        RequestBodies bodies = new RequestBodies();
        bodies.mapper = mapper;
        bodies.httpLimit = new MemorySize(BigInteger.valueOf(HTTP_LIMIT));
        ServiceGradeConfig.Bodies limits = TestSettings.of(ServiceGradeConfig.Bodies.class, name -> switch (name) {
            case "document" -> new MemorySize(BigInteger.valueOf(1024 * 1024));
            case "small" -> new MemorySize(BigInteger.valueOf(64 * 1024));
            case "yamlReadTime" -> Duration.ofSeconds(2);
            default -> null;
        });
        bodies.config = TestSettings.of(ServiceGradeConfig.class, name -> name.equals("bodies") ? limits : null);
        bodies.init();
        return bodies;
    }
}
