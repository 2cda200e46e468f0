package io.servicegrade.platform.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * A trace across PostgreSQL's announcements (issue 22): a write transaction of a traced request names its trace in
 * the transaction's setting {@value #SETTING}, an announcement made in it carries the setting
 * ({@link #ANNOUNCED}), and the instance that hears it records the delivery to its subscribers as a span of that
 * trace. So a standings change is one trace from the writer's request through its SQL to the subscriber's update,
 * whichever instance each ran on. Nothing is written or read when the request is not traced (no export: the
 * setting's read gives an empty string).
 */
@ApplicationScoped
public class TraceHop {

    /** The transaction-local setting that holds the writer's {@code traceparent}. */
    public static final String SETTING = "servicegrade.traceparent";

    /** The SQL expression of the writer's {@code traceparent} ('' when none), for an announcement's payload. */
    public static final String ANNOUNCED = "coalesce(current_setting('" + SETTING + "', true), '')";

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    @Inject
    Tracer tracer;

    /** The {@code traceparent} of the span current on this thread, when it is sampled (exported); else null. */
    public static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid() || !span.isSampled()) {
            return null;
        }
        String[] written = new String[1];
        W3CTraceContextPropagator.getInstance().inject(Context.current(), written,
                (carrier, key, value) -> {
                    if ("traceparent".equals(key)) {
                        carrier[0] = value;
                    }
                });
        return written[0];
    }

    /**
     * Names {@code traceparent} (the request's, taken before the transaction began) in the transaction on
     * {@code connection}: one statement, only for a traced request.
     */
    public static Uni<Void> name(SqlConnection connection, String traceparent) {
        if (traceparent == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT set_config('" + SETTING + "', $1, true)")
                .execute(Tuple.of(traceparent)).replaceWithVoid();
    }

    /**
     * A span of the trace {@code traceparent} names ({@code what}: e.g. the subscribers' update), started and
     * ended now with {@code attributes} (alternating keys, values); nothing when the writer was not traced.
     */
    public void hop(String traceparent, String what, String... attributes) {
        if (traceparent == null || traceparent.isEmpty()) {
            return;
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        var builder = tracer.spanBuilder(what).setParent(parent).setSpanKind(SpanKind.CONSUMER);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            builder.setAttribute(attributes[i], attributes[i + 1]);
        }
        builder.startSpan().end();
    }
}
