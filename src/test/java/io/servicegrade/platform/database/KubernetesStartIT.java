package io.servicegrade.platform.database;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged server in a Kubernetes pod with no datasource: it refuses to start and keeps no data. */
class KubernetesStartIT {

    @Test
    void withoutADatasourceTheServerRefusesToStartInKubernetes() throws Exception {
        Path data = Path.of("target/it-kubernetes-data");
        Path log = Path.of("target/it-kubernetes.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=0", "-Dservicegrade.data-dir=" + data, "-jar",
                TwoInstancesIT.JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE"));
        Process server = builder.start();
        assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("the server stops by itself").isTrue();
        assertThat(server.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("No database is configured",
                "QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(data.resolve("pg")).doesNotExist();
    }
}
