package io.servicegrade.webhook;

import io.servicegrade.TestMachine;
import io.servicegrade.platform.database.ExternalPostgres;
import io.servicegrade.platform.database.PackagedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged server against one PostgreSQL deliver each event to each subscription exactly
 * once (issue 19): both hear every event's announcement, both fan it out and both claim due deliveries at once;
 * the receiver counts what reached it.
 */
@EnabledIf("io.servicegrade.TestMachine#postgresBinariesOrCi")
class WebhooksTwoInstancesIT {

    static final String ADMIN_KEY = "sg_it_" + UUID.randomUUID().toString().replace("-", "");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ExternalPostgres postgres;
    static Map<String, String> database;
    static final List<PackagedServer> servers = new ArrayList<>();
    static final List<String> bases = new ArrayList<>();
    static TestReceiver receiver;

    @BeforeAll
    static void startBoth() throws Exception {
        TestMachine.require(TestMachine.hasPostgresBinaries(),
                "PostgreSQL's server binaries under /usr/lib/postgresql (Debian's postgresql package)");
        receiver = new TestReceiver();
        postgres = new ExternalPostgres();
        database = postgres.start();
        for (String name : List.of("a", "b")) {
            servers.add(new PackagedServer("webhooks-" + name).freshDataDir()
                    .env("QUARKUS_DATASOURCE_REACTIVE_URL", database.get("quarkus.datasource.reactive.url"))
                    .env("QUARKUS_DATASOURCE_USERNAME", database.get("quarkus.datasource.username"))
                    .env("SERVICEGRADE_ADMIN_KEY", ADMIN_KEY)
                    .env("SERVICEGRADE_WEBHOOKS_ALLOW_INSECURE", "true")
                    .env("SERVICEGRADE_WEBHOOKS_POLL", "200ms"));
        }
        for (PackagedServer server : servers) {
            server.launch();
        }
        for (PackagedServer server : servers) {
            bases.add(server.awaitReady().base());
        }
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (PackagedServer server : servers) {
            server.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static Connection jdbc() throws Exception {
        return DriverManager.getConnection("jdbc:" + database.get("quarkus.datasource.reactive.url"), "postgres", "");
    }

    static long count(String sql) throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eachEventReachesTheReceiverOncePerSubscriptionWhicheverInstanceSendsIt() throws Exception {
        String path = "/two-" + UUID.randomUUID();
        // each answer takes a moment, so both instances are sending at the same time
        receiver.delay(path, 30);
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(bases.get(0) + "/api/v1/webhooks"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url(path)
                        + "\",\"kinds\":[\"appeal.filed\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        int n = 200;
        // events written as OutboundEvents writes a batch's: one statement, announced at commit as a range
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("""
                    WITH e AS (INSERT INTO outbound_event (kind, subject, payload)
                               SELECT 'appeal.filed', 'appeal/it-' || g, '{"it": true}'::jsonb
                               FROM generate_series(1, %d) g RETURNING id)
                    SELECT pg_notify('servicegrade_events', min(id) || '-' || max(id)) FROM e""".formatted(n));
        }
        TestReceiver.await(() -> receiver.at(path).size() >= n, Duration.ofSeconds(120), n + " deliveries");
        TestReceiver.await(() -> {
            try {
                return count("SELECT count(*) FROM webhook_delivery WHERE state = 'delivered'") == n;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), "all recorded delivered");
        Thread.sleep(2000);
        Map<String, Long> times = receiver.at(path).stream()
                .collect(Collectors.groupingBy(TestReceiver.Received::id, Collectors.counting()));
        assertThat(times).hasSize(n);
        assertThat(times.values()).as("each webhook-id reached the receiver once").containsOnly(1L);
        assertThat(count("SELECT count(*) FROM webhook_delivery")).isEqualTo(n);
        assertThat(count("SELECT count(*) FROM webhook_attempt")).isEqualTo(n);
        // both instances took part: the claims really competed
        assertThat(count("SELECT count(DISTINCT instance) FROM webhook_attempt")).isEqualTo(2);
    }
}
