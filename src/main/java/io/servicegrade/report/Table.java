package io.servicegrade.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table of a report page. The page shows it and its CSV download is made from the same rows, so the two
 * never disagree.
 */
public record Table(String id, String caption, List<Column> columns, List<Row> rows) {

    /**
     * A column; {@code numeric} columns are right-aligned and sort as numbers. {@code more}: the headers of the
     * columns that follow it in a download only (issue 20: one value per column), e.g. a source's sample count,
     * which the page shows under the score; each cell of the column gives their values ({@link Cell#more}).
     */
    public record Column(String key, String label, boolean numeric, List<String> more) {

        public Column(String key, String label, boolean numeric) {
            this(key, label, numeric, List.of());
        }

        /** This column followed, in a download, by columns with these headers. */
        public Column exporting(String... labels) {
            return new Column(key, label, numeric, List.of(labels));
        }
    }

    /** A row; {@code css} marks it (a vetoed unit, a group). */
    public record Row(List<Cell> cells, String css) {
    }

    /**
     * A cell: its text, an optional link, a class (e.g. the grade's colour, always with the grade's name as text),
     * a note shown under the text (a veto's reason), and the value it sorts by.
     */
    public record Cell(String text, String href, String css, String note, Comparable<?> sortValue,
            List<Object> more) {

        public Cell(String text, String href, String css, String note, Comparable<?> sortValue) {
            this(text, href, css, note, sortValue, List.of());
        }

        public static Cell text(String text) {
            return new Cell(text == null ? "" : text, null, null, null, text);
        }

        public static Cell number(BigDecimal value, String text) {
            return new Cell(text, null, null, null, value);
        }

        public static Cell number(Integer value) {
            return new Cell(value == null ? "" : value.toString(), null, null, null,
                    value == null ? null : BigDecimal.valueOf(value));
        }

        /** A moment, shown as {@code text}: sorted by the moment, downloaded in ISO 8601 (issue 20). */
        public static Cell time(java.time.OffsetDateTime at, String text) {
            return new Cell(text, null, null, null, at);
        }

        public Cell link(String target) {
            return new Cell(text, target, css, note, sortValue, more);
        }

        public Cell css(String name) {
            return new Cell(text, href, name, note, sortValue, more);
        }

        public Cell note(String text) {
            return new Cell(this.text, href, css, text, sortValue, more);
        }

        /**
         * The values of its column's download-only columns ({@link Column#more}): numbers, dates, yes or no, texts;
         * null for an empty cell.
         */
        public Cell more(Object... values) {
            return new Cell(text, href, css, note, sortValue, java.util.Arrays.asList(values));
        }
    }

    public int columnIndex(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The rows ordered by a column (empty cells last whichever the direction); unchanged for an unknown column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Table sorted(String key, boolean descending) {
        int column = columnIndex(key);
        if (column < 0) {
            return this;
        }
        Comparator<Comparable> values = descending ? Comparator.<Comparable>naturalOrder().reversed()
                : Comparator.naturalOrder();
        Comparator<Row> order = Comparator.comparing(r -> (Comparable) r.cells().get(column).sortValue(),
                Comparator.nullsLast(values));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return new Table(id, caption, columns, sorted);
    }

    /** The rows {@code from} to {@code from + size}. */
    public Table slice(int from, int size) {
        return new Table(id, caption, columns, rows.subList(Math.min(from, rows.size()),
                Math.min(rows.size(), from + size)));
    }

    /**
     * The table as CSV for Excel (platform/csv/Csv: UTF-8 with a byte order mark, texts that a spreadsheet would
     * take for a formula neutralised, dates in ISO 8601). Made from {@link TableExport}'s typed rows, as the XLSX is.
     */
    public String csv() {
        return TableExport.csv(this);
    }

    /** The table as an XLSX workbook (platform/csv/Xlsx): numbers as numbers, dates as dates (issue 20). */
    public byte[] xlsx() {
        return TableExport.xlsx(this);
    }
}
