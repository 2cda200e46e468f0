package io.servicegrade.platform.database;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What survives a crash, proven on the packaged server with its embedded PostgreSQL (data in
 * {@code target/it-crash-data}): every acknowledged write outlives SIGKILL to the JVM and to PostgreSQL; a start
 * after a JVM-only kill stops the PostgreSQL it left behind; an import interrupted by a crash runs again; and while
 * the database is down the server says so (readiness DOWN, 503 problem documents) without leaking internals.
 *
 * <p>The tests share one data directory and run in order to save starts (~10 s each); each one first makes sure a
 * ready server is running, so each also runs alone ({@code -Dit.test=CrashIT#method}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {

    static final PackagedServer server = new PackagedServer("crash");
    /** The code prefix of this run's units: a region and its window {@code <prefix>.W1}. */
    static final String P = "CR" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    static final String WINDOW = P + ".W1";

    @BeforeAll
    static void firstStart() throws Exception {
        server.freshDataDir().start();
        server.asAdmin().contentType(ContentType.JSON).body("""
                [{"code": "%s", "name": "区", "kind": "region", "area": "urban"},
                 {"code": "%s", "name": "窗口", "kind": "window", "parent": "%s"}]
                """.formatted(P, WINDOW, P)).put("/api/v1/units").then().statusCode(200);
    }

    @AfterAll
    static void killEverything() throws Exception {
        server.close();
    }

    /** A ready server on the shared data directory, whatever the test before left. */
    static void running() throws Exception {
        if (server.isRunning() && server.request().get("/q/health/ready").statusCode() == 200) {
            return;
        }
        server.close();
        server.start();
    }

    @Test
    @Order(0)
    void theEmbeddedDatabaseAcknowledgesACommitOnlyOnceItIsFlushedToDisk() throws Exception {
        running();
        // Killing processes (the next test) cannot show what these add: a killed PostgreSQL loses nothing the
        // kernel already holds, and with synchronous_commit=off the WAL writer, woken by the commit, hands it to
        // the kernel within milliseconds (a run with it off lost nothing). Only a machine crash would; so they are
        // checked as set.
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    @Order(1)
    void everyAcknowledgedEvaluationOutlivesAKillOfTheServerAndItsDatabaseAtOnce() throws Exception {
        running();
        // 20 sequential batches of 5; the kill follows the last 201 at once, so an answer sent before its commit
        // (or a commit left in the server's memory) would lose the last batch.
        List<String> batches = new ArrayList<>();
        Map<Long, String> scores = new LinkedHashMap<>();
        for (int b = 0; b < 20; b++) {
            List<String> evaluations = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                evaluations.add(survey(P + "-ack-" + b + "-" + i, 1 + (b + i) % 4));
            }
            String batch = "{\"evaluations\": [" + String.join(",", evaluations) + "]}";
            JsonPath answer = postBatch(batch).then().statusCode(201).extract().jsonPath();
            assertThat(answer.getList("evaluations.outcome", String.class)).containsOnly("created");
            for (int i = 0; i < 5; i++) {
                scores.put(answer.getLong("evaluations[" + i + "].id"),
                        answer.getString("evaluations[" + i + "].score"));
            }
            batches.add(batch);
        }
        long postmaster = server.killPostgres();
        server.killJvm();
        assertThat(postmaster).as("an embedded PostgreSQL was running and was killed").isPositive();

        server.start();

        assertThat(server.logText()).as("no PostgreSQL survived the kill: this start recovered from the crash")
                .doesNotContain("Stopping a stale");
        assertThat(scores).hasSize(100);
        for (Map.Entry<Long, String> acknowledged : scores.entrySet()) {
            assertThat(server.asAdmin().get("/api/v1/evaluations/{id}", acknowledged.getKey()).then()
                    .statusCode(200).extract().jsonPath().getString("score"))
                    .as("the score of evaluation %d", acknowledged.getKey()).isEqualTo(acknowledged.getValue());
        }
        for (String batch : batches) {
            JsonPath again = postBatch(batch).then().statusCode(201).extract().jsonPath();
            assertThat(again.getList("evaluations.outcome", String.class)).as("the same batch sent again")
                    .containsOnly("existing");
            assertThat(again.getList("evaluations.id", Long.class)).allMatch(scores::containsKey);
        }
    }

    @Test
    @Order(2)
    void aStartAfterOnlyTheJvmWasKilledStopsTheDatabaseItLeftRunningAndFindsItsWrites() throws Exception {
        running();
        JsonPath answer = postBatch("{\"evaluations\": [" + survey(P + "-stale", 2) + "]}").then().statusCode(201)
                .extract().jsonPath();
        long id = answer.getLong("evaluations[0].id");
        String score = answer.getString("evaluations[0].score");
        ProcessHandle stale = server.postmaster().orElseThrow(() -> new AssertionError("no postmaster running"));

        server.killJvm();
        assertThat(stale.isAlive()).as("the killed JVM left its PostgreSQL running").isTrue();

        server.start();

        assertThat(stale.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("the stale postmaster was stopped")
                .isFalse();
        assertThat(server.postmaster()).as("a new postmaster").isPresent().get()
                .extracting(ProcessHandle::pid).isNotEqualTo(stale.pid());
        assertThat(server.logText()).contains("Stopping a stale embedded PostgreSQL (pid " + stale.pid() + ")");
        assertThat(server.asAdmin().get("/api/v1/evaluations/{id}", id).then().statusCode(200).extract()
                .jsonPath().getString("score")).isEqualTo(score);
    }

    @Test
    @Order(3)
    void anImportInterruptedByACrashRunsAgainAfterTheRestartAndStoresEveryRowOnce() throws Exception {
        running();
        // Big enough to take seconds (about 1.5 s per 1,000 rows on a 2-core machine), so the kill that follows
        // the 202 at once finds it unfinished; the restart's log proves it was.
        int rows = 10_000;
        StringBuilder csv = new StringBuilder("externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,"
                + "q.efficiency,q.environment,q.competence\n");
        for (int i = 0; i < rows; i++) {
            // one response per row, fixed 2025 dates spread over March
            csv.append(P).append("-imp-").append(i).append(",survey,").append(WINDOW)
                    .append(",customer-satisfaction-5,2025-03-").append(String.format("%02d", 1 + i % 28))
                    .append(" 09:30,").append(i % 2 == 0 ? "satisfied" : "very-satisfied")
                    .append(",N/A,N/A,N/A,N/A\n");
        }
        long id = server.asAdmin().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202).extract().jsonPath().getLong("id");
        String before = server.asAdmin().get("/api/v1/imports/{id}", id).then().statusCode(200).extract()
                .jsonPath().getString("status");
        server.killJvm();
        long postmaster = server.killPostgres();
        assertThat(before).as("the import was still unfinished when the server was killed (if not, make the file"
                + " larger)").isIn("queued", "running");
        assertThat(postmaster).isPositive();

        server.start();

        JsonPath job = awaitImport(id, Duration.ofMinutes(5));
        assertThat(server.logText()).as("the restarted server found the unfinished job")
                .contains("Resuming import " + id);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        assertThat(job.getInt("rowsTotal")).isEqualTo(rows);
        assertThat(job.getInt("rowsDone")).isEqualTo(rows);
        // created, unless the kill fell between storing the rows and marking the job done: then existing
        assertThat(job.getInt("result.created") + job.getInt("result.existing")).isEqualTo(rows);
        assertThat(job.getInt("result.revised")).isZero();
        try (Connection c = server.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*), count(DISTINCT e.external_id), (SELECT count(*) FROM evaluation_revision r"
                        + " JOIN evaluation x ON x.id = r.evaluation_id WHERE x.external_id LIKE '" + P
                        + "-imp-%') FROM evaluation e WHERE e.external_id LIKE '" + P + "-imp-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("evaluations stored").isEqualTo(rows);
            assertThat(rs.getLong(2)).as("distinct externalIds").isEqualTo(rows);
            assertThat(rs.getLong(3)).as("revisions stored").isEqualTo(rows);
        }
    }

    @Test
    @Order(4)
    void anUnexpectedFailureAnswersA500ProblemWithAnErrorIdTheLogCarriesAndNoSql() throws Exception {
        running();
        // A failure no code expects: the units table is gone (renamed), the database itself up.
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE unit RENAME TO unit_hidden_by_crash_it");
        }
        Response answer;
        try {
            answer = server.request().get("/api/v1/units/{code}", WINDOW);
        } finally {
            try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE unit_hidden_by_crash_it RENAME TO unit");
            }
        }
        String body = answer.asString();
        assertThat(answer.statusCode()).as(body).isEqualTo(500);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonPath problem = answer.jsonPath();
        assertThat(problem.getString("type")).isEqualTo("urn:servicegrade:problem:internal");
        assertThat(problem.getInt("status")).isEqualTo(500);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
                .matcher(problem.getString("detail"));
        assertThat(id.find()).as("an error id in the detail: " + problem.getString("detail")).isTrue();
        // issue 22: the error id is the request's: its X-Request-Id, the problem's instance, its log line's
        assertThat(answer.header("X-Request-Id")).isEqualTo(id.group());
        assertThat(problem.getString("instance")).isEqualTo("urn:servicegrade:request:" + id.group());
        assertThat(body).doesNotContain("Exception", "\tat ", "at io.", "SELECT", "relation", "unit u", "42P01",
                "postgres");
        // The log carries the same id, with what the client is not told.
        String log = server.logText();
        assertThat(log).contains("Error " + id.group() + " while serving GET /api/v1/units/" + WINDOW);
        assertThat(log.lines().filter(line -> line.contains("GET /api/v1/units/{code} 500 ")
                && line.endsWith(" " + id.group()))).as("the request's log line").hasSize(1);
        assertThat(log.substring(log.indexOf("Error " + id.group()))).contains("relation \"unit\" does not exist");
        server.request().get("/api/v1/units/{code}", WINDOW).then().statusCode(200);
    }

    @Test
    @Order(5)
    void whileTheDatabaseIsDownTheServerIsNotReadyAndAnswersA503ProblemWithoutInternals() throws Exception {
        running();
        JsonPath stored = postBatch("{\"evaluations\": [" + survey(P + "-down", 3) + "]}").then().statusCode(201)
                .extract().jsonPath();
        long id = stored.getLong("evaluations[0].id");

        String port = Files.readAllLines(server.postmasterPidFile(), StandardCharsets.US_ASCII).get(3).trim();
        assertThat(server.killPostgres()).as("an embedded PostgreSQL was running and was killed").isPositive();

        Response ready = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ready = server.request().get("/q/health/ready");
            if (ready.statusCode() != 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(ready.statusCode()).as("readiness within 60 s of the database going:\n" + ready.asString())
                .isEqualTo(503);
        assertThat(ready.jsonPath().getString("status")).isEqualTo("DOWN");
        assertThat(ready.jsonPath().getString("checks.find { it.name == 'database' }.status")).as(ready.asString())
                .isEqualTo("DOWN");
        // Nothing about where the database is or why it failed reaches the probe's answer.
        assertThat(ready.asString()).doesNotContain(":" + port).doesNotContain("localhost")
                .doesNotContain("Connection refused");
        // Liveness stays UP: a database outage is no reason to restart the server.
        Response live = server.request().get("/q/health/live");
        assertThat(live.statusCode()).as(live.asString()).isEqualTo(200);
        assertThat(live.jsonPath().getString("status")).isEqualTo("UP");

        List<Response> answers = List.of(
                server.asAdmin().get("/api/v1/evaluations/{id}", id),
                server.request().get("/api/v1/units/{code}", WINDOW),
                postBatch("{\"evaluations\": [" + survey(P + "-down-2", 1) + "]}"));
        for (Response answer : answers) {
            String body = answer.asString();
            assertThat(answer.statusCode()).as(body).isEqualTo(503);
            assertThat(answer.header("Retry-After")).as("when to try again").isEqualTo("5");
            assertThat(answer.contentType()).startsWith("application/problem+json");
            JsonPath problem = answer.jsonPath();
            assertThat(problem.getString("type")).isEqualTo("urn:servicegrade:problem:unavailable");
            assertThat(problem.getString("title")).isEqualTo("Service unavailable");
            assertThat(problem.getInt("status")).isEqualTo(503);
            assertThat(problem.getString("detail")).isEqualTo("The database is unreachable; try again shortly.");
            assertThat(problem.getString("instance")).isEqualTo("urn:servicegrade:request:" + answer.header("X-Request-Id"));
            assertThat(body).doesNotContain("Exception", "\tat ", "at io.", "SELECT", "INSERT", "postgres",
                    "5432", "localhost");
        }
        // So does GraphQL, in its own error format: the problem's words, not "System error".
        Response graphql = server.request().contentType("application/json")
                .body("{\"query\": \"{ standings(scheme: \\\"create-satisfied-windows\\\", period: \\\"2023-Q2\\\")"
                        + " { totalCount } }\"}")
                .post("/graphql");
        assertThat(graphql.jsonPath().getString("errors[0].message")).as(graphql.asString())
                .isEqualTo("The database is unreachable; try again shortly.");
        // issue 15: with a code a program can act on, and when to try again
        assertThat(graphql.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAVAILABLE");
        assertThat(graphql.jsonPath().getInt("errors[0].extensions.retryAfter")).isEqualTo(5);
        // A report page says so too, in the reader's language, with when to come back.
        Response page = server.request().header("Accept-Language", "en").get("/reports/standings?lang=en");
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isEqualTo("5");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("The database is unreachable; try again shortly.")
                .doesNotContain("Exception", "SELECT", "localhost");
        // The log says what happened, per request.
        assertThat(server.logText()).contains("Database unreachable while serving GET /api/v1/evaluations/" + id,
                "Database unreachable while serving POST /api/v1/evaluations");
    }

    private static JsonPath awaitImport(long id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath job = null;
        while (System.nanoTime() < deadline) {
            job = server.asAdmin().get("/api/v1/imports/{id}", id).then().statusCode(200).extract().jsonPath();
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(500);
        }
        fail("import " + id + " did not finish in " + timeout.toSeconds() + " s after the restart: "
                + (job == null ? "" : job.prettify()) + "\n" + server.logText());
        return null;
    }

    private static Response postBatch(String batch) throws Exception {
        return server.asAdmin().contentType(ContentType.JSON).body(batch).post("/api/v1/evaluations");
    }

    /** A questionnaire on the window, in March 2025: overall rated by {@code satisfied} + 1 customers. */
    private static String survey(String externalId, int satisfied) {
        return """
                {"externalId": "%s", "source": "survey", "unit": "%s", "rubric": "customer-satisfaction-5",
                 "conductedAt": "2025-03-14T10:30:00+08:00",
                 "answers": [{"item": "q.overall", "responses": {"satisfied": %d, "very-satisfied": 1}},
                             {"item": "q.attitude", "notApplicable": true},
                             {"item": "q.efficiency", "notApplicable": true},
                             {"item": "q.environment", "notApplicable": true},
                             {"item": "q.competence", "notApplicable": true}]}
                """.formatted(externalId, WINDOW, satisfied);
    }
}
