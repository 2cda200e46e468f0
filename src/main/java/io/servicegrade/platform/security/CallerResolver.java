package io.servicegrade.platform.security;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.servicegrade.platform.database.EventLoopWork;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.oidc.OidcPeople;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a request's credentials become a {@link Caller}, for REST ({@link AdminKeyFilter}), GraphQL and the
 * report pages. What each accepts stays its own: REST and GraphQL read the key from {@code X-Api-Key} or
 * {@code Authorization: Bearer} ({@link #fromHeaders}); the report pages read the session their sign-in page opened
 * ({@link #fromSession}), whose cookie the API never reads. A key is looked up once per request, in one query.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentCaller current;

    @Inject
    ReportSessionStore sessions;

    @Inject
    OidcPeople oidc;

    @Inject
    IdentityCache identities;

    /**
     * The key from {@code X-Api-Key}, or from {@code Authorization: Bearer}; null when neither header is sent so
     * (an empty bearer is a key that identifies no one).
     */
    public static String presentedKey(String apiKey, String authorization) {
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    /**
     * The caller of the key sent in the headers with a key's powers, or null when none was sent, it is not a live
     * key, or it is the token of an account without them (which counts as no credential).
     */
    public Uni<Caller> fromHeaders(String apiKey, String authorization) {
        return fromKey(presentedKey(apiKey, authorization));
    }

    /** As {@link #fromHeaders}, but a request without a live key fails with 401, and a powerless account's 403. */
    public Uni<Caller> requireFromHeaders(String apiKey, String authorization) {
        return requireFromHeaders(apiKey, authorization, Access.Level.AGENCY);
    }

    /**
     * As {@link #requireFromHeaders(String, String)}, and refused as REST refuses it when {@code needed}
     * ({@link Access}) is more than the key has (403): for the edges that are not REST (GraphQL mutations).
     */
    public Uni<Caller> requireFromHeaders(String apiKey, String authorization, Access.Level needed) {
        return requireFromHeaders(apiKey, authorization, needed, caller -> { });
    }

    /**
     * As {@link #requireFromHeaders(String, String, Access.Level)}, telling {@code identified} who the live
     * credential stands for before {@code needed} is checked: a refused caller is still known (the audit log
     * records a GraphQL mutation refused with 403 by who was refused, as REST's filter does).
     */
    public Uni<Caller> requireFromHeaders(String apiKey, String authorization, Access.Level needed,
            Consumer<Caller> identified) {
        return principal(presentedKey(apiKey, authorization)).map(caller -> {
            if (caller == null) {
                throw CurrentCaller.unauthorized();
            }
            identified.accept(caller);
            ProblemException refused = refusal(caller, needed);
            if (refused != null) {
                throw refused;
            }
            return caller;
        });
    }

    /**
     * The one rule of what a live credential may reach ({@link Access}): null when {@code caller} may, else the
     * 403 problem. An account's token reaches what its roles allow ({@link Caller}; within its scope, as
     * {@link Scope} checks); a key reaches every level but {@code ACCOUNT}, which is for people.
     */
    static ProblemException refusal(Caller caller, Access.Level needed) {
        return switch (needed) {
            case OPEN -> null;
            case ACCOUNT -> caller.isAccount() ? null : AdminKeyFilter.accountsOnly();
            case AGENCY -> caller.hasApiPowers() ? null : AdminKeyFilter.forbidden();
            case PUBLISH -> caller.mayPublish() ? null : Scope.forbidden();
            case ADMIN -> caller.isAdmin() ? null : AdminKeyFilter.forbidden();
        };
    }

    /**
     * The caller a key stands for (as typed on the sign-in page, or kept in its cookie), or null when it is blank,
     * unknown, revoked, its agency is retired, or it is the token of an account without a key's powers.
     */
    public Uni<Caller> fromKey(String secret) {
        return principal(secret).map(caller -> caller == null || !caller.hasApiPowers() ? null : caller);
    }

    /**
     * Whoever the credential stands for, powers or not: null when it is blank, unknown, revoked, expired, or its
     * agency is retired or its account disabled. Looked up once per request.
     */
    Uni<Caller> principal(String secret) {
        if (secret == null || secret.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String key = secret.trim();
        Function<String, Uni<Caller>> identify = oidc.enabled() && OidcPeople.looksLikeJwt(key)
                ? this::fromProvider
                : this::fromKeyOrToken;
        return (Arc.container().requestContext().isActive() ? current.lookup(key, identify) : identify.apply(key))
                .invoke(CallerResolver::logged);
    }

    /** The caller of an API key or personal access token: as kept in memory ({@link IdentityCache}), or asked. */
    private Uni<Caller> fromKeyOrToken(String key) {
        Caller known = identities.get(ApiKeyService.hash(key));
        return known != null ? Uni.createFrom().item(known) : onEventLoop(() -> keys.identify(key));
    }

    /**
     * The caller a token of the organisation's identity provider stands for (issue 16: single sign-on): the
     * person's account, through its single sign-on key row, built as a personal token's caller is
     * ({@link ApiKeyService#identifyById}); null when the provider's checks refuse the token or no account is found.
     */
    Uni<Caller> fromProvider(String token) {
        // kept as a key's answer is, no longer than the token's expiry (the provider's checks passed on this very text)
        String hash = ApiKeyService.hash(token);
        Caller known = identities.get(hash);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long asked = identities.now();
        return onEventLoop(() -> oidc.keyIdOf(token))
                .flatMap(id -> id == null ? Uni.createFrom().nullItem() : onEventLoop(() -> keys.identifyById(id)))
                .invoke(caller -> {
                    java.time.Instant expires = OidcPeople.expiresAt(token);
                    if (expires != null) {
                        identities.keep(hash, caller, expires, asked);
                    }
                });
    }

    /**
     * The caller of the access token the report pages' sign-in with the identity provider ended with (the code
     * flow), with or without a key's powers; null when it stands for no one.
     */
    public Uni<Caller> fromProviderSignIn(String accessToken) {
        return oidc.enabled() && OidcPeople.looksLikeJwt(accessToken) ? principal(accessToken)
                : Uni.createFrom().nullItem();
    }

    /**
     * The caller of a report-page session (issue 14: sessions) with a key's powers: null when the token names no
     * live session, its key has since been revoked (a rotation revokes the old keys) or its agency retired, its
     * account is disabled, or it is an account without a key's powers.
     */
    public Uni<Caller> fromSession(String token) {
        return sessionPrincipal(token).map(caller -> caller == null || !caller.hasApiPowers() ? null : caller);
    }

    /**
     * Whoever a report-page session stands for, powers or not (issue 16: a person signed in with login and
     * password): null when the token names no live session, or its key or account no longer works. Looked up live,
     * once per request: a disabled account is signed out at once. An account's session has no key: its
     * {@link Caller#keyId()} is 0 (the report pages write nothing).
     */
    public Uni<Caller> sessionPrincipal(String token) {
        if (!ReportSessionStore.wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        Function<String, Uni<Caller>> lookup = t -> sessions.principalOf(t).flatMap(principal -> {
            if (principal == null) {
                return Uni.createFrom().nullItem();
            }
            return principal.accountId() != null
                    ? onEventLoop(() -> keys.identifyAccount(principal.accountId()))
                    : onEventLoop(() -> keys.identifyById(principal.keyId()));
        });
        return (Arc.container().requestContext().isActive()
                ? current.lookup("session:" + token, ignored -> lookup.apply(token)) : lookup.apply(token))
                .invoke(CallerResolver::logged);
    }

    /** The request's log line names the kind of caller it was identified as (issue 22). */
    private static void logged(Caller caller) {
        if (caller != null) {
            io.servicegrade.platform.observe.RequestLog.identified(caller.kind());
        }
    }

    /**
     * The caller a key stands for now, by the key's id (an import job resumed for the account that sent it, issue
     * 16): null when the key is no longer live.
     */
    public Uni<Caller> ofKeyId(long id) {
        return onEventLoop(() -> keys.identifyById(id));
    }

    /**
     * {@code work} started on the request's Vert.x context: keys are read through Hibernate Reactive, which must
     * run on an event-loop thread, while GraphQL resolvers run on worker threads (issue 14: H1).
     */
    private static <T> Uni<T> onEventLoop(Supplier<Uni<T>> work) {
        return EventLoopWork.start(work);
    }
}
