package io.servicegrade.platform.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The one way the server writes CSV: UTF-8 with a byte order mark (so that Excel reads it as such), RFC 4180
 * quoting, and every text cell made safe to open in a spreadsheet.
 *
 * <p>A spreadsheet evaluates a cell that begins with {@code =}, {@code +}, {@code -} or {@code @} as a formula, and
 * one that begins with a tab or a carriage return can be read as one too. Names, reasons and comments are written by
 * people outside the bureau (a unit's name, an agency's revision reason), so a text cell that begins with one of
 * these characters, after any leading spaces, is written with a single quote in front, as OWASP's advice on CSV
 * injection says: Excel then shows the text as it is and evaluates nothing. Numbers the server writes
 * ({@link Number} values) are written as plain decimals with the ASCII hyphen-minus and stay numbers, negative
 * ones included (a number the pages show as {@code −4.00} is given here as the number, report/TableExport). Dates
 * and times ({@link java.time.LocalDate}, {@link java.time.LocalDateTime}, {@link java.time.OffsetDateTime}) are
 * written in ISO 8601 ({@code 2025-05-10}, {@code 2025-05-10T10:00:00+08:00}), which Excel reads as dates whatever
 * its locale (issue 20).
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** A CSV document of a header and rows; each value is a text (made safe), a number, or null (empty). */
    public static String document(List<?> header, Iterable<? extends List<?>> rows) {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header.stream().map(Csv::cell).toList());
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A value as its cell's text: numbers as plain decimals, texts neutralised, null as an empty cell. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof java.time.LocalDateTime time) {
            return time.withNano(0).format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof java.time.LocalDate date) {
            return date.toString();
        }
        return text(value.toString());
    }

    /** A text that a spreadsheet would take for a formula, with a single quote in front; any other unchanged. */
    public static String text(String text) {
        int at = 0;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at < text.length() && FORMULA_STARTS.indexOf(text.charAt(at)) >= 0 ? "'" + text : text;
    }
}
