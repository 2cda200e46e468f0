package io.servicegrade.platform.graphql;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLOverWebSocketHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GraphQL over WebSocket (both subprotocols): SmallRye GraphQL's endpoint, with the operations' ends seen by the
 * server. SmallRye GraphQL 2.17 loses an end that comes early: when a client ends a subscription ({@code complete};
 * {@code stop} in graphql-ws) while its operation is still being executed, it forgets the operation, and then starts
 * its stream anyway: the subscription streams to a client that ended it and holds its place on the connection
 * ({@link SubscriptionSlots}) until the connection closes. A client that subscribes and unsubscribes at once (React
 * mounts an effect twice in development; a view left quickly) filled its connection's places that way.
 *
 * <p>Here each connection keeps its operations in flight ({@link Ends}): an operation's id travels in its GraphQL
 * context, the client's end of it is noted, and {@link ExecutionLimits} ends a subscription whose client ended it
 * before its stream began, giving its place back. Everything else is SmallRye GraphQL's and Quarkus' own handling
 * (the upgrade request's identity, the {@code connection_init} payload's authorization, the protocols), this route
 * taking the upgrade before Quarkus' route for it (order -99) and after the request's checks ({@link GraphQLPeer}).
 */
@ApplicationScoped
public class GraphQLSockets {

    private static final Logger LOG = Logger.getLogger(GraphQLSockets.class);

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled")
    Optional<Boolean> nonBlocking;

    @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name")
    Optional<String> initPayloadAuthorization;

    void install(@Observes Router router) {
        String path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // as Quarkus makes its own WebSocket handler
        boolean runBlocking = nonBlocking.isPresent() && !nonBlocking.get();
        var identities = Arc.container().instance(CurrentIdentityAssociation.class);
        router.route(path).order(-145).handler(new Endpoint(identities.isAvailable() ? identities.get() : null,
                Arc.container().instance(CurrentVertxRequest.class).get(), runBlocking, initPayloadAuthorization));
    }

    /**
     * One connection's operations between their request and their settling (an answer, or a stream begun): whether
     * the client has ended each. At most {@value #MOST} are kept (an operation SmallRye GraphQL refuses before
     * executing it, without a query or unparseable, never settles here; the connection's end forgets them all).
     */
    static final class Ends {
        /** Where a connection's {@code Ends} and an operation's id are in its GraphQL context. */
        static final String KEY = Ends.class.getName();
        static final String OPERATION = KEY + ".operation";
        static final int MOST = 1_000;

        private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

        void requested(String id) {
            if (inFlight.size() < MOST) {
                inFlight.putIfAbsent(id, false);
            }
        }

        void endedByClient(String id) {
            inFlight.computeIfPresent(id, (key, ended) -> true);
        }

        boolean ended(String id) {
            return Boolean.TRUE.equals(inFlight.get(id));
        }

        void settled(String id) {
            inFlight.remove(id);
        }

        /** The operation {@code message} asks for, its id in the connection's context while it is handed in. */
        void handIn(JsonObject message, Map<String, Object> context, Runnable request) {
            String id = message.getString("id", null);
            if (id == null) {
                request.run();
                return;
            }
            requested(id);
            // SmallRye GraphQL copies the connection's context into the operation's GraphQL context as it starts
            // executing it, on this thread, before the request returns
            context.put(OPERATION, id);
            try {
                request.run();
            } finally {
                context.remove(OPERATION);
            }
        }

        void end(JsonObject message, Runnable cancel) {
            String id = message.getString("id", null);
            if (id != null) {
                endedByClient(id);
            }
            cancel.run();
        }
    }

    /** Quarkus' WebSocket handler, making the subprotocol handlers below. */
    static final class Endpoint extends SmallRyeGraphQLOverWebSocketHandler {
        private final Optional<String> initPayloadAuthorization;

        Endpoint(CurrentIdentityAssociation identity, CurrentVertxRequest request, boolean runBlocking,
                Optional<String> initPayloadAuthorization) {
            super(identity, request, runBlocking, initPayloadAuthorization);
            this.initPayloadAuthorization = initPayloadAuthorization;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            if (!ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)
                    || ctx.request().isEnded()) {
                ctx.next();
                return;
            }
            Map<String, Object> context = getMetaData(ctx);
            Ends ends = new Ends();
            context.put(Ends.KEY, ends);
            ctx.request().toWebSocket(opened -> {
                if (opened.failed()) {
                    LOG.debug("GraphQL WebSocket upgrade failed", opened.cause());
                    return;
                }
                ServerWebSocket socket = opened.result();
                Session session = new Session(socket);
                String subprotocol = socket.subProtocol() == null ? "" : socket.subProtocol();
                GraphQLWebsocketHandler handler = switch (subprotocol) {
                    case "graphql-transport-ws" -> new TransportWs(session, context, ctx, this,
                            initPayloadAuthorization, ends);
                    case "graphql-ws" -> new Ws(session, context, ctx, this, initPayloadAuthorization, ends);
                    default -> null;
                };
                if (handler == null) {
                    socket.close();
                    return;
                }
                socket.closeHandler(v -> handler.onClose());
                socket.endHandler(v -> handler.onEnd());
                socket.exceptionHandler(handler::onThrowable);
                socket.textMessageHandler(handler::onMessage);
            });
        }
    }

    /** graphql-transport-ws: {@code subscribe} and {@code complete}. */
    static final class TransportWs extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler {
        private final Ends ends;

        TransportWs(GraphQLWebSocketSession session, Map<String, Object> context, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization, Ends ends) {
            super(session, context, ctx, handler, initPayloadAuthorization);
            this.ends = ends;
        }

        @Override
        protected void onOperationRequest(JsonObject message) {
            ends.handIn(message, getContext(), () -> super.onOperationRequest(message));
        }

        @Override
        protected void sendCancelMessage(JsonObject message) {
            ends.end(message, () -> super.sendCancelMessage(message));
        }
    }

    /** graphql-ws (the older subprotocol): {@code start} and {@code stop}. */
    static final class Ws extends SmallRyeAuthGraphQLWSSubprotocolHandler {
        private final Ends ends;

        Ws(GraphQLWebSocketSession session, Map<String, Object> context, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization, Ends ends) {
            super(session, context, ctx, handler, initPayloadAuthorization);
            this.ends = ends;
        }

        @Override
        protected void onOperationRequest(JsonObject message) {
            ends.handIn(message, getContext(), () -> super.onOperationRequest(message));
        }

        @Override
        protected void sendCancelMessage(JsonObject message) {
            ends.end(message, () -> super.sendCancelMessage(message));
        }
    }

    /** The connection as SmallRye GraphQL's handlers write to it. */
    private record Session(ServerWebSocket socket) implements GraphQLWebSocketSession {
        @Override
        public void sendMessage(String message) {
            socket.writeTextMessage(message);
        }

        @Override
        public void close(short statusCode, String reason) {
            socket.close(statusCode, reason);
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }
    }
}
