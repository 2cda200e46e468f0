package io.servicegrade.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.servicegrade.TestMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders each overlay with kubectl's kustomize and checks what operations rely on. */
class ManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void kubectlIsHere() {
        TestMachine.require(TestMachine.hasKubectl(), "kubectl with kustomize on the PATH");
    }

    static List<JsonNode> render(String directory) {
        return Kustomize.render(directory);
    }

    static JsonNode one(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static boolean has(List<JsonNode> objects, String kind) {
        return objects.stream().anyMatch(o -> o.path("kind").asText().equals(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void theHeapIsAShareOfTheContainersLimitLeavingRoomForTheJvmsOwnMemory(String overlay) {
        List<JsonNode> objects = render(overlay);
        JsonNode container = one(objects, "Deployment").at("/spec/template/spec/containers/0");
        String options = named(objects, "ConfigMap", "servicegrade").path("data").path("JAVA_TOOL_OPTIONS").asText();
        Matcher share = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        assertThat(share.find()).as("JAVA_TOOL_OPTIONS sets the heap: " + options).isTrue();
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        long limit = mebibytes(container.at("/resources/limits/memory").asText());
        long heap = limit * Integer.parseInt(share.group(1)) / 100;
        // classes, compiled code, threads and buffers take about 200 MB besides the heap (docs/operations.md)
        assertThat(limit - heap).as("room besides the heap, MiB").isGreaterThanOrEqualTo(320);
        assertThat(heap).as("heap, MiB").isGreaterThanOrEqualTo(256);
    }

    /** A Kubernetes memory quantity in MiB (Mi and Gi, the units the manifests use). */
    static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void theServerRunsLockedDownWithProbesResourcesAndSecretsByReference(String overlay) {
        List<JsonNode> objects = render(overlay);
        JsonNode deployment = one(objects, "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        for (String bound : List.of("requests", "limits")) {
            assertThat(container.at("/resources/" + bound + "/cpu").asText()).as(bound).isNotEmpty();
            assertThat(container.at("/resources/" + bound + "/memory").asText()).as(bound).isNotEmpty();
        }
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1)).isZero();

        // Graceful shutdown: the pre-stop pause and the server's drain fit in the grace period.
        JsonNode config = named(objects, "ConfigMap", "servicegrade").path("data");
        long drain = Duration.parse("PT" + config.path("QUARKUS_SHUTDOWN_TIMEOUT").asText().toUpperCase())
                .toSeconds();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(drain + container.at("/lifecycle/preStop/sleep/seconds").asLong());

        // Credentials only by reference; a datasource always, so nothing embedded starts in a pod.
        for (JsonNode env : container.path("env")) {
            assertThat(env.has("value")).as(env.path("name").asText() + " must come from a Secret").isFalse();
            assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isNotEmpty();
        }
        config.fieldNames().forEachRemaining(name -> assertThat(name).doesNotContainIgnoringCase("password")
                .doesNotContainIgnoringCase("secret"));
        assertThat(config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText()).contains("servicegrade-db-rw");
        assertThat(config.path("SERVICEGRADE_EMBEDDED_DATABASE_ENABLED").asText("false")).isEqualTo("false");
        assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("Secret"));

        JsonNode policy = one(objects, "NetworkPolicy");
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(policy.at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(5432);
        assertThat(one(objects, "ServiceMonitor").at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(one(objects, "Cluster").at("/spec/bootstrap/initdb/database").asText()).isEqualTo("servicegrade");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/prod"})
    void productionScalesWithABudgetAndAnHighlyAvailableDatabase(String overlay) {
        List<JsonNode> objects = render(overlay);
        assertThat(one(objects, "Deployment").at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode hpa = one(objects, "HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(one(objects, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode cluster = one(objects, "Cluster");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/postgresql/synchronous/number").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.at("/spec/backup/barmanObjectStore/destinationPath").asText()).startsWith("s3://");
        // The connection budget: every replica's pool at once stays below the database's max_connections.
        int pool = Integer.parseInt(named(objects, "ConfigMap", "servicegrade").at("/data/QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE")
                .asText());
        int maxConnections = cluster.at("/spec/postgresql/parameters/max_connections").asInt();
        // Besides its pool each replica keeps three connections of its own: the standings listener, the import
        // claims and the readiness check.
        assertThat(hpa.at("/spec/maxReplicas").asInt() * (pool + 3)).isLessThan(maxConnections - 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev"})
    void developmentIsOneSmallReplica(String overlay) {
        List<JsonNode> objects = render(overlay);
        assertThat(one(objects, "Deployment").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(has(objects, "HorizontalPodAutoscaler")).isFalse();
        assertThat(one(objects, "Cluster").at("/spec/instances").asInt()).isEqualTo(1);
    }

    /**
     * Issue 22: the alerts and the dashboard ship with both overlays; every alert has a severity, a summary in words
     * and a runbook section in docs/operations.md, and every dashboard panel and alert names series
     * ({@link Monitoring#series}; which exist is {@code MonitoringSeriesTest}'s).
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void alertsWithRunbooksAndTheDashboardShipWithTheManifests(String overlay) throws IOException {
        List<JsonNode> objects = render(overlay);
        String operations = java.nio.file.Files.readString(java.nio.file.Path.of("docs/operations.md"));
        List<String> anchors = operations.lines().filter(l -> l.startsWith("### "))
                .map(l -> l.substring(4).trim().toLowerCase(java.util.Locale.ROOT)).toList();
        List<JsonNode> rules = Monitoring.rules(objects);
        assertThat(rules).extracting(r -> r.path("alert").asText()).contains("ServiceGradeReadinessFlapping",
                "ServiceGradeServerErrors", "ServiceGradeOverloaded", "ServiceGradeFreshnessLag",
                "ServiceGradeImportBacklog", "ServiceGradePoolSaturated", "ServiceGradeReplicationLag");
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(rule.at("/labels/severity").asText()).as(alert).isIn("warning", "critical");
            assertThat(rule.at("/annotations/summary").asText()).as(alert).isNotBlank();
            assertThat(rule.path("for").asText()).as(alert).matches("[0-9]+m");
            String runbook = rule.at("/annotations/runbook_url").asText();
            assertThat(runbook).as(alert).isEqualTo("docs/operations.md#" + alert.toLowerCase(java.util.Locale.ROOT));
            assertThat(anchors).as("a runbook section for " + alert).contains(alert.toLowerCase(java.util.Locale.ROOT));
            assertThat(Monitoring.series(rule.path("expr").asText())).as(alert).isNotEmpty();
        }
        JsonNode dashboard = Monitoring.dashboard(objects);
        assertThat(named(objects, "ConfigMap", "servicegrade-dashboard").at("/metadata/labels/grafana_dashboard")
                .asText()).isEqualTo("1");
        List<String> exprs = Monitoring.panelExpressions(dashboard);
        assertThat(exprs).hasSizeGreaterThan(20);
        exprs.forEach(e -> assertThat(Monitoring.series(e)).as(e).isNotEmpty());
        assertThat(dashboard.path("uid").asText()).isEqualTo("servicegrade");
    }
}
