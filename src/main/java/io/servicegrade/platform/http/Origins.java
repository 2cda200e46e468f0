package io.servicegrade.platform.http;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a request came from, as the browser and the proxy in front say: whether a form post was sent by another
 * site (refused: the sign-in and sign-out forms are not for other sites to post), and whether the reader reached
 * the server over HTTPS (then cookies are {@code Secure}).
 */
public final class Origins {

    /** What {@code Sec-Fetch-Site} says of a post from this server's own page, or one typed by the user. */
    private static final Set<String> OWN = Set.of("same-origin", "none");

    private Origins() {
    }

    /**
     * Whether the browser says another site sent this request: {@code Sec-Fetch-Site} other than same-origin (a
     * sibling subdomain is another site too), or, from a browser that does not send it, an {@code Origin} that is
     * not this host (as the proxy names it in {@code X-Forwarded-Host}, else {@code Host}). A request with neither
     * (a program, an old browser) is not judged here; the form's CSRF token still is.
     */
    public static boolean crossSite(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !OWN.contains(site.trim().toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String authority;
        try {
            authority = URI.create(origin.trim()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return true;
        }
        String host = first(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        return authority == null || host == null || !authority.equalsIgnoreCase(host.trim());
    }

    /** Whether the reader's connection is HTTPS: TLS here, or a proxy's {@code X-Forwarded-Proto: https}. */
    public static boolean https(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        String proto = first(request.getHeader("X-Forwarded-Proto"));
        if (proto != null) {
            return proto.trim().equalsIgnoreCase("https");
        }
        String forwarded = request.getHeader("Forwarded");
        return forwarded != null && forwarded.toLowerCase(Locale.ROOT).split(",")[0].contains("proto=https");
    }

    /** The first of a comma-separated header's values (the one the proxy nearest the reader added). */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
