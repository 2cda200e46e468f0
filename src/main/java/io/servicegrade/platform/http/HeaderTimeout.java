package io.servicegrade.platform.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request headers have not all arrived within {@code servicegrade.http.header-timeout}: a
 * half-sent request no longer holds a connection for the whole {@code quarkus.http.idle-timeout}. This is Netty's
 * read-idle bound, which Vert.x places after the HTTP decoder: it counts whole decoded parts (the request head, body
 * chunks), not bytes, so a client that drips its headers a byte at a time is cut off all the same. The bound is
 * lifted while a request is served (the server, not the client, is then the one to speak; the idle timeout still
 * applies) and put back when the response has been sent, for the next request on a kept-alive connection.
 * WebSocket and HTTP/2 connections keep only the idle timeout once their first request has arrived.
 */
@ApplicationScoped
public class HeaderTimeout implements HttpServerOptionsCustomizer {

    private static final String IDLE = "idle";

    @Inject
    ServiceGradeConfig config;

    private volatile long idleMillis;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        bound(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        bound(options);
    }

    private void bound(HttpServerOptions options) {
        TimeUnit unit = options.getIdleTimeoutUnit();
        idleMillis = unit.toMillis(options.getIdleTimeout());
        long header = config.http().headerTimeout().toMillis();
        // the options count in one unit for every idle bound: milliseconds keep both exact
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleMillis));
        options.setReadIdleTimeout((int) Math.min(Integer.MAX_VALUE, header));
        // Cleartext HTTP/2 (h2c) off: its protocol sniffing drops the read bound of the HTTP/1 connections it passes
        // on (Vert.x 4.5). HTTP/2 over TLS is unaffected; an ingress speaks HTTP/1.1 to the server anyway.
        options.setHttp2ClearTextEnabled(false);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::serving);
    }

    private void serving(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        if (connection instanceof ConnectionBase base && base.channel().isActive()) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get(IDLE) != null) {
                pipeline.replace(IDLE, IDLE, new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
                boolean stays = context.request().version() != HttpVersion.HTTP_2
                        && !"websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"));
                if (stays) {
                    context.addEndHandler(done -> awaiting(base));
                }
            }
        }
        context.next();
    }

    /** Back to waiting for the next request's headers on this kept-alive connection. */
    private void awaiting(ConnectionBase connection) {
        ChannelPipeline pipeline = connection.channelHandlerContext().pipeline();
        if (connection.channel().isActive() && pipeline.get(IDLE) != null) {
            pipeline.replace(IDLE, IDLE, new IdleStateHandler(config.http().headerTimeout().toMillis(), 0,
                    idleMillis, TimeUnit.MILLISECONDS));
        }
    }
}
