package io.servicegrade.rectification;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.HeadersOnly;
import io.servicegrade.TestApi;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.servicegrade.rectification.RectificationFixture.as;
import static io.servicegrade.rectification.RectificationFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Rectification orders from a CSV or XLSX file (issue 19): all or nothing, each row by a creation's rules. */
@QuarkusTest
class RectificationImportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String HEADER = "unit,title,itemKey,severity,dueAt,evaluation,items,veto\n";

    @TestHTTPResource("/api/v1/rectifications/import")
    URI imports;

    private static RequestSpecification file(String token, String contentType, byte[] content) {
        return given().header("Authorization", "Bearer " + token).contentType(contentType).body(content);
    }

    private static byte[] csv(String text) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    private static long orders(String region) {
        return count("SELECT count(*) FROM rectification r JOIN unit u ON u.id = r.unit_id WHERE u.code LIKE ?",
                region + ".%");
    }

    private static String dueAt(RectificationFixture f, int id) {
        return as(f.manager()).get("/api/v1/rectifications/{id}", id).then().extract().path("dueAt");
    }

    private static Duration instant(String a, String b) {
        return Duration.between(OffsetDateTime.parse(a), OffsetDateTime.parse(b));
    }

    @Test
    void aCsvFileRaisesEachRowsOrderAsOneCreationWouldInOneGo() {
        RectificationFixture f = RectificationFixture.of(2);
        // findings: 20 violations → 80 of 100 (deducted); sign passed
        long deducted = f.evaluation(f.window(1), "2025-03-07T10:00:00+08:00", 80, true);
        // sign failed: the evaluation is vetoed by the sign item
        long vetoed = f.evaluation(f.window(2), "2025-03-10T10:00:00+08:00", 100, false);
        long audited = count("SELECT count(*) FROM audit_event WHERE action = 'rectification.import'");
        String text = HEADER
                // by hand, a deadline without an offset: in the server's zone (Asia/Shanghai, +08:00)
                + f.window(2) + ",柜台无叫号机,queue,major,2099-03-20 18:00,,,\n"
                // from an evaluation: minor (the item kept 80 of its points)
                + ",,,,,\"" + deducted + "\",findings,\n"
                + "\n"
                // the veto: a veto order whatever the severity given
                + ",,,minor,,\"" + vetoed + "\",,true\n";

        List<Integer> ids = file(f.analyst(), "text/csv", csv(text)).post("/api/v1/rectifications/import")
                .then().statusCode(201).body("count", equalTo(3)).body("ids", hasSize(3))
                .extract().path("ids");

        as(f.manager()).get("/api/v1/rectifications/{id}", ids.get(0)).then().statusCode(200)
                .body("unit", equalTo(f.window(2))).body("title", equalTo("柜台无叫号机"))
                .body("items.key", contains("queue")).body("severity", equalTo("major"))
                .body("state", equalTo("open"));
        assertThat(instant(dueAt(f, ids.get(0)), "2099-03-20T18:00:00+08:00")).isZero();
        // 15 calendar days after Friday 2025-03-07: the last day Saturday 2025-03-22, due at its midnight (+08:00)
        as(f.manager()).get("/api/v1/rectifications/{id}", ids.get(1)).then().statusCode(200)
                .body("unit", equalTo(f.window(1))).body("evaluation", equalTo((int) deducted))
                .body("items.key", contains("findings")).body("severity", equalTo("minor"));
        assertThat(instant(dueAt(f, ids.get(1)), "2025-03-23T00:00:00+08:00")).isZero();
        as(f.manager()).get("/api/v1/rectifications/{id}", ids.get(2)).then().statusCode(200)
                .body("unit", equalTo(f.window(2))).body("severity", equalTo("veto"))
                .body("items.key", contains("sign"));
        for (Integer id : ids) {
            assertThat(count("SELECT count(*) FROM outbound_event WHERE kind = 'rectification.created' "
                    + "AND subject = ?", "rectification/" + id)).as("event of %s", id).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'rectification.import'"))
                .isEqualTo(audited + 1);
    }

    @Test
    void anXlsxFileWithChineseHeadersIsReadAlike() throws Exception {
        RectificationFixture f = RectificationFixture.of(1);
        long deducted = f.evaluation(f.window(1), "2025-04-07T10:00:00+08:00", 70, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "servicegrade-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("整改");
        String[] header = {"单位", "标题", "检查项", "评价", "扣分项"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
        }
        sheet.value(1, 0, f.window(1));
        sheet.value(1, 1, "灭火器过期");
        sheet.value(1, 2, "safety");
        // a number cell, as a spreadsheet keeps an id
        sheet.value(2, 3, deducted);
        sheet.value(2, 4, "findings");
        workbook.finish();

        List<Integer> ids = file(f.inspector(), XLSX, out.toByteArray()).post("/api/v1/rectifications/import")
                .then().statusCode(201).body("count", equalTo(2)).extract().path("ids");

        as(f.analyst()).queryParam("unit", f.region()).get("/api/v1/rectifications").then().statusCode(200)
                .body("id", containsInAnyOrder(ids.toArray()));
        as(f.analyst()).get("/api/v1/rectifications/{id}", ids.get(0)).then()
                .body("items.key", contains("safety")).body("severity", equalTo("minor"))
                .body("title", equalTo("灭火器过期"));
        as(f.analyst()).get("/api/v1/rectifications/{id}", ids.get(1)).then()
                .body("evaluation", equalTo((int) deducted)).body("items.key", contains("findings"));
    }

    @Test
    void everyBadCellIsNamedByRowAndColumnAndNothingIsStored() {
        RectificationFixture f = RectificationFixture.of(1);
        long deducted = f.evaluation(f.window(1), "2025-05-07T10:00:00+08:00", 80, true);
        long before = orders(f.region());
        long events = count("SELECT count(*) FROM outbound_event WHERE kind = 'rectification.created'");
        String text = HEADER
                + f.region() + ".NOSUCH,标题,,,,,,\n"                                   // row 2: no such unit
                + ",,,,,\"" + deducted + "\",\"findings; sign\",\n"                     // row 3: sign not deducted
                + f.window(1) + ",标题,,urgent,,,,\n"                                    // row 4: no such severity
                + f.window(1) + ",标题,,,next week,,,\n"                                 // row 5: not a time
                + ",,,,,\"" + deducted + "\",findings,maybe\n"                          // row 6: veto not a boolean
                + f.window(1) + ",a good row,,,,,,\n";                                    // row 7: fine

        file(f.analyst(), "text/csv", csv(text)).header("Accept-Language", "zh-CN")
                .post("/api/v1/rectifications/import").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/2/unit", "/3/items/1", "/4/severity", "/5/dueAt",
                        "/6/veto"));
        // an unknown header is named in row 1
        file(f.analyst(), "text/csv", csv("unit,title,colour\n" + f.window(1) + ",t,red\n"))
                .post("/api/v1/rectifications/import").then().statusCode(422)
                .body("errors.pointer", contains("/1/colour"));

        assertThat(orders(f.region())).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM outbound_event WHERE kind = 'rectification.created'"))
                .isEqualTo(events);
    }

    @Test
    void aFileOverTheLimitsIsRefusedBeforeItIsRead() throws Exception {
        RectificationFixture f = RectificationFixture.of(1);
        // 5,001 orders: one over the row limit, refused at the row past it (the header being row 1)
        StringBuilder text = new StringBuilder("unit,title\n");
        for (int i = 0; i <= RectificationFile.MAX_ROWS; i++) {
            text.append(f.window(1)).append(",标题 ").append(i).append('\n');
        }
        file(f.analyst(), "text/csv", csv(text.toString())).post("/api/v1/rectifications/import").then()
                .statusCode(422).body("errors.pointer", contains("/5002/"));
        // more bytes than an upload may carry (32 MiB): 413 before a byte of the body is read
        HeadersOnly.Answer answer = HeadersOnly.send(imports, "POST", imports.getPath(), TestApi.adminKey(),
                "text/csv", 32L * 1024 * 1024 + 1);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(orders(f.region())).isZero();
    }

    @Test
    void onlyThoseWhoMayRaiseOrdersMayImportThemAndOnlyCsvOrXlsx() {
        RectificationFixture f = RectificationFixture.of(1);
        byte[] content = csv("unit,title\n" + f.window(1) + ",标题\n");
        file(f.manager(), "text/csv", content).post("/api/v1/rectifications/import").then().statusCode(403);
        file(f.viewer(), "text/csv", content).post("/api/v1/rectifications/import").then().statusCode(403);
        file(TestApi.agency(null), "text/csv", content).post("/api/v1/rectifications/import").then().statusCode(403);
        file(f.analyst(), "text/plain", content).post("/api/v1/rectifications/import").then().statusCode(415);
        assertThat(orders(f.region())).isZero();
    }
}
