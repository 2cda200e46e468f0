package io.servicegrade.platform.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
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

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Hashes and checks account passwords with Argon2id (password4j), as PHC strings that carry their own parameters.
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

    private WriteGate gate;
    private Argon2Function argon2;
    /** A hash of a random password, checked when a login is unknown so that the answer takes as long. */
    private volatile String dummy;

    @PostConstruct
    void init() {
        ServiceGradeConfig.Accounts accounts = config.accounts();
        gate = new WriteGate(vertx, accounts.hashConcurrency().orElse(Runtime.getRuntime().availableProcessors()),
                accounts.hashQueue(), config.overload().maxWait(), config.overload().retryAfter());
        argon2 = Argon2Function.getInstance(accounts.hashMemoryKib(), accounts.hashIterations(), 1, 32, Argon2.ID);
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
                Password.check(password, dummyHash()).with(argon2);
                return false;
            }
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        });
    }

    /** The hash synchronously, for start-up work that runs on no event loop (the first account). */
    public String hashNow(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
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
