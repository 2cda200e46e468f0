package io.servicegrade.report;

import io.servicegrade.platform.csv.Csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table of a report page. The page shows it and its CSV download is made from the same rows, so the two
 * never disagree.
 */
public record Table(String id, String caption, List<Column> columns, List<Row> rows) {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

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

    /**
     * The table as CSV for Excel (platform/csv/Csv: UTF-8 with a byte order mark, texts that a spreadsheet would
     * take for a formula neutralised), notes after the text. A number cell is written as the number it shows
     * (a change shown as +1.20 or −0.50 is written 1.20 or -0.50), so that Excel reads a number and can sum it.
     */
    public String csv() {
        return Csv.document(columns.stream().map(Column::label).toList(),
                rows.stream().map(row -> row.cells().stream().map(Table::csvValue).toList()).toList());
    }

    private static Object csvValue(Cell cell) {
        if (cell.note() != null && !cell.note().isEmpty()) {
            return cell.text() + " (" + cell.note() + ")";
        }
        if (cell.sortValue() instanceof Number) {
            String shown = cell.text().replace('\u2212', '-');
            shown = shown.startsWith("+") ? shown.substring(1) : shown;
            if (PLAIN_DECIMAL.matcher(shown).matches()) {
                return new BigDecimal(shown);
            }
        }
        return cell.text();
    }
}
