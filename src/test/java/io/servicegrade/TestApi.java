package io.servicegrade;

import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the tests share: the admin key the server wrote on its first start, and fresh codes. */
public final class TestApi {

    public static final Path DATA_DIR = Path.of("target/test-data");

    private TestApi() {
    }

    public static String adminKey() {
        try {
            return Files.readString(DATA_DIR.resolve("admin-api-key"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request carrying the admin key. */
    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminKey());
    }

    /** A new survey agency (limited to {@code sources} unless null); answers its API key. */
    public static String agency(java.util.List<String> sources) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("code", freshPrefix(),
                "name", "测评公司 Survey Co"));
        if (sources != null) {
            body.put("sources", sources);
        }
        return asAdmin().contentType(io.restassured.http.ContentType.JSON).body(body).post("/api/v1/agencies")
                .then().statusCode(201).extract().path("key");
    }

    /**
     * The test's own units: an outlet coded {@code prefix} and {@code n} windows under it, coded
     * {@code prefix.W1} … {@code prefix.Wn}; answers the windows' codes.
     */
    public static java.util.List<String> windows(String prefix, int n) {
        java.util.List<java.util.Map<String, Object>> units = new java.util.ArrayList<>();
        units.add(java.util.Map.of("code", prefix, "name", prefix + " 支局", "kind", "outlet"));
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String code = prefix + ".W" + i;
            codes.add(code);
            units.add(java.util.Map.of("code", code, "name", "窗口 " + i, "kind", "window", "parent", prefix));
        }
        asAdmin().contentType(io.restassured.http.ContentType.JSON).body(units).put("/api/v1/units")
                .then().statusCode(200);
        return codes;
    }

    /** One window of the test's own, under a fresh prefix; answers its code. */
    public static String window() {
        return windows(freshPrefix(), 1).get(0);
    }

    /** A code prefix no other test uses, so each test builds its own data. */
    public static String freshPrefix() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
