package io.servicegrade.evaluation;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The first sheet of an XLSX file, read row by row as its XML is unpacked. Every part read (the workbook, its
 * relationships, styles, shared strings and the sheet) counts against one budget of unpacked bytes, so a small
 * file that unpacks to gigabytes (a zip bomb) is refused once it passes the budget; no cell is kept longer than the
 * cell limit (a longer one fails the file at its row and column), no row wider than {@link Sheet#MAX_COLUMNS}, no
 * XML tag longer than {@link #MAX_TAG}, and no DTD is read. (A general reader such as fastexcel unpacks its parts
 * itself, with no way to count what it unpacks, and builds each shared string and row whole.)
 */
final class XlsxSheet {

    /** The longest XML tag (from {@code <} to {@code >}, attributes included) a part may hold. */
    static final int MAX_TAG = 65_536;
    /** The most entries the file's zip directory may list (an XLSX file has a dozen or two). */
    static final int MAX_ENTRIES = 1_000;

    private static final XMLInputFactory XML = xmlFactory();
    private static final String RELATIONSHIPS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final Pattern DATE_FORMAT = Pattern.compile("(?i).*[ymdh].*");
    private static final LocalDateTime EPOCH_1900 = LocalDate.of(1899, 12, 30).atStartOfDay();
    private static final LocalDateTime EPOCH_1904 = LocalDate.of(1904, 1, 1).atStartOfDay();

    private final ZipFile zip;
    private final Sheet.Limits limits;
    private final Sheet.Builder sheet;
    private long unpacked;

    private XlsxSheet(ZipFile zip, Sheet.Limits limits) {
        this.zip = zip;
        this.limits = limits;
        this.sheet = new Sheet.Builder(limits);
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Long texts come in pieces, so that a cell's length is checked as it grows.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    static Sheet read(byte[] content, Sheet.Limits limits) throws IOException {
        int entries = entryCount(content);
        if (entries > MAX_ENTRIES) {
            throw new IOException("its zip directory lists " + entries + " entries, more than " + MAX_ENTRIES);
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            XlsxSheet reader = new XlsxSheet(zip, limits);
            reader.read();
            return reader.sheet.build();
        } catch (XMLStreamException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof Sheet.Refused refused) {
                    throw refused;
                }
                cause = cause.getCause() != null ? cause.getCause() : cause instanceof XMLStreamException x
                        ? x.getNestedException() : null;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The number of entries the zip's end record declares, read before the directory is (a directory of millions
     * of entries would be held in memory whole); -1 when there is no end record (the zip library then says why).
     */
    private static int entryCount(byte[] zip) {
        for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4b && zip[at + 2] == 0x05 && zip[at + 3] == 0x06) {
                int count = (zip[at + 10] & 0xff) | (zip[at + 11] & 0xff) << 8;
                // 0xFFFF says "see the ZIP64 record": far more entries than an XLSX file has.
                return count;
            }
        }
        return -1;
    }

    private void read() throws IOException, XMLStreamException {
        Map<String, String> parts = parts();
        String workbook = parts.getOrDefault("workbook", "xl/workbook.xml");
        Workbook book = workbook(workbook);
        String rels = workbook.replaceFirst("^(.*/)?([^/]+)$", "$1_rels/$2.rels");
        String target = relationship(rels, book.sheetId);
        if (target == null) {
            throw new IOException("the workbook names no first sheet");
        }
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        String sheetPart = target.startsWith("/") ? target.substring(1) : folder + target;
        boolean[] dates = parts.containsKey("styles") ? dateStyles(parts.get("styles")) : new boolean[0];
        SharedStrings strings = parts.containsKey("sharedStrings") ? sharedStrings(parts.get("sharedStrings"))
                : new SharedStrings(limits.maxCellLength());
        rows(sheetPart, new Cells(strings, dates, book.date1904 ? EPOCH_1904 : EPOCH_1900));
    }

    /** The workbook, shared strings and styles parts, as the content types name them. */
    private Map<String, String> parts() throws IOException, XMLStreamException {
        Map<String, String> parts = new HashMap<>();
        XMLStreamReader xml = open("[Content_Types].xml", true);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Override")) {
                    String type = String.valueOf(xml.getAttributeValue(null, "ContentType"));
                    String name = xml.getAttributeValue(null, "PartName");
                    if (name == null) {
                        continue;
                    }
                    name = name.startsWith("/") ? name.substring(1) : name;
                    if (type.endsWith(".sheet.main+xml") || type.endsWith(".sheet.macroEnabled.main+xml")) {
                        parts.put("workbook", name);
                    } else if (type.endsWith(".sharedStrings+xml")) {
                        parts.put("sharedStrings", name);
                    } else if (type.endsWith(".styles+xml")) {
                        parts.put("styles", name);
                    }
                }
            }
        } finally {
            xml.close();
        }
        return parts;
    }

    private record Workbook(String sheetId, boolean date1904) {
    }

    private Workbook workbook(String part) throws IOException, XMLStreamException {
        XMLStreamReader xml = open(part, true);
        boolean date1904 = false;
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (xml.getLocalName().equals("workbookPr")) {
                    String value = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(value) || "true".equals(value);
                } else if (xml.getLocalName().equals("sheet")) {
                    return new Workbook(xml.getAttributeValue(RELATIONSHIPS, "id"), date1904);
                }
            }
        } finally {
            xml.close();
        }
        throw new IOException("the workbook has no sheet");
    }

    private String relationship(String part, String id) throws IOException, XMLStreamException {
        XMLStreamReader xml = open(part, true);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                        && String.valueOf(id).equals(xml.getAttributeValue(null, "Id"))) {
                    return xml.getAttributeValue(null, "Target");
                }
            }
        } finally {
            xml.close();
        }
        return null;
    }

    /** Which cell styles (by index) show numbers as dates: built-in date formats, or a format with y, m, d or h. */
    private boolean[] dateStyles(String part) throws IOException, XMLStreamException {
        Map<String, String> formats = new HashMap<>();
        List<Boolean> dates = new ArrayList<>();
        XMLStreamReader xml = open(part, false);
        if (xml == null) {
            return new boolean[0];
        }
        try {
            boolean inCellXfs = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "numFmt" -> formats.put(xml.getAttributeValue(null, "numFmtId"),
                            xml.getAttributeValue(null, "formatCode"));
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs) {
                            dates.add(isDateFormat(xml.getAttributeValue(null, "numFmtId"), formats));
                        }
                    }
                    default -> {
                    }
                }
            }
        } finally {
            xml.close();
        }
        boolean[] result = new boolean[dates.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = dates.get(i);
        }
        return result;
    }

    private static boolean isDateFormat(String id, Map<String, String> formats) {
        String custom = formats.get(id);
        if (custom != null) {
            return DATE_FORMAT.matcher(custom).matches() && !custom.contains("General");
        }
        int builtIn;
        try {
            builtIn = id == null ? 0 : Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return false;
        }
        // 14-22 and 45-47 everywhere; 27-36 and 50-58 are the date formats of Chinese (and other East Asian) Excel.
        return builtIn >= 14 && builtIn <= 22 || builtIn >= 27 && builtIn <= 36 || builtIn >= 45 && builtIn <= 47
                || builtIn >= 50 && builtIn <= 58;
    }

    /**
     * The shared strings, kept compactly (one text and where each string starts); each kept to one character over
     * the cell limit at most, so a cell that uses a longer one is refused at its row and column.
     */
    private static final class SharedStrings {
        private final StringBuilder text = new StringBuilder();
        private int[] starts = new int[1024];
        private int count;
        private final int keep;

        SharedStrings(int maxCell) {
            this.keep = maxCell + 1;
        }

        void add(CharSequence value) {
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count] = text.length();
            text.append(value, 0, Math.min(value.length(), keep));
            count++;
            starts[count] = text.length();
        }

        String get(int index) {
            return index < 0 || index >= count ? null : text.substring(starts[index], starts[index + 1]);
        }
    }

    private SharedStrings sharedStrings(String part) throws IOException, XMLStreamException {
        SharedStrings strings = new SharedStrings(limits.maxCellLength());
        XMLStreamReader xml = open(part, false);
        if (xml == null) {
            return strings;
        }
        try {
            StringBuilder item = new StringBuilder();
            int depthInPhonetic = 0;
            boolean inText = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "si" -> item.setLength(0);
                        case "rPh" -> depthInPhonetic++;
                        case "t" -> inText = depthInPhonetic == 0;
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "si" -> strings.add(item);
                        case "rPh" -> depthInPhonetic--;
                        case "t" -> inText = false;
                        default -> {
                        }
                    }
                } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE)) {
                    if (item.length() <= limits.maxCellLength()) {
                        item.append(xml.getTextCharacters(), xml.getTextStart(),
                                Math.min(xml.getTextLength(), limits.maxCellLength() + 1 - item.length()));
                    }
                }
            }
        } finally {
            xml.close();
        }
        return strings;
    }

    /** How a cell's value becomes the text a person sees: numbers plainly, dates as ISO local date-times. */
    private record Cells(SharedStrings strings, boolean[] dateStyles, LocalDateTime epoch) {

        String text(String type, String style, String value, int row, String column, int maxCell) {
            if (type == null || type.equals("n")) {
                return value == null || value.isBlank() ? null : number(value.trim(), style);
            }
            return switch (type) {
                case "s" -> {
                    String shared;
                    try {
                        shared = strings.get(Integer.parseInt(value.trim()));
                    } catch (RuntimeException e) {
                        shared = null;
                    }
                    if (shared == null) {
                        throw new Sheet.Refused(row, column, m -> m.unreadableFile("xlsx",
                                "no shared string " + value));
                    }
                    if (shared.length() > maxCell) {
                        throw new Sheet.Refused(row, column, m -> m.cellTooLong(maxCell));
                    }
                    yield shared;
                }
                case "b" -> value == null ? null : String.valueOf("1".equals(value.trim())
                        || "true".equalsIgnoreCase(value.trim()));
                default -> value;
            };
        }

        private String number(String value, String style) {
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                return value;
            }
            int index = style == null ? 0 : parse(style);
            if (index >= 0 && index < dateStyles.length && dateStyles[index]) {
                // A day number and a fraction of a day, to the nearest second.
                BigDecimal seconds = number.multiply(BigDecimal.valueOf(86_400)).setScale(0, RoundingMode.HALF_UP);
                if (seconds.abs().compareTo(BigDecimal.valueOf(86_400L * 3_000_000)) < 0) {
                    return epoch.plusSeconds(seconds.longValue()).toString();
                }
            }
            BigDecimal plain = number.stripTrailingZeros();
            return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
        }

        private static int parse(String number) {
            try {
                return Integer.parseInt(number);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** The sheet's rows, handed one by one to the sheet builder, which stops the reading at the row limit. */
    private void rows(String part, Cells cells) throws IOException, XMLStreamException {
        XMLStreamReader xml = open(part, true);
        int maxCell = limits.maxCellLength();
        try {
            int rowNumber = 0;
            List<String> row = null;
            int column = -1;
            String type = null;
            String style = null;
            StringBuilder value = new StringBuilder();
            boolean inValue = false;
            int depthInPhonetic = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "row" -> {
                            String r = xml.getAttributeValue(null, "r");
                            rowNumber = r == null ? rowNumber + 1 : rowNumber(r, rowNumber);
                            row = new ArrayList<>();
                            column = -1;
                        }
                        case "c" -> {
                            String r = xml.getAttributeValue(null, "r");
                            column = r == null ? column + 1 : column(r, rowNumber);
                            if (column >= Sheet.MAX_COLUMNS) {
                                int at = rowNumber;
                                throw new Sheet.Refused(at, null, m -> m.tooManyColumns(Sheet.MAX_COLUMNS));
                            }
                            type = xml.getAttributeValue(null, "t");
                            style = xml.getAttributeValue(null, "s");
                            value.setLength(0);
                        }
                        case "v", "t" -> inValue = depthInPhonetic == 0;
                        case "rPh" -> depthInPhonetic++;
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "v", "t" -> inValue = false;
                        case "rPh" -> depthInPhonetic--;
                        case "c" -> {
                            if (row != null && column >= 0) {
                                String name = sheet.columnName(column, null);
                                String text = cells.text(type, style, value.isEmpty() ? null : value.toString(),
                                        rowNumber, name, maxCell);
                                while (row.size() <= column) {
                                    row.add(null);
                                }
                                row.set(column, text);
                            }
                        }
                        case "row" -> {
                            if (row != null) {
                                sheet.add(rowNumber, row);
                            }
                            row = null;
                        }
                        case "sheetData" -> {
                            return;
                        }
                        default -> {
                        }
                    }
                } else if (inValue && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE)) {
                    value.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    if (value.length() > maxCell) {
                        int at = rowNumber;
                        String name = sheet.columnName(column, null);
                        throw new Sheet.Refused(at, name, m -> m.cellTooLong(maxCell));
                    }
                }
            }
        } finally {
            xml.close();
        }
    }

    private static int rowNumber(String r, int previous) throws IOException {
        try {
            int number = Integer.parseInt(r.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IOException("row " + (previous + 1) + " has the row number '" + r + "'");
    }

    /** The column (from 0) of a cell reference such as {@code AB12}; past {@link Sheet#MAX_COLUMNS} as that. */
    private static int column(String reference, int row) throws IOException {
        int column = 0;
        int letters = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            char c = Character.toUpperCase(reference.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
            if (++letters > 3) {
                return Sheet.MAX_COLUMNS;
            }
        }
        if (letters == 0) {
            throw new IOException("row " + row + " has the cell reference '" + reference + "'");
        }
        return column - 1;
    }

    /** A part's XML, unpacked within the budget; null when the part is missing and not {@code required}. */
    private XMLStreamReader open(String name, boolean required) throws IOException, XMLStreamException {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
                if (e.getName().equalsIgnoreCase(name)) {
                    entry = e;
                    break;
                }
            }
        }
        if (entry == null) {
            if (required) {
                throw new IOException("it has no part " + name);
            }
            return null;
        }
        int method = entry.getMethod();
        if (method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED) {
            // Spreadsheet programs store or deflate; other methods (Zstandard, XZ...) would need libraries the
            // server does not have, and their readers fail with errors, not exceptions.
            String part = entry.getName();
            String how = org.apache.commons.compress.archivers.zip.ZipMethod.getMethodByCode(method) == null
                    ? "method " + method : org.apache.commons.compress.archivers.zip.ZipMethod
                    .getMethodByCode(method).name();
            throw new Sheet.Refused(null, null, m -> m.unsupportedCompression(part, how));
        }
        return XML.createXMLStreamReader(new Unpacked(zip.getInputStream(entry)));
    }

    /** A part's bytes as they are unpacked: counted against the budget, and no tag longer than {@link #MAX_TAG}. */
    private final class Unpacked extends FilterInputStream {
        private boolean inTag;
        private int tagLength;

        Unpacked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(byte b) throws IOException {
            if (++unpacked > limits.maxUnpackedBytes()) {
                String max = size(limits.maxUnpackedBytes());
                throw new Sheet.Refused(null, null, m -> m.unpackedTooLarge(max));
            }
            if (b == '<') {
                inTag = true;
                tagLength = 0;
            } else if (b == '>') {
                inTag = false;
            } else if (inTag && ++tagLength > MAX_TAG) {
                throw new IOException("an XML tag is longer than " + MAX_TAG + " bytes");
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }
    }

    /** Bytes as a person reads them: "256 MiB", "64 KiB", "100 bytes". */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
