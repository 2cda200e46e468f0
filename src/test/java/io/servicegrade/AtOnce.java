package io.servicegrade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs calls at the same moment, for tests of concurrent writers: each call has its own thread, and a barrier
 * releases them together (a shared pool such as {@code CompletableFuture.supplyAsync}'s has one thread on a
 * two-core machine, and would run them one after the other). Each call's start and end are kept, so that a test
 * can show that its calls did overlap rather than hope so.
 */
public final class AtOnce {

    /** What one call answered, and when it ran (System.nanoTime). */
    public record Call<T>(T value, long started, long ended) {
    }

    private AtOnce() {
    }

    public static <T> List<Call<T>> run(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Call<T>>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    long started = System.nanoTime();
                    T value = call.call();
                    return new Call<>(value, started, System.nanoTime());
                }));
            }
            List<Call<T>> done = new ArrayList<>();
            for (Future<Call<T>> future : futures) {
                done.add(future.get(5, TimeUnit.MINUTES));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The most calls that were in flight at one moment. */
    public static int mostInFlight(List<? extends Call<?>> calls) {
        int most = 0;
        for (Call<?> at : calls) {
            int inFlight = 0;
            for (Call<?> other : calls) {
                if (other.started() <= at.started() && at.started() < other.ended()) {
                    inFlight++;
                }
            }
            most = Math.max(most, inFlight);
        }
        return most;
    }

    /** Asserts that at least {@code n} calls were in flight together, so the test tried what it claims to. */
    public static void assertOverlapped(List<? extends Call<?>> calls, int n) {
        assertThat(mostInFlight(calls)).as("calls in flight at one moment").isGreaterThanOrEqualTo(n);
    }

    /** The values, in the order of the calls. */
    public static <T> List<T> values(List<Call<T>> calls) {
        return calls.stream().map(Call::value).toList();
    }
}
