package io.servicegrade.coverage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.Sheet;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage plans as a file and from one (issue 19): one row per plan version, lists separated by {@code ;}. The
 * export writes the columns the import reads, so an exported file imports unchanged (a new version of each plan).
 * An import is all or nothing inside the request: each row becomes the body one put takes and is read and resolved
 * by the same rules ({@link CoverageService#putAll}); every bad cell is named at {@code /<row>/<column>} (the header
 * being row 1) and then nothing is stored.
 */
@ApplicationScoped
public class CoverageFile {

    /** The most plan versions one file may hold. */
    static final int MAX_ROWS = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<String> COLUMNS = List.of("key", "nameZh", "nameEn", "kinds", "areas", "tags",
            "serviceLines", "source", "everyMonths", "activeFrom", "activeTo", "accounts", "agencies",
            "dutyMinimum");
    /** The same columns as the export writes them in Chinese ({@code lang=zh-CN}); the import reads both. */
    static final List<String> COLUMNS_ZH = List.of("计划", "中文名称", "英文名称", "单位类型", "区域", "标签", "业务线",
            "评价来源", "检查周期（月）", "生效日", "失效日", "检查人员账号", "测评机构", "每周期最少检查次数");
    private static final Set<String> SELECTION = Set.of("kinds", "areas", "tags", "serviceLines");
    private static final Set<String> INSPECTORS = Set.of("accounts", "agencies");
    private static final Map<String, String> NAMES = names();

    /** One row: its number in the file, the plan's key and the body of a put. */
    record Row(int number, String key, ObjectNode body) {
    }

    @Inject
    CoverageService service;

    @Inject
    ServiceGradeConfig config;

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>(SheetFile.names(COLUMNS));
        for (int i = 0; i < COLUMNS.size(); i++) {
            names.put(SheetFile.normalized(COLUMNS_ZH.get(i)), COLUMNS.get(i));
        }
        return names;
    }

    /** Adds a version for each row, all or nothing; answers the versions stored, in file order. */
    public Uni<List<CoveragePlan>> importPlans(Caller caller, String format, byte[] content) {
        CoverageService.requirePlanning(caller);
        Sheet sheet = SheetFile.read(format, content, config.imports(), MAX_ROWS);
        Map<String, Integer> columns = SheetFile.columns(sheet, NAMES, List.of("key"));
        List<Row> rows = new ArrayList<>();
        for (Sheet.Line line : sheet.lines()) {
            ObjectNode body = JSON.objectNode();
            String key = null;
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = line.cell(c.getValue());
                if (cell == null) {
                    continue;
                }
                cell = SheetFile.unneutralised(cell);
                String column = c.getKey();
                if (column.equals("key")) {
                    key = cell;
                } else if (SELECTION.contains(column)) {
                    list(child(body, "selection"), column, cell);
                } else if (INSPECTORS.contains(column)) {
                    list(child(body, "inspectors"), column, cell);
                } else if (column.equals("everyMonths") || column.equals("dutyMinimum")) {
                    if (cell.matches("[0-9]{1,9}")) {
                        body.put(column, Integer.parseInt(cell));
                    } else {
                        body.put(column, cell);
                    }
                } else if (column.equals("activeFrom") || column.equals("activeTo")) {
                    // a spreadsheet's date cell reads as a local date-time at midnight
                    body.put(column, cell.matches("\\d{4}-\\d{2}-\\d{2}T00:00(:00)?") ? cell.substring(0, 10) : cell);
                } else {
                    body.put(column, cell);
                }
            }
            rows.add(new Row(line.number(), key, body));
        }
        return service.putAll(caller, rows);
    }

    private static ObjectNode child(ObjectNode body, String name) {
        return body.has(name) ? (ObjectNode) body.get(name) : body.putObject(name);
    }

    private static void list(ObjectNode parent, String column, String cell) {
        ArrayNode items = parent.putArray(column);
        for (String item : cell.split(";", -1)) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
    }

    /**
     * A put's problems under a row, each at its column: {@code /selection/kinds/1} → {@code /7/kinds/1},
     * {@code /inspectors/accounts/0} → {@code /7/accounts/0}.
     */
    static List<Violation> inRow(int row, List<Violation> violations) {
        return SheetFile.inRow(row, violations.stream().map(v -> Violation.at(
                v.pointer().replaceFirst("^/(selection|inspectors)(?=/)", ""), v.message())).toList());
    }

    static List<String> header(String language) {
        return CoverageExport.zh(language) ? COLUMNS_ZH : COLUMNS;
    }

    /** The plans in the import's columns, lists joined by {@code ;}. */
    static List<List<Object>> rows(List<CoveragePlan> plans) {
        List<List<Object>> rows = new ArrayList<>();
        for (CoveragePlan p : plans) {
            rows.add(Arrays.asList(p.key(), p.nameZh(), p.nameEn(), String.join(";", p.kinds()),
                    String.join(";", p.areas()), String.join(";", p.tags()), String.join(";", p.serviceLines()),
                    p.source(), p.everyMonths(), p.activeFrom().toString(),
                    p.activeTo() == null ? "" : p.activeTo().toString(), String.join(";", p.accountLogins()),
                    String.join(";", p.agencyCodes()), p.dutyMinimum()));
        }
        return rows;
    }
}
