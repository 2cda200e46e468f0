package io.servicegrade.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.database.Notifications;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who a key, a personal access token or an identity provider's bearer token (until it expires) stands for, kept in
 * memory for at most a minute, so that a request with a credential costs no query (issue 16: authentication adds
 * well under a millisecond). What may change an answer is
 * announced by the database at commit, on the channel {@value #CHANNEL} (migration V66: a key revoked or expired, an
 * account's roles, scope, agency link, sources or disabling, an agency retired or its code or sources), and every
 * instance forgets all it kept when it hears it. The instance that made the change forgets after its commit, before
 * it answers ({@link #forget}), so a revoked token is refused on the very next request there, and on the others as
 * soon as the notification arrives. While this instance is not listening, nothing is kept nor answered from memory.
 * Only live credentials are kept (an unknown key is asked of the database each time), at most {@value #MOST} of them.
 */
@ApplicationScoped
public class IdentityCache {

    /** Where the database announces a change of who a credential stands for (V66). */
    public static final String CHANNEL = "servicegrade_identity";
    /** The longest an answer is kept, whatever is heard: a bound on a notification missed on a silent network. */
    static final Duration LONGEST = Duration.ofMinutes(1);
    private static final int MOST = 10_000;

    private record Kept(Caller caller, Instant until) {
    }

    @Inject
    Notifications notifications;

    private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on at each forgetting: an answer read before it is not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    void listen(@Observes @Priority(50) StartupEvent event) {
        // what was announced while the connection was down was not heard: forget all on every (re)connection
        notifications.listen(CHANNEL, payload -> forget(), this::forget);
    }

    /** The caller kept for the key whose hash is {@code hash}, or null when none is (or may be) kept. */
    Caller get(String hash) {
        Kept found = kept.get(hash);
        if (found == null) {
            return null;
        }
        if (!notifications.connected() || !Instant.now().isBefore(found.until())) {
            kept.remove(hash, found);
            return null;
        }
        return found.caller();
    }

    /** The moment to pass to {@link #keep}, taken before the database is asked. */
    long now() {
        return generation.get();
    }

    /**
     * Keeps {@code caller} for {@code hash} until {@code until} (at most {@link #LONGEST} from now), unless something
     * was forgotten since {@code asked} (the answer may predate that change) or this instance is not listening.
     */
    void keep(String hash, Caller caller, Instant until, long asked) {
        if (caller == null || generation.get() != asked || !notifications.connected() || kept.size() >= MOST) {
            return;
        }
        Instant latest = Instant.now().plus(LONGEST);
        kept.put(hash, new Kept(caller, until.isBefore(latest) ? until : latest));
        if (generation.get() != asked) {
            kept.remove(hash); // forgotten while it was put
        }
    }

    /** Forgets every kept answer: after this instance committed a change of a key, an account or an agency. */
    public void forget() {
        generation.incrementAndGet();
        kept.clear();
    }
}
