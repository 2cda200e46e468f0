package io.servicegrade.platform.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    /** M2: every character a spreadsheet takes for the start of a formula, also after leading spaces. */
    @Test
    void aTextThatASpreadsheetWouldEvaluateGetsAQuoteInFront() {
        for (String formula : List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "   =HYPERLINK(\"x\")",
                " -2+3")) {
            assertThat(Csv.text(formula)).as(formula).isEqualTo("'" + formula);
        }
        for (String plain : List.of("", "   ", "窗口 1", "a=b", "1+1", "'=quoted already", "＝全角")) {
            assertThat(Csv.text(plain)).as(plain).isEqualTo(plain);
        }
    }

    /** M2: numbers the server writes stay numbers, negative ones included; texts do not. */
    @Test
    void numbersStayNumbersAndTextsThatLookLikeNegativeNumbersDoNot() {
        assertThat(Csv.cell(new BigDecimal("-4.00"))).isEqualTo("-4.00");
        assertThat(Csv.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Csv.cell(-3)).isEqualTo("-3");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("-4.00")).isEqualTo("'-4.00");
    }

    /** Issue 20: dates and times in ISO 8601, which Excel reads as dates whatever its locale. */
    @Test
    void datesAndTimesAreWrittenInIso8601() {
        assertThat(Csv.cell(java.time.LocalDate.of(2025, 5, 10))).isEqualTo("2025-05-10");
        assertThat(Csv.cell(java.time.OffsetDateTime.parse("2025-05-10T10:00:00.123+08:00")))
                .isEqualTo("2025-05-10T10:00:00+08:00");
        assertThat(Csv.cell(java.time.LocalDateTime.parse("2025-05-10T10:00:30"))).isEqualTo("2025-05-10T10:00:30");
    }

    /** M2: the document a spreadsheet reads back: BOM, header, quoting, neutralised cells. */
    @Test
    void aDocumentReadsBackWithItsCellsNeutralised() throws IOException {
        String csv = Csv.document(List.of("name", "change"), List.of(
                Arrays.asList("=HYPERLINK(\"http://example.com\",\"点我\")", new BigDecimal("-1.50")),
                Arrays.asList("窗口, \"2\"", null)));
        assertThat(csv).startsWith("\uFEFFname,change\r\n");
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180)) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.get(1).get(0)).isEqualTo("'=HYPERLINK(\"http://example.com\",\"点我\")");
            assertThat(records.get(1).get(1)).isEqualTo("-1.50");
            assertThat(records.get(2).get(0)).isEqualTo("窗口, \"2\"");
            assertThat(records.get(2).get(1)).isEmpty();
        }
    }
}
