package io.servicegrade.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem responses for what is refused before any resource sees the request: bodies over the size limit,
 * which the HTTP layer would otherwise answer with an empty 413.
 */
@ApplicationScoped
public class HttpProblems {

    @Inject
    ProblemRenderer renderer;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                tooLarge(context);
            } else {
                context.next();
            }
        });
        router.errorHandler(413, this::tooLarge);
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void tooLarge(RoutingContext context) {
        ProblemException problem = new ProblemException(413, "payload-too-large",
                ProblemMessages::payloadTooLargeTitle, ProblemMessages::payloadTooLargeDetail);
        String body = renderer.render(problem, context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE),
                context.request().path());
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE)
                .end(body);
    }
}
