package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
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
 * all or nothing, every bad cell named by row and column, generated passwords answered once, and an import of
 * many rows paced so that sign-ins are still answered meanwhile.
 */
@QuarkusTest
class AccountImportTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static String freshLogin() {
        return TestApi.freshPrefix().toLowerCase(Locale.ROOT);
    }

    private static Response importCsv(String csv) {
        return asAdmin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/accounts/import");
    }

    private static Response signIn(String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password,
                "name", "import test")).post("/api/v1/auth/tokens");
    }

    @Test
    void aCsvFileMakesEveryAccountAndAnswersTheGeneratedPasswordsOnce() {
        String p = freshLogin();
        String unit = TestApi.window();
        String csv = "login,displayName,roles,scope,password\n"
                + p + "-a,分析员 甲,analyst,," + PASSWORD + "\n"
                + p.toUpperCase(Locale.ROOT) + "-B,\"主管 乙, 网点\",\"manager, viewer\"," + unit + ",\n"
                + p + "-c,监察员 丙,inspector;analyst," + unit + ",\n";
        JsonPath answer = importCsv(csv).then().statusCode(201).body("created", equalTo(3))
                .body("accounts.row", contains(2, 3, 4))
                .body("accounts.login", contains(p + "-a", p + "-b", p + "-c"))
                .body("accounts[0].password", nullValue()).extract().jsonPath();
        String generatedB = answer.getString("accounts[1].password");
        String generatedC = answer.getString("accounts[2].password");
        assertThat(generatedB).hasSizeGreaterThanOrEqualTo(10).isNotEqualTo(generatedC);

        signIn(p + "-a", PASSWORD).then().statusCode(201);
        signIn(p + "-b", generatedB).then().statusCode(201);
        signIn(p + "-c", generatedC).then().statusCode(201);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-b").then().statusCode(200)
                .body("displayName", equalTo("主管 乙, 网点")).body("roles", contains("manager", "viewer"))
                .body("scope", contains(unit));
        // the passwords are in that answer only
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-c").then().body("password", nullValue());
    }

    @Test
    void anAgencysAccountAndAnInspectorsSourcesComeFromTheirColumnsAndUnknownOnesAreNamed() {
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
        importCsv(good).then().statusCode(201).body("created", equalTo(2));
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
        asAdmin().contentType(XLSX).body(out.toByteArray()).post("/api/v1/admin/accounts/import").then()
                .statusCode(201).body("accounts.login", contains(p + "-x"));
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
    void aBigImportIsHashedOneAtATimeWhileSignInsAreStillAnswered() throws Exception {
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
        // thirty rows: long enough to hash (one at a time) that the sign-ins come while it runs
        StringBuilder good = new StringBuilder("login,displayName,roles,scope\n");
        for (int i = 0; i < 30; i++) {
            good.append(p).append("-").append(i).append(",第").append(i).append("位,viewer,").append(unit)
                    .append("\n");
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        calls.add(() -> importCsv(good.toString()).statusCode());
        for (int i = 0; i < 4; i++) {
            calls.add(() -> signIn(login, PASSWORD).statusCode());
        }
        List<AtOnce.Call<Integer>> done = AtOnce.run(calls);
        assertThat(AtOnce.mostInFlight(done)).as("the sign-ins ran while the import did").isGreaterThan(1);
        // every sign-in is answered (none refused 503 for want of a place at the hashing gate)
        assertThat(done.stream().map(AtOnce.Call::value)).containsExactly(201, 201, 201, 201, 201);
        asAdmin().get("/api/v1/admin/accounts/{login}", p + "-29").then().statusCode(200)
                .body("scope", contains(unit));
    }
}
