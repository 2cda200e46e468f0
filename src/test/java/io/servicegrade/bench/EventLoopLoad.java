package io.servicegrade.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Closed-loop load from one event loop (issue 21): {@code clients} connections, each sending its next request when
 * its answer has arrived whole, as {@link BenchSuite#timed} does with a thread for each client. On the 2-core
 * machine that the client, the server and PostgreSQL share, sixteen threads blocked in {@code java.net.http} (each
 * request handed between the caller's thread, the client's selector thread and its executor) took a share of the
 * processors of their own, and their scheduling was part of every page's time; one event loop sends the same
 * requests at a fraction of the cost, so the figure is more the server's. Used for the standings pages, the
 * figures with a latency target.
 */
final class EventLoopLoad implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final URI base;

    EventLoopLoad(String base) {
        this.base = URI.create(base);
    }

    /**
     * {@code clients} clients POSTing {@code body.apply(n)} as JSON to {@code path} back to back for
     * {@code seconds}; a 503 with {@code Retry-After} is counted as refused, any other answer that is not a success
     * without GraphQL errors fails the run. Answers given from the server's memory ({@code Cache-Status: …; hit},
     * {@code platform/graphql/KeptAnswers}) are counted too.
     */
    Run run(int clients, int seconds, String path, IntFunction<String> body) throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients));
        List<Long> micros = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Loop loop = new Loop(http, path, body, end, micros, refused, kept, failure, finished);
        vertx.runOnContext(ignored -> {
            for (int c = 0; c < clients; c++) {
                loop.next(c, 0);
            }
        });
        if (!finished.await(seconds + 120L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the clients did not finish within two minutes of the end");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        synchronized (micros) {
            return new Run(new BenchSuite.Timed(new ArrayList<>(micros), elapsed, refused.get()), kept.get());
        }
    }

    /** A run's answers, and how many of them were given from the server's memory. */
    record Run(BenchSuite.Timed timed, int kept) {

        /** The share of the answers given from memory, in percent. */
        double keptPercent() {
            return timed.micros().isEmpty() ? 0 : Math.round(1000.0 * kept / timed.micros().size()) / 10.0;
        }
    }

    private record Loop(HttpClient http, String path, IntFunction<String> body, long end, List<Long> micros,
            AtomicInteger refused, AtomicInteger kept, AtomicReference<Throwable> failure, CountDownLatch finished) {

        void next(int client, int request) {
            if (System.nanoTime() >= end || failure.get() != null) {
                finished.countDown();
                return;
            }
            String sent = body.apply(client * 7919 + request);
            long t0 = System.nanoTime();
            http.request(HttpMethod.POST, path)
                    .compose(r -> r.putHeader("Content-Type", "application/json").send(sent))
                    .compose(response -> response.body().map(answer -> {
                        if (response.statusCode() == 503 && response.getHeader("Retry-After") != null) {
                            return Boolean.FALSE;
                        }
                        if (response.statusCode() >= 300 || startsWithErrors(answer)) {
                            throw new IllegalStateException("POST " + path + ": HTTP " + response.statusCode()
                                    + " " + answer.toString().substring(0, Math.min(500, answer.length())));
                        }
                        String status = response.getHeader("Cache-Status");
                        if (status != null && status.endsWith("; hit")) {
                            kept.incrementAndGet();
                        }
                        return Boolean.TRUE;
                    }))
                    .onComplete(answered -> {
                        if (answered.failed()) {
                            failure.compareAndSet(null, answered.cause());
                            finished.countDown();
                            return;
                        }
                        if (answered.result()) {
                            synchronized (micros) {
                                micros.add((System.nanoTime() - t0) / 1_000);
                            }
                        } else {
                            refused.incrementAndGet();
                        }
                        next(client, request + 1);
                    });
        }

        private static boolean startsWithErrors(Buffer answer) {
            return answer.length() >= 9 && answer.getString(0, 9).equals("{\"errors\"");
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
