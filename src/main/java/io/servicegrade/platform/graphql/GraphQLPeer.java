package io.servicegrade.platform.graphql;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a GraphQL request came from, where an operation can read it after its request has ended: a
 * WebSocket's operations (graphql-transport-ws) run after the upgrade request, when there is no current request
 * to ask, so the audit log's rows of mutations sent over it would have no client address (issue 16). SmallRye
 * GraphQL copies the request's headers, the upgrade's for a WebSocket, into every operation's GraphQL context;
 * this puts the peer's address among them, under a name of the server's own, replacing whatever a client sent
 * under that name (a client cannot choose the address it is recorded with).
 */
@ApplicationScoped
public class GraphQLPeer {

    /** The header the peer's address is carried in, from here to the operation's GraphQL context. */
    public static final String HEADER = "X-ServiceGrade-Peer";

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    void install(@Observes Router router) {
        String path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // before SmallRye GraphQL's routes (its WebSocket route is at -99), after the request's checks
        router.route(path).order(-147).handler(GraphQLPeer::carry);
    }

    private static void carry(RoutingContext context) {
        context.request().headers().remove(HEADER);
        // as the audit log's REST rows have it: behind a trusted proxy, the forwarded address (quarkus.http.proxy.*)
        SocketAddress remote = context.request().remoteAddress();
        String address = remote == null ? null : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
        if (address != null) {
            context.request().headers().set(HEADER, address);
        }
        context.next();
    }
}
