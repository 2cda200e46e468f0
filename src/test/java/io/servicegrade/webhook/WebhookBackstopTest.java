package io.servicegrade.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's backstop without a window (issue 19): an event whose announcement never came is delivered however
 * old it is, once per subscription, never to a subscription made after it, and an event whose transaction commits
 * after later events' (commit order is not id order) is not skipped. Events are written here without the
 * announcement {@code OutboundEvents} makes, as a lost notification leaves them.
 */
@QuarkusTest
class WebhookBackstopTest extends ReceiverTests {

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    /** Subscribes the receiver's {@code path} to rectification.overdue, as if made {@code daysAgo} days ago. */
    private long subscribe(String path, int daysAgo) {
        long id = subscribe(path, "rectification.overdue");
        pool.preparedQuery("UPDATE webhook_subscription SET created_at = now() - $2 * interval '1 day' WHERE id = $1")
                .execute(Tuple.of(id, daysAgo)).await().indefinitely();
        return id;
    }

    private static final String UNANNOUNCED = "INSERT INTO outbound_event (kind, subject, payload, occurred_at)"
            + " VALUES ('rectification.overdue', $1, '{}'::jsonb, now() - $2 * interval '1 hour') RETURNING id";

    /** An event written as a lost announcement leaves it: stored, never notified; {@code hoursAgo} in the past. */
    private long unannounced(String subject, int hoursAgo) {
        return pool.preparedQuery(UNANNOUNCED).execute(Tuple.of(subject, hoursAgo)).await().indefinitely()
                .iterator().next().getLong("id");
    }

    /**
     * What reached {@code path} of this test's own events. A back-dated subscription is also rightly told of the
     * real rectification.overdue events other tests wrote in its days (the suite runs on moved clocks too), so
     * only the events whose subject this test chose are counted.
     */
    private static List<TestReceiver.Received> mine(String path) {
        return receiver.at(path).stream()
                .filter(r -> r.json().getJsonObject("data").getString("subject", "").startsWith(OURS + path))
                .toList();
    }

    private static final String OURS = "rectification/test";

    /** The delivery log of {@code webhook}, for this test's own events only (see {@link #mine}). */
    private List<Map<String, Object>> log(long webhook, List<Long> events) {
        List<Map<String, Object>> all = asAdmin().get("/api/v1/webhooks/{id}/deliveries?limit=200", webhook).then()
                .statusCode(200).extract().path("$");
        return all.stream().filter(d -> events.contains(((Number) d.get("event")).longValue())).toList();
    }

    /** Runs the backstop until this instance's run is the one that ran (another may hold the horizon a moment). */
    private void backstop() throws InterruptedException {
        int made = -1;
        for (int i = 0; i < 200 && made < 0; i++) {
            made = dispatcher.fanOutNow().await().indefinitely();
            if (made < 0) {
                Thread.sleep(50);
            }
        }
        assertThat(made).as("this instance's backstop ran (another held the horizon for 10 s)").isNotNegative();
    }

    @Test
    void anEventTwoDaysOldWhoseAnnouncementWasLostIsDeliveredOnce() throws Exception {
        String path = "/lost-" + TestApi.freshPrefix();
        long webhook = subscribe(path, 3);
        // 48 hours back: beyond the old backstop's window (an hour while running, a day at start)
        long event = unannounced(OURS + path, 48);
        backstop();
        TestReceiver.await(() -> mine(path).size() == 1, Duration.ofSeconds(15), "the lost event arrives");
        assertThat(mine(path).get(0).id()).isEqualTo("evt_" + event);
        // running it again (as another instance would) makes no second delivery
        backstop();
        backstop();
        Thread.sleep(1_000);
        assertThat(mine(path)).hasSize(1);
        assertThat(log(webhook, List.of(event))).singleElement().satisfies(d -> {
            assertThat(((Number) d.get("event")).longValue()).isEqualTo(event);
            assertThat(d.get("state")).isEqualTo("delivered");
        });
    }

    @Test
    void aSubscriptionMadeAfterAnEventDoesNotGetIt() throws Exception {
        String path = "/later-" + TestApi.freshPrefix();
        // the subscription was made 2 days ago, one event happened 3 days ago: it is not told of it. (Subscribed
        // first: a periodic backstop between the events and a back-dated subscription would rightly pass them by.)
        long webhook = subscribe(path, 2);
        long before = unannounced(OURS + path + "/before", 72);
        long after = unannounced(OURS + path + "/after", 24);
        backstop();
        TestReceiver.await(() -> mine(path).size() == 1, Duration.ofSeconds(15), "the later event arrives");
        Thread.sleep(1_000);
        assertThat(mine(path)).extracting(TestReceiver.Received::id).containsExactly("evt_" + after);
        assertThat(log(webhook, List.of(before, after))).hasSize(1);
    }

    @Test
    void anEventCommittedAfterLaterOnesIsNotSkipped() throws Exception {
        String path = "/late-" + TestApi.freshPrefix();
        long webhook = subscribe(path, 1);
        // a transaction takes an event id, then a later event commits, and the backstop runs while the first is
        // still open: an id high-water mark would pass the first event's id and never look at it again
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            long early = connection.preparedQuery(UNANNOUNCED).execute(Tuple.of(OURS + path + "/1", 0))
                    .await().indefinitely().iterator().next().getLong("id");
            long later = unannounced(OURS + path + "/2", 0);
            assertThat(later).isGreaterThan(early);
            backstop();
            TestReceiver.await(() -> mine(path).size() == 1, Duration.ofSeconds(15), "the later arrives");
            tx.commit().await().indefinitely();
            backstop();
            TestReceiver.await(() -> mine(path).size() == 2, Duration.ofSeconds(15), "the early arrives");
            assertThat(mine(path)).extracting(TestReceiver.Received::id)
                    .containsExactlyInAnyOrder("evt_" + early, "evt_" + later);
            assertThat(log(webhook, List.of(early, later))).hasSize(2);
        } finally {
            connection.close().await().indefinitely();
        }
    }
}
