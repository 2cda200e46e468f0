package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.Message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table read from a CSV or XLSX file: its header and its rows as text, each with its row number in the file.
 * Files are read row by row ({@link CsvSheet}, {@link XlsxSheet}) within {@link Limits}: reading stops at the first
 * row, cell or byte past a limit, so what a file holds beyond them is never read into memory. Public for the other
 * importer of files, accounts (issue 16: {@code account/AccountImport}).
 */
public record Sheet(List<String> header, List<Line> lines) {

    /** The most columns a row may have: XLSX's own (column XFD), for CSV files too. */
    static final int MAX_COLUMNS = 16_384;

    /** A row; {@code number} counts from 1 at the header, as a spreadsheet shows it. */
    public record Line(int number, List<String> cells) {
        public String cell(int column) {
            if (column >= cells.size()) {
                return null;
            }
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /**
     * What one file may hold: rows of evaluations (under the header), characters in a cell, and bytes an XLSX
     * file unpacks to.
     */
    public record Limits(int maxRows, int maxCellLength, long maxUnpackedBytes) {
    }

    /** The file is refused: at a row and column (as the file numbers and names them), or as a whole (both null). */
    public static final class Refused extends RuntimeException {
        final Integer row;
        final String column;
        final transient Message message;

        public Integer row() {
            return row;
        }

        public String column() {
            return column;
        }

        public Message message() {
            return message;
        }

        Refused(Integer row, String column, Message message) {
            super(null, null, false, false);
            this.row = row;
            this.column = column;
            this.message = message;
        }
    }

    public static Sheet csv(byte[] content, Limits limits) throws IOException {
        return CsvSheet.read(content, limits);
    }

    public static Sheet xlsx(byte[] content, Limits limits) throws IOException {
        return XlsxSheet.read(content, limits);
    }

    /** A sheet taken row by row as it is read, refusing the first row past the limit. */
    static final class Builder {
        private final Limits limits;
        private List<String> header;
        private final List<Line> lines = new ArrayList<>();

        Builder(Limits limits) {
            this.limits = limits;
        }

        /**
         * The first row is the header; rows with only blank cells are left out. A row keeps only what can be read
         * from it: its cells under the header, blank ones as null, none after its last non-blank one (so a row of
         * thousands of empty cells costs no more than its text).
         */
        void add(int number, List<String> cells) {
            if (header == null) {
                header = cells.stream().map(c -> c == null ? "" : c.trim()).toList();
                return;
            }
            if (cells.stream().allMatch(Builder::blank)) {
                return;
            }
            if (lines.size() == limits.maxRows()) {
                int max = limits.maxRows();
                throw new Refused(number, null, m -> m.rowLimitReached(max, number));
            }
            int end = Math.min(cells.size(), header.size());
            while (end > 0 && blank(cells.get(end - 1))) {
                end--;
            }
            List<String> kept = new ArrayList<>(end);
            for (int c = 0; c < end; c++) {
                kept.add(blank(cells.get(c)) ? null : cells.get(c));
            }
            lines.add(new Line(number, kept));
        }

        private static boolean blank(String cell) {
            return cell == null || cell.isBlank();
        }

        /** The header's name of a column (counted from 0) once the header is read, else its letters ("AB"). */
        String columnName(int column, List<String> header) {
            List<String> names = this.header != null ? this.header : header;
            if (names != null && column < names.size() && !names.get(column).isBlank()) {
                return names.get(column).trim();
            }
            return letters(column);
        }

        Sheet build() {
            return new Sheet(header == null ? List.of() : header, lines);
        }
    }

    /** A column's letters as a spreadsheet shows them: 0 is A, 26 is AA. */
    static String letters(int column) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.toString();
    }
}
