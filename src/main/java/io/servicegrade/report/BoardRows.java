package io.servicegrade.report;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingNode;
import io.servicegrade.standing.StandingService;
import io.servicegrade.standing.StandingsEngine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.servicegrade.report.Table.Cell;
import static io.servicegrade.report.Table.Column;
import static io.servicegrade.report.Table.Row;

/**
 * A board's table as a manager reads it (issue 20), made from the board's own table ({@link ReportTables#board}) and
 * the {@link BoardFacts}: units named by their full path, a veto in words with its sheet, the gap to the next grade,
 * rank and grade changes, a sparkline of the recent periods; the rows filtered by grade or put weakest first; and the
 * summary above it. Pure: every figure comes from the standings (values, ranks, grades, previous period) as they are.
 */
public final class BoardRows {

    /** A row as the page draws it: the table's row, its sparkline, and its change in marks and in words. */
    public record Line(Row row, String sparkline, String move, String moveShown, String moveSpoken) {
    }

    /** A link to a page of the board. */
    public record PageLink(int number, String href, boolean current) {
    }

    /** A grade's count on the board, and the link that shows only it. */
    public record GradeLink(String name, String css, int count, String href, boolean selected) {
    }

    /**
     * What the top of a board says: the true total and the rows shown, links to every page, units per grade (and
     * vetoed, and not graded), groups' targets met or missed, the grade rules and the ranking composite.
     */
    public record Summary(int total, String rowsShown, String printedPage, List<PageLink> pages, List<GradeLink> grades,
            String targets, List<String> rules, String rankedBy, String allGrades, boolean filtered,
            String weakestFirst, String rankOrder, boolean weakest) {

        /** The pager under the board: a link to each page. */
        public Pager pager() {
            return new Pager(pages, null, null);
        }
    }

    /**
     * A board page's content: its summary, its (sorted, filtered, sliced) table and its lines; on a board of units
     * under a unit whose level has targets, those targets checked over the units shown (issue 20; null otherwise).
     */
    public record Shown(Summary summary, Table table, List<Line> lines, UnitTargets targets) {

        public Shown(Summary summary, Table table, List<Line> lines) {
            this(summary, table, lines, null);
        }
    }

    /** The grade filter's value for vetoed units. */
    static final String VETOED = "vetoed";

    /** The sort that puts the weakest first. */
    static final String WEAKEST = "weakest";

    private final StandingService.Board board;
    private final BoardFacts facts;
    private final ReportLanguage language;
    private final Scheme scheme;
    private final BoardMessages bm;
    private final ReportMessages m;
    private final Map<String, StandingNode> nodes = new HashMap<>();

    BoardRows(StandingService.Board board, BoardFacts facts, ReportLanguage language) {
        this.board = board;
        this.facts = facts;
        this.language = language;
        this.scheme = board.scheme().scheme();
        this.bm = BoardWords.messages(language);
        this.m = ReportTables.messages(language);
        StandingNode.nodes(board, language.tag()).forEach(n -> nodes.put(n.unit().code(), n));
    }

    /** The board's table with paths, vetoes in words, gaps, rank and grade changes and recent periods. */
    Table enrich(Table table) {
        int code = table.columnIndex("code");
        int name = table.columnIndex("name");
        int grade = table.columnIndex("grade");
        int change = table.columnIndex("change");
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            columns.add(table.columns().get(c));
            if (c == grade) {
                columns.add(new Column("gap", bm.bmGap(), false));
            }
            if (c == change) {
                columns.add(new Column("rankChange", bm.bmRankChange(), true));
                columns.add(new Column("gradeChange", bm.bmGradeChange(), false));
            }
        }
        columns.add(new Column("trend", bm.bmTrend(), false));
        BoardWords words = new BoardWords(scheme, language);
        List<Row> rows = new ArrayList<>();
        for (Row row : table.rows()) {
            StandingNode n = nodes.get(row.cells().get(code).text());
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < row.cells().size(); c++) {
                Cell cell = row.cells().get(c);
                if (c == name && n != null) {
                    cell = new Cell(facts.paths().getOrDefault(n.unit().code(), cell.text()), cell.href(), cell.css(),
                            cell.note(), cell.sortValue());
                }
                if (c == grade && n != null) {
                    cell = vetoInWords(cell, n);
                }
                cells.add(cell);
                if (c == grade) {
                    String gap = n == null ? null : words.gap(board.current().get(n.unit().id()));
                    cells.add(Cell.text(gap));
                }
                if (c == change) {
                    cells.add(rankChange(n));
                    cells.add(gradeChange(n));
                }
            }
            cells.add(Cell.text(n == null ? "" : trendText(n)));
            rows.add(new Row(cells, row.css()));
        }
        return new Table(table.id(), table.caption(), columns, rows);
    }

    /** The notice's tables with their units named by path. */
    static Table withPaths(Table table, Map<String, String> paths) {
        int code = table.columnIndex("code");
        int name = table.columnIndex("name");
        if (code < 0 || name < 0) {
            return table;
        }
        List<Row> rows = table.rows().stream().map(row -> {
            List<Cell> cells = new ArrayList<>(row.cells());
            Cell cell = cells.get(name);
            cells.set(name, new Cell(paths.getOrDefault(cells.get(code).text(), cell.text()), cell.href(), cell.css(),
                    cell.note(), cell.sortValue()));
            return new Row(cells, row.css());
        }).toList();
        return new Table(table.id(), table.caption(), table.columns(), rows);
    }

    /** A veto by an evaluation the reader may read: its item, day and source in words, linked to the sheet. */
    private Cell vetoInWords(Cell cell, StandingNode n) {
        return WhyCells.veto(cell, n, facts.vetoes(), language);
    }

    /** Places moved since the previous period: the previous rank less this one (up is positive). */
    private Cell rankChange(StandingNode n) {
        if (n == null || n.rank() == null || n.previous() == null || n.previous().rank() == null) {
            return Cell.number((Integer) null);
        }
        int moved = n.previous().rank() - n.rank();
        String text = moved > 0 ? bm.bmRankUp(moved) : moved < 0 ? bm.bmRankDown(-moved) : bm.bmRankSame();
        return new Cell(text, null, moved > 0 ? "move-up" : moved < 0 ? "move-down" : null, null,
                BigDecimal.valueOf(moved));
    }

    /** "新晋示范窗口" when the grade is better than the previous period's, "降级" when worse; compared by place. */
    private Cell gradeChange(StandingNode n) {
        if (n == null || n.grade() == null || n.previous() == null || n.previous().grade() == null) {
            return Cell.text("");
        }
        int now = scheme.gradeIndex(n.grade().key());
        int before = scheme.gradeIndex(n.previous().grade().key());
        if (before < 0 || now == before) {
            return Cell.text("");
        }
        return now < before ? new Cell(bm.bmNewGrade(n.grade().name()), null, "badge badge-up", null, 1)
                : new Cell(bm.bmDownGrade(), null, "badge badge-down", null, -1);
    }

    /** The unit's values in the recent periods, oldest first (null where it had none). */
    private List<TrendChart.Point> recent(StandingNode n) {
        List<TrendChart.Point> points = new ArrayList<>();
        for (StandingService.Board past : facts.past()) {
            StandingNode then = StandingNode.node(past, n.unit().id(), language.tag());
            points.add(new TrendChart.Point(language.period(past.period()), then == null ? null : then.value()));
        }
        points.add(new TrendChart.Point(language.period(board.period()), n.value()));
        return points;
    }

    /** The sparkline's text alternative: "近 4 期：2025年第一季度 88.00，…". */
    private String trendText(StandingNode n) {
        List<TrendChart.Point> points = recent(n);
        List<String> each = points.stream().map(p -> p.label() + " " + (p.value() == null ? bm.bmNoValue()
                : language.number(p.value()))).toList();
        return bm.bmTrendText(points.size(), String.join(language.chinese() ? "，" : ", ", each));
    }

    /** The rows of one grade ({@link #VETOED}: the vetoed ones); all for null or an unknown grade. */
    Table filtered(Table table, String grade) {
        if (grade == null || !VETOED.equals(grade) && scheme.gradeIndex(grade) < 0) {
            return table;
        }
        int code = table.columnIndex("code");
        return new Table(table.id(), table.caption(), table.columns(), table.rows().stream().filter(row -> {
            StandingNode n = nodes.get(row.cells().get(code).text());
            return n != null && (VETOED.equals(grade) ? n.vetoed() : n.grade() != null && n.grade().key()
                    .equals(grade));
        }).toList());
    }

    /**
     * Weakest first: every vetoed unit, then from the lowest grade up, the lowest value first; units without a
     * grade (incomplete) last. Groups: the lowest mean first.
     */
    Table weakestFirst(Table table) {
        int code = table.columnIndex("code");
        Comparator<StandingNode> order = Comparator.comparing((StandingNode n) -> !n.vetoed())
                .thenComparing(n -> n.grade() == null ? Integer.MIN_VALUE : -scheme.gradeIndex(n.grade().key()))
                .thenComparing(StandingNode::value, Comparator.nullsLast(Comparator.naturalOrder()));
        List<Row> rows = new ArrayList<>(table.rows());
        rows.sort(Comparator.comparing(row -> nodes.get(row.cells().get(code).text()),
                Comparator.nullsLast(order)));
        return new Table(table.id(), table.caption(), table.columns(), rows);
    }

    /** The lines of the rows shown, with their sparklines and change marks. */
    List<Line> lines(Table shown) {
        int code = shown.columnIndex("code");
        return shown.rows().stream().map(row -> {
            StandingNode n = nodes.get(row.cells().get(code).text());
            if (n == null) {
                return new Line(row, "", null, null, null);
            }
            String spark = Sparkline.svg(recent(n).stream().map(TrendChart.Point::value).toList());
            BigDecimal change = n.change();
            if (change == null) {
                return new Line(row, spark, null, null, null);
            }
            String amount = language.number(change.abs());
            return change.signum() > 0 ? new Line(row, spark, "move-up", "▲ " + amount, bm.bmUp(amount))
                    : change.signum() < 0 ? new Line(row, spark, "move-down", "▼ " + amount, bm.bmDown(amount))
                            : new Line(row, spark, "move-same", "= " + amount, bm.bmSame());
        }).toList();
    }

    /** The summary of the whole board (before a grade filter), for the page {@code page} of {@code pages}. */
    Summary summary(Page page, int shownTotal, int current, int pages, int pageSize, String gradeAsked,
            boolean weakest) {
        List<GradeLink> grades = new ArrayList<>();
        Page unpaged = new Page(page.lang(), page.title(), page.subtitle(), page.printedAt(), page.path(),
                page.query(), page.csrf());
        String targets = null;
        if (board.groupMode()) {
            int met = 0;
            int missed = 0;
            Map<String, Integer> units = new HashMap<>();
            for (StandingNode n : nodes.values()) {
                if (!n.group().targets().isEmpty()) {
                    if (n.group().targets().stream().allMatch(StandingNode.TargetNode::met)) {
                        met++;
                    } else {
                        missed++;
                    }
                }
                n.group().grades().forEach(g -> units.merge(g.grade().key(), g.count(), Integer::sum));
            }
            targets = met + missed == 0 ? null : bm.bmGroupsTargets(met, missed);
            for (Scheme.Grade g : scheme.grades()) {
                grades.add(new GradeLink(g.name().in(language.tag()), ReportTables.gradeCss(scheme, g.key()),
                        units.getOrDefault(g.key(), 0), null, false));
            }
        } else {
            Map<String, Integer> counts = new HashMap<>();
            int vetoed = 0;
            int ungraded = 0;
            for (StandingNode n : nodes.values()) {
                if (n.vetoed()) {
                    vetoed++;
                }
                if (n.grade() == null) {
                    ungraded++;
                } else {
                    counts.merge(n.grade().key(), 1, Integer::sum);
                }
            }
            for (Scheme.Grade g : scheme.grades()) {
                grades.add(new GradeLink(g.name().in(language.tag()), ReportTables.gradeCss(scheme, g.key()),
                        counts.getOrDefault(g.key(), 0), filterLink(unpaged, g.key()), g.key().equals(gradeAsked)));
            }
            grades.add(new GradeLink(m.vetoed(), "vetoed-mark", vetoed, filterLink(unpaged, VETOED),
                    VETOED.equals(gradeAsked)));
            if (ungraded > 0) {
                grades.add(new GradeLink(bm.bmUngraded(), "grade-none", ungraded, null, false));
            }
        }
        List<PageLink> links = Pager.links(page, pages, current);
        int from = shownTotal == 0 ? 0 : (current - 1) * pageSize + 1;
        int to = Math.min(shownTotal, current * pageSize);
        BoardWords words = new BoardWords(scheme, language);
        boolean filtered = gradeAsked != null && (VETOED.equals(gradeAsked) || scheme.gradeIndex(gradeAsked) >= 0);
        return new Summary(board.size(), bm.bmRowsOf(from, to, shownTotal),
                pages > 1 ? bm.bmPrintedPage(current, pages) : null, links, grades, targets,
                board.groupMode() ? List.of() : words.rules(), words.rankedBy(), filterLink(unpaged, null), filtered,
                withSort(unpaged, WEAKEST), withSort(unpaged, null), weakest);
    }

    private static String filterLink(Page page, String grade) {
        Page unpaged = new Page(page.lang(), page.title(), page.subtitle(), page.printedAt(), page.path(),
                without(page.query(), "page"), page.csrf());
        return unpaged.with("grade", grade);
    }

    private static String withSort(Page page, String sort) {
        Map<String, String> query = without(without(without(page.query(), "page"), "dir"), "sort");
        Page unsorted = new Page(page.lang(), page.title(), page.subtitle(), page.printedAt(), page.path(), query,
                page.csrf());
        return unsorted.with("sort", sort);
    }

    private static Map<String, String> without(Map<String, String> query, String name) {
        Map<String, String> next = new java.util.LinkedHashMap<>(query);
        next.remove(name);
        return next;
    }
}
