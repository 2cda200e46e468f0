package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** M2: what people outside the bureau write (unit names, revision reasons) never reaches Excel as a formula. */
@QuarkusTest
class CsvExportHardeningTest {

    static final String FORMULA_NAME = "=HYPERLINK(\"http://attacker.example\",\"点我\")";
    static final String FORMULA_REASON = "+cmd|' /C calc'!A0";

    /**
     * M2: a unit named like a formula, in every CSV that carries unit names (the REST standings export, the report
     * board, a group's scorecard, the publicity notice), and an agency's revision reason in the evaluation history
     * CSV, come out with a quote in front; the change column's negative numbers stay numbers.
     *
     * <p>W1 (named like a formula): Q2 inspection 88 and mystery shop 91, compliant. W2: Q1 99 and 99, Q2 95 and 95,
     * a model window whose weighted score changed 95.00 - 99.00 = -4.00.
     */
    @Test
    void formulaCellsAreNeutralisedInEveryExportAndNumbersStayNumbers() throws IOException {
        Setup setup = Setup.of(2);
        String p = setup.region();
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p + ".W1", "name", FORMULA_NAME,
                "kind", "window", "parent", p))).put("/api/v1/units").then().statusCode(200);
        String r = setup.rubric();
        String q1 = "2023-02-10T10:00:00+08:00";
        String q2 = "2023-05-10T10:00:00+08:00";
        List<Integer> ids = asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                        evaluation(p + "-1i", "inspection", p + ".W1", r, q2, 88, true),
                        evaluation(p + "-1m", "mystery_shop", p + ".W1", r, q2, 91, true),
                        evaluation(p + "-2i", "inspection", p + ".W2", r, q2, 95, true),
                        evaluation(p + "-2m", "mystery_shop", p + ".W2", r, q2, 95, true),
                        evaluation(p + "-0i", "inspection", p + ".W2", r, q1, 99, true),
                        evaluation(p + "-0m", "mystery_shop", p + ".W2", r, q1, 99, true))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", FORMULA_REASON, "answers", List.of(
                        Map.of("item", "findings", "violations", 12), Map.of("item", "sign", "pass", true))))
                .post("/api/v1/evaluations/{id}/revisions", ids.get(0)).then().statusCode(201);

        Map<String, String> board = Map.of("period", "2023-Q2", "under", p, "format", "csv");
        List<CSVRecord> rest = records(given().queryParams(board)
                .get("/api/v1/schemes/{key}/standings", setup.scheme()));
        assertThat(cell(rest, p + ".W1", "unit", "name")).isEqualTo("'" + FORMULA_NAME);
        assertThat(cell(rest, p + ".W2", "unit", "change")).isEqualTo("-4.00");

        List<CSVRecord> page = records(given().queryParams(board).queryParam("scheme", setup.scheme())
                .queryParam("lang", "en").get("/reports/standings"));
        assertThat(page.stream().map(row -> row.get(2))).contains("'" + FORMULA_NAME);
        assertThat(cell(page, p + ".W2", "Code", "Change")).isEqualTo("-4.00");

        List<CSVRecord> children = records(given().queryParams(Map.of("scheme", setup.scheme(), "unit", p,
                "period", "2023-Q2", "format", "csv", "table", "children")).get("/reports/scorecard"));
        assertThat(children.stream().flatMap(row -> row.stream())).contains("'" + FORMULA_NAME)
                .doesNotContain(FORMULA_NAME);

        List<CSVRecord> notice = records(given().queryParams(Map.of("scheme", setup.scheme(), "period", "2023-Q2",
                "format", "csv", "table", "compliant")).get("/reports/notice"));
        assertThat(notice.stream().flatMap(row -> row.stream())).contains("'" + FORMULA_NAME)
                .doesNotContain(FORMULA_NAME);

        List<CSVRecord> history = records(given().cookie(ReportResource.COOKIE, ReportResourceTest.signedInCookie())
                .queryParams(Map.of("format", "csv", "table", "history"))
                .get("/reports/evaluations/{id}", ids.get(0)));
        assertThat(history.stream().flatMap(row -> row.stream())).contains("'" + FORMULA_REASON)
                .doesNotContain(FORMULA_REASON);
    }

    private static List<CSVRecord> records(io.restassured.response.Response response) throws IOException {
        String csv = response.then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    /** The cell of the row whose {@code keyColumn} is {@code key}, in the column headed {@code column}. */
    private static String cell(List<CSVRecord> records, String key, String keyColumn, String column) {
        List<String> header = records.get(0).toList();
        int keyAt = header.indexOf(keyColumn);
        int at = header.indexOf(column);
        assertThat(keyAt).as(header.toString()).isNotNegative();
        assertThat(at).as(header.toString()).isNotNegative();
        return records.stream().skip(1).filter(row -> row.get(keyAt).equals(key)).findFirst().orElseThrow()
                .get(at);
    }
}
