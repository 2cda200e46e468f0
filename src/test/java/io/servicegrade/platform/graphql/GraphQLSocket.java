package io.servicegrade.platform.graphql;

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

/**
 * A GraphQL WebSocket client speaking either subprotocol SmallRye GraphQL serves: {@code graphql-transport-ws}
 * (subscribe / next / error / complete) or the older {@code graphql-ws} (start / data / error / stop).
 */
final class GraphQLSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final boolean transportWs;

    GraphQLSocket(URI graphql, String subprotocol) throws Exception {
        this(graphql, subprotocol, Map.of());
    }

    /** A socket whose upgrade request carries {@code headers} (e.g. Accept-Language). */
    GraphQLSocket(URI graphql, String subprotocol, Map<String, String> headers) throws Exception {
        transportWs = subprotocol.equals("graphql-transport-ws");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.subprotocols(subprotocol)
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
        socket.sendText("{\"type\":\"connection_init\"}", true).get();
        String ack = next(Duration.ofSeconds(15));
        if (ack == null || !ack.contains("connection_ack")) {
            throw new AssertionError("no connection_ack: " + ack);
        }
    }

    void subscribe(String id, String query) throws Exception {
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", transportWs ? "subscribe" : "start",
                "payload", Map.of("query", query))), true).get();
    }

    void complete(String id) throws Exception {
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", transportWs ? "complete" : "stop")),
                true).get();
    }

    /** The next message but keep-alives, or null when none came within {@code wait}. */
    String next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String message;
        do {
            message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (message != null && (message.contains("\"type\":\"ping\"") || message.contains("\"type\":\"pong\"")
                || message.contains("\"type\":\"ka\"")));
        return message;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
