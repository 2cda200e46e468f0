package io.servicegrade.platform.security;

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

/**
 * Creates, checks and revokes API keys. A key is shown once, when created; the server keeps its hash. The one
 * owner of the {@code api_key} table, through Hibernate Reactive. The methods that write join the transaction
 * their caller opened (an agency and its first key, a rotation), or open their own.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final String KEY_PREFIX = "sg_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The unique constraint on {@code api_key.hash} (V1). */
    private static final String HASH_CONSTRAINT = "api_key_hash_key";

    /**
     * Who holds a live key, in one query: the key, and its agency (an entity join, read only) when it has one.
     * This runs once for every request that sends a key.
     */
    private static final String IDENTIFY = """
            select k.id, k.agencyId, a.code, a.sources, a.active
            from ApiKey k left join Agency a on a.id = k.agencyId
            where k.hash = :hash and k.revokedAt is null""";

    private static final String IDENTIFY_BY_ID = IDENTIFY.replace("k.hash = :hash", "k.id = :id");

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

    @WithTransaction
    public Uni<IssuedKey> create(String name) {
        return create(name, null);
    }

    /** Creates a key; for an agency when {@code agencyId} is given, else an admin key. */
    @WithTransaction
    public Uni<IssuedKey> create(String name, Long agencyId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey();
        key.name = name;
        key.prefix = secret.substring(0, KEY_PREFIX.length() + 6);
        key.hash = hash(secret);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        key.agencyId = agencyId;
        return key.<ApiKey>persistAndFlush().map(saved -> new IssuedKey(saved, secret));
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
     * The caller a key stands for, or null when it is unknown, revoked, or its agency is inactive. One query; use
     * {@link CallerResolver}, which turns a request's credentials into a caller.
     */
    @WithSession
    Uni<Caller> identify(String secret) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(IDENTIFY, Object[].class)
                .setParameter("hash", hash(secret)).getResultList())
                .map(ApiKeyService::caller);
    }

    /** As {@link #identify}, by the key's id: the principal of a report-page session (issue 14: sessions). */
    @WithSession
    Uni<Caller> identifyById(long id) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(IDENTIFY_BY_ID, Object[].class)
                .setParameter("id", id).getResultList())
                .map(ApiKeyService::caller);
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
        String[] sources = agency == null ? null : (String[]) row[3];
        return new Caller((Long) row[0], agency, (String) row[2], sources == null ? null : List.of(sources));
    }

    /** The first admin key made (the demo posts its inspections as it); null when there is none. */
    @WithSession
    public Uni<Long> firstAdminKeyId() {
        return ApiKey.<ApiKey>find("agencyId is null order by id").firstResult().map(key -> key == null ? null
                : key.id);
    }

    @WithSession
    public Uni<List<ApiKey>> list() {
        return ApiKey.listAll(Sort.by("id"));
    }

    @WithSession
    public Uni<Long> countAll() {
        return ApiKey.count();
    }

    /** Revokes a key; the last active one stays, so the server is never locked shut. */
    @WithTransaction
    public Uni<ApiKey> revoke(long id) {
        return ApiKey.<ApiKey>findById(id).flatMap(key -> {
            if (key == null) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.apiKeyNotFound(id)));
            }
            if (key.revokedAt != null) {
                return Uni.createFrom().item(key);
            }
            return ApiKey.count("revokedAt is null and agencyId is null").flatMap(active -> {
                if (key.agencyId == null && active <= 1) {
                    return Uni.createFrom().failure(new ProblemException(409, "last-api-key",
                            ProblemMessages::conflictTitle, ProblemMessages::lastApiKey));
                }
                key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                return Uni.createFrom().item(key);
            });
        });
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
