package io.servicegrade.platform.security;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/**
 * Writes to the API need an admin key, sent as {@code Authorization: Bearer <key>} or {@code X-Api-Key}.
 * Reads are open, except the key administration itself.
 */
public class AdminKeyFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiKeyService keys;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> requireAdminKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean guarded = path.startsWith("/api/") && (!READS.contains(request.getMethod())
                || path.startsWith("/api/v1/admin"));
        if (!guarded) {
            return Uni.createFrom().voidItem();
        }
        return keys.isValid(presentedKey(request)).flatMap(valid -> valid ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ProblemException(401, "unauthorized",
                        ProblemMessages::unauthorizedTitle, ProblemMessages::unauthorizedDetail)));
    }

    private static String presentedKey(ContainerRequestContext request) {
        String apiKey = request.getHeaderString("X-Api-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }
}
