package io.servicegrade.scheme;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.standing.StandingService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A board is computed off the event loop: ranking and grading every unit of a board is CPU work, and a board of
 * 10,000 windows computed on an event loop would hold up every request that loop serves meanwhile.
 */
@QuarkusTest
class BoardOffTheEventLoopTest {

    @Inject
    StandingService standings;

    @Inject
    Vertx vertx;

    @Test
    void aBoardAskedForOnTheEventLoopIsComputedOnAWorkerThread() throws Exception {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(2);
        String p = setup.region();
        String when = "2023-05-10T10:00:00+08:00";
        SchemeVersionsTest.post(List.of(
                SchemeStandingsTest.evaluation(p + "-1", "inspection", p + ".W1", setup.rubric(), when, 90, true),
                SchemeStandingsTest.evaluation(p + "-2", "mystery_shop", p + ".W2", setup.rubric(), when, 80, true)));

        // A board no one asked for yet (a fresh scheme): it is computed for this call, not taken from memory.
        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        Context loop = vertx.getOrCreateContext();
        loop.runOnContext(v -> {
            boolean askedOnLoop = Context.isOnEventLoopThread();
            standings.board(setup.scheme(), "2023-Q2", null, p, null, null).subscribe().with(
                    board -> seen.complete(new boolean[] {askedOnLoop, Context.isOnEventLoopThread(),
                            board.standings().size() == 2}),
                    seen::completeExceptionally);
        });

        boolean[] observed = seen.get(120, TimeUnit.SECONDS);
        assertThat(observed[0]).as("asked for on the event loop").isTrue();
        assertThat(observed[1]).as("computed on the event loop").isFalse();
        assertThat(observed[2]).as("both windows on the board").isTrue();
    }
}
