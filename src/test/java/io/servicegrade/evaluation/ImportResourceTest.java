package io.servicegrade.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.TestApi;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ImportResourceTest {

    private static final String XLSX = ImportResource.XLSX;

    /** Posts a file and waits for its job to end; answers the job. */
    static JsonPath importFile(String key, String contentType, byte[] file) throws InterruptedException {
        int id = given().header("X-Api-Key", key).contentType(contentType).body(file)
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = given().header("X-Api-Key", key).get("/api/v1/imports/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 60 s");
    }

    @Test
    void aCsvWithChineseHeadersAndCompactAnswersIsImported() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        String p = freshPrefix();
        List<String> w = TestApi.windows(p, 2);
        String csv = "\uFEFF外部编号,来源,单位,评分标准,测评时间,测评人,q.overall,q.attitude,q.efficiency,q.environment,q.competence\n"
                + p + "-1,survey," + w.get(0) + ",customer-satisfaction-5,2025-10-02 09:30,张三,very-satisfied=2;satisfied=2,satisfied,N/A,不适用,-\n"
                + p + "-2,survey," + w.get(1) + ",customer-satisfaction-5,2025-10-02T09:30:00+08:00,李四,satisfied,N/A,N/A,N/A,N/A\n";

        io.servicegrade.platform.observe.Scrape before = io.servicegrade.platform.observe.Scrape.now();
        JsonPath job = importFile(key, "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getInt("rowsTotal")).isEqualTo(2);
        assertThat(job.getInt("rowsDone")).isEqualTo(2);
        assertThat(job.getInt("result.created")).isEqualTo(2);
        // issue 22: what an operator sees of it (this instance ran it: an import starts where it is made; another
        // test's job taken over by the scan may finish meanwhile, hence at least)
        io.servicegrade.platform.observe.Scrape after = io.servicegrade.platform.observe.Scrape.now();
        assertThat(after.sum("servicegrade_import_rows_total") - before.sum("servicegrade_import_rows_total"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.sum("servicegrade_import_jobs_finished_total", "outcome", "succeeded")
                - before.sum("servicegrade_import_jobs_finished_total", "outcome", "succeeded"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("servicegrade_evaluations_stored_total", "source", "survey", "outcome", "created")
                - before.sum("servicegrade_evaluations_stored_total", "source", "survey", "outcome", "created"))
                .isGreaterThanOrEqualTo(2);
        // overall: (2×100 + 2×80) / 4 = 90 → 36 of 40; attitude 80 → 12 of 15; (36 + 12) / 55 = 87.27
        given().header("X-Api-Key", key).queryParam("unit", w.get(0)).get("/api/v1/evaluations")
                .then().statusCode(200)
                .body("items.find { it.externalId == '" + p + "-1' }.score", equalTo(87.27f))
                .body("items.find { it.externalId == '" + p + "-1' }.evaluator", equalTo("张三"))
                // written without an offset, read in China Standard Time, and given back so
                .body("items.find { it.externalId == '" + p + "-1' }.conductedAt",
                        equalTo("2025-10-02T09:30:00+08:00"));
    }

    @Test
    void anXlsxIsImportedLikeACsv() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "servicegrade-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("测评");
        List<String> header = List.of("externalId", "source", "unit", "rubric", "conductedAt", "org.setup",
                "org.reporting", "signage.identity", "env.service-officer", "env.lobby", "env.layout",
                "fac.public-info", "fac.hours", "fac.convenience", "fac.equipment", "eti.appearance", "eti.demeanour",
                "eti.attitude", "eti.language", "eti.protocol", "qual.supervision", "qual.discipline",
                "mgmt.registers", "mgmt.rules", "mgmt.security", "mgmt.supplies", "cap.time-limits",
                "cap.it-indicators", "out.revenue", "out.overall");
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        List<Object> row = List.of(p, "inspection", w, "postal-counter-model-window",
                java.time.LocalDateTime.of(2025, 10, 3, 14, 0), 1, "N/A", "合格", "0;absent", 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, "@960", 0, 0, 0, 0, 0, 0, "remittance@430/30000;mail-acceptance@100",
                "upload-rate=97.5;address-match-rate=92", 96.5, 83.2);
        for (int c = 0; c < row.size(); c++) {
            Object value = row.get(c);
            if (value instanceof Number n) {
                sheet.value(1, c, n);
            } else if (value instanceof java.time.LocalDateTime t) {
                sheet.value(1, c, t);
                sheet.style(1, c).format("yyyy-mm-dd hh:mm").set();
            } else {
                sheet.value(1, c, (String) value);
            }
        }
        workbook.finish();

        JsonPath job = importFile(key, XLSX, out.toByteArray());

        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        // available 100 − 3 (N/A) = 97; lost 1 + 2 + 1 + 1 + 2.5 + 3.5 + 1.8 = 12.8; 84.2 / 97 = 86.80
        given().header("X-Api-Key", key).queryParam("unit", w).get("/api/v1/evaluations")
                .then().statusCode(200)
                .body("items.find { it.externalId == '" + p + "' }.score", equalTo(86.80f))
                .body("items.find { it.externalId == '" + p + "' }.conductedAt", equalTo("2025-10-03T14:00:00+08:00"));
    }

    @Test
    void aBadFileStoresNothingAndNamesEveryBadCellByRowAndColumn() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        String p = freshPrefix();
        String w = TestApi.window();
        String csv = "externalId,source,unit,rubric,conductedAt,q.overall,q.attitude,q.efficiency,q.environment,q.competence,q.bogus\n"
                + p + "-1,survey," + w + ",customer-satisfaction-5,2025-10-02,satisfied,N/A,N/A,N/A,N/A,\n"
                + p + "-2,survey,NOPE,customer-satisfaction-5,2025-10-02,satisfied=x,N/A,N/A,N/A,N/A,1\n"
                + p + "-3,survey," + w + ",customer-satisfaction-5,someday,satisfied,N/A,N/A,N/A,N/A,\n"
                + p + "-4,survey," + w + ",customer-satisfaction-5,2025-10-02,great,N/A,N/A,N/A,N/A,\n";

        JsonPath job = importFile(key, "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.getString("status")).isEqualTo("failed");
        List<Map<String, Object>> errors = job.getList("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("column")).containsExactly(
                "3:q.overall", "3:q.bogus", "3:unit", "4:conductedAt", "5:q.overall");
        assertThat(job.getString("errors[4].message.en")).isEqualTo("'great' is not named by this item's rule");
        given().header("X-Api-Key", key).get("/api/v1/evaluations").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void importsBelongToTheirAgency() throws Exception {
        String key = EvaluationResourceTest.agency(null);
        int id = given().header("X-Api-Key", key).contentType("text/csv").body("externalId\n".getBytes())
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        given().header("X-Api-Key", EvaluationResourceTest.agency(null)).get("/api/v1/imports/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/imports/{id}", id).then().statusCode(401);
        given().header("X-Api-Key", key).contentType("application/pdf").body(new byte[] {1})
                .post("/api/v1/imports").then().statusCode(415);
    }
}
