package io.servicegrade.platform.observe;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Whether traces leave the server (issue 22). Off by default: every request still has a trace and span id (in the
 * logs and the {@code traceparent} of what it calls), but no span is recorded or sent, and nothing tries to reach a
 * collector that is not there. On as soon as the standard OTLP setting names a collector
 * ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code …_TRACES_ENDPOINT}), or when
 * {@code servicegrade.tracing.export} says so; then a request is traced when its caller's trace is (a sampled
 * {@code traceparent}) or, without one, always. Quarkus' own exporter choice is fixed when the server is built, so
 * the switch at start is this sampler.
 */
public class TraceExport {

    @jakarta.inject.Inject
    io.servicegrade.platform.config.ServiceGradeConfig config;

    /** Whether spans are recorded and exported. */
    boolean exporting() {
        return config.tracing().export().orElseGet(() -> set("quarkus.otel.exporter.otlp.endpoint")
                || set("quarkus.otel.exporter.otlp.traces.endpoint"));
    }

    /**
     * Whether {@code name} is set by the deployment: Quarkus gives the endpoints a default (localhost's collector
     * port), which counts as not set, whereas the same address set on purpose (a collector beside the server) does.
     */
    private static boolean set(String name) {
        org.eclipse.microprofile.config.ConfigValue value = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getConfigValue(name);
        return value.getRawValue() != null && value.getSourceOrdinal() > Integer.MIN_VALUE;
    }

    @Produces
    @Singleton
    Sampler sampler() {
        return exporting() ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
    }
}
