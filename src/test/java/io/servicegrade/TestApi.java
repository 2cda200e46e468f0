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

    /** A code prefix no other test uses, so each test builds its own data. */
    public static String freshPrefix() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
