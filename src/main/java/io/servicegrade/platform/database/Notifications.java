package io.servicegrade.platform.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The one connection on which this instance listens to PostgreSQL's notifications, for every channel (standings
 * changes, identity changes). A notification is delivered at commit, and only if its transaction commits, to every
 * instance listening. The connection is its own, never a pooled one, and is made again a second after it is lost;
 * each channel's owner is told when it is listening (at start and after every reconnection: what was announced
 * meanwhile was not heard) and can ask whether it is listening now.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    @Inject
    Vertx vertx;

    @Inject
    ConnectionOptions database;

    private PgSubscriber subscriber;

    void connect(@Observes @Priority(40) StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, database.primary()).reconnectPolicy(retries -> 1_000L);
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("Listening for notifications"),
                failure -> LOG.errorf("Cannot listen for notifications: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * Hears {@code channel}: {@code handler} gets each payload on the event loop, {@code listening} runs each time
     * the channel is listened to (after the connection was made or made again).
     */
    public void listen(String channel, Consumer<String> handler, Runnable listening) {
        subscriber.channel(channel).subscribeHandler(listening).handler(handler);
    }

    /** Whether the connection stands now (a notification sent meanwhile will be heard). */
    public boolean connected() {
        return subscriber != null && subscriber.getDelegate().actualConnection() != null;
    }
}
