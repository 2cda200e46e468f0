package io.servicegrade.platform.database;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged server in a Kubernetes pod with no datasource: it refuses to start and keeps no data. */
class KubernetesStartIT {

    static final PackagedServer server = new PackagedServer("kubernetes").env("KUBERNETES_SERVICE_HOST", "10.96.0.1");

    @AfterAll
    static void killIt() throws Exception {
        server.close();
    }

    @Test
    void withoutADatasourceTheServerRefusesToStartInKubernetes() throws Exception {
        server.freshDataDir().launch();
        assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("the server stops by itself").isTrue();
        assertThat(server.process().exitValue()).isNotZero();
        assertThat(server.logText()).contains("No database is configured", "QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(server.dataDir().resolve("pg")).doesNotExist();
    }
}
