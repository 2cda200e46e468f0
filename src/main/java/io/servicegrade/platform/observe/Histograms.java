package io.servicegrade.platform.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Histogram buckets for the timers and sizes an operator takes quantiles of (issue 22): HTTP requests and the
 * server's own series ({@code servicegrade.*}). Fixed buckets, the same on every instance, so that Prometheus can
 * add them up across replicas ({@code histogram_quantile} over {@code _bucket}); few of them, so that each series
 * costs a dozen lines of {@code /q/metrics}, not the seventy of Micrometer's percentile histogram.
 */
public class Histograms {

    /** Seconds: from a kept page (a few ms) to a board computed at 100,000 windows (tens of seconds). */
    static final Duration[] TIMES = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    /** Counts (evaluations in a batch, rows of a board): one to a whole large board. */
    static final double[] SIZES = {1, 10, 100, 1_000, 5_000, 10_000, 100_000};

    @Produces
    @Singleton
    MeterFilter buckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests") && !id.getName().startsWith("servicegrade.")) {
                    return config;
                }
                if (id.getType() == Meter.Type.TIMER) {
                    double[] nanos = new double[TIMES.length];
                    for (int i = 0; i < TIMES.length; i++) {
                        nanos[i] = TIMES[i].toNanos();
                    }
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
                }
                if (id.getType() == Meter.Type.DISTRIBUTION_SUMMARY) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(SIZES).build().merge(config);
                }
                return config;
            }
        };
    }
}
