package io.servicegrade.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table of a report page. The page shows it and its CSV download is made from the same rows, so the two
 * never disagree.
 */
public record Table(String id, String caption, List<Column> columns, List<Row> rows) {

    /** A column; {@code numeric} columns are right-aligned and sort as numbers. */
    public record Column(String key, String label, boolean numeric) {
    }

    /** A row; {@code css} marks it (a vetoed unit, a group). */
    public record Row(List<Cell> cells, String css) {
    }

    /**
     * A cell: its text, an optional link, a class (e.g. the grade's colour, always with the grade's name as text),
     * a note shown under the text (a veto's reason), and the value it sorts by.
     */
    public record Cell(String text, String href, String css, String note, Comparable<?> sortValue) {

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

        public Cell link(String target) {
            return new Cell(text, target, css, note, sortValue);
        }

        public Cell css(String name) {
            return new Cell(text, href, name, note, sortValue);
        }

        public Cell note(String text) {
            return new Cell(this.text, href, css, text, sortValue);
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

    /** The table as CSV for Excel: UTF-8 with a byte order mark, notes in their own column after the text. */
    public String csv() {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(columns.stream().map(Column::label).toList());
            for (Row row : rows) {
                printer.printRecord(row.cells().stream()
                        .map(c -> c.note() == null || c.note().isEmpty() ? c.text() : c.text() + " (" + c.note() + ")")
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
