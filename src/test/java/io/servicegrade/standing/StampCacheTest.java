package io.servicegrade.standing;

import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.database.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a kept stamp may answer for the database ({@link StampCache}, issue 21): only while nothing was heard nor
 * committed on this instance since it was asked for, while this instance listens, when standings are read from the
 * primary, and for no longer than the configured time. The instance around it (listening, committing, reading
 * from a replica) is played by this test; what the database announces is tested through the server in
 * {@code KeptStandingsTest#aKeptStampIsUsedUntilTheDatabaseAnnouncesAChange}.
 */
class StampCacheTest {

    private static final List<String> AT = Arrays.asList("scheme", "2025-Q2", "2025-Q1");
    private static final List<String> FIRST = Arrays.asList("scheme", "2025-Q1", null);

    private boolean connected = true;
    private boolean replicated;
    private long committed;
    private StampCache cache;

    @BeforeEach
    void instance() {
        cache = new StampCache();
        cache.notifications = new Notifications() {
            @Override
            public boolean connected() {
                return connected;
            }
        };
        cache.transactions = new Transactions() {
            @Override
            public long committed() {
                return committed;
            }
        };
        cache.reads = new StandingReads() {
            @Override
            public boolean replicated() {
                return replicated;
            }
        };
        cache.longest = Duration.ofMinutes(1);
    }

    private static StandingService.StampRead read(long revision) {
        return new StandingService.StampRead(new StandingService.Stamp(1, revision, 1L, null, null, 1, null, null,
                null, null, null, null, null), 1);
    }

    @Test
    void aStampIsKeptForItsPeriodsUntilAnAnnouncement() {
        StampCache.Asked asked = cache.now();
        cache.keep(AT, read(7), asked);
        cache.keep(FIRST, read(3), cache.now());
        assertThat(cache.get(AT)).isEqualTo(read(7));
        assertThat(cache.get(FIRST)).as("a period without a previous one").isEqualTo(read(3));
        assertThat(cache.get(Arrays.asList("scheme", "2025-Q3", "2025-Q2"))).isNull();
        cache.forget();
        assertThat(cache.get(AT)).isNull();
        assertThat(cache.get(FIRST)).isNull();
    }

    @Test
    void aStampAskedForBeforeAnAnnouncementOrACommitIsNotKept() {
        StampCache.Asked asked = cache.now();
        cache.forget(); // heard while the database was asked: the answer may predate the change
        cache.keep(AT, read(7), asked);
        assertThat(cache.get(AT)).isNull();

        asked = cache.now();
        committed++; // this instance wrote while the database was asked
        cache.keep(AT, read(7), asked);
        assertThat(cache.get(AT)).isNull();
    }

    @Test
    void aCommitOnThisInstanceEndsEveryKeptStamp() {
        cache.keep(AT, read(7), cache.now());
        assertThat(cache.get(AT)).isNotNull();
        committed++;
        assertThat(cache.get(AT)).as("the request that wrote, and the next one, read the database").isNull();
        cache.keep(AT, read(8), cache.now());
        assertThat(cache.get(AT)).isEqualTo(read(8));
    }

    @Test
    void nothingIsKeptNorUsedWhileThisInstanceIsNotListening() {
        cache.keep(AT, read(7), cache.now());
        connected = false;
        assertThat(cache.get(AT)).isNull();
        cache.keep(AT, read(7), cache.now());
        connected = true;
        assertThat(cache.get(AT)).as("kept while not listening").isNull();
    }

    @Test
    void nothingIsKeptWhenStandingsAreReadFromAReplica() {
        replicated = true;
        cache.keep(AT, read(7), cache.now());
        assertThat(cache.get(AT)).isNull();
    }

    @Test
    void aStampIsUsedForNoLongerThanTheConfiguredTime() throws InterruptedException {
        cache.longest = Duration.ofMillis(50);
        cache.keep(AT, read(7), cache.now());
        assertThat(cache.get(AT)).isEqualTo(read(7));
        Thread.sleep(80);
        assertThat(cache.get(AT)).isNull();

        cache.longest = Duration.ZERO; // off: every request reads its stamps
        cache.keep(AT, read(7), cache.now());
        assertThat(cache.get(AT)).isNull();
    }
}
