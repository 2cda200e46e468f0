package io.servicegrade.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluations per second through POST /api/v1/evaluations: {@code clients} concurrent clients each send
 * {@code batches} batches of {@code size} postal-rubric inspections to a running server. Run by
 * bench/ingestion.sh, which starts the server. Arguments: baseUrl apiKey clients batches size.
 */
public final class IngestionBenchmark {

    private static final String[] ITEMS = {"org.setup", "org.reporting", "env.lobby", "env.layout", "fac.public-info",
            "fac.hours", "fac.convenience", "fac.equipment", "eti.appearance", "eti.demeanour", "eti.attitude",
            "eti.language", "qual.supervision", "qual.discipline", "mgmt.registers", "mgmt.rules", "mgmt.supplies"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int clients = Integer.parseInt(args[2]);
        int batches = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        String[] windows = args[5].split(",");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);

        // One warm-up batch per client, not counted.
        send(http, base, key, batch(new Random(-1), run + "w", 0, size, windows));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong stored = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                Random random = new Random(client);
                for (int b = 0; b < batches; b++) {
                    String body = batch(random, run + "c" + client, b, size, windows);
                    long t0 = System.nanoTime();
                    send(http, base, key, body);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    stored.addAndGet(size);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        System.out.printf("%d evaluations in %d batches of %d from %d clients in %.1f s: %.0f evaluations/s;"
                + " batch latency median %d ms, p95 %d ms%n", stored.get(), sorted.size(), size, clients, seconds,
                stored.get() / seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)));
    }

    private static void send(HttpClient http, String base, String key, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/evaluations"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A batch of postal inspections with varied findings. */
    static String batch(Random random, String prefix, int number, int size, String[] windows) {
        StringBuilder json = new StringBuilder(size * 1200).append("{\"evaluations\":[");
        OffsetDateTime when = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"externalId\":\"").append(prefix).append('-').append(number).append('-').append(i)
                    .append("\",\"source\":\"inspection\",\"unit\":\"").append(windows[random.nextInt(windows.length)])
                    .append("\",\"rubric\":\"postal-counter-model-window\",\"conductedAt\":\"")
                    .append(when.minusMinutes(random.nextInt(100_000))).append("\",\"evaluator\":\"insp-")
                    .append(random.nextInt(40)).append("\",\"answers\":[");
            for (String item : ITEMS) {
                json.append("{\"item\":\"").append(item).append("\",\"violations\":").append(random.nextInt(3) / 2)
                        .append("},");
            }
            json.append("{\"item\":\"signage.identity\",\"pass\":").append(random.nextInt(50) > 0).append("},")
                    .append("{\"item\":\"env.service-officer\",\"violations\":0},")
                    .append("{\"item\":\"eti.protocol\",\"observations\":[{\"seconds\":")
                    .append(600 + random.nextInt(500)).append("}]},")
                    .append("{\"item\":\"mgmt.security\",\"violations\":").append(random.nextInt(4) / 3).append("},")
                    .append("{\"item\":\"cap.time-limits\",\"observations\":[{\"limit\":\"remittance\",\"seconds\":")
                    .append(250 + random.nextInt(200)).append(",\"amount\":").append(random.nextInt(40_000))
                    .append("}]},")
                    .append("{\"item\":\"cap.it-indicators\",\"rates\":{\"upload-rate\":")
                    .append(95 + random.nextInt(50) / 10.0).append(",\"address-match-rate\":")
                    .append(85 + random.nextInt(150) / 10.0).append("}},")
                    .append("{\"item\":\"out.revenue\",\"notApplicable\":true},")
                    .append("{\"item\":\"out.overall\",\"rate\":").append(80 + random.nextInt(200) / 10.0)
                    .append("}]}");
        }
        return json.append("]}").toString();
    }
}
