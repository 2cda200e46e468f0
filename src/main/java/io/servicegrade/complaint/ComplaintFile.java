package io.servicegrade.complaint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.Sheet;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
                    node.put(c.getKey(), c.getKey().equals("receivedAt") ? SheetFile.withOffset(cell, zone) : cell);
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

    private static Map<String, Integer> columns(Sheet sheet, List<String> known) {
        return SheetFile.columns(sheet, SheetFile.names(known), known);
    }

    private Sheet sheet(String format, byte[] content) {
        return SheetFile.read(format, content, config.imports(), MAX_ROWS);
    }
}
