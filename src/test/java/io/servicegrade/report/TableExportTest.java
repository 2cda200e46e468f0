package io.servicegrade.report;

import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.report.Table.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20: a report table's typed download values, the same for its CSV and its XLSX. */
class TableExportTest {

    /** A number is the number shown, to its places, with an ASCII sign; what is not a number stays text. */
    @Test
    void aNumberCellIsTheNumberItShowsWithAnAsciiSign() {
        assertThat(TableExport.value(Cell.number(new BigDecimal("-0.5"), "\u22120.50"), true))
                .isEqualTo(new BigDecimal("-0.50"));
        assertThat(TableExport.value(Cell.number(new BigDecimal("1.2"), "+1.20"), true))
                .isEqualTo(new BigDecimal("1.20"));
        assertThat(TableExport.value(Cell.number(new BigDecimal("45"), "45.00%"), true))
                .isEqualTo(new BigDecimal("45.00"));
        assertThat(TableExport.value(Cell.number(null, "N/A"), true)).isEqualTo("N/A");
        assertThat(TableExport.value(Cell.text("-4.00"), true)).isEqualTo("-4.00");
    }

    /** A moment in Beijing time, whatever offset it was read with. */
    @Test
    void aMomentIsInBeijingTime() {
        OffsetDateTime utc = OffsetDateTime.parse("2025-05-10T02:00:00Z");
        assertThat(TableExport.value(Cell.time(utc, "2025年5月10日 10:00"), true))
                .isEqualTo(OffsetDateTime.parse("2025-05-10T10:00:00+08:00"));
    }

    /** What the page shows under a value goes to the column's download-only columns; a row short of them is padded. */
    @Test
    void aNoteWithColumnsOfItsOwnIsSplitAndOneWithoutFollowsItsText() {
        Table table = new Table("t", "T", List.of(new Column("score", "Score", true).exporting("Samples"),
                new Column("grade", "Grade", false)), List.of(
                new Row(List.of(Cell.number(new BigDecimal("97.67"), "97.67").note("3 samples").more(3),
                        Cell.text("Model").note("Vetoed")), null),
                new Row(List.of(Cell.number(null, ""), Cell.text("")), null)));
        assertThat(TableExport.header(table)).containsExactly("Score", "Samples", "Grade");
        assertThat(TableExport.rows(table)).containsExactly(
                List.of(new BigDecimal("97.67"), 3, "Model (Vetoed)"), Arrays.asList("", null, ""));
    }

    @Test
    void aSheetIsNamedAsExcelTakesOne() {
        assertThat(TableExport.sheetName("standings")).isEqualTo("standings");
        assertThat(TableExport.sheetName("a/b[c]:d*e?f\\g")).isEqualTo("a_b_c__d_e_f_g");
        assertThat(TableExport.sheetName("x".repeat(40))).hasSize(31);
    }
}
