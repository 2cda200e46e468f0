package io.servicegrade.coverage;

import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV and XLSX exports of coverage per unit and interval and of the overdue list (issue 19), through the one CSV
 * writer and the one XLSX writer; headers in Chinese for a {@code zh*} language, English otherwise.
 */
final class CoverageExport {

    private CoverageExport() {
    }

    static List<String> coverageHeader(String language) {
        return zh(language)
                ? List.of("计划", "单位编码", "单位名称", "检查周期", "开始日", "结束日（不含）", "已覆盖", "检查次数",
                        "最近检查时间")
                : List.of("plan", "unit", "name", "interval", "start", "end", "covered", "evaluations",
                        "lastInspectedAt");
    }

    static List<List<Object>> coverageRows(List<CoverageView.UnitCoverage> rows, String language) {
        List<List<Object>> out = new ArrayList<>();
        for (CoverageView.UnitCoverage r : rows) {
            out.add(Arrays.asList(r.plan(), r.unit(), r.name(), r.interval(), r.start().toString(),
                    r.end().toString(), yes(r.covered(), language), r.evaluations(),
                    r.lastInspectedAt() == null ? "" : r.lastInspectedAt().toString()));
        }
        return out;
    }

    static List<String> overdueHeader(String language) {
        return zh(language)
                ? List.of("计划", "单位编码", "单位名称", "区域", "逾期原因", "当前检查周期", "逾期起始日",
                        "最近检查时间")
                : List.of("plan", "unit", "name", "area", "reason", "interval", "since", "lastInspectedAt");
    }

    static List<List<Object>> overdueRows(List<CoverageView.Overdue> rows, String language) {
        List<List<Object>> out = new ArrayList<>();
        for (CoverageView.Overdue r : rows) {
            out.add(Arrays.asList(r.plan(), r.unit(), r.name(), r.area() == null ? "" : r.area(),
                    reason(r.reason(), language), r.interval(), r.since().toString(),
                    r.lastInspectedAt() == null ? "" : r.lastInspectedAt().toString()));
        }
        return out;
    }

    static String csv(List<String> header, List<List<Object>> rows) {
        return Csv.document(header, rows);
    }

    static byte[] xlsx(String sheet, List<String> header, List<List<Object>> rows) {
        return Xlsx.document(sheet, header, rows);
    }

    /** The reason an overdue unit is listed, as a person reads it. */
    static String reason(String reason, String language) {
        boolean zh = zh(language);
        return switch (reason) {
            case CoverageRules.MISSED_LAST -> zh ? "上一检查周期未覆盖" : "last interval missed";
            case CoverageRules.PAST_MIDPOINT -> zh ? "本周期过半仍未检查" : "past the middle of the interval";
            default -> reason;
        };
    }

    private static String yes(boolean covered, String language) {
        return zh(language) ? (covered ? "是" : "否") : (covered ? "yes" : "no");
    }

    static boolean zh(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
    }
}
