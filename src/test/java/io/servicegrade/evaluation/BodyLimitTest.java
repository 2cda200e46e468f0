package io.servicegrade.evaluation;

import io.servicegrade.HeadersOnly;
import io.servicegrade.HeadersOnly.Answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/** Bodies over the server's 32 MB limit are refused with a problem before any resource reads them. */
@QuarkusTest
class BodyLimitTest {

    /** {@code quarkus.http.limits.max-body-size=32M}: 32 × 1024 × 1024 bytes. */
    private static final long LIMIT = 32L * 1024 * 1024;

    @Inject
    Pool pool;

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    @TestHTTPResource("/api/v1/imports")
    URI imports;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** {@code head}, then spaces up to {@code length} bytes less the tail, then {@code tail}; made as it is read. */
    private static InputStream padded(String head, long length, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        long spaces = length - h.length - t.length;
        InputStream padding = new InputStream() {
            long left = spaces;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(h), padding),
                new ByteArrayInputStream(t));
    }

    /** An agency of the test's own: its key and scope. */
    private record Agency(String key, long scope) {
    }

    private Agency agency() {
        String code = freshPrefix();
        String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        long scope = pool.preparedQuery("SELECT id FROM agency WHERE code = $1").execute(Tuple.of(code))
                .await().indefinitely().iterator().next().getLong(0);
        return new Agency(key, scope);
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getLong(0);
    }

    /** A valid batch of one evaluation, padded with white space to {@code length} bytes: fine but for its size. */
    private String[] batch(String externalId) throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("evaluations",
                List.of(EvaluationResourceTest.survey(TestApi.window(), externalId, 1))));
        // Split before the closing brace: {"evaluations":[…]  <spaces>  }
        return new String[] {json.substring(0, json.length() - 1), "}"};
    }

    /** Sends only the request line and headers of a POST whose {@code Content-Length} is {@code length}. */
    private static Answer headersOnly(URI uri, String key, String contentType, long length) throws Exception {
        return HeadersOnly.send(uri, "POST", uri.getPath(), key, contentType, length);
    }

    @Test
    void aBatchOver32MegabytesIsRefusedWith413BeforeItsBodyIsRead() throws Exception {
        Agency agency = agency();

        Answer answer = headersOnly(evaluations, agency.key(), "application/json", LIMIT + 1);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(new ObjectMapper().readTree(answer.body()).get("status").asInt()).isEqualTo(413);
        assertThat(count("SELECT count(*) FROM evaluation WHERE agency_scope = $1", agency.scope())).isZero();
    }

    @Test
    void aBatchJustUnder32MegabytesIsRead() throws Exception {
        Agency agency = agency();
        String p = freshPrefix();
        String[] parts = batch(p);
        long length = LIMIT;

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(evaluations)
                .timeout(Duration.ofSeconds(120))
                .header("X-Api-Key", agency.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> padded(parts[0], length, parts[1])), length))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM evaluation WHERE external_id = $1", p)).isEqualTo(1);
    }

    @Test
    void anImportOver32MegabytesIsRefusedWith413AndNoJobIsMade() throws Exception {
        Agency agency = agency();

        Answer answer = headersOnly(imports, agency.key(), "text/csv", LIMIT + 1);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(count("SELECT count(*) FROM import_job WHERE agency_scope = $1", agency.scope())).isZero();
    }
}
