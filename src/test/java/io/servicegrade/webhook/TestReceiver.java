package io.servicegrade.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A webhook receiver for the tests: a Vert.x HTTP server on a free loopback port that keeps every request (its
 * path, the three Standard Webhooks headers and the body) and answers each path as scripted (200 by default).
 */
final class TestReceiver implements AutoCloseable {

    record Received(String path, String id, String timestamp, String signature, String body) {

        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    TestReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            received.add(new Received(path, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"), body.toString()));
            Deque<Integer> script = scripts.get(path);
            Integer status;
            synchronized (this) {
                status = script == null || script.isEmpty() ? null : script.poll();
            }
            int answer = status == null ? 200 : status;
            long delay = delays.getOrDefault(path, 0L);
            if (delay > 0) {
                vertx.setTimer(delay, t -> request.response().setStatusCode(answer).end());
            } else {
                request.response().setStatusCode(answer).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The receiver's URL for {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** The next answers to requests for {@code path}, in order; 200 after them. */
    void script(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** Answers requests for {@code path} only after {@code millis}. */
    void delay(String path, long millis) {
        delays.put(path, millis);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
