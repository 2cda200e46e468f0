package io.servicegrade.coverage;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.HeadersOnly;
import io.servicegrade.TestApi;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Coverage plans from a CSV or XLSX file and as one (issue 19): all or nothing, and an export re-imports. */
@QuarkusTest
class CoveragePlanImportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "key,nameZh,nameEn,kinds,areas,tags,serviceLines,source,everyMonths,activeFrom,"
            + "activeTo,accounts,agencies,dutyMinimum\n";

    @TestHTTPResource("/api/v1/coverage/plans/import")
    URI imports;

    private static RequestSpecification file(String token, String contentType, byte[] content) {
        return given().header("Authorization", "Bearer " + token).contentType(contentType).body(content);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int versions(String key) {
        return asAdmin().get("/api/v1/coverage/plans/{key}/versions", key).then().extract().statusCode() == 404 ? 0
                : asAdmin().get("/api/v1/coverage/plans/{key}/versions", key).then().extract().path("size()");
    }

    @Test
    void aCsvFileStoresEachRowAsAVersionAsAPutWould() {
        CoverageFixture f = CoverageFixture.of();
        String k = f.p().toLowerCase();
        String tag = f.p().toLowerCase();
        String text = HEADER
                + k + "-m,城区网点每月,Urban monthly,outlet,urban," + tag + ",,inspection,1,2025-01-01,,"
                + f.inspectorLogin() + "," + f.agencyCode() + ",2\n"
                + k + "-t,农村网点每两月,Rural every two months,outlet,rural," + tag + ";" + tag + "-x,,inspection,2,"
                + "2025-01-01,2025-12-31,,,\n"
                // the same key again: its second version, in row order
                + k + "-m,城区网点每季度,Urban quarterly,outlet,urban," + tag + ",,inspection,3,2025-01-01,,,,\n";

        file(f.analyst(), "text/csv", utf8(text)).post("/api/v1/coverage/plans/import").then().statusCode(201)
                .body("key", contains(k + "-m", k + "-t", k + "-m")).body("version", contains(1, 1, 2));

        asAdmin().get("/api/v1/coverage/plans/{key}", k + "-m").then().statusCode(200)
                .body("version", equalTo(2)).body("everyMonths", equalTo(3)).body("nameEn", equalTo("Urban quarterly"))
                .body("inspectors.accounts", hasSize(0)).body("dutyMinimum", equalTo(1));
        asAdmin().get("/api/v1/coverage/plans/{key}/versions", k + "-m").then().statusCode(200)
                .body("[0].inspectors.accounts", contains(f.inspectorLogin()))
                .body("[0].inspectors.agencies", contains(f.agencyCode())).body("[0].dutyMinimum", equalTo(2));
        asAdmin().get("/api/v1/coverage/plans/{key}", k + "-t").then().statusCode(200)
                .body("selection.kinds", contains("outlet")).body("selection.areas", contains("rural"))
                .body("selection.tags", contains(tag, tag + "-x")).body("everyMonths", equalTo(2))
                .body("activeTo", equalTo("2025-12-31"));
    }

    @Test
    void anXlsxFileWithChineseHeadersNumberAndDateCellsIsReadAlike() throws Exception {
        CoverageFixture f = CoverageFixture.of();
        String key = f.p().toLowerCase() + "-x";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "servicegrade-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("计划");
        List<String> header = CoverageFile.COLUMNS_ZH;
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        sheet.value(1, 0, key);
        sheet.value(1, 1, "视频每月");
        sheet.value(1, 2, "Video monthly");
        sheet.value(1, 5, f.p().toLowerCase());
        sheet.value(1, 7, "video");
        sheet.value(1, 8, 1);
        // a date cell, as a spreadsheet keeps a day
        sheet.value(1, 9, LocalDate.of(2025, 2, 1));
        sheet.style(1, 9).format("yyyy-mm-dd").set();
        sheet.value(1, 13, 4);
        workbook.finish();

        file(f.analyst(), XLSX, out.toByteArray()).post("/api/v1/coverage/plans/import").then().statusCode(201)
                .body("key", contains(key));
        asAdmin().get("/api/v1/coverage/plans/{key}", key).then().statusCode(200)
                .body("source", equalTo("video")).body("everyMonths", equalTo(1))
                .body("activeFrom", equalTo("2025-02-01")).body("activeTo", nullValue())
                .body("dutyMinimum", equalTo(4)).body("selection.kinds", hasSize(0));
    }

    @Test
    void everyBadCellIsNamedByRowAndColumnAndNothingIsStored() {
        CoverageFixture f = CoverageFixture.of();
        String k = f.p().toLowerCase();
        String text = HEADER
                + k + "-g,好计划,Good plan,outlet,urban,,,inspection,1,2025-01-01,,,,\n"       // row 2: fine
                + k + "-a,坏,Bad,outlet,,,,inspection,5,2025-01-01,,,,\n"                      // row 3: every 5 months
                + k + "-b,坏,Bad,no-such-kind-" + k + ",,,,inspection,1,2025-01-01,,nobody." + k + ",,\n" // row 4
                + "Bad Key,坏,Bad,,,,,inspection,1,2025-01-01,,,,\n"                          // row 5: key
                + k + "-c,坏,,,suburb,,,nope,1,2025-13-01,,,NOBODY-" + k + ",0\n";            // row 6

        file(f.analyst(), "text/csv", utf8(text)).header("Accept-Language", "zh-CN")
                .post("/api/v1/coverage/plans/import").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/3/everyMonths", "/4/kinds/0", "/4/accounts/0",
                        "/5/key", "/6/nameEn", "/6/areas/0", "/6/source", "/6/activeFrom", "/6/agencies/0",
                        "/6/dutyMinimum"))
                .body("errors.find { it.pointer == '/3/everyMonths' }.message",
                        org.hamcrest.Matchers.containsString("月"));
        // a file without the key column is refused at its header
        file(f.analyst(), "text/csv", utf8("nameZh,nameEn\n好,Good\n")).post("/api/v1/coverage/plans/import").then()
                .statusCode(422).body("errors.pointer", contains("/1/key"));

        assertThat(versions(k + "-g")).isZero();
    }

    @Test
    void aFileOverTheLimitsIsRefusedBeforeItIsRead() throws Exception {
        String k = TestApi.freshPrefix().toLowerCase();
        // 1,001 versions: one over the row limit, refused at the row past it (the header being row 1)
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i <= CoverageFile.MAX_ROWS; i++) {
            text.append(k).append("-r,计划,Plan,,,,,inspection,1,2025-01-01,,,,\n");
        }
        asAdmin().contentType("text/csv").body(utf8(text.toString())).post("/api/v1/coverage/plans/import").then()
                .statusCode(422).body("errors.pointer", contains("/1002/"));
        // more bytes than an upload may carry (32 MiB): 413 before a byte of the body is read
        HeadersOnly.Answer answer = HeadersOnly.send(imports, "POST", imports.getPath(), TestApi.adminKey(),
                "text/csv", 32L * 1024 * 1024 + 1);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(versions(k + "-r")).isZero();
    }

    @Test
    void onlyTheAdminAndAnalystsMayImportPlans() {
        CoverageFixture f = CoverageFixture.of();
        String key = f.p().toLowerCase() + "-n";
        byte[] content = utf8(HEADER + key + ",计划,Plan,,,,,inspection,1,2025-01-01,,,,\n");
        file(f.inspector(), "text/csv", content).post("/api/v1/coverage/plans/import").then().statusCode(403);
        file(f.manager(), "text/csv", content).post("/api/v1/coverage/plans/import").then().statusCode(403);
        file(f.viewer(), "text/csv", content).post("/api/v1/coverage/plans/import").then().statusCode(403);
        file(f.analyst(), "text/plain", content).post("/api/v1/coverage/plans/import").then().statusCode(415);
        assertThat(versions(key)).isZero();
    }

    @Test
    void theExportedPlansReImportUnchanged() throws Exception {
        CoverageFixture f = CoverageFixture.of();
        // a name the CSV writer makes safe for spreadsheets ('- urban…) comes back as it was
        f.putPlan(f.p().toLowerCase() + "-q", Map.of("nameZh", "=城区网点", "nameEn", "- urban outlets, quoted",
                "source", "inspection", "everyMonths", 1, "activeFrom", "2025-01-01")).then().statusCode(201);
        List<String> keys = List.of(f.urban(), f.rural(), f.p().toLowerCase() + "-q");
        Map<String, Map<String, Object>> before = plans(keys);

        for (String lang : List.of("en", "zh-CN")) {
            String csv = asAdmin().queryParam("format", "csv").queryParam("lang", lang)
                    .get("/api/v1/coverage/plans").then().statusCode(200).contentType("text/csv")
                    .extract().asString();
            // other tests' plans are in force too: keep the header and the fixture's own rows
            List<String> lines = csv.lines().toList();
            String mine = java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)), lines.stream()
                    .filter(line -> keys.stream().anyMatch(k -> line.startsWith(k + ","))))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertThat(mine.lines().count()).isEqualTo(4);
            file(f.analyst(), "text/csv", utf8(mine)).post("/api/v1/coverage/plans/import").then().statusCode(201)
                    .body("key", containsInAnyOrder(keys.toArray()));
        }

        // two more versions of each, the same in everything but the version and when it was made
        Map<String, Map<String, Object>> after = plans(keys);
        for (String key : keys) {
            assertThat(after.get(key).get("version")).isEqualTo((Integer) before.get(key).get("version") + 2);
            assertThat(without(after.get(key))).isEqualTo(without(before.get(key)));
        }
        // Accept asks for the same file as the format parameter; an XLSX export holds the same columns
        given().header("Authorization", "Bearer " + f.analyst()).accept("text/csv").get("/api/v1/coverage/plans")
                .then().statusCode(200).contentType("text/csv");
        byte[] xlsx = asAdmin().queryParam("format", "xlsx").get("/api/v1/coverage/plans").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        String sheet = sheetText(xlsx);
        assertThat(sheet).contains("serviceLines", "dutyMinimum", f.urban(), f.inspectorLogin());
    }

    private static Map<String, Map<String, Object>> plans(List<String> keys) {
        return keys.stream().collect(Collectors.toMap(k -> k, k -> JsonPath.from(asAdmin()
                .get("/api/v1/coverage/plans/{key}", k).then().statusCode(200).extract().asString()).getMap("")));
    }

    private static Map<String, Object> without(Map<String, Object> plan) {
        Map<String, Object> rest = new java.util.HashMap<>(plan);
        rest.remove("version");
        rest.remove("createdAt");
        return rest;
    }

    /** The texts of an XLSX file's sheet and shared strings. */
    private static String sheetText(byte[] xlsx) throws Exception {
        StringBuilder text = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("plans", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("xl/")) {
                    text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        return text.toString();
    }
}
