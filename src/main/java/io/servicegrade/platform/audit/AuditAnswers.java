package io.servicegrade.platform.audit;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Once a REST write is answered: its row, when no transaction wrote it (a refusal, or a write whose transaction
 * has no hook), recorded before the answer leaves ({@link AuditIntents#afterAnswer}); and the request's id in
 * {@code X-Request-Id}, so that a client can name the row of what it did.
 */
public class AuditAnswers {

    @Inject
    AuditIntents intents;

    @Inject
    CurrentVertxRequest currentRequest;

    @ServerResponseFilter
    public Uni<Void> recordAnswer(ContainerResponseContext response) {
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().voidItem();
        }
        RoutingContext routing = currentRequest.getCurrent();
        AuditIntent intent = routing == null ? null : routing.get(AuditIntents.KEY);
        if (intent == null) {
            return Uni.createFrom().voidItem();
        }
        if (intent.requestId() != null) {
            response.getHeaders().putSingle(AuditIntents.REQUEST_ID, intent.requestId());
        }
        return intents.afterAnswer(intent, response.getStatus());
    }
}
