package io.servicegrade.platform.database;

import io.servicegrade.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Admits write transactions: at most {@code concurrency} run at once, at most {@code queue} wait for their turn,
 * and none waits longer than {@code wait}. A write that cannot be admitted fails at once (queue full) or when its
 * wait is over, with {@link Overload#problem}: the client is told to come back, and nothing was written. Pure
 * bookkeeping: nothing here blocks a thread. Password hashing (issue 16) and report pages (issue 21) are bounded by
 * gates of their own; a page refused is told so in its own words ({@link Overload#pageProblem}).
 */
public final class WriteGate {

    private final Vertx vertx;
    private final int concurrency;
    private final int queue;
    private final Duration wait;
    /** The problem a refused request is answered with, given how long it waited. */
    private final Function<Duration, ProblemException> refusal;

    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int running;

    public WriteGate(Vertx vertx, int concurrency, int queue, Duration wait, Duration retryAfter) {
        this(vertx, concurrency, queue, wait, waited -> Overload.problem(waited, retryAfter));
    }

    /** A gate whose refusals are {@code refusal}'s problem (given how long the request waited), not the writes'. */
    public WriteGate(Vertx vertx, int concurrency, int queue, Duration wait,
            Function<Duration, ProblemException> refusal) {
        this.vertx = vertx;
        this.concurrency = Math.max(1, concurrency);
        this.queue = Math.max(0, queue);
        this.wait = wait;
        this.refusal = refusal;
    }

    /** A write waiting for its turn. */
    private final class Waiter {
        final Runnable start;
        long timer = -1;

        Waiter(Runnable start) {
            this.start = start;
        }
    }

    /** Runs {@code work} once admitted; its result, or the overload problem. */
    public <T> Uni<T> admit(Supplier<Uni<T>> work) {
        return admit(work, wait);
    }

    /**
     * Runs {@code work} once admitted, waiting at most {@code patience} (what is left of the request's wait: a
     * request that waited elsewhere already waits less here); its result, or the overload problem.
     */
    <T> Uni<T> admit(Supplier<Uni<T>> work, Duration patience) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter;
            synchronized (this) {
                if (running < concurrency) {
                    running++;
                    waiter = null;
                } else if (waiting.size() >= queue || patience.toMillis() <= 0) {
                    emitter.fail(refusal.apply(Duration.ZERO));
                    return;
                } else {
                    waiter = new Waiter(() -> run(work, emitter));
                    waiting.add(waiter);
                    waiter.timer = vertx.setTimer(patience.toMillis(), id -> expire(waiter, emitter));
                    emitter.onTermination(() -> withdraw(waiter));
                }
            }
            if (waiter == null) {
                run(work, emitter);
            }
        });
    }

    private <T> void run(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
        Uni<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            release();
            emitter.fail(e);
            return;
        }
        started.onTermination().invoke(this::release).subscribe().with(emitter::complete, emitter::fail);
    }

    private void expire(Waiter waiter, UniEmitter<?> emitter) {
        boolean removed;
        synchronized (this) {
            removed = waiting.remove(waiter);
        }
        if (removed) {
            emitter.fail(refusal.apply(wait));
        }
    }

    /** A waiting write whose request went away leaves the queue. */
    private void withdraw(Waiter waiter) {
        synchronized (this) {
            if (waiting.remove(waiter) && waiter.timer >= 0) {
                vertx.cancelTimer(waiter.timer);
            }
        }
    }

    private void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
            vertx.cancelTimer(next.timer);
        }
        next.start.run();
    }

    synchronized int running() {
        return running;
    }

    /** How many wait for their turn now. */
    public synchronized int waiting() {
        return waiting.size();
    }
}
