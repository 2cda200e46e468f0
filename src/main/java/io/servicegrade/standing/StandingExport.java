package io.servicegrade.standing;

import io.servicegrade.platform.csv.Csv;
import io.servicegrade.scheme.Scheme;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standings as scripts read them: JSON, or CSV (UTF-8 with BOM, so that Excel opens it as such). A board's
 * export is made once per language and kept as long as the board itself is kept (a board is never changed: a
 * change makes a new one).
 */
@ApplicationScoped
public class StandingExport {

    private final Cache<StandingService.Board, Map<String, Object>> made = Caffeine.newBuilder().weakKeys().build();

    @SuppressWarnings("unchecked")
    private <T> T once(StandingService.Board board, String what, java.util.function.Supplier<T> make) {
        return (T) made.get(board, b -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(what, w -> make.get());
    }

    public Map<String, Object> json(StandingService.Board board, String lang) {
        return once(board, "json:" + lang, () -> makeJson(board, lang));
    }

    /**
     * The CSV as the bytes sent (UTF-8): made once per board and language, so that many clients downloading the
     * same board share one copy rather than each encoding its own (a board of 10,000 windows is about 1.5 MB).
     */
    public byte[] csv(StandingService.Board board, String lang) {
        return once(board, "csv:" + lang, () -> makeCsv(board, lang).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> makeJson(StandingService.Board board, String lang) {
        Scheme scheme = board.scheme().scheme();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scheme", scheme.key());
        result.put("version", board.scheme().version());
        result.put("period", board.period().id());
        result.put("publishedAt", board.publishedAt() == null ? null : board.publishedAt().toString());
        result.put("closing", board.closing());
        result.put("closedAt", board.closedAt() == null ? null : board.closedAt().toString());
        result.put("totalCount", board.size());
        result.put("standings", nodes(board, lang).stream().map(n -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("unit", n.unit().code());
            row.put("name", n.unit().name());
            row.put("rank", n.rank());
            row.put("value", n.value());
            row.put("grade", n.grade());
            row.put("vetoed", n.vetoed());
            row.put("vetoedBy", n.vetoEvaluation());
            row.put("vetoEvent", n.vetoEvent());
            row.put("complete", n.complete());
            row.put("composites", n.composites());
            row.put("sources", n.sources());
            row.put("previous", n.previous());
            row.put("change", n.change());
            row.put("parentMean", n.parentMean());
            row.put("aboveParentMean", n.aboveParentMean());
            row.put("group", n.group());
            return row;
        }).toList());
        return result;
    }

    private String makeCsv(StandingService.Board board, String lang) {
        Scheme scheme = board.scheme().scheme();
        boolean zh = lang.startsWith("zh");
        if (board.groupMode()) {
            return groupCsv(board, scheme, lang, zh);
        }
        List<String> header = new ArrayList<>(List.of(zh ? "排名" : "rank", zh ? "单位代码" : "unit",
                zh ? "单位名称" : "name", zh ? "等级" : "grade"));
        scheme.composites().forEach(c -> header.add(c.name().in(lang)));
        scheme.sources().forEach(s -> {
            header.add(s.source());
            header.add(s.source() + (zh ? " 样本数" : " samples"));
        });
        header.addAll(List.of(zh ? "一票否决" : "vetoed", zh ? "上期排名" : "previous rank",
                zh ? "变化" : "change"));
        List<List<Object>> rows = new ArrayList<>();
        for (StandingNode n : nodes(board, lang)) {
            List<Object> row = new ArrayList<>(Arrays.asList(n.rank(), n.unit().code(), n.unit().name(),
                    n.grade() == null ? "" : n.grade().name()));
            n.composites().forEach(c -> row.add(c.value()));
            n.sources().forEach(s -> {
                row.add(s.value());
                row.add(s.samples());
            });
            row.add(n.vetoed() ? (zh ? "是" : "yes") : "");
            row.add(n.previous() == null ? null : n.previous().rank());
            row.add(n.change());
            rows.add(row);
        }
        return Csv.document(header, rows);
    }

    /**
     * A group board: each group's mean, graded units and grade counts, then five columns per target check (a
     * target in one area, as the groups' checks name them): required, actual, met, counted, reaching.
     */
    private String groupCsv(StandingService.Board board, Scheme scheme, String lang, boolean zh) {
        List<StandingNode> nodes = nodes(board, lang);
        Map<String, StandingNode.TargetNode> checks = new LinkedHashMap<>();
        nodes.forEach(n -> n.group().targets().forEach(t -> checks.putIfAbsent(t.key() + "|" + t.area(), t)));
        List<String> header = new ArrayList<>(List.of(zh ? "排名" : "rank", zh ? "单位代码" : "unit",
                zh ? "单位名称" : "name", zh ? "均值" : "mean", zh ? "已评定" : "graded"));
        scheme.grades().forEach(g -> header.add(g.name().in(lang)));
        checks.values().forEach(t -> {
            String area = switch (t.area()) {
                case "urban" -> zh ? "城区" : "urban";
                case "rural" -> zh ? "农村" : "rural";
                default -> zh ? "全部" : "all";
            };
            String prefix = t.name() + (zh ? "·" + area + " " : " · " + area + " ");
            header.add(prefix + (zh ? "要求" : "required"));
            header.add(prefix + (zh ? "实际" : "actual"));
            header.add(prefix + (zh ? "达成" : "met"));
            header.add(prefix + (zh ? "计入单位" : "counted"));
            header.add(prefix + (zh ? "达到单位" : "reaching"));
        });
        List<List<Object>> rows = new ArrayList<>();
        for (StandingNode n : nodes) {
            List<Object> row = new ArrayList<>(Arrays.asList(n.rank(), n.unit().code(), n.unit().name(), n.value(),
                    n.group().graded()));
            n.group().grades().forEach(g -> row.add(g.count()));
            for (String key : checks.keySet()) {
                StandingNode.TargetNode t = n.group().targets().stream()
                        .filter(c -> (c.key() + "|" + c.area()).equals(key)).findFirst().orElse(null);
                if (t == null) {
                    row.addAll(Arrays.asList(null, null, null, null, null));
                } else {
                    row.addAll(Arrays.asList(t.required(), t.actual(), t.met() ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
                            t.counted(), t.reaching()));
                }
            }
            rows.add(row);
        }
        return Csv.document(header, rows);
    }

    private static List<StandingNode> nodes(StandingService.Board board, String lang) {
        return StandingNode.nodes(board, lang);
    }

}
