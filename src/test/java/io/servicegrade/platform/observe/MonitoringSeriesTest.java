package io.servicegrade.platform.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.TestMachine;
import io.servicegrade.platform.kubernetes.Kustomize;
import io.servicegrade.platform.kubernetes.Monitoring;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped alerts and dashboard (k8s/base, issue 22) read only series that exist: the server's own, as
 * {@code /q/metrics} exports them, or those of the two exporters the manifests rely on (kube-state-metrics'
 * {@code kube_*}, CloudNativePG's {@code cnpg_*}). A renamed metric fails here, not in an operator's silent alert.
 */
@QuarkusTest
class MonitoringSeriesTest {

    /** The exporters besides the server that the manifests name series of. */
    private static final List<String> ELSEWHERE = List.of("kube_", "cnpg_");

    @Test
    void everySeriesTheAlertsAndTheDashboardReadIsExported() {
        TestMachine.require(TestMachine.hasKubectl(), "kubectl with kustomize on the PATH");
        List<JsonNode> objects = Kustomize.render("k8s/overlays/prod");
        Set<String> named = new TreeSet<>();
        Monitoring.rules(objects).forEach(r -> named.addAll(Monitoring.series(r.path("expr").asText())));
        Monitoring.panelExpressions(Monitoring.dashboard(objects)).forEach(e -> named.addAll(Monitoring.series(e)));

        // requests that make the series made on first use: a refusal (problems), a GraphQL operation
        given().header("X-Api-Key", TestApi.agency(null)).contentType(ContentType.JSON)
                .body("{\"evaluations\": [{\"externalId\": \"x\"}]}").post("/api/v1/evaluations")
                .then().statusCode(422);
        GraphqlCall.bearer(TestApi.adminKey(), "query MonitoringProbe { schemes { key } }", Map.of())
                .then().statusCode(200);
        Set<String> exported = Scrape.now().names();

        Set<String> missing = new TreeSet<>();
        for (String series : named) {
            if (ELSEWHERE.stream().noneMatch(series::startsWith) && !exported.contains(series)) {
                missing.add(series);
            }
        }
        assertThat(missing).as("series the manifests read that /q/metrics does not export").isEmpty();
        assertThat(named).as("the server's series are read").anyMatch(s -> s.startsWith("servicegrade_"));
    }
}
