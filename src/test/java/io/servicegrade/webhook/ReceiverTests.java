package io.servicegrade.webhook;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;

/**
 * What the webhook tests share: one loopback {@link TestReceiver} per test class, and subscriptions to it that are
 * deleted after each test (so no later test's events reach an earlier test's receiver paths).
 */
abstract class ReceiverTests {

    static TestReceiver receiver;

    private final List<Long> made = new ArrayList<>();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
    }

    @AfterEach
    void deleteSubscriptions() {
        for (long id : made) {
            asAdmin().delete("/api/v1/webhooks/{id}", id);
        }
        made.clear();
    }

    /** Subscribes the receiver's {@code path} to {@code kinds} as the administrator; answers the created body. */
    Map<String, Object> subscribed(String path, String... kinds) {
        Map<String, Object> created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "kinds", List.of(kinds), "description", "测试 test"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("$");
        made.add(((Number) webhook(created).get("id")).longValue());
        return created;
    }

    /** As {@link #subscribed}; answers the subscription's id. */
    long subscribe(String path, String... kinds) {
        return ((Number) webhook(subscribed(path, kinds)).get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> webhook(Map<String, Object> created) {
        return (Map<String, Object>) created.get("webhook");
    }
}
