package io.servicegrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What authentication and scope checks add to a request (issue 16): the same reads sent back to back by one
 * client, in turn with no credential, an admin API key, an administrator's personal access token and a branch
 * manager's token (whose scope is resolved and checked on every request), so every variant meets the same moment
 * of the machine. The figures are the medians and 99th percentiles in microseconds, and what each credential adds
 * to the median of the same request without one. Sign-in itself (Argon2id) is measured apart: it is paid once per
 * token, not per request.
 *
 * <p>Needs the bench organisation ({@link BenchData#groups}, the windows) and the admin key.
 */
final class AuthCost {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-password-0123";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String adminKey;

    AuthCost(String base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    /** A credential to send, or none. */
    private record Variant(String name, String credential) {
    }

    Map<String, Object> run(int seconds, int signIns) {
        Map<String, Object> figures = new LinkedHashMap<>();
        String run = Long.toString(System.nanoTime(), 36);
        String window = BenchData.window(0);
        String branch = window.substring(0, window.indexOf('.', 2));
        JsonNode stored = json(send("POST", "/api/v1/evaluations", adminKey, "{\"evaluations\":["
                + BenchData.evaluation(new Random(7), "auth-" + run, window, BenchData.BATCH_TIME) + "]}", 201));
        long evaluation = stored.path("evaluations").path(0).path("id").asLong();
        if (evaluation == 0) {
            throw new IllegalStateException("no id in " + stored);
        }
        String admin = "bench-admin-" + run;
        String manager = "bench-manager-" + run;
        account(admin, "[\"administrator\"]", "[]");
        account(manager, "[\"manager\"]", "[\"" + branch + "\"]");

        List<Long> signInMicros = new ArrayList<>();
        String adminToken = null;
        for (int i = 0; i < signIns; i++) {
            long t0 = System.nanoTime();
            adminToken = token(admin);
            signInMicros.add((System.nanoTime() - t0) / 1_000);
        }
        String managerToken = token(manager);
        figures.put("auth_sign_in_p50_ms", Math.round(percentile(signInMicros, 0.5) / 100.0) / 10.0);

        List<Variant> unitReads = List.of(new Variant("open", null), new Variant("key", adminKey),
                new Variant("token", adminToken), new Variant("scoped", managerToken));
        Map<String, List<Long>> unit = interleaved("/api/v1/units/" + window, unitReads, seconds);
        List<Variant> evaluationReads = List.of(new Variant("key", adminKey), new Variant("scoped", managerToken));
        Map<String, List<Long>> sheet = interleaved("/api/v1/evaluations/" + evaluation, evaluationReads, seconds);

        long open = percentile(unit.get("open"), 0.5);
        for (Variant v : unitReads) {
            figures.put("auth_unit_" + v.name() + "_p50_us", percentile(unit.get(v.name()), 0.5));
            figures.put("auth_unit_" + v.name() + "_p99_us", percentile(unit.get(v.name()), 0.99));
            if (v.credential() != null) {
                figures.put("auth_added_" + v.name() + "_p50_us", percentile(unit.get(v.name()), 0.5) - open);
            }
        }
        for (Variant v : evaluationReads) {
            figures.put("auth_evaluation_" + v.name() + "_p50_us", percentile(sheet.get(v.name()), 0.5));
            figures.put("auth_evaluation_" + v.name() + "_p99_us", percentile(sheet.get(v.name()), 0.99));
        }
        figures.put("auth_requests", unit.values().stream().mapToInt(List::size).sum()
                + sheet.values().stream().mapToInt(List::size).sum());
        return figures;
    }

    /** The variants sent in turn, one request each, for {@code seconds} after a second of warm-up. */
    private Map<String, List<Long>> interleaved(String path, List<Variant> variants, int seconds) {
        Map<String, List<Long>> micros = new LinkedHashMap<>();
        variants.forEach(v -> micros.put(v.name(), new ArrayList<>()));
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            variants.forEach(v -> send("GET", path, v.credential(), null, 200));
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Variant v : variants) {
                long t0 = System.nanoTime();
                send("GET", path, v.credential(), null, 200);
                micros.get(v.name()).add((System.nanoTime() - t0) / 1_000);
            }
        }
        return micros;
    }

    private void account(String login, String roles, String scope) {
        send("POST", "/api/v1/admin/accounts", adminKey, "{\"login\":\"" + login + "\",\"displayName\":\"" + login
                + "\",\"roles\":" + roles + ",\"scope\":" + scope + ",\"password\":\"" + PASSWORD + "\"}", 201);
    }

    private String token(String login) {
        return json(send("POST", "/api/v1/auth/tokens", null, "{\"login\":\"" + login + "\",\"password\":\""
                + PASSWORD + "\",\"name\":\"bench\",\"expiresInDays\":1}", 201)).path("token").asText();
    }

    private String send(String method, String path, String credential, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The q-quantile (nearest rank) in µs. */
    private static long percentile(List<Long> micros, double q) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
    }
}
