package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A report table as its downloads carry it (issue 20): one value per column, each typed. The CSV (platform/csv/Csv)
 * and the XLSX (platform/csv/Xlsx) are written from the same header and rows, so the two never disagree with each
 * other or with the page.
 *
 * <ul>
 *   <li>A number cell is the number it shows, to the places shown (a change shown as +1.20 or −0.50 is 1.20 or
 *   -0.50, a share shown as 45.00% is 45.00), so that Excel reads a number and can sum it.</li>
 *   <li>A moment is written in Beijing time: ISO 8601 with its offset in the CSV, a date cell in the XLSX.</li>
 *   <li>What the page shows under a value (a source's sample count, a veto) goes to columns of its own
 *   ({@link Column#more}); a note with no column of its own follows its text in brackets.</li>
 * </ul>
 */
final class TableExport {

    /**
     * A number as the pages show one: signed (ASCII or typographic), digits, a point, perhaps a percent sign (after a
     * space on the coverage page: "50.00 %").
     */
    private static final Pattern SHOWN_NUMBER = Pattern.compile("[+\\-\u2212]?\\d+(\\.\\d+)?( ?%)?");

    private TableExport() {
    }

    /** The downloads' texts in the page's language. */
    static ExportMessages messages(ReportLanguage language) {
        return MessageBundles.get(ExportMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    static String csv(Table table) {
        return Csv.document(header(table), rows(table));
    }

    static byte[] xlsx(Table table) {
        // a workbook's date cell has no offset: the moment as the pages show it, in Beijing time
        List<List<Object>> rows = rows(table).stream().map(row -> row.stream().map(value -> value
                instanceof OffsetDateTime at ? (Object) at.toLocalDateTime() : value).toList()).toList();
        return Xlsx.document(sheetName(table.id()), header(table), rows);
    }

    /** A sheet's name as Excel takes one: at most 31 characters, none of {@code []:*?/\}. */
    static String sheetName(String id) {
        String name = id.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return name.isEmpty() ? "table" : name.substring(0, Math.min(31, name.length()));
    }

    /** Each column's header, then the headers of its download-only columns. */
    static List<String> header(Table table) {
        List<String> header = new ArrayList<>();
        for (Column column : table.columns()) {
            header.add(column.label());
            header.addAll(column.more());
        }
        return header;
    }

    /** Each row's values: each cell's, then its download-only values (null where a cell gives none). */
    static List<List<Object>> rows(Table table) {
        List<List<Object>> rows = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < row.cells().size(); c++) {
                Cell cell = row.cells().get(c);
                Column column = c < table.columns().size() ? table.columns().get(c) : new Column("", "", false);
                values.add(value(cell, column.more().isEmpty()));
                for (int k = 0; k < column.more().size(); k++) {
                    values.add(k < cell.more().size() ? cell.more().get(k) : null);
                }
            }
            rows.add(values);
        }
        return rows;
    }

    /** A cell's value: a number, a moment in Beijing time, a date, or its text ({@code withNote}: and its note). */
    static Object value(Cell cell, boolean withNote) {
        if (cell.sortValue() instanceof OffsetDateTime at) {
            return at.atZoneSameInstant(ReportLanguage.BEIJING).toOffsetDateTime();
        }
        if (cell.sortValue() instanceof LocalDate day) {
            return day;
        }
        if (cell.sortValue() instanceof Number && SHOWN_NUMBER.matcher(cell.text()).matches()) {
            String shown = cell.text().replace('\u2212', '-').replace("%", "").strip();
            return new BigDecimal(shown.startsWith("+") ? shown.substring(1) : shown);
        }
        if (withNote && cell.note() != null && !cell.note().isEmpty()) {
            return cell.text() + " (" + cell.note() + ")";
        }
        return cell.text();
    }
}
