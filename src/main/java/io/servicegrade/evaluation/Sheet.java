package io.servicegrade.evaluation;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A table read from a CSV or XLSX file: its header and its rows as text, each with its row number in the file. */
record Sheet(List<String> header, List<Line> lines) {

    /** A row; {@code number} counts from 1 at the header, as a spreadsheet shows it. */
    record Line(int number, List<String> cells) {
        String cell(int column) {
            if (column >= cells.size()) {
                return null;
            }
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    static Sheet csv(byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (header == null) {
                    header = cells.stream().map(String::trim).toList();
                } else if (cells.stream().anyMatch(c -> !c.isBlank())) {
                    lines.add(new Line((int) record.getRecordNumber(), cells));
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new Sheet(header == null ? List.of() : header, lines);
    }

    static Sheet xlsx(byte[] content) throws IOException {
        // Cell formats are read so that date cells come out as dates, not as day numbers.
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content),
                new ReadingOptions(true, false));
                Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            List<String> header = null;
            List<Line> lines = new ArrayList<>();
            for (Row row : (Iterable<Row>) rows::iterator) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                if (header == null) {
                    header = cells.stream().map(c -> c == null ? "" : c.trim()).toList();
                } else if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
                    lines.add(new Line(row.getRowNum(), cells));
                }
            }
            return new Sheet(header == null ? List.of() : header, lines);
        }
    }

    /** A cell as the text a person sees: numbers plainly, dates as ISO local date-times. */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        if (cell.getType() == CellType.NUMBER) {
            String format = cell.getDataFormatString();
            if (format != null && format.matches("(?i).*[ymdh].*") && !format.contains("General")) {
                return cell.asDate().toString();
            }
            BigDecimal number = cell.asNumber().stripTrailingZeros();
            return (number.scale() < 0 ? number.setScale(0) : number).toPlainString();
        }
        if (cell.getType() == CellType.BOOLEAN) {
            return cell.asBoolean().toString();
        }
        return cell.getText();
    }
}
