package io.servicegrade.platform.http;

import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.ProblemRenderer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CORS for the API ({@code /graphql}, {@code /api/**}, {@code /q/openapi}): a page on another origin may call it
 * when its origin is listed in {@code quarkus.http.cors.origins} (env {@code QUARKUS_HTTP_CORS_ORIGINS}: exact
 * origins such as {@code https://app.example.com}, or a regular expression between slashes, as Quarkus reads
 * them). None is listed by default: a fresh server answers its own pages (GraphiQL, Swagger UI) and programs,
 * which send no {@code Origin} or their own, and refuses every other origin with a 403 problem.
 *
 * <p>Why not Quarkus' own CORS filter ({@code quarkus.http.cors.enabled}): it applies to every path and judges
 * "same origin" by the scheme the server sees, so behind a proxy that ends TLS it refuses the server's own pages
 * (GraphiQL's and Swagger UI's calls, the report sign-in form), and it would answer the report forms' cross-site
 * posts with an empty 403 before their own refusal in the reader's language. Here, same origin is what
 * {@link Origins#crossSite} says (the browser's {@code Sec-Fetch-Site}, else {@code Origin} against the host the
 * proxy names), and the report pages are not touched.
 */
@ApplicationScoped
public class CrossOrigin {

    /** What a browser may send beyond the CORS-safelisted headers. */
    public static final String ALLOWED_HEADERS = "Authorization, X-Api-Key, Idempotency-Key, Content-Type, "
            + "Accept-Language, If-None-Match, X-Request-Id";
    /**
     * What a script may read of an answer beyond the CORS-safelisted headers; {@code X-Request-Id} names the
     * audit log's row of a write (docs/operations.md, "Audit log").
     */
    public static final String EXPOSED_HEADERS = "Idempotent-Replayed, Retry-After, Location, ETag, Link, "
            + "X-Request-Id";
    /** The methods the API is served with; each path still answers only its own. */
    public static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    /** How long a browser may keep a preflight's answer: a day. */
    static final String MAX_AGE = "86400";

    @Inject
    ProblemRenderer renderer;

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> origins;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String graphqlPath;

    private volatile List<Pattern> allowed;

    void install(@Observes Router router) {
        // before the GraphQL request checks (-150) and everything that answers a request
        router.route().order(-200).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !isApi(request.path()) || !Origins.crossSite(request)) {
            context.next();
            return;
        }
        MultiMap headers = context.response().headers();
        headers.add(HttpHeaders.VARY, "Origin");
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!isAllowed(origin)) {
            refuse(context, origin);
            return;
        }
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (preflight) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            context.response().setStatusCode(204).end();
            return;
        }
        headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        context.next();
    }

    private void refuse(RoutingContext context, String origin) {
        ProblemException problem = new ProblemException(403, "origin-not-allowed",
                ProblemMessages::originNotAllowedTitle, m -> m.originNotAllowed(origin));
        String body = renderer.render(problem, context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE),
                context.request().path());
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE)
                .end(body);
    }

    /** The paths a page on another origin may call: the API, not the report pages or the UIs. */
    boolean isApi(String path) {
        String graphql = graphqlPath.startsWith("/") ? graphqlPath : "/" + graphqlPath;
        return path != null && (path.equals(graphql) || path.startsWith(graphql + "/") || path.startsWith("/api/")
                || path.equals("/q/openapi"));
    }

    /** Whether {@code origin} is one of {@code quarkus.http.cors.origins}: exactly, or by a /regex/ entry. */
    boolean isAllowed(String origin) {
        List<Pattern> patterns = allowed;
        if (patterns == null) {
            patterns = new ArrayList<>();
            for (String entry : origins.orElse(List.of())) {
                String trimmed = entry.trim();
                if (trimmed.length() > 1 && trimmed.startsWith("/") && trimmed.endsWith("/")) {
                    patterns.add(Pattern.compile(trimmed.substring(1, trimmed.length() - 1)));
                } else if (!trimmed.isEmpty()) {
                    patterns.add(Pattern.compile(Pattern.quote(trimmed)));
                }
            }
            allowed = patterns;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }
}
