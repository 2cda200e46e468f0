package io.servicegrade.platform.security;

import io.servicegrade.platform.audit.AuditIntent;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Checks the API key, sent as {@code Authorization: Bearer <key>} or {@code X-Api-Key}, against what the
 * method allows ({@link Access}): reads are open and writes need the admin key unless a method says
 * otherwise. A key sent on an open call is still identified, so the caller is known. The key becomes a caller
 * through {@link CallerResolver}, as it does for GraphQL and the report pages.
 */
public class AdminKeyFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CallerResolver callers;

    @Inject
    CurrentCaller current;

    @Inject
    io.servicegrade.platform.database.Transactions transactions;

    @Inject
    AuditIntents audit;

    /** Runs on the event loop (non-blocking) even before a blocking method: the key lookup is reactive. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION, nonBlocking = true)
    public Uni<Void> requireKey(ContainerRequestContext request, SimpleResourceInfo resource) {
        Access.Level needed = needed(request.getMethod(), resource);
        String secret = CallerResolver.presentedKey(request.getHeaderString("X-Api-Key"),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (secret == null) {
            audit(request, resource, null);
            return needed == Access.Level.OPEN ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(CurrentCaller.unauthorized());
        }
        // Bounded like a wait for a turn to write: a lookup that cannot get a connection in time is a 503.
        return transactions.inTime(callers.principal(secret)).flatMap(caller -> {
            if (caller == null) {
                return Uni.createFrom().failure(CurrentCaller.unauthorized());
            }
            audit(request, resource, caller);
            ProblemException refused = CallerResolver.refusal(caller, needed);
            if (refused != null) {
                return Uni.createFrom().failure(refused);
            }
            // an account without a key's powers calls an open method as anyone does, with no credential
            if (caller.hasApiPowers() || needed == Access.Level.ACCOUNT) {
                current.set(caller);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Opens the audit log's intent of a write (issue 16), with the caller when one was identified. */
    private void audit(ContainerRequestContext request, SimpleResourceInfo resource, Caller caller) {
        AuditIntent intent = resource == null ? null : audit.openRest(request.getMethod(),
                resource.getResourceClass(), resource.getMethodName(), request.getUriInfo().getPathParameters());
        if (intent != null && caller != null) {
            intent.actor(caller.keyId(), caller.accountId(), caller.agencyId());
        } else if (intent != null) {
            intent.anonymous();
        }
    }

    static ProblemException accountsOnly() {
        return new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                ProblemMessages::accountsOnly);
    }

    static ProblemException forbidden() {
        return new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                ProblemMessages::adminOnly);
    }

    private static Access.Level needed(String httpMethod, SimpleResourceInfo resource) {
        Access access = null;
        if (resource != null && resource.getResourceClass() != null) {
            for (Method method : resource.getResourceClass().getMethods()) {
                if (method.getName().equals(resource.getMethodName())
                        && method.getParameterCount() == resource.parameterTypes().length
                        && method.isAnnotationPresent(Access.class)) {
                    access = method.getAnnotation(Access.class);
                }
            }
            if (access == null) {
                access = resource.getResourceClass().getAnnotation(Access.class);
            }
        }
        if (access != null) {
            return access.value();
        }
        return READS.contains(httpMethod) ? Access.Level.OPEN : Access.Level.ADMIN;
    }
}
