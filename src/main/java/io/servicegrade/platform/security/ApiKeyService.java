package io.servicegrade.platform.security;

import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.audit.Audited;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.database.UniqueViolation;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.Violation;
import java.util.ArrayList;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Creates, checks and revokes API keys. A key is shown once, when created; the server keeps its hash. The one
 * owner of the {@code api_key} table, through Hibernate Reactive. The methods that write join the transaction
 * their caller opened (an agency and its first key, a rotation), or open their own.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final String KEY_PREFIX = "sg_";
    /** Personal access tokens (issue 16) start so, to be told from keys at a glance. */
    private static final String TOKEN_PREFIX = "sgp_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The unique constraint on {@code api_key.hash} (V1). */
    private static final String HASH_CONSTRAINT = "api_key_hash_key";

    /** How often a token's last use is noted (a write), at most. */
    private static final java.time.Duration TOUCH_EVERY = java.time.Duration.ofMinutes(1);

    /**
     * Who holds a live key, in one query: the key, and its agency or its account (entity joins, read only) when it
     * has one.
     * This runs once for every request that sends a key.
     */
    private static final String IDENTIFY = """
            select k.id, k.agencyId, a.code, a.sources, a.active, k.accountId, acc.roles, acc.disabledAt,
                   k.expiresAt, k.lastUsedAt, acc.scopeUnitIds, acc.agencyId, acc.sources
            from ApiKey k left join Account acc on acc.id = k.accountId
                 left join Agency a on a.id = coalesce(k.agencyId, acc.agencyId)
            where k.hash = :hash and k.revokedAt is null""";

    private static final String IDENTIFY_BY_ID = IDENTIFY.replace("k.hash = :hash", "k.id = :id");

    @jakarta.inject.Inject
    IdentityCache identities;

    /** A key just made: the secret itself travels only in this. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    /**
     * The name of a new admin key from {@code {"name": "…"}}: a name of one line, 200 characters at most, and
     * nothing else (REST and GraphQL read it alike); a 422 naming the bad fields otherwise.
     */
    public static String keyName(JsonNode request) {
        List<Violation> problems = new ArrayList<>();
        if (!request.isObject()) {
            problems.add(Violation.at("", m -> m.wrongType("object")));
            throw ProblemException.invalid(problems);
        }
        request.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name")) {
                problems.add(Violation.at("/" + Violation.escape(field), m -> m.unknownField()));
            }
        });
        JsonNode node = request.get("name");
        String name = node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : "";
        Message problem = null;
        if (node != null && !node.isNull() && !node.isTextual()) {
            problem = m -> m.wrongType("string");
        } else if (name == null || name.isBlank()) {
            problem = m -> m.required();
        } else if (name.length() > 200) {
            problem = m -> m.tooLong(200);
        } else {
            problem = InputRules.textProblem(name, InputRules.Text.LINE);
        }
        if (problem != null) {
            problems.add(Violation.at("/name", problem));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return name.trim();
    }

    /** Creates an admin key (its audit row in the same transaction: issue 16). */
    public Uni<IssuedKey> create(String name) {
        // the audit row names the key made by its new id (issue 16)
        return AuditIntents.intent().flatMap(audit -> Audited.withTransaction(() -> create(name, null)
                .invoke(issued -> audit.names(Long.toString(issued.key().id)))));
    }

    /** Creates a key; for an agency when {@code agencyId} is given, else an admin key. */
    @WithTransaction
    public Uni<IssuedKey> create(String name, Long agencyId) {
        IssuedKey minted = mint(KEY_PREFIX, name);
        minted.key().agencyId = agencyId;
        return stored(minted);
    }

    /** A new key (or token) with a random secret under {@code prefix}, not yet stored; only its hash is kept. */
    private static IssuedKey mint(String prefix, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey();
        key.name = name;
        key.prefix = secret.substring(0, prefix.length() + 6);
        key.hash = hash(secret);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return new IssuedKey(key, secret);
    }

    private static Uni<IssuedKey> stored(IssuedKey minted) {
        return minted.key().<ApiKey>persistAndFlush().map(saved -> new IssuedKey(saved, minted.secret()));
    }

    /** Revokes the agency's live keys other than {@code keep}; answers how many. */
    @WithTransaction
    public Uni<Integer> revokeAgencyKeys(long agencyId, long keep) {
        return ApiKey.update("revokedAt = ?1 where agencyId = ?2 and id <> ?3 and revokedAt is null",
                OffsetDateTime.now(ZoneOffset.UTC), agencyId, keep);
    }

    /**
     * Makes a key chosen by the operator (from a Kubernetes Secret, say) an admin key, unless it is one already or
     * was revoked; safe when several instances start at once (the one that loses the race to store it is told it
     * was there). Answers whether it was added now.
     */
    public Uni<Boolean> adoptAdminKey(String secret) {
        String hash = hash(secret);
        return Panache.withTransaction(() -> ApiKey.count("hash", hash).flatMap(known -> {
            if (known > 0) {
                return Uni.createFrom().item(false);
            }
            ApiKey key = new ApiKey();
            key.name = "configured admin";
            key.prefix = secret.substring(0, Math.min(secret.length(), KEY_PREFIX.length() + 6));
            key.hash = hash;
            key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return key.persistAndFlush().replaceWith(true);
        })).onFailure(failure -> UniqueViolation.of(failure, HASH_CONSTRAINT)).recoverWithItem(false);
    }

    /**
     * The caller a key stands for, or null when it is unknown, revoked, or its agency is inactive. One query, whose
     * answer is kept a while ({@link IdentityCache}: a key until a change is announced, a token also no longer than
     * its expiry and the next note of its use); use {@link CallerResolver}, which turns a request's credentials into
     * a caller and asks the kept answers first.
     */
    @WithSession
    Uni<Caller> identify(String secret) {
        String hash = hash(secret);
        long asked = identities.now();
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(IDENTIFY, Object[].class)
                .setParameter("hash", hash).getResultList())
                .flatMap(rows -> {
                    Caller caller = caller(rows);
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    if (caller == null || !caller.isAccount()) {
                        identities.keep(hash, caller, now.plus(IdentityCache.LONGEST).toInstant(), asked);
                        return Uni.createFrom().item(caller);
                    }
                    OffsetDateTime expires = (OffsetDateTime) rows.get(0)[8];
                    OffsetDateTime lastUsed = (OffsetDateTime) rows.get(0)[9];
                    if (lastUsed != null && lastUsed.isAfter(now.minus(TOUCH_EVERY))) {
                        // kept until its use is to be noted again
                        identities.keep(hash, caller, earlier(expires, lastUsed.plus(TOUCH_EVERY)), asked);
                        return Uni.createFrom().item(caller);
                    }
                    // a busy server may refuse the note of use; the request is still served (and nothing kept)
                    return Panache.withTransaction(() -> ApiKey.update("lastUsedAt = ?1 where id = ?2", now,
                            caller.keyId())).invoke(noted -> identities.keep(hash, caller,
                                    earlier(expires, now.plus(TOUCH_EVERY)), asked))
                            .onFailure().recoverWithNull().replaceWith(caller);
                });
    }

    private static java.time.Instant earlier(OffsetDateTime first, OffsetDateTime second) {
        return (first.isBefore(second) ? first : second).toInstant();
    }

    /** As {@link #identify}, by the key's id: the principal of a report-page session (issue 14: sessions). */
    @WithSession
    Uni<Caller> identifyById(long id) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(IDENTIFY_BY_ID, Object[].class)
                .setParameter("id", id).getResultList())
                .map(ApiKeyService::caller);
    }

    /** An account's roles and whether it is disabled, for {@link #identifyAccount} (issue 16). */
    private static final String IDENTIFY_ACCOUNT = """
            select acc.roles, acc.disabledAt, acc.scopeUnitIds, acc.agencyId, acc.sources, a.code, a.sources, a.active
            from Account acc left join Agency a on a.id = acc.agencyId
            where acc.id = :id""";

    /**
     * The caller a report-page session of a person's account stands for (issue 16), or null when the account is
     * gone or disabled: looked up live on every page. It has no key ({@code keyId} 0).
     */
    @WithSession
    Uni<Caller> identifyAccount(long accountId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(IDENTIFY_ACCOUNT, Object[].class)
                .setParameter("id", accountId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty() || rows.get(0)[1] != null) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    return person(0L, accountId, (String[]) row[0], (Long[]) row[2], (Long) row[3], (String[]) row[4],
                            (String) row[5], (String[]) row[6], (Boolean) row[7]);
                });
    }

    private static Caller caller(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        Long agency = (Long) row[1];
        if (agency != null && !Boolean.TRUE.equals(row[4])) {
            return null;
        }
        Long account = (Long) row[5];
        if (account != null) {
            // a token of an account: dead once it expires or its account is disabled
            OffsetDateTime expires = (OffsetDateTime) row[8];
            if (row[7] != null || expires == null || !expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
                return null;
            }
            return person((Long) row[0], account, (String[]) row[6], (Long[]) row[10], (Long) row[11],
                    (String[]) row[12], (String) row[2], (String[]) row[3], (Boolean) row[4]);
        }
        String[] sources = agency == null ? null : (String[]) row[3];
        return new Caller((Long) row[0], agency, (String) row[2], sources == null ? null : List.of(sources));
    }

    /**
     * The caller of a person's account (issue 16), through one of its tokens ({@code keyId}) or a report session
     * (no key: 0): its roles and scope, and, for an account of the agency role linked to an agency, that agency's
     * powers while the agency is active (null when it is not).
     */
    private static Caller person(long keyId, long account, String[] roleKeys, Long[] scope, Long linked,
            String[] ownSources, String agencyCode, String[] agencySources, Boolean agencyActive) {
        Set<String> roles = roleKeys == null ? Set.of() : Set.of(roleKeys);
        List<String> own = ownSources == null ? null : List.of(ownSources);
        List<Long> units = scope == null ? List.of() : List.of(scope);
        if (linked != null && roles.contains(Caller.AGENCY) && !roles.contains(Caller.ADMINISTRATOR)) {
            // an agency's account acts as the agency's key while the agency is active
            if (!Boolean.TRUE.equals(agencyActive)) {
                return null;
            }
            return new Caller(keyId, linked, agencyCode, narrower(agencySources == null ? null
                    : List.of(agencySources), own), account, roles, units);
        }
        return new Caller(keyId, null, null, own, account, roles, units);
    }

    /** The sources both lists allow; a null list allows every source. */
    private static List<String> narrower(List<String> first, List<String> second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return first.stream().filter(second::contains).toList();
    }

    /** A personal access token of an account, expiring at {@code expiresAt}; its secret is in this answer only. */
    @WithTransaction
    public Uni<IssuedKey> createToken(long accountId, String name, OffsetDateTime expiresAt) {
        IssuedKey minted = mint(TOKEN_PREFIX, name);
        minted.key().accountId = accountId;
        minted.key().expiresAt = expiresAt;
        return stored(minted);
    }

    /** The prefix of an account's single sign-on key row (issue 16); no key or token has it (theirs start sg). */
    public static final String SIGN_ON_PREFIX = "oidc";
    /** The unique index of one single sign-on key row per account (V63). */
    private static final String SIGN_ON_INDEX = "api_key_oidc_account_idx";

    /**
     * The id of the account's single sign-on key row (issue 16), made the first time: the row that stands for a
     * person the organisation's identity provider signed in, wherever what they did is recorded. It holds no
     * secret: its hash is {@code oidc:<account id>}, which no SHA-256 of a presented key can equal; it never expires
     * by itself and is not one of the account's tokens. Race-safe: two first requests at once end at one row (the
     * loser of the unique hash finds the winner's).
     */
    public Uni<Long> signOnKeyOf(long accountId) {
        String hash = SIGN_ON_PREFIX + ":" + accountId;
        return signOnKeyId(hash).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            ApiKey key = new ApiKey();
            key.name = "single sign-on";
            key.prefix = SIGN_ON_PREFIX;
            key.hash = hash;
            key.createdAt = now;
            key.accountId = accountId;
            key.expiresAt = now.plusYears(100);
            // two first requests at once take turns on the row's lock: the second finds the row the first made
            return Audited.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                    SIGN_ON_LOCK, Long.class).setParameter("key", "servicegrade:" + hash).getSingleResult())
                    .flatMap(locked -> ApiKey.<ApiKey>find("hash", hash).<ApiKey>firstResult())
                    .flatMap(made -> made != null ? Uni.createFrom().item(made.id)
                            : key.<ApiKey>persistAndFlush().map(stored -> stored.id)))
                    .onFailure(failure -> UniqueViolation.of(failure, HASH_CONSTRAINT)
                            || UniqueViolation.of(failure, SIGN_ON_INDEX))
                    .recoverWithUni(() -> signOnKeyId(hash));
        });
    }

    /** Serialises the making of one account's sign-on key row (a transaction-scoped advisory lock). */
    private static final String SIGN_ON_LOCK = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) l""";

    private static Uni<Long> signOnKeyId(String hash) {
        return Panache.withSession(() -> ApiKey.<ApiKey>find("hash", hash).firstResult())
                .map(key -> key == null ? null : key.id);
    }

    /** Revokes every live token of an account (its password was reset; issue 16), in the caller's transaction. */
    public Uni<Integer> revokeTokensOf(long accountId, OffsetDateTime at) {
        return ApiKey.update("revokedAt = ?1 where accountId = ?2 and revokedAt is null", at, accountId);
    }

    /** The account's tokens that still work (not revoked, not expired), newest first. */
    @WithSession
    public Uni<List<ApiKey>> tokensOf(long accountId) {
        // an account's single sign-on key row (prefix oidc, no secret: platform/security/oidc) is not one of its tokens
        return ApiKey.list("accountId = ?1 and revokedAt is null and expiresAt > ?2 and prefix <> 'oidc' "
                + "order by id desc", accountId,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Revokes one of the account's own tokens; another's, or none, is not found (nothing about it is told). */
    public Uni<ApiKey> revokeToken(long accountId, long id) {
        return Audited.withTransaction(() -> ApiKey.<ApiKey>findById(id).flatMap(key -> {
            if (key == null || key.accountId == null || key.accountId != accountId || "oidc".equals(key.prefix)) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.tokenNotFound(id)));
            }
            if (key.revokedAt == null) {
                key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            return Uni.createFrom().item(key);
        })).invoke(identities::forget);
    }

    /** The first admin key made (the demo posts its inspections as it); null when there is none. */
    @WithSession
    public Uni<Long> firstAdminKeyId() {
        return ApiKey.<ApiKey>find("agencyId is null and accountId is null order by id").firstResult()
                .map(key -> key == null ? null : key.id);
    }

    @WithSession
    public Uni<List<ApiKey>> list() {
        return ApiKey.list("accountId is null", Sort.by("id"));
    }

    @WithSession
    public Uni<Long> countAll() {
        return ApiKey.count("accountId is null");
    }

    /** Revokes a key; the last active one stays, so the server is never locked shut. With its audit row. */
    public Uni<ApiKey> revoke(long id) {
        return Audited.withTransaction(() -> ApiKey.<ApiKey>findById(id).flatMap(key -> {
            if (key == null || key.accountId != null) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.apiKeyNotFound(id)));
            }
            if (key.revokedAt != null) {
                return Uni.createFrom().item(key);
            }
            return ApiKey.count("revokedAt is null and agencyId is null and accountId is null").flatMap(active -> {
                if (key.agencyId == null && active <= 1) {
                    return Uni.createFrom().failure(new ProblemException(409, "last-api-key",
                            ProblemMessages::conflictTitle, ProblemMessages::lastApiKey));
                }
                key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                return Uni.createFrom().item(key);
            });
        })).invoke(identities::forget);
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
