package io.servicegrade.platform.graphql;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriptions each WebSocket connection holds, so that one connection cannot open thousands. A connection is
 * known by the one object SmallRye GraphQL keeps for it across its operations (its upgrade request's headers);
 * a place is given back when the subscription completes, fails or is cancelled (the client's {@code complete}, or
 * the connection closing), and a connection with none is forgotten.
 */
@ApplicationScoped
public class SubscriptionSlots {

    private final Map<Object, Integer> held = new IdentityHashMap<>();

    /** Subscriptions holding a place, on all connections. */
    private final AtomicInteger open = new AtomicInteger();

    @Inject
    MeterRegistry registry;

    private Counter messages;

    /** Made at start, so that its series are there at zero before the first subscription (issue 22). */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        // nothing more: observing the start creates the bean, and its series with it
    }

    @PostConstruct
    void init() {
        // issue 22: what an operator sees of subscriptions
        Gauge.builder("servicegrade.graphql.subscriptions", open, AtomicInteger::get)
                .description("GraphQL subscriptions open on this instance").register(registry);
        messages = Counter.builder("servicegrade.graphql.subscription.messages")
                .description("Events sent to GraphQL subscribers by this instance").register(registry);
    }

    /** A place on {@code connection}, or null when it already holds {@code max}. */
    synchronized Slot take(Object connection, int max) {
        int now = held.getOrDefault(connection, 0);
        if (now >= max) {
            return null;
        }
        held.put(connection, now + 1);
        open.incrementAndGet();
        return new Slot(connection);
    }

    private synchronized void giveBack(Object connection) {
        open.decrementAndGet();
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

        /** An event of its stream sent to the subscriber. */
        void sent() {
            messages.increment();
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(connection);
            }
        }
    }
}
