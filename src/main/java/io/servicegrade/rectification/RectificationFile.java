package io.servicegrade.rectification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.Sheet;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rectification orders from a CSV or XLSX file (issue 19): one order a row, in the columns of a creation's body, all
 * or nothing inside the request. Each row becomes the JSON body one creation takes and is read and resolved by the
 * same rules ({@link RectificationService#createAll}); every bad cell is named at {@code /<row>/<column>} (the header
 * being row 1) and then nothing is stored.
 */
@ApplicationScoped
public class RectificationFile {

    /** The most orders one file may hold (as a complaints file). */
    static final int MAX_ROWS = 5000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<String> COLUMNS = List.of("unit", "title", "itemKey", "severity", "dueAt", "evaluation",
            "items", "veto");

    /** Each column by its English key, or by the Chinese name a person writes (整改单位, 标题, …). */
    private static final Map<String, String> NAMES = names();

    /** One row as a creation's body, with its number in the file. */
    record Row(int number, ObjectNode body) {
    }

    /** What an import made: how many orders, and their ids in file order. */
    public record Imported(int count, List<Long> ids) {
    }

    @Inject
    RectificationService service;

    @Inject
    ServiceGradeConfig config;

    private static Map<String, String> names() {
        Map<String, String> names = new java.util.LinkedHashMap<>(SheetFile.names(COLUMNS));
        Map.of("单位", "unit", "整改单位", "unit", "标题", "title", "问题", "title", "检查项", "itemKey",
                        "严重程度", "severity", "整改期限", "dueAt", "评价", "evaluation", "扣分项", "items", "否决", "veto")
                .forEach((zh, column) -> names.put(SheetFile.normalized(zh), column));
        return names;
    }

    /** Raises the file's orders, all or nothing; a caller who may not raise orders is refused before reading. */
    public Uni<Imported> importOrders(Caller caller, String format, byte[] content) {
        if (caller == null || !caller.mayRaiseRectifications()) {
            throw Scope.forbidden();
        }
        Sheet sheet = SheetFile.read(format, content, config.imports(), MAX_ROWS);
        Map<String, Integer> columns = SheetFile.columns(sheet, NAMES, List.of());
        ZoneId zone = config.timeZone();
        List<Row> rows = new ArrayList<>();
        for (Sheet.Line line : sheet.lines()) {
            ObjectNode body = JSON.objectNode();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = line.cell(c.getValue());
                if (cell != null) {
                    put(body, c.getKey(), cell, zone);
                }
            }
            rows.add(new Row(line.number(), body));
        }
        return service.createAll(caller, rows).map(ids -> new Imported(ids.size(), ids));
    }

    /**
     * A cell as the body's field: the evaluation's id as a number, the items split at {@code ;}, the veto as a
     * boolean, a deadline without an offset in the server's zone. A cell that is none of these stays text, so that
     * the body's reader names it (a wrong type) as it would in JSON.
     */
    private static void put(ObjectNode body, String column, String cell, ZoneId zone) {
        switch (column) {
            case "evaluation" -> {
                if (cell.matches("[0-9]{1,18}")) {
                    body.put(column, Long.parseLong(cell));
                } else {
                    body.put(column, cell);
                }
            }
            case "items" -> {
                ArrayNode items = body.putArray(column);
                for (String item : cell.split(";", -1)) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            }
            case "veto" -> {
                String v = cell.toLowerCase(java.util.Locale.ROOT);
                if (List.of("true", "1", "yes", "是").contains(v)) {
                    body.put(column, true);
                } else if (List.of("false", "0", "no", "否").contains(v)) {
                    body.put(column, false);
                } else {
                    body.put(column, cell);
                }
            }
            case "dueAt" -> body.put(column, SheetFile.withOffset(cell, zone));
            default -> body.put(column, cell);
        }
    }
}
