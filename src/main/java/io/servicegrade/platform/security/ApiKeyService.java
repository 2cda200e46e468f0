package io.servicegrade.platform.security;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
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
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey();
        key.name = name;
        key.prefix = secret.substring(0, KEY_PREFIX.length() + 6);
        key.hash = hash(secret);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return key.<ApiKey>persist().map(saved -> new IssuedKey(saved, secret));
    }

    @WithSession
    public Uni<Boolean> isValid(String secret) {
        if (secret == null || secret.isBlank()) {
            return Uni.createFrom().item(false);
        }
        return ApiKey.count("hash = ?1 and revokedAt is null", hash(secret.trim())).map(n -> n > 0);
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
            return ApiKey.count("revokedAt is null").flatMap(active -> {
                if (active <= 1) {
                    return Uni.createFrom().failure(new ProblemException(409, "last-api-key",
                            ProblemMessages::conflictTitle, ProblemMessages::lastApiKey));
                }
                key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                return Uni.createFrom().item(key);
            });
        });
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
