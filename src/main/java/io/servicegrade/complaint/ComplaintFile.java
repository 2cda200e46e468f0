package io.servicegrade.complaint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.Sheet;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Complaints and transaction volumes from CSV or XLSX files, and the complaints list as one (issue 19). An import is
 * all or nothing, inside the request: every bad cell is named at {@code /<row>/<column>} (rows as the file numbers
 * them, the header being row 1), and nothing is stored on any error. Each row is read by the same rules as a JSON
 * entry ({@link ComplaintInput}), so a file and the API refuse alike.
 */
@ApplicationScoped
public class ComplaintFile {

    static final int MAX_ROWS = 5000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<String> COMPLAINT_COLUMNS = List.of("channel", "receivedAt", "unit", "category", "subject",
            "customerRef", "firstResponder");
    static final List<String> VOLUME_COLUMNS = List.of("unit", "month", "volume");

    static final List<String> EXPORT_HEADER = List.of("id", "channel", "receivedAt", "unit", "unitName", "category",
            "categoryName", "subject", "firstResponder", "dueAt", "state", "late", "repeat", "escalated", "repliedAt", "resolution",
            "satisfaction");

    @Inject
    ServiceGradeConfig config;

    @Inject
    ComplaintService service;

    @Inject
    ComplaintCategories categories;

    /** Registers the file's complaints, all or nothing; answers them in file order. */
    public Uni<List<ComplaintRepository.Stored>> importComplaints(Caller caller, String format, byte[] content) {
        ComplaintService.requireReads(caller);
        Sheet sheet = sheet(format, content);
        Map<String, Integer> columns = columns(sheet, COMPLAINT_COLUMNS);
        ZoneId zone = config.timeZone();
        Instant now = Instant.now();
        List<Violation> problems = new ArrayList<>();
        List<ComplaintInput.Registration> all = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (Sheet.Line line : sheet.lines()) {
            ObjectNode node = JSON.objectNode();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = line.cell(c.getValue());
                if (cell != null) {
                    node.put(c.getKey(), c.getKey().equals("receivedAt") ? withOffset(cell, zone) : cell);
                }
            }
            all.add(ComplaintInput.registration(node, "/" + line.number(), now, categories, problems));
            rows.add(line.number());
        }
        ComplaintInput.refuse(problems);
        return service.registerAll(caller, all, i -> "/" + rows.get(i) + "/unit");
    }

    /** Puts the file's volumes, all or nothing; answers how many were written. */
    public Uni<Integer> importVolumes(Caller caller, String format, byte[] content) {
        ComplaintService.requireReads(caller);
        Sheet sheet = sheet(format, content);
        Map<String, Integer> columns = columns(sheet, VOLUME_COLUMNS);
        List<Violation> problems = new ArrayList<>();
        List<ComplaintInput.Volume> all = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (Sheet.Line line : sheet.lines()) {
            ObjectNode node = JSON.objectNode();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = line.cell(c.getValue());
                if (cell != null) {
                    node.put(c.getKey(), cell);
                }
            }
            all.add(ComplaintInput.volume(node, "/" + line.number(), problems));
            rows.add(line.number());
        }
        ComplaintInput.repeatedVolumes(all, i -> "/" + rows.get(i) + "/month", rows::get, problems);
        ComplaintInput.refuse(problems);
        return service.putVolumes(caller, all, i -> "/" + rows.get(i) + "/unit");
    }

    /** The complaints as a CSV document (UTF-8), the category's name in zh-CN when {@code chinese}, else en. */
    static byte[] csv(List<ComplaintRepository.Stored> complaints, ZoneId zone, ComplaintCategories categories,
            boolean chinese) {
        return Csv.document(EXPORT_HEADER, rows(complaints, zone, categories, chinese))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The complaints as an XLSX workbook, names as {@link #csv}. */
    static byte[] xlsx(List<ComplaintRepository.Stored> complaints, ZoneId zone, ComplaintCategories categories,
            boolean chinese) {
        return Xlsx.document("complaints", EXPORT_HEADER, rows(complaints, zone, categories, chinese));
    }

    /** The export's rows: never the customer's reference (only its hash is stored, and that is not shown either). */
    private static List<List<Object>> rows(List<ComplaintRepository.Stored> complaints, ZoneId zone,
            ComplaintCategories categories, boolean chinese) {
        List<List<Object>> rows = new ArrayList<>();
        for (ComplaintRepository.Stored c : complaints) {
            rows.add(Arrays.asList(c.id(), c.channel(), local(c.receivedAt(), zone), c.unitCode(), c.unitName(),
                    c.category(), categories.of(c.category()).name(chinese), c.subject(), c.firstResponder(), local(c.dueAt(), zone), c.state(), c.late(),
                    c.repeat(), c.escalated(), local(c.repliedAt(), zone), c.resolution(), c.satisfaction()));
        }
        return rows;
    }

    private static String local(OffsetDateTime at, ZoneId zone) {
        return at == null ? null : at.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }

    /**
     * A time written without an offset (as a spreadsheet's date cell reads, or a page's form is filled in) is in the
     * server's time zone; anything else is left for the registration's reader to judge.
     */
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

    /** The file's columns by name (spaces, underscores, hyphens and case ignored); 422 naming each bad header. */
    private static Map<String, Integer> columns(Sheet sheet, List<String> known) {
        Map<String, String> names = new LinkedHashMap<>();
        known.forEach(k -> names.put(k.toLowerCase(Locale.ROOT), k));
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < sheet.header().size(); c++) {
            String name = sheet.header().get(c);
            if (name == null || name.isBlank()) {
                continue;
            }
            String column = names.get(name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT));
            if (column == null) {
                problems.add(Violation.at("/1/" + Violation.escape(name), m -> m.unknownField()));
            } else if (columns.putIfAbsent(column, c) != null) {
                String first = sheet.header().get(columns.get(column));
                problems.add(Violation.at("/1/" + Violation.escape(name),
                        m -> m.duplicateColumn(column, first, name)));
            }
        }
        for (String required : known) {
            if (!columns.containsKey(required)) {
                problems.add(Violation.at("/1/" + required, m -> m.importColumnMissing(required)));
            }
        }
        ComplaintInput.refuse(problems);
        if (sheet.lines().isEmpty()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.importEmpty())));
        }
        return columns;
    }

    private Sheet sheet(String format, byte[] content) {
        ServiceGradeConfig.Imports settings = config.imports();
        Sheet.Limits limits = new Sheet.Limits(MAX_ROWS, settings.maxCellLength(),
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
}
