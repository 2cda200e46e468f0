package io.servicegrade.webhook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code webhookDeliveryChanges} over the GraphQL WebSocket protocol (issue 19): each attempt's outcome (failed with
 * the next attempt's time, delivered, given up), for one subscription or all, only to those who may read webhooks.
 * The test profile retries after 200 ms and gives up after 4 attempts.
 */
@QuarkusTest
class WebhookSubscriptionGraphQLTest extends ReceiverTests {

    static final String CHANGES = """
            subscription Changes($s: ID) { webhookDeliveryChanges(subscription: $s) {
              id webhook webhookId state attempts nextAttemptAt log { number status } } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    /** The next message of {@code subscriber} about the delivery of {@code event} (others pass by meanwhile). */
    private static String nextAbout(GraphqlSubscriber subscriber, long event) throws InterruptedException {
        while (true) {
            String message = subscriber.next();
            if (message.contains("\"webhookId\":\"evt_" + event + "\"")) {
                return message;
            }
        }
    }

    /**
     * Until both subscribers hear an attempt (a subscription takes a moment to start listening, longer on a busy
     * machine): events for {@code path}, delivered at once, one every 3 s.
     */
    private void warmUp(String path, GraphqlSubscriber... subscribers) throws Exception {
        for (GraphqlSubscriber subscriber : subscribers) {
            for (int i = 0; subscriber.poll(Duration.ofSeconds(3)) == null; i++) {
                assertThat(i).as("the subscription starts listening").isLessThan(10);
                events.emit(pool, EventKind.PERIOD_CLOSED, "period/warm" + path, new JsonObject())
                        .await().indefinitely();
            }
        }
    }

    @Test
    void eachAttemptIsHeardFailedThenDeliveredAndAGivenUpOneAsFailed() throws Exception {
        String path = "/gql-" + TestApi.freshPrefix();
        String other = "/gql-other-" + TestApi.freshPrefix();
        long webhook = subscribe(path, "period.closed");
        long otherWebhook = subscribe(other, "period.closed");
        String analyst = AppealFixture.token(List.of("analyst"), List.of());
        try (GraphqlSubscriber admin = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + TestApi.adminKey()));
                GraphqlSubscriber reader = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + analyst))) {
            admin.send("1", CHANGES, Map.of("s", String.valueOf(webhook)));
            reader.send("1", CHANGES, Map.of());
            events.emit(pool, EventKind.PERIOD_CLOSED, "period/warm" + path, new JsonObject()).await().indefinitely();
            warmUp(path, admin, reader);

            // the first attempt is answered 500: pending, one attempt, a next attempt due; the second 200
            receiver.script(path, 500);
            long event = events.emit(pool, EventKind.PERIOD_CLOSED, "period/test" + path, new JsonObject())
                    .await().indefinitely();
            String failed = nextAbout(admin, event);
            assertThat(failed).contains("\"webhookId\":\"evt_" + event + "\"").contains("\"state\":\"pending\"")
                    .contains("\"attempts\":1").contains("\"status\":500").doesNotContain("\"nextAttemptAt\":null");
            String delivered = nextAbout(admin, event);
            assertThat(delivered).contains("\"webhookId\":\"evt_" + event + "\"").contains("\"state\":\"delivered\"")
                    .contains("\"attempts\":2").contains("\"nextAttemptAt\":null").contains("\"status\":200");
            // the analyst, listening to every subscription, hears the same, and the other subscription's too
            List<String> heard = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                heard.add(nextAbout(reader, event));
            }
            // the two first attempts run at once, so their order is not fixed; this webhook's retry comes last
            assertThat(heard).anySatisfy(m -> assertThat(m).contains("\"webhook\":\"" + webhook + "\"")
                    .contains("\"state\":\"pending\""));
            assertThat(heard).anySatisfy(m -> assertThat(m).contains("\"webhook\":\"" + otherWebhook + "\"")
                    .contains("\"state\":\"delivered\"").contains("\"attempts\":1"));
            assertThat(heard.get(2)).contains("\"webhook\":\"" + webhook + "\"").contains("\"state\":\"delivered\"");

            // four 500s: given up, and the last attempt's outcome says so
            receiver.script(path, 500, 500, 500, 500);
            long again = events.emit(pool, EventKind.PERIOD_CLOSED, "period/test" + path + "/2", new JsonObject())
                    .await().indefinitely();
            String last = null;
            for (int i = 0; i < 4; i++) {
                last = nextAbout(admin, again);
                assertThat(last)
                        .contains("\"attempts\":" + (i + 1));
            }
            assertThat(last).contains("\"state\":\"failed\"").contains("\"nextAttemptAt\":null");
            // the admin's subscription names one webhook: the other's deliveries never reached it
            for (String message = admin.poll(Duration.ofSeconds(1)); message != null;
                    message = admin.poll(Duration.ofSeconds(1))) {
                assertThat(message).doesNotContain("\"webhook\":\"" + otherWebhook + "\"");
            }
        }
    }

    @Test
    void onlyThoseWhoMayReadWebhooksMaySubscribe() throws Exception {
        try (GraphqlSubscriber agency = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + TestApi.agency(null)))) {
            agency.send("1", CHANGES, Map.of());
            assertThat(agency.next()).contains("FORBIDDEN");
        }
    }
}
