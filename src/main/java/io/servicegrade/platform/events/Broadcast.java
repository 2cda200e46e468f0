package io.servicegrade.platform.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * What an instance hears as it happens (a change announced on a PostgreSQL channel: standings, coverage, appeals,
 * complaints, rectifications, webhook attempts), handed to every subscriber from the moment it subscribes. Each
 * subscriber has room for a burst of {@value #PER_SUBSCRIBER} (a coverage plan's recount announces a row per unit
 * and month; concurrent writers each announce their period) while it handles the changes before it one at a time,
 * a read each: a bare broadcast fails a subscriber that has not asked for the next change yet, and did (issue 21:
 * {@code CoverageFigureTest} failed 2 runs in 4 with {@code BackPressureFailure}). Past that room the subscriber
 * fails with a {@code BackPressureFailure}, which a GraphQL subscription ends as "too slow".
 */
public final class Broadcast<T> {

    /** Changes kept for one subscriber that has not asked for them yet. */
    public static final int PER_SUBSCRIBER = 10_000;

    private final BroadcastProcessor<T> processor = BroadcastProcessor.create();

    /** Hands {@code change} to every subscriber. */
    public void publish(T change) {
        processor.onNext(change);
    }

    /** Ends every subscriber's stream (the instance is stopping). */
    public void complete() {
        processor.onComplete();
    }

    /** Every change published from now on. */
    public Multi<T> stream() {
        return processor.onOverflow().buffer(PER_SUBSCRIBER);
    }
}
