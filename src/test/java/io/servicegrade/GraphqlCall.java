package io.servicegrade;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A GraphQL operation POSTed to {@code /graphql} over HTTP, with an API key sent either way REST takes one (the
 * mutation tests use both, so both stay covered): {@code Authorization: Bearer} or {@code X-Api-Key}; none when
 * the key is null.
 */
public final class GraphqlCall {

    private GraphqlCall() {
    }

    /** With the key as {@code Authorization: Bearer <key>}. */
    public static Response bearer(String key, String query, Map<String, Object> variables) {
        return post(key == null ? null : "Authorization", key == null ? null : "Bearer " + key, query, variables);
    }

    /** With the key as {@code X-Api-Key: <key>}. */
    public static Response apiKey(String key, String query, Map<String, Object> variables) {
        return post(key == null ? null : "X-Api-Key", key, query, variables);
    }

    private static Response post(String header, String value, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON);
        if (header != null) {
            request = request.header(header, value);
        }
        return request.body(Map.of("query", query, "variables", variables)).post("/graphql");
    }
}
