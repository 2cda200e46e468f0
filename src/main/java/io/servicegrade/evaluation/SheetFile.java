package io.servicegrade.evaluation;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small file imported inside its request, all or nothing (complaints, volumes, rectification orders, coverage
 * plans; issue 19): read within the import limits ({@code servicegrade.imports.*} and a row limit), its columns
 * found by their header names, and every refusal a problem naming the row and column as {@code /<row>/<column>} (the
 * row as the file numbers it, the header being row 1). One home for the conventions every such import keeps.
 */
public final class SheetFile {

    private SheetFile() {
    }

    /** The format a body's content type names: {@code xlsx} for the XLSX media type, else {@code csv}. */
    public static String format(String contentType, String xlsxMediaType) {
        return contentType != null && contentType.startsWith(xlsxMediaType) ? "xlsx" : "csv";
    }

    /** The file read within the limits; a refusal is a 422 at the row and column (or the whole file). */
    public static Sheet read(String format, byte[] content, ServiceGradeConfig.Imports settings, int maxRows) {
        Sheet.Limits limits = new Sheet.Limits(maxRows, settings.maxCellLength(),
                settings.maxUnpackedSize().asLongValue());
        try {
            return "xlsx".equals(format) ? Sheet.xlsx(content, limits) : Sheet.csv(content, limits);
        } catch (Sheet.Refused refused) {
            Integer row = refused.row();
            String column = refused.column();
            throw ProblemException.invalid(List.of(row == null ? Violation.at("", refused.message())
                    : Violation.at("/" + row + "/" + (column == null ? "" : Violation.escape(column)),
                            refused.message())));
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.unreadableFile(format, reason))));
        }
    }

    /** A header name as columns are matched: spaces, underscores, hyphens and case ignored. */
    public static String normalized(String name) {
        return name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The file's columns by name: {@code names} maps each accepted header ({@link #normalized}) to its column;
     * 422 naming each unknown or repeated header and each {@code required} column missing, or an empty file.
     */
    public static Map<String, Integer> columns(Sheet sheet, Map<String, String> names, List<String> required) {
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < sheet.header().size(); c++) {
            String name = sheet.header().get(c);
            if (name == null || name.isBlank()) {
                continue;
            }
            String column = names.get(normalized(name));
            if (column == null) {
                problems.add(Violation.at("/1/" + Violation.escape(name), m -> m.unknownField()));
            } else if (columns.putIfAbsent(column, c) != null) {
                String first = sheet.header().get(columns.get(column));
                problems.add(Violation.at("/1/" + Violation.escape(name),
                        m -> m.duplicateColumn(column, first, name)));
            }
        }
        for (String column : required) {
            if (!columns.containsKey(column)) {
                problems.add(Violation.at("/1/" + column, m -> m.importColumnMissing(column)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (sheet.lines().isEmpty()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.importEmpty())));
        }
        return columns;
    }

    /** The columns named by themselves only (their {@link #normalized} names). */
    public static Map<String, String> names(List<String> columns) {
        Map<String, String> names = new LinkedHashMap<>();
        columns.forEach(c -> names.put(normalized(c), c));
        return names;
    }

    /** A time written without an offset (as a spreadsheet's date cell reads) is in the server's time zone. */
    public static String withOffset(String cell, ZoneId zone) {
        try {
            OffsetDateTime.parse(cell);
            return cell;
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(cell.replace(' ', 'T')).atZone(zone).toOffsetDateTime().toString();
            } catch (DateTimeParseException again) {
                return cell;
            }
        }
    }

    /** A problem met while reading one row, its pointers moved under the row: {@code /items/1} → {@code /7/items/1}. */
    public static List<Violation> inRow(int row, List<Violation> violations) {
        return violations.stream().map(v -> Violation.at("/" + row + v.pointer(), v.message())).toList();
    }

    /**
     * A cell as the server's CSV writer had it before it made it safe for spreadsheets ({@code platform/csv/Csv}: a
     * single quote in front of a text that begins with {@code =}, {@code +}, {@code -} or {@code @}), so that an
     * export re-imports unchanged.
     */
    public static String unneutralised(String cell) {
        if (cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        String rest = cell.substring(1);
        return io.servicegrade.platform.csv.Csv.text(rest).equals(cell) ? rest : cell;
    }
}
