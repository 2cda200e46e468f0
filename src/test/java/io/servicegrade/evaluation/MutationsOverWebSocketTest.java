package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutation over the GraphQL WebSocket ({@code graphql-transport-ws}: its {@code subscribe} message carries any
 * operation) is the mutation over HTTP (issue 15, point 3): the same payload, the same idempotency store, the same
 * keys. A browser cannot set headers on a WebSocket, so Apollo and urql send the key in the {@code connection_init}
 * payload ({@code connectionParams}); a program may send it on the upgrade request as over HTTP. Queries that need
 * the key ({@code evaluation}, {@code evaluations}) read it the same way.
 */
@QuarkusTest
class MutationsOverWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI graphql;

    /** The {@code next} message answering {@code id}, as JSON (failing on an error message). */
    private static JsonNode answer(GraphqlSubscriber socket, String id) throws Exception {
        while (true) {
            JsonNode message = JSON.readTree(socket.next());
            if (!id.equals(message.path("id").asText())) {
                continue;
            }
            assertThat(message.path("type").asText()).as("answer to %s: %s", id, message).isEqualTo("next");
            return message.path("payload");
        }
    }

    /** The first message for {@code id} (next or error), as text. */
    private static String firstFor(GraphqlSubscriber socket, String id) throws Exception {
        while (true) {
            String message = socket.next();
            if (message.contains("\"id\":\"" + id + "\"")) {
                return message;
            }
        }
    }

    private static int storedFor(String unit) {
        return asAdmin().queryParam("unit", unit).get("/api/v1/evaluations").then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aBatchPostedOverTheWebSocketIsAnsweredAsOverHttpAndReplayedByItsIdempotencyKey() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        Map<String, Object> batch = EvaluationMutationsTest.batch(
                List.of(EvaluationResourceTest.survey(w, p, 2)), "ws-" + p);
        int before = storedFor(w);

        JsonNode first;
        JsonNode again;
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + key))) {
            socket.send("m1", EvaluationMutationsTest.POST, batch);
            first = answer(socket, "m1");
            socket.send("m2", EvaluationMutationsTest.POST, batch);
            again = answer(socket, "m2");
            // a query that needs the key reads it from the same place
            String id = first.path("data").path("postEvaluations").path("evaluations").get(0).path("id").asText();
            socket.send("q", "query Q($id: ID!) { evaluation(id: $id) { externalId } }", Map.of("id", id));
            assertThat(answer(socket, "q").path("data").path("evaluation").path("externalId").asText())
                    .isEqualTo(p);
        }
        assertThat(first.has("errors")).as("errors in %s", first).isFalse();
        JsonNode posted = first.path("data").path("postEvaluations");
        assertThat(posted.path("replayed").asBoolean()).isFalse();
        assertThat(posted.path("userErrors")).isEmpty();
        assertThat(posted.path("evaluations").get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(posted.path("evaluations").get(0).path("externalId").asText()).isEqualTo(p);

        // the same again over the socket: the kept answer, replayed
        JsonNode replayed = again.path("data").path("postEvaluations");
        assertThat(replayed.path("replayed").asBoolean()).isTrue();
        assertThat(replayed.path("evaluations")).isEqualTo(posted.path("evaluations"));

        // over HTTP, with the key in a header: the same payload, from the same store
        JsonNode overHttp = JSON.readTree(EvaluationMutationsTest.graphql(key, EvaluationMutationsTest.POST, batch)
                .then().statusCode(200).extract().asString()).path("data").path("postEvaluations");
        assertThat(overHttp).isEqualTo(replayed);
        assertThat(storedFor(w)).isEqualTo(before + 1);
    }

    @Test
    void theKeyMayComeOnTheUpgradeRequestAsOverHttp() throws Exception {
        String key = TestApi.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql, Map.of("X-Api-Key", key), null)) {
            socket.send("m", EvaluationMutationsTest.POST, EvaluationMutationsTest.batch(
                    List.of(EvaluationResourceTest.survey(w, p, 1)), null));
            JsonNode posted = answer(socket, "m").path("data").path("postEvaluations");
            assertThat(posted.path("evaluations").get(0).path("outcome").asText()).isEqualTo("created");
        }
        assertThat(asAdmin().queryParam("unit", w).queryParam("limit", 500).get("/api/v1/evaluations").then()
                .extract().<List<String>>path("items.externalId")).contains(p);
    }

    /** Without a key, or with a key that may not do it, the socket answers as HTTP does, and nothing is stored. */
    @Test
    void overTheWebSocketAMutationIsRefusedAsOverHttp() throws Exception {
        String p = freshPrefix();
        String w = TestApi.window();
        int before = storedFor(w);
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql)) {
            socket.send("m", EvaluationMutationsTest.POST, EvaluationMutationsTest.batch(
                    List.of(EvaluationResourceTest.survey(w, p, 1)), null));
            assertThat(firstFor(socket, "m")).contains("UNAUTHENTICATED").doesNotContain("Exception");
        }
        assertThat(storedFor(w)).isEqualTo(before);

        // an agency's key where the admin's is needed: FORBIDDEN, the unit unchanged
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + TestApi.agency(null)))) {
            socket.send("u", "mutation U($code: String!) { updateUnit(code: $code, input: {name: \"x\"}) "
                    + "{ unit { name } } }", Map.of("code", w));
            assertThat(firstFor(socket, "u")).contains("FORBIDDEN");
        }
        asAdmin().get("/api/v1/units/{code}", w).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not("x"));
    }
}
