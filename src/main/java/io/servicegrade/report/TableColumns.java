package io.servicegrade.report;

import io.quarkus.qute.TemplateExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table's columns are laid out (issue 20), as classes the templates give their headers and cells: a column with
 * nothing in any row shown (a change column before there is a previous period) is left off the paper, so that the
 * others keep their widths and a row its one or two lines (the screen and the downloads keep every column); a long
 * header keeps room on screen, so that it wraps between its words on three lines at most rather than on one line a
 * word.
 */
@TemplateExtension
final class TableColumns {

    /** Above this many characters a header is given a wider minimum width (8 em: 3 lines of "Weighted (third party 60%)"). */
    static final int LONG_HEADER = 18;

    private TableColumns() {
    }

    /** Whether no row of the table has a text or a note in this column (a row without the column has nothing in it). */
    static boolean blank(Table table, int column) {
        return !table.rows().isEmpty() && table.rows().stream().allMatch(row -> column >= row.cells().size()
                || isBlank(row.cells().get(column).text()) && isBlank(row.cells().get(column).note()));
    }

    /**
     * {@link #blank} for every column, worked out once for a table's rendering: a template asks it per column, not
     * per cell (asked per cell, a column blank down a long table costs its rows once for each of its cells).
     */
    static List<Boolean> blanks(Table table) {
        List<Boolean> blanks = new ArrayList<>(table.columns().size());
        for (int column = 0; column < table.columns().size(); column++) {
            blanks.add(blank(table, column));
        }
        return blanks;
    }

    /** Whether this column's header is long enough to need a wider minimum width than its values give it. */
    static boolean longHeader(Table table, int column) {
        return table.columns().get(column).label().codePointCount(0, table.columns().get(column).label().length())
                > LONG_HEADER;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
