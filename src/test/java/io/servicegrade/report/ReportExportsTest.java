package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.adminKey;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 20: every report table downloads as Excel reads it (CSV: one value per column, ASCII minus, ISO dates,
 * veto columns, formulas neutralised) and as an XLSX workbook of typed cells; pages and exports go compressed.
 */
@QuarkusTest
class ReportExportsTest {

    static final String FORMULA_NAME = "=cmd|' /C calc'!A0";

    /**
     * A region of three windows. W1 is named like a formula: Q2 inspection 88, mystery shop 91 (compliant). W2: Q1
     * 99 and 99, Q2 two inspections of 95 and a mystery shop of 95: weighted 95.00, changed 95.00 - 99.00 = -4.00,
     * inspection 95.00 from 2 samples. W3: 99 and 99 with the inspection's sign failed: vetoed by that evaluation.
     */
    record Data(Setup setup, List<Integer> ids) {

        static Data make() {
            Setup setup = Setup.of(3);
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
                            evaluation(p + "-2j", "inspection", p + ".W2", r, q2, 95, true),
                            evaluation(p + "-2m", "mystery_shop", p + ".W2", r, q2, 95, true),
                            evaluation(p + "-3i", "inspection", p + ".W3", r, q2, 99, false),
                            evaluation(p + "-3m", "mystery_shop", p + ".W3", r, q2, 99, true),
                            evaluation(p + "-0i", "inspection", p + ".W2", r, q1, 99, true),
                            evaluation(p + "-0m", "mystery_shop", p + ".W2", r, q1, 99, true))))
                    .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
            return new Data(setup, ids);
        }

        Map<String, String> board(String format) {
            return Map.of("scheme", setup.scheme(), "period", "2023-Q2", "under", setup.region(), "lang", "en",
                    "format", format, "table", "standings");
        }
    }

    @Test
    void theBoardCsvHasOneValuePerColumnAsciiNegativesVetoColumnsAndNoFormula() throws IOException {
        Data d = Data.make();
        String p = d.setup().region();
        List<CSVRecord> csv = records(given().queryParams(d.board("csv")).get("/reports/standings"));
        assertThat(csv.get(0).toList()).containsSubsequence("Code", "Unit", "Inspection", "Inspection samples",
                "Mystery shopping", "Mystery shopping samples", "Grade", "Vetoed", "Vetoed by", "Veto date",
                "Change");
        Map<String, String> w2 = row(csv, p + ".W2");
        assertThat(w2.get("Change")).isEqualTo("-4.00").doesNotContain("\u2212");
        assertThat(w2.get("Inspection")).isEqualTo("95.00");
        assertThat(w2.get("Inspection samples")).isEqualTo("2");
        assertThat(w2.get("Mystery shopping samples")).isEqualTo("1");
        assertThat(w2.get("Vetoed")).isEqualTo("no");
        assertThat(w2.values()).noneMatch(v -> v.contains("samples") || v.contains("("));
        assertThat(row(csv, p + ".W1").get("Unit")).isEqualTo("'" + FORMULA_NAME);
        // anyone reads that W3 was vetoed; which evaluation vetoed it only a reader who may read it
        Map<String, String> w3 = row(csv, p + ".W3");
        assertThat(w3.get("Vetoed")).isEqualTo("yes");
        assertThat(w3.get("Vetoed by")).isEmpty();
        List<CSVRecord> signedIn = records(given().cookie(ReportResource.COOKIE, ReportResourceTest.signedInCookie())
                .queryParams(d.board("csv")).get("/reports/standings"));
        assertThat(row(signedIn, p + ".W3").get("Vetoed by")).isEqualTo("Evaluation " + d.ids().get(5));
        assertThat(row(signedIn, p + ".W3").get("Grade")).doesNotContain("(");

        List<CSVRecord> zh = records(given().queryParams(Map.of("scheme", d.setup().scheme(), "period", "2023-Q2",
                "under", p, "format", "csv")).get("/reports/standings"));
        assertThat(zh.get(0).toList()).containsSubsequence("内部检查", "内部检查样本数", "等级", "一票否决", "否决依据",
                "否决日期", "较上期");
        assertThat(row(zh, p + ".W3", "代码").get("一票否决")).isEqualTo("是");
    }

    /**
     * The evaluation sheet's CSVs: the items with the veto in columns of its own (W3's inspection failed the sign
     * item on 2023-05-10), the history with its times in ISO 8601; the scorecard's evaluations likewise.
     */
    @Test
    void sheetAndScorecardCsvsCarryTheVetoAndIsoDates() throws IOException {
        Data d = Data.make();
        String cookie = ReportResourceTest.signedInCookie();
        int vetoing = d.ids().get(5);
        List<CSVRecord> items = records(given().cookie(ReportResource.COOKIE, cookie)
                .queryParams(Map.of("format", "csv", "table", "items", "lang", "en"))
                .get("/reports/evaluations/{id}", vetoing));
        assertThat(items.get(0).toList()).containsSubsequence("Item", "Vetoed", "Veto date");
        List<Map<String, String>> rows = rows(items);
        assertThat(rows).filteredOn(r -> r.get("Vetoed").equals("yes")).singleElement()
                .satisfies(r -> assertThat(r.get("Veto date")).isEqualTo("2023-05-10"));
        assertThat(rows).filteredOn(r -> r.get("Vetoed").equals("no")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("Veto date")).isEmpty());

        List<CSVRecord> history = records(given().cookie(ReportResource.COOKIE, cookie)
                .queryParams(Map.of("format", "csv", "table", "history", "lang", "en"))
                .get("/reports/evaluations/{id}", vetoing));
        assertThat(rows(history).get(0).get("At")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");

        List<CSVRecord> evaluations = records(given().cookie(ReportResource.COOKIE, cookie).queryParams(Map.of(
                "scheme", d.setup().scheme(), "unit", d.setup().region() + ".W3", "period", "2023-Q2", "format",
                "csv", "table", "evaluations", "lang", "en")).get("/reports/scorecard"));
        assertThat(rows(evaluations)).extracting(r -> r.get("Conducted")).containsOnly("2023-05-10T10:00:00+08:00");
    }

    /** The XLSX of a table: the same header in the request's language, numbers as numbers, times as dates. */
    @Test
    void everyTableDownloadsAsXlsxWithTypedCells() throws Exception {
        Data d = Data.make();
        String p = d.setup().region();
        byte[] board = given().queryParams(d.board("xlsx")).get("/reports/standings").then().statusCode(200)
                .contentType(Xlsx.MEDIA_TYPE).header("Content-Disposition", startsWith("attachment;"))
                .extract().asByteArray();
        List<List<XCell>> sheet = sheet(board);
        List<String> header = sheet.get(0).stream().map(XCell::text).toList();
        assertThat(header).containsSubsequence("Code", "Unit", "Inspection", "Inspection samples", "Grade",
                "Vetoed", "Change");
        List<XCell> w2 = sheet.stream().filter(r -> r.size() > 1 && r.get(1).text().equals(p + ".W2"))
                .findFirst().orElseThrow();
        XCell change = w2.get(header.indexOf("Change"));
        assertThat(change.numeric()).isTrue();
        assertThat(new java.math.BigDecimal(change.text())).isEqualByComparingTo("-4.00");
        assertThat(w2.get(header.indexOf("Rank")).numeric()).isTrue();
        assertThat(w2.get(header.indexOf("Inspection samples")).text()).isEqualTo("2");
        assertThat(w2.get(header.indexOf("Inspection samples")).numeric()).isTrue();
        List<XCell> w1 = sheet.stream().filter(r -> r.size() > 1 && r.get(1).text().equals(p + ".W1"))
                .findFirst().orElseThrow();
        // a typed text cell: shown as written, never evaluated, so no quote in front
        assertThat(w1.get(header.indexOf("Unit")).numeric()).isFalse();
        assertThat(w1.get(header.indexOf("Unit")).text()).isEqualTo(FORMULA_NAME);

        byte[] zhBoard = given().queryParams(Map.of("scheme", d.setup().scheme(), "period", "2023-Q2", "under", p,
                "format", "xlsx")).get("/reports/standings").then().statusCode(200).extract().asByteArray();
        assertThat(sheet(zhBoard).get(0).stream().map(XCell::text)).contains("排名", "内部检查样本数", "一票否决");

        byte[] history = given().cookie(ReportResource.COOKIE, ReportResourceTest.signedInCookie())
                .queryParams(Map.of("format", "xlsx", "table", "history", "lang", "en"))
                .get("/reports/evaluations/{id}", d.ids().get(5)).then().statusCode(200)
                .contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        List<List<XCell>> rows = sheet(history);
        XCell at = rows.get(1).get(rows.get(0).stream().map(XCell::text).toList().indexOf("At"));
        // a date cell: a serial day number with a date format, e.g. 45000.5
        assertThat(at.numeric()).isTrue();
        assertThat(at.styled()).isTrue();
        assertThat(Double.parseDouble(at.text())).isGreaterThan(45_000);

        for (String table : List.of("compliant", "model")) {
            given().queryParams(Map.of("scheme", d.setup().scheme(), "period", "2023-Q2", "format", "xlsx",
                    "table", table)).get("/reports/notice").then().statusCode(200).contentType(Xlsx.MEDIA_TYPE);
        }
        for (String table : List.of("groups", "best", "worst")) {
            given().queryParams(Map.of("scheme", d.setup().scheme(), "period", "2023-Q2", "format", "xlsx",
                    "table", table)).get("/reports/bulletin").then().statusCode(200).contentType(Xlsx.MEDIA_TYPE);
        }
        String page = ReportResourceTest.page("/reports/standings", Map.of("scheme", d.setup().scheme(), "period",
                "2023-Q2", "under", p));
        assertThat(page).contains("format=csv", "format=xlsx", "下载 XLSX");
    }

    /**
     * A 100-row board goes gzip-compressed to a client that asks, plain to one that does not; its CSV is
     * compressed too, its XLSX (a zip already) never.
     */
    @Test
    void aLongBoardIsSentCompressedWhenAskedAndTheXlsxNever() throws IOException {
        Setup setup = Setup.of(100);
        String p = setup.region();
        List<Map<String, Object>> evaluations = new ArrayList<>();
        for (int w = 1; w <= 100; w++) {
            evaluations.add(evaluation(p + "-i" + w, "inspection", p + ".W" + w, setup.rubric(),
                    "2025-05-10T10:00:00+08:00", 80 + w % 20, true));
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                .post("/api/v1/evaluations").then().statusCode(201);
        Map<String, String> board = Map.of("scheme", setup.scheme(), "period", "2025-Q2", "under", p);

        byte[] plain = raw().get("/reports/standings?" + query(board)).then().statusCode(200)
                .header("Content-Encoding", (String) null).extract().asByteArray();
        String html = new String(plain, StandardCharsets.UTF_8);
        assertThat(html).contains("共 100 行", p + ".W100");

        byte[] gzipped = raw().header("Accept-Encoding", "gzip").get("/reports/standings?" + query(board)).then()
                .statusCode(200).header("Content-Encoding", "gzip").contentType(startsWith("text/html"))
                .extract().asByteArray();
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(unzipped).contains("共 100 行", p + ".W100");
        assertThat(gzipped.length).isLessThan(plain.length / 4);

        raw().header("Accept-Encoding", "gzip").get("/reports/standings?" + query(board) + "&format=csv").then()
                .statusCode(200).header("Content-Encoding", "gzip").contentType(startsWith("text/csv"));
        byte[] xlsx = raw().header("Accept-Encoding", "gzip").get("/reports/standings?" + query(board)
                + "&format=xlsx").then().statusCode(200).header("Content-Encoding", (String) null)
                .contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        assertThat(sheet(xlsx)).hasSize(101);
        raw().header("Accept-Encoding", "gzip").header("Authorization", "Bearer " + adminKey())
                .contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    /** A request that sends no Accept-Encoding of its own and leaves the body as it came. */
    private static RequestSpecification raw() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
    }

    private static String query(Map<String, String> query) {
        return String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static List<CSVRecord> records(io.restassured.response.Response response) throws IOException {
        String csv = response.then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    static List<Map<String, String>> rows(List<CSVRecord> records) {
        List<String> header = records.get(0).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(record.size()).as("one value per column").isEqualTo(header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> row(List<CSVRecord> records, String code) {
        return row(records, code, "Code");
    }

    private static Map<String, String> row(List<CSVRecord> records, String code, String codeColumn) {
        return rows(records).stream().filter(r -> code.equals(r.get(codeColumn))).findFirst().orElseThrow();
    }

    /** A cell of a workbook: its text (a shared string resolved), whether it is a number, whether it has a style. */
    record XCell(String text, boolean numeric, boolean styled) {
    }

    /** The first sheet of a workbook, row by row (cells in column order, none skipped before the last). */
    static List<List<XCell>> sheet(byte[] xlsx) throws IOException {
        // a streamed workbook's entries give their sizes after their data: read as a file, as Excel does
        Map<String, byte[]> parts = new LinkedHashMap<>();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("table", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    try (java.io.InputStream in = zip.getInputStream(entry)) {
                        parts.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            List<String> shared = new ArrayList<>();
            if (parts.containsKey("xl/sharedStrings.xml")) {
                NodeList strings = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                        parts.get("xl/sharedStrings.xml"))).getElementsByTagName("si");
                for (int i = 0; i < strings.getLength(); i++) {
                    shared.add(strings.item(i).getTextContent());
                }
            }
            Document sheet = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                    parts.get("xl/worksheets/sheet1.xml")));
            assertThat(sheet.getElementsByTagName("f").getLength()).as("no formula").isZero();
            List<List<XCell>> rows = new ArrayList<>();
            NodeList rowNodes = sheet.getElementsByTagName("row");
            for (int r = 0; r < rowNodes.getLength(); r++) {
                List<XCell> cells = new ArrayList<>();
                NodeList cellNodes = ((Element) rowNodes.item(r)).getElementsByTagName("c");
                for (int c = 0; c < cellNodes.getLength(); c++) {
                    Element cell = (Element) cellNodes.item(c);
                    int column = column(cell.getAttribute("r"));
                    while (cells.size() < column) {
                        cells.add(new XCell("", false, false));
                    }
                    String type = cell.getAttribute("t");
                    String value = cell.getTextContent();
                    String text = type.equals("s") ? shared.get(Integer.parseInt(value)) : value;
                    String style = cell.getAttribute("s");
                    cells.add(new XCell(text, type.isEmpty() || type.equals("n"),
                            !style.isEmpty() && !style.equals("0")));
                }
                rows.add(cells);
            }
            return rows;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(e);
        }
    }

    /** The 0-based column of a cell reference such as {@code AB12}. */
    private static int column(String reference) {
        int column = 0;
        for (char ch : reference.toCharArray()) {
            if (!Character.isLetter(ch)) {
                break;
            }
            column = column * 26 + (ch - 'A' + 1);
        }
        return column - 1;
    }
}
