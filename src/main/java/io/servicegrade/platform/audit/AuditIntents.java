package io.servicegrade.platform.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the audit intent of the action being served is kept, and the one hook that appends it to the transaction
 * that writes ({@code platform/database/Transactions.write}, {@link Audited#withTransaction} for Hibernate
 * Reactive). An intent is kept with the request for REST (the request's Vert.x context and routing context: the
 * filter sets it, the response filter {@link AuditAnswers} records whatever no transaction did), and in the
 * Mutiny subscription context for a GraphQL mutation (set around its work by {@code MutationCalls}: one WebSocket
 * carries many operations, so the connection is not the place).
 */
@ApplicationScoped
public class AuditIntents {

    public static final String KEY = "servicegrade.audit";
    public static final String REQUEST_ID = "X-Request-Id";

    private static final Logger LOG = Logger.getLogger(AuditIntents.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    @Inject
    InjectableInstance<CurrentVertxRequest> currentRequest;

    @Inject
    InjectableInstance<AuditTrail> trail;

    /**
     * Opens the intent of a REST request that may write (any method but GET, HEAD and OPTIONS) served by
     * {@code method} of {@code resource}; null for a read, or a method that writes nothing.
     */
    public AuditIntent openRest(String httpMethod, Class<?> resource, String method,
            Map<String, List<String>> pathParameters) {
        if (READS.contains(httpMethod) || resource == null) {
            return null;
        }
        String action = AuditActions.rest(resource, method);
        if (action == null) {
            return null;
        }
        RoutingContext routing = routing();
        // the report pages' forms (the sign-in, the account page) are pages, whatever class serves them
        String via = resource.getPackageName().endsWith(".report") ? "page" : "rest";
        AuditIntent intent = new AuditIntent(via, action, AuditActions.targetKind(action),
                key(inPathOrder(resource, method, pathParameters)), address(routing), requestId(routing));
        if (routing != null) {
            routing.put(KEY, intent);
        }
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, intent);
        }
        return intent;
    }

    /**
     * A new intent for the GraphQL mutation {@code field}, its target read from its arguments ({@code id},
     * {@code key}, {@code code}, at the top or in {@code input}); armed once the mutation finds its caller.
     */
    public AuditIntent openMutation(String field, Map<String, Object> arguments) {
        return openMutation(field, arguments, null);
    }

    /**
     * As {@link #openMutation(String, Map)}, with the address of the connection the operation came over when the
     * request is not at hand: a WebSocket's operations run after its upgrade request has ended, and the address
     * its upgrade came from is carried in the operation's GraphQL context ({@code GraphQLPeer}).
     */
    public AuditIntent openMutation(String field, Map<String, Object> arguments, String connectionAddress) {
        String action = AuditActions.graphql(field);
        RoutingContext routing = routing();
        String address = address(routing);
        return new AuditIntent("graphql", action, AuditActions.targetKind(action), targetOf(arguments),
                address != null ? address : connectionAddress, requestId(routing));
    }

    /**
     * Opens the intent of a report page's request that writes although it is a GET (the single sign-on sign-in,
     * the identity provider's return), as {@link #openRest} does for the other methods; armed by its page.
     */
    public AuditIntent openPage(String action) {
        RoutingContext routing = routing();
        AuditIntent intent = new AuditIntent("page", action, AuditActions.targetKind(action), null,
                address(routing), requestId(routing));
        if (routing != null) {
            routing.put(KEY, intent);
        }
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, intent);
        }
        return intent;
    }

    /**
     * Names the target of the action being served, when its request did not ({@link AuditIntent#names}), before
     * the transaction that writes it begins (subscribed where {@code Transactions.write} or {@link Audited} is).
     */
    public static Uni<Void> named(String key) {
        return intent().invoke(intent -> intent.names(key)).replaceWithVoid();
    }

    /**
     * The intent of the action being served, as the transaction it opens next finds it, or a detached one that
     * records nothing (never null): to be named from within the write, with what the write itself made (a new
     * key's or job's id), so that the row appended after the work carries it without a second query.
     */
    public static Uni<AuditIntent> intent() {
        AuditIntents intents = Arc.container().instance(AuditIntents.class).get();
        return Uni.createFrom().context(context -> {
            AuditIntent intent = intents.current(context);
            return Uni.createFrom().item(intent != null ? intent
                    : new AuditIntent("rest", null, null, null, null, null));
        });
    }

    /**
     * The target key of a batch write (a PUT of units, a POST of evaluations, an account import): how many it
     * carries. Known before the write, whatever the items' keys, and the same over REST and GraphQL; the row's
     * request id names the request itself.
     */
    public static String batch(int size) {
        return "batch of " + size;
    }

    /**
     * The intent of the request being served (REST), or, where there is none, a detached one that records nothing
     * (so that a sign-in's one line needs no check). Never null.
     */
    public static AuditIntent ofThisRequest() {
        AuditIntent found = Arc.container().instance(AuditIntents.class).get().current(null);
        return found == null ? new AuditIntent("rest", null, null, null, null, null) : found;
    }

    /** The intent of the work being subscribed in {@code context} (GraphQL), else of the request (REST). */
    public AuditIntent current(io.smallrye.mutiny.Context context) {
        if (context != null && context.contains(KEY)) {
            return context.get(KEY);
        }
        if (VertxContext.isOnDuplicatedContext()) {
            Object local = ContextLocals.get(KEY).orElse(null);
            if (local instanceof AuditIntent intent) {
                return intent;
            }
        }
        RoutingContext routing = routing();
        return routing == null ? null : routing.get(KEY);
    }

    /**
     * The transaction {@code open} begins around {@code work}, carrying the row of the action being served when
     * it has not been written yet: appended over the same connection after {@code work}, so it commits with it or
     * not at all.
     */
    public <T> Uni<T> inTransaction(io.smallrye.mutiny.Context context,
            Function<Function<SqlConnection, Uni<T>>, Uni<T>> open, Function<SqlConnection, Uni<T>> work) {
        AuditIntent intent = current(context);
        if (intent == null || !trail.isResolvable() || !intent.claim()) {
            return open.apply(work);
        }
        AuditTrail log = trail.get();
        return open.apply(connection -> work.apply(connection)
                .call(item -> log.append(connection, intent.event(null, null))))
                .onFailure().invoke(intent::release);
    }

    /** As {@link #inTransaction}, for a Hibernate Reactive transaction ({@link Audited}). */
    <T> Uni<T> inSession(io.smallrye.mutiny.Context context, Function<Supplier<Uni<T>>, Uni<T>> open,
            Supplier<Uni<T>> work) {
        AuditIntent intent = current(context);
        if (intent == null || !trail.isResolvable() || !intent.claim()) {
            return open.apply(work);
        }
        AuditTrail log = trail.get();
        return open.apply(() -> work.get().call(item -> Panache.getSession()
                .flatMap(session -> log.append(session, intent.event(null, null)))))
                .onFailure().invoke(intent::release);
    }

    /**
     * Records, on its own, what no transaction recorded of {@code intent} once its answer ({@code status}) is
     * known: a write whose transaction had no hook, or a refusal (4xx) when the caller is known or it was a
     * sign-in; an anonymous refusal is not recorded (a flood of them would fill the log with nothing done).
     * A failure to record is logged and never changes the answer.
     */
    public Uni<Void> afterAnswer(AuditIntent intent, int status) {
        if (intent == null || !intent.armed() || intent.recorded() || !trail.isResolvable()
                || status >= 400 && !intent.worthARefusal()) {
            return Uni.createFrom().voidItem();
        }
        if (!intent.claim()) {
            return Uni.createFrom().voidItem();
        }
        // a sign-in says its own outcome (a failed one may answer with a redirect)
        String outcome = intent.explicit() && status < 500 ? null : AuditEvent.outcomeOf(status);
        return trail.get().record(intent.event(outcome, status)).onFailure().recoverWithUni(failure -> {
            LOG.errorf("Could not record %s in the audit log (request %s): %s", intent.action(),
                    intent.requestId(), failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private RoutingContext routing() {
        if (!Arc.container().requestContext().isActive() || !currentRequest.isResolvable()) {
            return null;
        }
        return currentRequest.get().getCurrent();
    }

    /** The client's address as the server sees it (behind a proxy: see {@code quarkus.http.proxy.*}). */
    private static String address(RoutingContext routing) {
        if (routing == null) {
            return null;
        }
        SocketAddress remote = routing.request().remoteAddress();
        return remote == null ? null : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }

    /** The request's id (platform/observe/RequestLog: the plain token it was sent with, else a new one). */
    private static String requestId(RoutingContext routing) {
        String id = io.servicegrade.platform.observe.RequestLog.id(routing);
        return id != null ? id : UUID.randomUUID().toString();
    }

    /**
     * The values of the path's parameters in the order the path names them ({@code /schemes/{key}/periods/{period}}
     * is {@code key/period}, as GraphQL's {@code publishPeriod(scheme, period)} is): the map they come in has no
     * order of its own.
     */
    static List<String> inPathOrder(Class<?> resource, String method, Map<String, List<String>> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return List.of();
        }
        StringBuilder template = new StringBuilder();
        jakarta.ws.rs.Path onClass = resource.getAnnotation(jakarta.ws.rs.Path.class);
        if (onClass != null) {
            template.append(onClass.value());
        }
        for (java.lang.reflect.Method candidate : resource.getMethods()) {
            jakarta.ws.rs.Path onMethod = candidate.getAnnotation(jakarta.ws.rs.Path.class);
            if (candidate.getName().equals(method) && onMethod != null) {
                template.append('/').append(onMethod.value());
                break;
            }
        }
        String path = template.toString();
        return parameters.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> {
                    int at = path.indexOf("{" + e.getKey());
                    return at < 0 ? Integer.MAX_VALUE : at;
                }))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static String key(List<String> parts) {
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static String targetOf(Map<String, Object> arguments) {
        if (arguments == null) {
            return null;
        }
        for (String name : List.of("id", "key", "code", "login", "schemeKey")) {
            Object value = arguments.get(name);
            if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                return String.valueOf(value);
            }
        }
        // a scheme's period, as REST's path names it: publishPeriod(scheme, period) is scheme/period
        if (arguments.get("scheme") instanceof String scheme) {
            return arguments.get("period") instanceof String period ? scheme + "/" + period : scheme;
        }
        // a batch: upsertUnits(input: [...]), postEvaluations(input: {evaluations: [...]})
        if (arguments.get("input") instanceof List<?> items) {
            return batch(items.size());
        }
        if (arguments.get("input") instanceof Map<?, ?> input) {
            if (input.get("evaluations") instanceof List<?> items) {
                return batch(items.size());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = (Map<String, Object>) input;
            return targetOf(inner);
        }
        return null;
    }
}
