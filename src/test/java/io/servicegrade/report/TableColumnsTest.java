package io.servicegrade.report;

import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.report.Table.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20: which columns are left off the paper, and which headers keep room on screen. */
class TableColumnsTest {

    static final Table TABLE = new Table("t", "caption", List.of(new Column("name", "Unit", false),
            new Column("change", "Change", true), new Column("gap", "To the next grade", false),
            new Column("weighted", "Weighted (third party 60%)", true)),
            List.of(new Row(List.of(Cell.text("A"), Cell.text(""), Cell.text(" ").note("sampled twice"),
                            Cell.text("90.00")), null),
                    new Row(List.of(Cell.text("B"), Cell.text(null)), null)));

    @Test
    void aColumnWithNoTextOrNoteInAnyRowIsBlank() {
        assertThat(TableColumns.blank(TABLE, 0)).as("names").isFalse();
        // "" and null in both rows
        assertThat(TableColumns.blank(TABLE, 1)).as("changes").isTrue();
        // a blank text with a note is printed: the note is on paper
        assertThat(TableColumns.blank(TABLE, 2)).as("gap").isFalse();
        // the second row has no cell there: only the first row's 90.00 counts
        assertThat(TableColumns.blank(TABLE, 3)).as("weighted").isFalse();
        assertThat(TableColumns.blank(new Table("e", "empty", TABLE.columns(), List.of()), 1))
                .as("a table without rows keeps its columns (it prints its 'no data' row)").isFalse();
        // the templates ask once per table: the same answers, column by column
        assertThat(TableColumns.blanks(TABLE)).containsExactly(false, true, false, false);
    }

    @Test
    void aHeaderOfMoreThanEighteenCharactersIsLong() {
        assertThat(TableColumns.longHeader(TABLE, 2)).as("17 characters").isFalse();
        assertThat(TableColumns.longHeader(TABLE, 3)).as("26 characters").isTrue();
        Table chinese = new Table("z", "c", List.of(new Column("w", "加权分（第三方占60%）", true)), List.of());
        // 13 characters: wraps to two lines at a word break of its own
        assertThat(TableColumns.longHeader(chinese, 0)).isFalse();
    }
}
