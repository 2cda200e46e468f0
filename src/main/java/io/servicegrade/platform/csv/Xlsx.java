package io.servicegrade.platform.csv;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one way the server writes an XLSX workbook (issue 19: the follow-up exports): one sheet, a bold header row,
 * numbers as numbers, dates ({@link LocalDate}) and local times ({@link java.time.LocalDateTime}) as date cells,
 * offset times as the texts the CSV carries. A workbook's cells are typed, so a text that begins with
 * {@code =} is stored as a text and never evaluated; nothing needs the CSV's quote in front.
 */
public final class Xlsx {

    /** The media type of an XLSX workbook. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Xlsx() {
    }

    /** A workbook of one sheet named {@code sheet} with a header and rows (texts, numbers, dates, or null). */
    public static byte[] document(String sheet, List<?> header, Iterable<? extends List<?>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "ServiceGrade", "1.0");
            Worksheet ws = workbook.newWorksheet(sheet);
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, String.valueOf(header.get(c)));
                ws.style(0, c).bold().set();
            }
            int r = 1;
            for (List<?> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value == null) {
                        continue;
                    }
                    if (value instanceof BigDecimal decimal) {
                        ws.value(r, c, decimal);
                    } else if (value instanceof Number number) {
                        ws.value(r, c, number);
                    } else if (value instanceof Boolean bool) {
                        ws.value(r, c, bool);
                    } else if (value instanceof LocalDate date) {
                        ws.value(r, c, date);
                        ws.style(r, c).format("yyyy-mm-dd").set();
                    } else if (value instanceof java.time.LocalDateTime time) {
                        // a moment as the pages show it (Beijing time), a date-and-time cell
                        ws.value(r, c, time);
                        ws.style(r, c).format("yyyy-mm-dd hh:mm").set();
                    } else if (value instanceof OffsetDateTime time) {
                        ws.value(r, c, time.toString());
                    } else {
                        ws.value(r, c, value.toString());
                    }
                }
                r++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
