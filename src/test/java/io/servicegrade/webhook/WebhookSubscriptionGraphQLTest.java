package io.servicegrade.webhook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code webhookDeliveryChanges} over the GraphQL WebSocket protocol (issue 19): each attempt's outcome (failed with
 * the next attempt's time, delivered, given up), for one subscription or all, only to those who may read webhooks.
 * The test profile retries after 200 ms and gives up after 4 attempts.
 */
@QuarkusTest
class WebhookSubscriptionGraphQLTest {

    static final String CHANGES = """
            subscription Changes($s: ID) { webhookDeliveryChanges(subscription: $s) {
              id webhook webhookId state attempts nextAttemptAt log { number status } } }""";

    static TestReceiver receiver;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    OutboundEvents events;

    @Inject
    Pool pool;

    private final List<Long> made = new ArrayList<>();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    @AfterEach
    void deleteSubscriptions() {
        for (long id : made) {
            asAdmin().delete("/api/v1/webhooks/{id}", id);
        }
    }

    private long subscribe(String path, String kind) {
        long id = ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "kinds", List.of(kind)))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id")).longValue();
        made.add(id);
        return id;
    }

    /** The next message of {@code subscriber} about {@code webhook} (others' deliveries may pass by meanwhile). */
    private static String nextOf(GraphqlSubscriber subscriber, long webhook) throws InterruptedException {
        while (true) {
            String message = subscriber.next();
            if (message.contains("\"webhook\":\"" + webhook + "\"")) {
                return message;
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
            Thread.sleep(1_000); // the subscriptions start listening

            // the first attempt is answered 500: pending, one attempt, a next attempt due; the second 200
            receiver.script(path, 500);
            long event = events.emit(pool, EventKind.PERIOD_CLOSED, "period/test" + path, new JsonObject())
                    .await().indefinitely();
            String failed = admin.next();
            assertThat(failed).contains("\"webhookId\":\"evt_" + event + "\"").contains("\"state\":\"pending\"")
                    .contains("\"attempts\":1").contains("\"status\":500").doesNotContain("\"nextAttemptAt\":null");
            String delivered = admin.next();
            assertThat(delivered).contains("\"webhookId\":\"evt_" + event + "\"").contains("\"state\":\"delivered\"")
                    .contains("\"attempts\":2").contains("\"nextAttemptAt\":null").contains("\"status\":200");
            // the analyst, listening to every subscription, hears the same, and the other subscription's too
            assertThat(nextOf(reader, webhook)).contains("\"state\":\"pending\"");
            assertThat(nextOf(reader, webhook)).contains("\"state\":\"delivered\"");
            assertThat(nextOf(reader, otherWebhook)).contains("\"state\":\"delivered\"");

            // four 500s: given up, and the last attempt's outcome says so
            receiver.script(path, 500, 500, 500, 500);
            long second = events.emit(pool, EventKind.PERIOD_CLOSED, "period/test" + path + "/2", new JsonObject())
                    .await().indefinitely();
            String last = null;
            for (int i = 0; i < 4; i++) {
                last = admin.next();
                assertThat(last).contains("\"webhookId\":\"evt_" + second + "\"")
                        .contains("\"attempts\":" + (i + 1));
            }
            assertThat(last).contains("\"state\":\"failed\"").contains("\"nextAttemptAt\":null");
            // the admin's subscription names one webhook: the other's deliveries never reached it
            assertThat(admin.poll(Duration.ofSeconds(1))).isNull();
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
