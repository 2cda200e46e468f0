package io.servicegrade.platform.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One log line per request (issue 22), written when its response ends: method, route, status, duration and the
 * kind of caller, with the request's id, which the response carries as {@code X-Request-Id} and a problem document
 * as its {@code instance} ({@code urn:servicegrade:request:<id>}), and which a server error's log line names: a
 * plain token the client or a proxy sent as {@code X-Request-Id}, else a new UUID. The route is the
 * resource's template where there is one ({@code /api/v1/admin/accounts/{login}}), so that no login or other personal
 * detail in a path reaches the log; no key, query string or body is ever written. Category
 * {@value #CATEGORY}: {@code quarkus.log.category."servicegrade.request".level=WARN} silences it.
 */
@ApplicationScoped
public class RequestLog {

    /** The log category of the request lines. */
    public static final String CATEGORY = "servicegrade.request";

    /** The response header that carries the request's id. */
    public static final String HEADER = "X-Request-Id";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String ID = "servicegrade.requestId";
    private static final String CALLER = "servicegrade.callerKind";
    /** Where Quarkus REST keeps the matched resource's path template on the request's context. */
    private static final String TEMPLATE = "UrlPathTemplate";

    /** An id a client or proxy may send as {@code X-Request-Id}: a plain token, kept as the request's. */
    private static final Pattern SENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::begin);
    }

    private void begin(RoutingContext context) {
        long started = System.nanoTime();
        String sent = context.request().getHeader(HEADER);
        String id = sent != null && SENT_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        context.put(ID, id);
        // the request's trace (its caller's, from traceparent, or a new one), for the line written at its end
        SpanContext span = Span.current().getSpanContext();
        String trace = span.isValid() ? span.getTraceId() : null;
        Context request = requestContext(context);
        if (request != null) {
            request.putLocal(ID, id);
        }
        MDC.put("requestId", id);
        context.response().putHeader(HEADER, id);
        // both: SmallRye GraphQL's handler sets the response's end handler of its own, which the routing context's
        // end handlers hang on, so a GraphQL request would go unlogged; the body's end is heard there too
        AtomicBoolean logged = new AtomicBoolean();
        Runnable once = () -> {
            if (logged.compareAndSet(false, true) && LOG.isInfoEnabled()) {
                log(context, request, id, trace, System.nanoTime() - started);
            }
        };
        context.addBodyEndHandler(ended -> once.run());
        context.addEndHandler(ended -> once.run());
        context.next();
    }

    private static void log(RoutingContext context, Context request, String id, String trace, long nanos) {
        String template = request == null ? null : request.getLocal(TEMPLATE);
        String route = template != null ? template : context.request().path();
        String caller = context.get(CALLER);
        if (caller == null && request != null) {
            caller = request.getLocal(CALLER);
        }
        int status = context.response().getStatusCode();
        String millis = String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        String method = context.request().method().name();
        MDC.put("requestId", id);
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", Integer.toString(status));
        MDC.put("durationMs", millis);
        MDC.put("caller", caller == null ? "anonymous" : caller);
        boolean tracePut = trace != null && MDC.get("traceId") == null;
        if (tracePut) {
            MDC.put("traceId", trace);
        }
        try {
            LOG.infof("%s %s %d %s ms %s %s", method, route, status, millis, caller == null ? "anonymous" : caller,
                    id);
        } finally {
            for (String key : new String[] {"method", "route", "status", "durationMs", "caller"}) {
                MDC.remove(key);
            }
            if (tracePut) {
                MDC.remove("traceId");
            }
        }
    }

    private static Context requestContext(RoutingContext context) {
        return context.request() instanceof HttpServerRequestInternal internal ? internal.context() : null;
    }

    /** The id of {@code request} (the one it was sent with, when a plain token, else a new UUID); null if none. */
    public static String id(RoutingContext request) {
        return request == null ? null : request.get(ID);
    }

    /** The id of the request being served on this thread's Vert.x context, or null outside a request. */
    public static String currentId() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(ID);
    }

    /**
     * A problem's {@code instance}: the request's id as a URN ({@code urn:servicegrade:request:<id>}), or
     * {@code fallback} outside a request.
     */
    public static String instance(String fallback) {
        String id = currentId();
        return id == null ? fallback : URN + id;
    }

    /** The prefix of a problem's {@code instance}. */
    public static final String URN = "urn:servicegrade:request:";

    /**
     * The kind of caller the request was identified as ({@code admin-key}, {@code agency-key}, {@code account}),
     * for its log line; nothing outside a request.
     */
    public static void identified(String kind) {
        if (kind == null) {
            return;
        }
        // a GraphQL operation identifies its caller on a worker: the request is found through its request scope
        io.quarkus.arc.ArcContainer arc = io.quarkus.arc.Arc.container();
        if (arc != null && arc.requestContext().isActive()) {
            RoutingContext current = arc.instance(io.quarkus.vertx.http.runtime.CurrentVertxRequest.class).get()
                    .getCurrent();
            if (current != null) {
                current.put(CALLER, kind);
                return;
            }
        }
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(CALLER, kind);
        }
    }
}
