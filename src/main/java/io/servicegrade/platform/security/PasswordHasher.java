package io.servicegrade.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.WriteGate;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashes and checks account passwords with Argon2id (Bouncy Castle's generator), as PHC strings that carry their own
 * parameters ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded base64). A hash's memory (19 MiB by
 * default) is taken for the hash and given back after it: nothing is kept between hashes (issue 21).
 * A hash is CPU work on purpose: it runs on a worker thread, never the event loop, and a gate bounds how many run
 * at once and how many wait ({@code servicegrade.accounts.hash-*}); past it the request is answered 503 with
 * {@code Retry-After}, as any overload is. A password longer than {@link #MAX_BYTES} is refused before hashing.
 */
@ApplicationScoped
public class PasswordHasher {

    /** The longest password accepted, in UTF-8 bytes: measured before any hashing. */
    public static final int MAX_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Vertx vertx;

    @Inject
    ServiceGradeConfig config;

    /** A PHC string of Argon2id, version 19: memory, passes, lanes, salt and hash. */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private WriteGate gate;
    private int memoryKib;
    private int iterations;
    /** A hash of a random password, checked when a login is unknown so that the answer takes as long. */
    private volatile String dummy;

    @PostConstruct
    void init() {
        ServiceGradeConfig.Accounts accounts = config.accounts();
        gate = new WriteGate(vertx, accounts.hashConcurrency().orElse(Runtime.getRuntime().availableProcessors()),
                accounts.hashQueue(), config.overload().maxWait(), config.overload().retryAfter());
        memoryKib = accounts.hashMemoryKib();
        iterations = accounts.hashIterations();
    }

    /**
     * Makes the dummy hash on a worker thread once started, off the start-up's critical path (issue 21: on a cold
     * JVM one Argon2id hash was about a seventh of the time to ready). A sign-in that comes first makes its own.
     */
    void onStart(@Observes StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(this::dummyHash);
    }

    /** Whether {@code password} is longer than {@link #MAX_BYTES} in UTF-8 (measured without copying it twice). */
    public static boolean tooLong(String password) {
        return password != null && (password.length() > MAX_BYTES
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
    }

    /** A new random password (24 characters, 144 bits): for a generated first or reset password. */
    public static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash of {@code password}, computed off the event loop within the gate. */
    public Uni<String> hash(String password) {
        return gated(() -> hashNow(password));
    }

    /**
     * Whether {@code password} matches {@code hash}; when {@code hash} is null (no such login) a dummy hash is
     * checked instead and the answer is false, in comparable time.
     */
    public Uni<Boolean> verify(String password, String hash) {
        return gated(() -> {
            if (hash == null) {
                matches(password, dummyHash());
                return false;
            }
            return matches(password, hash);
        });
    }

    /** The hash synchronously, for start-up work that runs on no event loop (the first account). */
    public String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(argon2id(password, salt, memoryKib, iterations, 1, HASH_BYTES));
    }

    /**
     * Whether {@code password} hashes, with the salt and parameters {@code hash} carries, to the hash it carries
     * (compared in constant time). A stored hash that is not an Argon2id PHC string is a fault of the data.
     */
    static boolean matches(String password, String hash) {
        Matcher phc = PHC.matcher(hash);
        if (!phc.matches()) {
            throw new IllegalStateException("a stored password hash is not an Argon2id PHC string");
        }
        byte[] expected = Base64.getDecoder().decode(phc.group(5));
        byte[] actual = argon2id(password, Base64.getDecoder().decode(phc.group(4)), Integer.parseInt(phc.group(1)),
                Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Argon2id (version 19) of the password's UTF-8 bytes. */
    static byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(lanes).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private String dummyHash() {
        String known = dummy;
        if (known == null) {
            known = hashNow(newPassword());
            dummy = known;
        }
        return known;
    }

    /** {@code work} on a worker thread within the gate; its answer delivered on the caller's Vert.x context. */
    <T> Uni<T> gated(Callable<T> work) {
        Context context = Vertx.currentContext();
        return gate.admit(() -> {
            Uni<T> computed = Uni.createFrom().item(() -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return context == null ? computed : computed.emitOn(task -> context.runOnContext(v -> task.run()));
        });
    }
}
