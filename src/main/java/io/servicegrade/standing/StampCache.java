package io.servicegrade.standing;

import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.database.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 21: the stamps of the boards this instance was asked for, kept in memory, so that a standings query answered
 * from memory ({@code platform/graphql/KeptAnswers}) costs no query at all. A stamp changes only with the rows it is
 * read from, and each change of them is announced by the database at commit on the channel {@value #CHANNEL}
 * (migration V92); every instance forgets all it kept when it hears it. The instance that wrote needs no
 * announcement: a stamp kept before this instance's last commit ({@link Transactions#committed()}) is not used after
 * it, so the request that wrote and the next one read the database. A write through another instance is seen once
 * its announcement arrives (a millisecond on a local network). Nothing is kept while this instance is not listening,
 * nor when standings are read from a replica (a stamp read there after an announcement may still be the old one),
 * and nothing longer than {@code servicegrade.standings.stamp-ttl} (a second, the freshness promise), whatever is
 * heard: an announcement missed on a silent network costs at most that.
 */
@ApplicationScoped
class StampCache {

    /** Where the database announces a change that gives a board another stamp (V92). */
    static final String CHANNEL = "servicegrade_stamps";
    /** Boards' periods kept at most (a scheme's period and the one before it each). */
    private static final int MOST = 1_000;

    /** When a stamp was asked for: what had been heard and committed by then. */
    record Asked(long heard, long committed) {
    }

    private record Kept(StandingService.StampRead read, Asked asked, long until) {
    }

    @Inject
    Notifications notifications;

    @Inject
    Transactions transactions;

    @Inject
    StandingReads reads;

    @Inject
    ServiceGradeConfig config;

    /** The longest a stamp is used without a query. */
    Duration longest;

    private final ConcurrentHashMap<List<String>, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on at each announcement (and each reconnection: what was announced meanwhile was not heard). */
    private final AtomicLong heard = new AtomicLong();

    @PostConstruct
    void init() {
        longest = config.standings().stampTtl();
    }

    void listen(@Observes @Priority(50) StartupEvent event) {
        notifications.listen(CHANNEL, payload -> forget(), this::forget);
    }

    /** The moment to pass to {@link #keep}, taken before the database is asked. */
    Asked now() {
        return new Asked(heard.get(), transactions.committed());
    }

    /** The stamp kept for a board's periods ({@code at}: scheme, period, previous period), or null. */
    StandingService.StampRead get(List<String> at) {
        Kept found = kept.get(at);
        if (found == null) {
            return null;
        }
        if (!found.asked().equals(now()) || System.nanoTime() - found.until() >= 0 || !notifications.connected()) {
            kept.remove(at, found);
            return null;
        }
        return found.read();
    }

    /** Keeps {@code read} for {@code at}, unless anything was heard or committed since {@code asked}. */
    void keep(List<String> at, StandingService.StampRead read, Asked asked) {
        if (read == null || longest.isZero() || longest.isNegative() || !asked.equals(now()) || reads.replicated()
                || !notifications.connected() || kept.size() >= MOST) {
            return;
        }
        Kept entry = new Kept(read, asked, System.nanoTime() + longest.toNanos());
        kept.put(at, entry);
        if (heard.get() != asked.heard()) {
            kept.remove(at, entry); // forgotten while it was put
        }
    }

    /** Forgets every kept stamp. */
    void forget() {
        heard.incrementAndGet();
        kept.clear();
    }
}
