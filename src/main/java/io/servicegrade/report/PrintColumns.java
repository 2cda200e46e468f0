package io.servicegrade.report;

import io.quarkus.qute.TemplateExtension;

/**
 * Which columns of a table are printed (issue 20): a column with nothing in any row shown (a change column before
 * there is a previous period) is left off the paper, so that the others keep their widths and a row its one or
 * two lines. The screen and the downloads keep every column.
 */
@TemplateExtension
final class PrintColumns {

    private PrintColumns() {
    }

    /** Whether no row of the table has a text or a note in this column. */
    static boolean blank(Table table, int column) {
        return !table.rows().isEmpty() && table.rows().stream().map(row -> row.cells().get(column))
                .allMatch(cell -> isBlank(cell.text()) && isBlank(cell.note()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
