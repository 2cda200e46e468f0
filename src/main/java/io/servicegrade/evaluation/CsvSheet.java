package io.servicegrade.evaluation;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read row by row (RFC 4180, UTF-8 with or without BOM). The text is decoded strictly: a byte that is
 * not UTF-8 fails the file at its row and column, rather than becoming U+FFFD in a stored evaluation. Before the
 * parser buffers a cell or a row, the text is checked as it is decoded: no cell longer than the limit, no row
 * wider than {@link Sheet#MAX_COLUMNS}, no control character (U+0000 to U+001F but tab, and line breaks within
 * quotes).
 */
final class CsvSheet {

    private CsvSheet() {
    }

    static Sheet read(byte[] content, Sheet.Limits limits) throws IOException {
        Sheet.Builder sheet = new Sheet.Builder(limits);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new CheckedText(content, limits.maxCellLength(), sheet), format)) {
            for (CSVRecord record : parser) {
                sheet.add((int) record.getRecordNumber(), record.toList());
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IOException(e.getMessage(), e);
        }
        return sheet.build();
    }

    /**
     * The file's text, decoded strictly and followed as the parser will read it: which row (as the parser counts
     * records: empty lines are not rows) and which column each character is in, so that a refusal names them.
     */
    private static final class CheckedText extends Reader {
        private final ByteBuffer bytes;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private final int maxCell;
        private final Sheet.Builder sheet;
        private boolean first = true;
        private boolean malformed;
        private boolean ended;

        private int row = 1;
        /** Counted from 0. */
        private int column;
        private int cellLength;
        private boolean lineHasText;
        private boolean cellStart = true;
        private boolean quoted;
        /** A quote seen within a quoted cell: the next character says whether it was escaped ("") or closing. */
        private boolean quoteSeen;
        private final List<String> header = new ArrayList<>();
        private final StringBuilder headerCell = new StringBuilder();

        CheckedText(byte[] content, int maxCell, Sheet.Builder sheet) {
            this.bytes = ByteBuffer.wrap(content);
            this.maxCell = maxCell;
            this.sheet = sheet;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!chars.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(length, chars.remaining());
            chars.get(buffer, offset, n);
            return n;
        }

        /** Decodes the next characters and checks them; false at the end of the text. */
        private boolean fill() {
            while (!chars.hasRemaining()) {
                if (malformed) {
                    throw refused(m -> m.notUtf8());
                }
                if (ended) {
                    return false;
                }
                chars.clear();
                CoderResult result = decoder.decode(bytes, chars, true);
                if (result.isError()) {
                    malformed = true;
                } else if (result.isUnderflow()) {
                    decoder.flush(chars);
                    ended = true;
                }
                chars.flip();
                if (first && chars.hasRemaining()) {
                    first = false;
                    if (chars.get(chars.position()) == '\uFEFF') {
                        chars.get();
                    }
                }
                for (int i = chars.position(); i < chars.limit(); i++) {
                    follow(chars.get(i));
                }
            }
            return true;
        }

        private void follow(char c) {
            if (quoteSeen) {
                quoteSeen = false;
                if (c == '"') {
                    text(c, true);
                    return;
                }
                quoted = false;
            }
            if (quoted) {
                if (c == '"') {
                    quoteSeen = true;
                } else {
                    text(c, true);
                }
                return;
            }
            if (c == ',') {
                endCell();
                lineHasText = true;
                if (++column >= Sheet.MAX_COLUMNS) {
                    throw refused(m -> m.tooManyColumns(Sheet.MAX_COLUMNS));
                }
                return;
            }
            if (c == '\n' || c == '\r') {
                if (lineHasText) {
                    endCell();
                    row++;
                }
                column = 0;
                lineHasText = false;
                cellStart = true;
                return;
            }
            lineHasText = true;
            if (cellStart && c == '"') {
                quoted = true;
                cellStart = false;
                return;
            }
            text(c, false);
        }

        private void text(char c, boolean inQuotes) {
            cellStart = false;
            if (c < 0x20 && c != '\t' && !(inQuotes && (c == '\n' || c == '\r'))) {
                throw refused(m -> m.controlCharacterInCell());
            }
            if (++cellLength > maxCell) {
                throw refused(m -> m.cellTooLong(maxCell));
            }
            if (row == 1) {
                headerCell.append(c);
            }
        }

        private void endCell() {
            if (row == 1) {
                header.add(headerCell.toString());
                headerCell.setLength(0);
            }
            cellLength = 0;
            cellStart = true;
        }

        private Sheet.Refused refused(io.servicegrade.platform.problem.Message message) {
            return new Sheet.Refused(row, sheet.columnName(column, row == 1 ? null : header), message);
        }

        @Override
        public void close() {
        }
    }
}
