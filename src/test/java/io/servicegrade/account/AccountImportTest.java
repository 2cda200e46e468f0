package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import io.servicegrade.platform.database.DatabaseOwner;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Bulk import of accounts (issue 16, point 6): CSV and XLSX through {@code POST /api/v1/admin/accounts/import},
 * checked in the request (every bad cell named by row and column, nothing stored), then made by a background job
 * that hashes the passwords (202 with Location); all or nothing; the generated passwords answered once, in the 202,
 * and never in the job; sign-ins still answered while a job hashes.
 */
@QuarkusTest
public class AccountImportTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    private static Response importCsv(String csv) {
        return asAdmin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/accounts/import");
    }

    /** Waits for the job at the 202's Location to end (at most 120 s); answers the job. */
    public static JsonPath finished(Response accepted) throws InterruptedException {
        accepted.then().statusCode(202);
        String location = accepted.header("Location");
        assertThat(location).matches(".*/api/v1/admin/accounts/import/\\d+");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = asAdmin().get(URI.create(location).getPath()).then().statusCode(200).extract()
                    .jsonPath();
            if (!"running".equals(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("account import " + location + " did not end in 120 s");
    }

    private static Response signIn(String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password,
                "name", "import test")).post("/api/v1/auth/tokens");
    }

    @Test
    void aCsvFileIsAcceptedAtOnceAndItsJobMakesEveryAccountWithThePasswordsAnsweredOnlyOnce() throws Exception {
        String p = freshLogin();
        String unit = TestApi.window();
        String csv = "login,displayName,roles,scope,password\n"
                + p + "-a,分析员 甲,analyst,," + PASSWORD + "\n"
                + p.toUpperCase(Locale.ROOT) + "-B,\"主管 乙, 网点\",\"manager, viewer\"," + unit + ",\n"
                + p + "-c,监察员 丙,inspector;analyst," + unit + ",\n";
        Response accepted = asAdmin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("filename", "managers.csv").post("/api/v1/admin/accounts/import");
        JsonPath answer = accepted.then().statusCode(202).body("job.rowsTotal", equalTo(3))
                .body("job.filename", equalTo("managers.csv")).body("job.format", equalTo("csv"))
                .body("accounts.row", contains(2, 3, 4))
                .body("accounts.login", contains(p + "-a", p + "-b", p + "-c"))
                .body("accounts[0].password", nullValue()).extract().jsonPath();
        String generatedB = answer.getString("accounts[1].password");
        String generatedC = answer.getString("accounts[2].password");
        assertThat(generatedB).hasSizeGreaterThanOrEqualTo(10).isNotEqualTo(generatedC);
        assertThat(accepted.header("Location")).endsWith("/api/v1/admin/accounts/import/"
                + answer.getLong("job.id"));

        JsonPath job = finished(accepted);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        assertThat(job.getInt("created")).isEqualTo(3);
        assertThat(job.getInt("rowsDone")).isEqualTo(3);
        assertThat(job.getList("errors")).isEmpty();
        // the passwords were in the 202 only: never in the job, read as often as one likes
        String again = asAdmin().get(URI.create(accepted.header("Location")).getPath()).then().statusCode(200)
                .extract().asString();
        assertThat(again).doesNotContain(generatedB).doesNotContain(generatedC).doesNotContain(PASSWORD);

        // the job's end is in the audit log, by whoever started it
        asAdmin().queryParam("target", "account-import:" + answer.getLong("job.id")).get("/api/v1/admin/audit")
                .then().statusCode(200).body("items.action", contains("account-import.finish"))
                .body("items[0].outcome", equalTo("ok")).body("items[0].via", equalTo("job"));

        signIn(p + "-a", PASSWORD).then().statusCode(201);
        signIn(p + "-b", generatedB).then().statusCode(201);
        signIn(p + "-c", generatedC).then().statusCode(201);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-b").then().statusCode(200)
                .body("displayName", equalTo("主管 乙, 网点")).body("roles", contains("manager", "viewer"))
                .body("scope", contains(unit));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-c").then().body("password", nullValue());
        // an unknown job, and a caller who is not an administrator
        asAdmin().get("/api/v1/admin/accounts/import/{id}", Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json");
        given().get(URI.create(accepted.header("Location")).getPath()).then().statusCode(401);
    }

    @Test
    void anAgencysAccountAndAnInspectorsSourcesComeFromTheirColumnsAndUnknownOnesAreNamed() throws Exception {
        String p = freshLogin();
        String unit = TestApi.window();
        String agency = TestApi.freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(Map.of("code", agency, "name", "测评公司 Survey Co"))
                .post("/api/v1/agencies").then().statusCode(201);
        String bad = "login,displayName,roles,scope,agency,sources\n"
                + p + "-g,机构人员,agency,," + agency + ",\n"           // row 2: fine, yet not stored
                + p + "-x,无此机构,agency,,NO-SUCH-" + agency + ",\n"   // row 3: unknown agency
                + p + "-y,坏来源,inspector," + unit + ",,\"inspection,gossip\"\n"; // row 4: unknown source
        importCsv(bad).then().statusCode(422).body("errors.pointer", contains("/3/agency", "/4/sources"));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-g").then().statusCode(404);

        String good = "login,displayName,roles,scope,测评机构,来源,password\n"
                + p + "-g,机构人员,agency,," + agency + ",," + PASSWORD + "\n"
                + p + "-i,监察员,inspector," + unit + ",,inspection;self," + PASSWORD + "\n";
        assertThat(finished(importCsv(good)).getInt("created")).isEqualTo(2);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-g").then().statusCode(200)
                .body("agency", equalTo(agency));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-i").then().statusCode(200)
                .body("sources", contains("inspection", "self"));
        // the same fields over GraphQL
        asAdmin().contentType(ContentType.JSON).body(Map.of("query", "{ account(login: \"" + p + "-i\") { scope "
                + "sources agency } }")).post("/graphql").then().statusCode(200)
                .body("data.account.sources", contains("inspection", "self"))
                .body("data.account.agency", nullValue()).body("data.account.scope", contains(unit));
        // the agency's person posts as the agency: its evaluations are the agency's
        String token = signIn(p + "-g", PASSWORD).then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("agency", equalTo(agency));
    }

    @Test
    void anXlsxFileWithChineseHeadersIsReadByTheEvaluationImportsReader() throws Exception {
        String p = freshLogin();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "servicegrade-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("账户");
        String[] header = {"登录名", "姓名", "角色", "密码"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
        }
        sheet.value(1, 0, p + "-x");
        sheet.value(1, 1, "张三");
        sheet.value(1, 2, "analyst");
        sheet.value(1, 3, PASSWORD);
        workbook.finish();
        Response accepted = asAdmin().contentType(XLSX).body(out.toByteArray())
                .post("/api/v1/admin/accounts/import");
        accepted.then().statusCode(202).body("accounts.login", contains(p + "-x")).body("job.format",
                equalTo("xlsx"));
        assertThat(finished(accepted).getString("status")).isEqualTo("succeeded");
        signIn(p + "-x", PASSWORD).then().statusCode(201);
    }

    @Test
    void aBadRowStoresNothingAndEveryBadCellIsNamedByRowAndColumn() {
        String p = freshLogin();
        String taken = freshLogin();
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", taken, "displayName", "已有", "roles",
                List.of("analyst"), "password", PASSWORD)).post("/api/v1/admin/accounts").then().statusCode(201);
        String csv = "login,displayName,roles,scope,password\n"
                + p + "-ok,好的,analyst,,\n"           // row 2: fine, yet not stored
                + p + "-r,坏角色,\"analyst,king\",,\n"   // row 3: unknown role
                + p + "-s,坏范围,manager,NOWHERE-" + p + ",\n" // row 4: unknown unit
                + p.toUpperCase(Locale.ROOT) + "-OK,重复,analyst,,\n" // row 5: login repeated (case ignored)
                + taken + ",已占用,analyst,,\n"          // row 6: login taken
                + p + "-n,,analyst,,short\n";          // row 7: no display name, short password
        Response refused = importCsv(csv);
        refused.then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", contains("/3/roles", "/4/scope", "/5/login", "/6/login", "/7/displayName",
                        "/7/password"))
                .body("errors.find { it.pointer == '/6/login' }.field", equalTo("login"))
                .body("errors.find { it.pointer == '/6/login' }.code", equalTo(taken));
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-ok").then().statusCode(404);

        // a file without a required column, or with one the import does not know
        importCsv("login,roles,color\n" + p + "-z,analyst,red\n").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/1/color", "/1/displayName"));
        // not an administrator
        given().contentType("text/csv").body("login,displayName,roles\nx,y,analyst\n")
                .post("/api/v1/admin/accounts/import").then().statusCode(401);
    }

    @Test
    void aBigImportIsHashedByAJobWhileSignInsAreAnsweredAndASecondImportWaitsItsTurn() throws Exception {
        String p = freshLogin();
        String login = freshLogin();
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "在用", "roles",
                List.of("analyst"), "password", PASSWORD)).post("/api/v1/admin/accounts").then().statusCode(201);
        StringBuilder csv = new StringBuilder("login,displayName,roles\n");
        for (int i = 0; i < 200; i++) {
            csv.append(p).append("-").append(i).append(",第").append(i).append("位,viewer\n");
        }
        // a viewer needs a scope: the file above is refused at every row before any hash, naming the first 100
        importCsv(csv.toString()).then().statusCode(422).body("errors", hasSize(100))
                .body("errors[0].pointer", equalTo("/2/scope")).body("errors[99].pointer", equalTo("/101/scope"));

        String unit = TestApi.window();
        // forty rows: hashed one at a time, long enough that the sign-ins below come while the job runs
        StringBuilder good = new StringBuilder("login,displayName,roles,scope\n");
        for (int i = 0; i < 40; i++) {
            good.append(p).append("-").append(i).append(",第").append(i).append("位,viewer,").append(unit)
                    .append("\n");
        }
        Response accepted = importCsv(good.toString());
        accepted.then().statusCode(202).body("accounts", hasSize(40));
        String location = URI.create(accepted.header("Location")).getPath();

        // one import runs at a time (servicegrade.accounts.imports-at-once): a second is refused, making no job
        String other = freshLogin();
        Response busy = importCsv("login,displayName,roles\n" + other + ",另一个,analyst\n");
        busy.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:servicegrade:problem:account-imports-busy"));
        assertThat(Integer.parseInt(busy.header("Retry-After"))).isPositive();

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> signIn(login, PASSWORD).statusCode());
        }
        List<AtOnce.Call<Integer>> done = AtOnce.run(calls);
        // every sign-in is answered (none refused 503 for want of a place at the hashing gate) ...
        assertThat(done.stream().map(AtOnce.Call::value)).containsExactly(201, 201, 201, 201);
        // ... while the job was still hashing
        JsonPath meanwhile = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
        assertThat(meanwhile.getString("status")).as("the job still runs after the sign-ins were answered: "
                + meanwhile.prettify()).isEqualTo("running");
        assertThat(meanwhile.getInt("rowsDone")).isLessThan(40);
        // nothing of the file is there before the job has stored it all
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-0").then().statusCode(404);

        JsonPath job = finished(accepted);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        assertThat(job.getInt("created")).isEqualTo(40);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-39").then().statusCode(200)
                .body("scope", contains(unit));
        asAdmin().get("/api/v1/admin/accounts/{login}", other).then().statusCode(404);
    }

    @Test
    void aJobWhoseStoreFailsMakesNoAccountOfItsFile() throws Exception {
        String p = freshLogin();
        String name = "fault_" + p.replaceAll("[^a-z0-9]", "_");
        // a real fault: the database refuses the third row's account, after the first two were written
        DatabaseOwner.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'injected fault for %', NEW.login; END $$");
        DatabaseOwner.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON account FOR EACH ROW WHEN (NEW.login = '"
                + p + "-c') EXECUTE FUNCTION " + name + "()");
        String csv = "login,displayName,roles\n" + p + "-a,甲,analyst\n" + p + "-b,乙,analyst\n"
                + p + "-c,丙,analyst\n";
        try {
            JsonPath job = finished(importCsv(csv));
            assertThat(job.getString("status")).isEqualTo("failed");
            assertThat(job.getString("errors[0].message.en")).contains("error id account-import-");
            assertThat(job.getString("errors[0].message.zh-CN")).isNotBlank();
            assertThat(job.<Object>get("created")).isNull();
            for (String login : List.of(p + "-a", p + "-b", p + "-c")) {
                asAdmin().get("/api/v1/admin/accounts/{login}", login).then().statusCode(404);
            }
        } finally {
            DatabaseOwner.execute("DROP TRIGGER IF EXISTS " + name + " ON account");
            DatabaseOwner.execute("DROP FUNCTION IF EXISTS " + name + "()");
        }
        // the fault made the failure: without it, the same file, sent again, makes all three
        JsonPath again = finished(importCsv(csv));
        assertThat(again.getString("status")).as(again.prettify()).isEqualTo("succeeded");
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-c").then().statusCode(200);
    }

    @Test
    void aJobWhoseInstanceStoppedIsMarkedFailedNotLeftRunning() throws Exception {
        // a job as an instance that crashed while hashing leaves it: running, and no instance holding its claim
        long id;
        try (java.sql.Connection connection = DatabaseOwner.connect();
                java.sql.ResultSet next = connection.createStatement()
                        .executeQuery("SELECT nextval('account_import_seq')")) {
            next.next();
            id = next.getLong(1);
        }
        DatabaseOwner.execute("INSERT INTO account_import (id, key_id, format, status, rows_total, rows_done) "
                + "VALUES (" + id + ", 0, 'csv', 'running', 12, 5)");
        String location = "/api/v1/admin/accounts/import/" + id;
        // every instance looks for such jobs at start and every 10 s
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonPath job = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
        while ("running".equals(job.getString("status")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
        }
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("failed");
        assertThat(job.getString("errors[0].message.en")).contains("no account of it was made");
        assertThat(job.getString("errors[0].message.zh-CN")).contains("请重新发送文件");
    }
}
