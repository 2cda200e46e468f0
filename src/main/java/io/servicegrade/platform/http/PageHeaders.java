package io.servicegrade.platform.http;

import io.servicegrade.platform.security.ReportSessionStore;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The security headers of every response. All of them say {@code X-Content-Type-Options: nosniff} (a JSON or CSV
 * answer is never run as a script or page). The report pages ({@code /} and {@code /reports/**}) also get a
 * Content-Security-Policy that allows their own stylesheet and nothing else (they have no script), may not be
 * framed, send no referrer elsewhere, and are never stored by a browser or proxy while the reader is signed in
 * (or signing in). Swagger UI and GraphiQL ({@code /q/**}) keep their own scripts: the policy is not theirs.
 */
@ApplicationScoped
public class PageHeaders {

    /** No script, no plugin, no frame; styles and images only from this server (and the empty data: favicon). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::headers);
    }

    private void headers(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean page = isPage(request.path());
        boolean privatePage = page && (hasCookie(request, ReportSessionStore.COOKIE)
                || hasCookie(request, ReportSessionStore.FORM_COOKIE) || request.path().startsWith("/reports/sign-"));
        boolean legacy = hasCookie(request, ReportSessionStore.LEGACY_COOKIE);
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            if (page) {
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "same-origin");
            }
            if (privatePage) {
                headers.set("Cache-Control", "no-store");
            }
            if (legacy) {
                // the old cookie held the raw API key: drop it from the browser
                headers.add("Set-Cookie", ReportSessionStore.LEGACY_COOKIE
                        + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            }
        });
        context.next();
    }

    /** The report pages: the home page and everything under /reports (not /reports.css, a stylesheet). */
    static boolean isPage(String path) {
        return path != null && (path.equals("/") || path.equals(ReportSessionStore.PATH)
                || path.startsWith(ReportSessionStore.PATH + "/"));
    }

    private static boolean hasCookie(HttpServerRequest request, String name) {
        Cookie cookie = request.getCookie(name);
        return cookie != null && !cookie.getValue().isEmpty();
    }
}
