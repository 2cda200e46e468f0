package io.servicegrade.platform.security;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/** Creates, checks and revokes API keys. A key is shown once, when created; the server keeps its hash. */
@ApplicationScoped
public class ApiKeyService {

    private static final String KEY_PREFIX = "sg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just made: the secret itself travels only in this. */
    public record IssuedKey(ApiKey key, String secret) {
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
        return key.<ApiKey>persist().map(saved -> new IssuedKey(saved, secret));
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /**
     * Makes a key chosen by the operator (from a Kubernetes Secret, say) an admin key, unless it is one already or
     * was revoked; safe when several instances start at once. Answers whether it was added now.
     */
    public Uni<Boolean> adoptAdminKey(String secret) {
        return pool.preparedQuery("INSERT INTO api_key (name, prefix, hash) VALUES ('configured admin', $1, $2)"
                + " ON CONFLICT (hash) DO NOTHING")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(secret.substring(0, Math.min(secret.length(), 9)),
                        hash(secret)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The caller a key stands for, or null when it is unknown, revoked, or its agency is inactive. */
    public Uni<Caller> identify(String secret) {
        if (secret == null || secret.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT k.id, k.agency_id, a.code, a.sources, a.active FROM api_key k"
                + " LEFT JOIN agency a ON a.id = k.agency_id WHERE k.hash = $1 AND k.revoked_at IS NULL")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(hash(secret.trim())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    Long agency = row.getLong("agency_id");
                    if (agency != null && !row.getBoolean("active")) {
                        return null;
                    }
                    String[] sources = agency == null ? null : row.getArrayOfStrings("sources");
                    return new Caller(row.getLong("id"), agency, row.getString("code"),
                            sources == null ? null : List.of(sources));
                });
    }

    @WithSession
    public Uni<List<ApiKey>> list() {
        return ApiKey.listAll(io.quarkus.panache.common.Sort.by("id"));
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
