package io.servicegrade;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GraphQL subscriber over WebSocket with the {@code graphql-transport-ws} subprotocol, as Apollo and urql speak
 * it: connects and is acknowledged, subscribes, and hands over each message but keep-alive pings.
 */
public final class GraphqlSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    /** Connects to the GraphQL endpoint at {@code graphql} (an http or ws URI) and waits for the acknowledgement. */
    public GraphqlSubscriber(URI graphql) throws Exception {
        this(graphql, Map.of(), null);
    }

    /**
     * Connects with {@code headers} on the upgrade request (a program may send a key so; a browser cannot) and
     * {@code initPayload} as the {@code connection_init} message's payload (Apollo's and urql's
     * {@code connectionParams}, where a browser sends its key), none when null.
     */
    public GraphqlSubscriber(URI graphql, Map<String, String> headers, Map<String, Object> initPayload)
            throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphql.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText(initPayload == null ? "{\"type\":\"connection_init\"}" : JSON.writeValueAsString(
                Map.of("type", "connection_init", "payload", initPayload)), true).get();
        assertThat(next()).contains("connection_ack");
    }

    /** Sends any operation (a query, a mutation, a subscription) with its variables under {@code id}. */
    public void send(String id, String query, Map<String, Object> variables) throws Exception {
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", "subscribe",
                "payload", Map.of("query", query, "variables", variables))), true).get();
    }

    /** Starts the subscription {@code query} under {@code id}. */
    public void subscribe(String id, String query) throws Exception {
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", "subscribe",
                "payload", Map.of("query", query))), true).get();
    }

    /** The next message but pings; fails after 15 s without one. */
    public String next() throws InterruptedException {
        String message = poll(Duration.ofSeconds(15));
        assertThat(message).as("a message within 15 s").isNotNull();
        return message;
    }

    /** The next message but pings, or null when none came within {@code wait}. */
    public String poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String message;
        do {
            message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (message != null && message.contains("\"type\":\"ping\""));
        return message;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
