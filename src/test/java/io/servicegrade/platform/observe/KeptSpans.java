package io.servicegrade.platform.observe;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;

/**
 * The tests' span exporter (issue 22): the spans the server ends, the last {@value #KEPT} of them, in memory. Its
 * presence is what makes Quarkus use it instead of sending to a collector; the test profile turns export on
 * ({@code %test.servicegrade.tracing.export}).
 */
@Singleton
public class KeptSpans implements SpanExporter {

    static final int KEPT = 20_000;

    private final ArrayDeque<SpanData> spans = new ArrayDeque<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> ended) {
        for (SpanData span : ended) {
            if (spans.size() == KEPT) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
        return CompletableResultCode.ofSuccess();
    }

    /** The spans kept now, oldest first. */
    public synchronized List<SpanData> all() {
        return List.copyOf(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
