package io.servicegrade.platform.database;

import io.servicegrade.AtOnce;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.bench.BenchData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged server, started at the same moment on different ports against one external
 * PostgreSQL (the machine's own binaries), behave as one: the schema is migrated once, identical batches sent to
 * both at once are stored once, and what is written through one shows in the standings read through the other
 * (B reading them through its read-replica setting) and reaches the other's subscribers.
 */
@EnabledIf("io.servicegrade.TestMachine#postgresBinariesOrCi")
class TwoInstancesIT {

    static final String ADMIN_KEY = "sg_it_" + UUID.randomUUID().toString().replace("-", "");

    static ExternalPostgres postgres;
    static Map<String, String> database;
    static final List<PackagedServer> servers = new ArrayList<>();
    static final List<String> bases = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startBoth() throws Exception {
        io.servicegrade.TestMachine.require(io.servicegrade.TestMachine.hasPostgresBinaries(),
                "PostgreSQL's server binaries under /usr/lib/postgresql (Debian's postgresql package)");
        postgres = new ExternalPostgres();
        database = postgres.start();
        String url = database.get("quarkus.datasource.reactive.url");
        for (String name : List.of("a", "b")) {
            PackagedServer server = new PackagedServer("two-" + name).freshDataDir()
                    .env("QUARKUS_DATASOURCE_REACTIVE_URL", url)
                    .env("QUARKUS_DATASOURCE_USERNAME", database.get("quarkus.datasource.username"))
                    .env("SERVICEGRADE_ADMIN_KEY", ADMIN_KEY);
            if (name.equals("b")) {
                // B reads standings through the read-replica setting (here the same server stands in for a standby)
                server.env("SERVICEGRADE_STANDINGS_READ_URL", url);
            }
            servers.add(server);
        }
        // both launched before either is awaited: they start at the same moment
        for (PackagedServer server : servers) {
            server.launch();
        }
        for (PackagedServer server : servers) {
            bases.add(server.awaitReady().base());
        }
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (PackagedServer server : servers) {
            server.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    static HttpResponse<String> send(String base, String method, String path, String body, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Connection jdbc() throws Exception {
        String reactive = database.get("quarkus.datasource.reactive.url");
        return DriverManager.getConnection("jdbc:" + reactive, "postgres", "");
    }

    static long count(String sql) throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void bothStartedAtOnceAndTheSchemaWasMigratedOnce() throws Exception {
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(f -> f.toString().endsWith(".sql")).count();
        }
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .isEqualTo(migrations);
        assertThat(count("SELECT count(*) FROM (SELECT version FROM flyway_schema_history GROUP BY version"
                + " HAVING count(*) > 1) twice")).isZero();
        // The operator's admin key works on both; it was stored once, and the built-in rubrics once each.
        for (String base : bases) {
            assertThat(send(base, "GET", "/api/v1/admin/keys", null, null).statusCode()).isEqualTo(200);
        }
        assertThat(count("SELECT count(*) FROM api_key")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM rubric_version WHERE rubric_key = 'postal-counter-model-window'"))
                .isEqualTo(1);
    }

    @Test
    void identicalBatchesSentToBothInstancesAtOnceAreStoredOnce() throws Exception {
        String p = "IT" + UUID.randomUUID().toString().substring(0, 8);
        units(p);
        StringBuilder batch = new StringBuilder("{\"evaluations\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append(evaluation(p + "-" + i, p + ".W1", 70 + i));
        }
        String body = batch.append("]}").toString();
        // With one Idempotency-Key: the first request to claim it runs; the others replay its answer (201, the
        // same body) or, while it is still running on the other instance, answer 409 (docs/evaluations.md).
        List<AtOnce.Call<HttpResponse<String>>> keyed = sendEverywhereAtOnce(body, p + "-key");
        AtOnce.assertOverlapped(keyed, 2);
        List<HttpResponse<String>> keyedAnswers = AtOnce.values(keyed);
        assertThat(keyedAnswers).extracting(HttpResponse::statusCode).allMatch(s -> s == 201 || s == 409)
                .contains(201);
        List<String> stored = keyedAnswers.stream().filter(r -> r.statusCode() == 201).map(HttpResponse::body)
                .distinct().toList();
        assertThat(stored).as("every 201 with the key is the one stored answer").hasSize(1);
        assertThat(stored.get(0)).doesNotContain("\"existing\"");
        // Without a key: every request answers 201, each evaluation with the one id already stored ("existing").
        List<AtOnce.Call<HttpResponse<String>>> plain = sendEverywhereAtOnce(body, null);
        AtOnce.assertOverlapped(plain, 2);
        for (HttpResponse<String> answer : AtOnce.values(plain)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(answer.body()).doesNotContain("\"created\"")
                    .isEqualTo(stored.get(0).replace("\"created\"", "\"existing\""));
        }
        assertThat(count("SELECT count(*) FROM evaluation WHERE external_id LIKE '" + p + "-%'")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM evaluation_revision r JOIN evaluation e ON e.id = r.evaluation_id"
                + " WHERE e.external_id LIKE '" + p + "-%'")).isEqualTo(20);
    }

    /** The same request sent eight times at the same moment, alternately to A and B. */
    private static List<AtOnce.Call<HttpResponse<String>>> sendEverywhereAtOnce(String body, String idempotencyKey)
            throws Exception {
        List<java.util.concurrent.Callable<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String base = bases.get(i % 2);
            sends.add(() -> send(base, "POST", "/api/v1/evaluations", body, idempotencyKey));
        }
        return AtOnce.run(sends);
    }

    @Test
    void whatIsWrittenThroughOneInstanceShowsInTheStandingsOfTheOther() throws Exception {
        String p = "IT" + UUID.randomUUID().toString().substring(0, 8);
        units(p);
        String key = p.toLowerCase() + "-scheme";
        scheme(key);
        String standing = "{\"query\":\"{ standing(scheme: \\\"" + key + "\\\", period: \\\"2025-Q2\\\", unit: \\\""
                + p + ".W1\\\") { value sources { samples } } }\"}";
        Pattern samples = Pattern.compile("\"samples\":(\\d+)");
        for (int round = 1; round <= 3; round++) {
            // B has read (and keeps) the board before A writes
            send(bases.get(1), "POST", "/graphql", standing, null);
            assertThat(send(bases.get(0), "POST", "/api/v1/evaluations", "{\"evaluations\":["
                    + evaluation(p + "-s" + round, p + ".W1", 80 + round) + "]}", null).statusCode()).isEqualTo(201);
            Matcher m = samples.matcher(send(bases.get(1), "POST", "/graphql", standing, null).body());
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(round);
        }
        assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                + " 'servicegrade-standings-reads'")).as("B reads standings through its read pool").isPositive();
    }

    @Test
    void aStandingsSubscriberOnOneInstanceHearsOfAnEvaluationPostedToTheOther() throws Exception {
        String p = "IT" + UUID.randomUUID().toString().substring(0, 8);
        units(p);
        String key = p.toLowerCase() + "-scheme";
        scheme(key);
        try (GraphqlSubscriber subscriber = new GraphqlSubscriber(URI.create(bases.get(1) + "/graphql"))) {
            subscriber.subscribe("1", """
                    subscription { standingUpdates(scheme: "%s", period: "2025-Q2", unit: "%s.W1") {
                      sources { samples } } }
                    """.formatted(key, p));
            assertThat(subscriber.next()).contains("\"samples\":0");
            // Written through A; heard on B.
            assertThat(send(bases.get(0), "POST", "/api/v1/evaluations", "{\"evaluations\":["
                    + evaluation(p + "-live", p + ".W1", 7) + "]}", null).statusCode()).isEqualTo(201);
            assertThat(subscriber.next()).contains("\"samples\":1");
        }
    }

    // issue 16: each instance keeps who a key stands for in memory (platform/security/IdentityCache); a key retired
    // through one instance is refused by the other as soon as the database's announcement reaches it
    @Test
    void anAgencyRetiredThroughOneInstanceIsRefusedByTheOtherThatKeptItsKey() throws Exception {
        String code = "it-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(bases.get(0), "POST", "/api/v1/agencies",
                "{\"code\":\"" + code + "\",\"name\":\"IT agency\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher secret = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created.body());
        assertThat(secret.find()).isTrue();
        HttpRequest read = HttpRequest.newBuilder(URI.create(bases.get(1) + "/api/v1/evaluations?first=1"))
                .header("X-Api-Key", secret.group(1)).build();
        // B knows the key, and keeps the answer
        for (int i = 0; i < 3; i++) {
            assertThat(HTTP.send(read, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        assertThat(send(bases.get(0), "PATCH", "/api/v1/agencies/" + code, "{\"active\":false}", null).statusCode())
                .isEqualTo(200);
        // a notification takes milliseconds; 5 s is far beyond it, and well within the minute B would keep it
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = HTTP.send(read, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        assertThat(status).as("the retired agency's key on the other instance").isEqualTo(401);
    }

    @Test
    void anUnfinishedImportThatNoInstanceHoldsIsRunByExactlyOneOfThem() throws Exception {
        String p = "IT" + UUID.randomUUID().toString().substring(0, 8);
        units(p);
        // A job as an instance that crashed while running it leaves it: stored with its file, 'running', held by
        // no one. 5,000 rows, so that it is still running when the other instance looks (every 10 s).
        int rows = 5_000;
        StringBuilder csv = new StringBuilder("externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,"
                + "q.efficiency,q.environment,q.competence\n");
        for (int i = 0; i < rows; i++) {
            csv.append(p).append("-imp-").append(i).append(",survey,").append(p).append(".W1,customer-satisfaction-5,")
                    .append("2025-04-10 09:30,satisfied,N/A,N/A,N/A,N/A\n");
        }
        long id;
        try (Connection c = jdbc(); java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO import_job"
                + " (agency_scope, key_id, filename, format, content, status)"
                + " SELECT 0, min(id), 'orphan.csv', 'csv', ?, 'running' FROM api_key RETURNING id")) {
            insert.setBytes(1, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (ResultSet created = insert.executeQuery()) {
                created.next();
                id = created.getLong(1);
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String status = null;
        while (System.nanoTime() < deadline && !"succeeded".equals(status) && !"failed".equals(status)) {
            Thread.sleep(500);
            String job = send(bases.get(0), "GET", "/api/v1/imports/" + id, null, null).body();
            Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(job);
            status = m.find() ? m.group(1) : null;
        }
        assertThat(status).as("the orphaned job ran to its end").isEqualTo("succeeded");
        // Give the other instance a scan after the end too, then count who ran it.
        Thread.sleep(11_000);
        int runs = 0;
        for (PackagedServer server : servers) {
            runs += Pattern.compile("Taking over import " + id + "\\b").matcher(server.logText()).results()
                    .toList().size();
        }
        assertThat(runs).as("instances that ran the job").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evaluation WHERE external_id LIKE '" + p + "-imp-%'")).isEqualTo(rows);
    }

    /** A quarterly scheme over postal inspections alone, stored through A. */
    private static void scheme(String key) throws Exception {
        assertThat(send(bases.get(0), "PUT", "/api/v1/schemes/" + key, """
                {"name": {"zh-CN": "方案", "en": "Scheme"}, "kinds": ["window"], "activeFrom": "2025-01-01",
                 "period": "quarter",
                 "sources": [{"source": "inspection", "rubric": "postal-counter-model-window"}],
                 "composites": [{"key": "score", "name": {"zh-CN": "得分", "en": "Score"},
                                 "weights": {"inspection": 1}}],
                 "grades": [{"key": "good", "name": {"zh-CN": "好", "en": "Good"}, "composite": "score", "min": 90},
                            {"key": "other", "name": {"zh-CN": "其他", "en": "Other"}}],
                 "rankBy": "score"}
                """, null).statusCode()).isEqualTo(201);
    }

    private static void units(String p) throws Exception {
        assertThat(send(bases.get(0), "PUT", "/api/v1/units", "[{\"code\":\"" + p + "\",\"name\":\"区\",\"kind\":"
                + "\"region\",\"area\":\"urban\"},{\"code\":\"" + p + ".W1\",\"name\":\"窗口\",\"kind\":\"window\","
                + "\"parent\":\"" + p + "\"}]", null).statusCode()).isEqualTo(200);
    }

    /** A postal inspection in 2025-Q2, every item answered, the same for the same seed. */
    private static String evaluation(String externalId, String unit, int seed) {
        return BenchData.evaluation(new java.util.Random(seed), externalId, unit,
                java.time.OffsetDateTime.parse("2025-05-10T10:00:00+08:00").plusHours(seed));
    }
}
