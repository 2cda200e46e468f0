package io.servicegrade.platform.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The subscriptions each WebSocket connection holds, so that one connection cannot open thousands. A connection is
 * known by the one object SmallRye GraphQL keeps for it across its operations (its upgrade request's headers);
 * a place is given back when the subscription completes, fails or is cancelled (the client's {@code complete}, or
 * the connection closing), and a connection with none is forgotten.
 */
@ApplicationScoped
public class SubscriptionSlots {

    private final Map<Object, Integer> held = new IdentityHashMap<>();

    /** A place on {@code connection}, or null when it already holds {@code max}. */
    synchronized Slot take(Object connection, int max) {
        int now = held.getOrDefault(connection, 0);
        if (now >= max) {
            return null;
        }
        held.put(connection, now + 1);
        return new Slot(connection);
    }

    private synchronized void giveBack(Object connection) {
        Integer now = held.get(connection);
        if (now == null || now <= 1) {
            held.remove(connection);
        } else {
            held.put(connection, now - 1);
        }
    }

    /** Connections holding at least one subscription (for tests and metrics). */
    synchronized int connections() {
        return held.size();
    }

    /** One subscription's place; given back once, however often {@link #release()} is called. */
    final class Slot {
        private final Object connection;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean streaming;

        private Slot(Object connection) {
            this.connection = connection;
        }

        /** Whether its subscription's stream has begun (its place is then given back when the stream ends). */
        boolean streaming() {
            return streaming;
        }

        void streaming(boolean begun) {
            streaming = begun;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(connection);
            }
        }
    }
}
