package io.servicegrade.platform.security;

import io.servicegrade.TestSettings;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Password hashing (issue 16): Argon2id hashes that check only their own password, computed off the event loop,
 * and no more at once than the gate admits; beyond it a 503 with Retry-After. Built without CDI, with a gate of one.
 */
class PasswordHasherTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private PasswordHasher hasher(int concurrency, int queue) {
        ServiceGradeConfig.Accounts accounts = TestSettings.of(ServiceGradeConfig.Accounts.class, name -> switch (name) {
            case "hashConcurrency" -> Optional.of(concurrency);
            case "hashQueue" -> queue;
            case "hashMemoryKib" -> 19456;
            case "hashIterations" -> 2;
            default -> null;
        });
        ServiceGradeConfig.Overload overload = TestSettings.of(ServiceGradeConfig.Overload.class, name -> switch (name) {
            case "maxWait" -> Duration.ofSeconds(30);
            case "retryAfter" -> Duration.ofSeconds(2);
            default -> null;
        });
        PasswordHasher hasher = new PasswordHasher();
        hasher.vertx = vertx;
        hasher.config = TestSettings.of(ServiceGradeConfig.class, name -> switch (name) {
            case "accounts" -> accounts;
            case "overload" -> overload;
            default -> null;
        });
        hasher.init();
        return hasher;
    }

    @Test
    void aHashIsArgon2idAndChecksOnlyItsOwnPassword() {
        PasswordHasher hasher = hasher(2, 4);
        String hash = hasher.hash("correct horse battery").await().atMost(Duration.ofMinutes(1));
        assertThat(hash).startsWith("$argon2id$");
        assertThat(hasher.verify("correct horse battery", hash).await().atMost(Duration.ofMinutes(1))).isTrue();
        assertThat(hasher.verify("correct horse batterz", hash).await().atMost(Duration.ofMinutes(1))).isFalse();
        // an unknown login: a dummy is checked, and the answer is no
        assertThat(hasher.verify("correct horse battery", null).await().atMost(Duration.ofMinutes(1))).isFalse();
    }

    /*
     * Hashes made by the implementation before this one (password4j 1.8.2, issue 16), kept in accounts' rows: they
     * check as they did, with the parameters each carries (the second was made with 64 KiB and 3 passes, not the
     * configured 19,456 KiB and 2).
     */
    private static final String MADE_BEFORE =
            "$argon2id$v=19$m=19456,t=2,p=1$8ekciJZ7HNIhoVn6ZfmcSg$Wc8aAzuljQrR2JAbZwWlQFDgbKySBg7bPNRPLZOhNUY";
    private static final String MADE_BEFORE_SMALL =
            "$argon2id$v=19$m=64,t=3,p=1$PjtsAWwzduFGnJPlRaSYvg$ShpYT1NoLO7xUWqeUGrfvPu4W6NyZipoBAlgzdDUh3o";

    @Test
    void hashesMadeBeforeCheckWithTheParametersTheyCarry() {
        PasswordHasher hasher = hasher(2, 4);
        assertThat(hasher.verify("correct horse 電池 staple", MADE_BEFORE).await().atMost(Duration.ofMinutes(1)))
                .isTrue();
        assertThat(hasher.verify("correct horse 電池 stable", MADE_BEFORE).await().atMost(Duration.ofMinutes(1)))
                .isFalse();
        assertThat(PasswordHasher.matches("short", MADE_BEFORE_SMALL)).isTrue();
        assertThat(PasswordHasher.matches("shorT", MADE_BEFORE_SMALL)).isFalse();
    }

    @Test
    void aNewHashCarriesTheConfiguredParametersAndAFreshSalt() {
        PasswordHasher hasher = hasher(2, 4);
        String first = hasher.hashNow("same password");
        String second = hasher.hashNow("same password");
        // $argon2id$v=19$m=19456,t=2,p=1$<16 bytes: 22 base64 characters>$<32 bytes: 43 characters>
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(second).isNotEqualTo(first);
        assertThat(PasswordHasher.matches("same password", second)).isTrue();
    }

    @Test
    void aStoredHashOfAnotherKindIsAFaultNotAMismatch() {
        assertThatThrownBy(() -> PasswordHasher.matches("x", "$2a$10$abcdefghijklmnopqrstuv"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hashingRunsOffTheEventLoopAndAnswersOnIt() throws Exception {
        PasswordHasher hasher = hasher(2, 4);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<boolean[]> threads = new CompletableFuture<>();
        context.runOnContext(v -> hasher.gated(Context::isOnEventLoopThread)
                .subscribe().with(onLoop -> threads.complete(new boolean[] {onLoop, Context.isOnEventLoopThread()}),
                        threads::completeExceptionally));
        boolean[] seen = threads.get(1, TimeUnit.MINUTES);
        assertThat(seen[0]).as("the hash ran on the event loop").isFalse();
        assertThat(seen[1]).as("the answer came back on the caller's event loop").isTrue();
    }

    @Test
    void hashesBeyondTheBoundAreRefusedWith503AndRetryAfter() throws Exception {
        PasswordHasher hasher = hasher(1, 0);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> running = hasher.gated(() -> release.await(1, TimeUnit.MINUTES))
                .subscribeAsCompletionStage();

        assertThatThrownBy(() -> hasher.hash("another password").subscribeAsCompletionStage().get(1, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(503);
                    assertThat(p.retryAfterSeconds()).isEqualTo(2);
                });
        release.countDown();
        assertThat(running.get(1, TimeUnit.MINUTES)).isTrue();
        // the slot came back
        assertThat(hasher.hash("a third password").await().atMost(Duration.ofMinutes(1))).startsWith("$argon2id$");
    }

    @Test
    void aPasswordIsMeasuredInUtf8Bytes() {
        assertThat(PasswordHasher.tooLong("a".repeat(1024))).isFalse();
        assertThat(PasswordHasher.tooLong("a".repeat(1025))).isTrue();
        assertThat(PasswordHasher.tooLong("密".repeat(341))).isFalse(); // 1,023 bytes
        assertThat(PasswordHasher.tooLong("密".repeat(342))).isTrue(); // 1,026 bytes
    }
}
