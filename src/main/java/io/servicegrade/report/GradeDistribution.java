package io.servicegrade.report;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingService;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.servicegrade.report.Table.Cell;
import static io.servicegrade.report.Table.Column;
import static io.servicegrade.report.Table.Row;

/**
 * The bulletin's grade distribution (issue 20): for each group of a level (a branch…), how many of the units under
 * it reached each grade, how many of those were vetoed (a vetoed unit takes the last grade) and how many are on the
 * board without a grade though evaluated (a composite incomplete); drawn as one stacked bar a group with the counts
 * written under it, and as a table of the same counts. Groups without an evaluated unit are left out.
 */
final class GradeDistribution {

    /** A group's counts: by grade key (vetoed units in the last grade), vetoed, and evaluated without a grade. */
    record Group(Unit unit, Map<String, Integer> grades, int vetoed, int notGraded) {

        int graded() {
            return grades.values().stream().mapToInt(Integer::intValue).sum();
        }

        int total() {
            return graded() + notGraded;
        }
    }

    record View(String heading, String intro, String none, String svg, Table table) {
    }

    private static final int WIDTH = 390;
    private static final int SIDE = 8;
    private static final int BAR = 24;
    private static final int LINE = Svg.FONT + 6;

    private GradeDistribution() {
    }

    /** The groups of {@code board} (a board of group kind {@code level}) in its order, with their counts. */
    static List<Group> groups(StandingService.Board board) {
        Scheme scheme = board.scheme().scheme();
        Map<String, Unit> byId = new HashMap<>();
        board.groups().forEach(g -> byId.put(Long.toString(g.id()), g));
        Map<Long, int[]> vetoed = new HashMap<>();
        Map<Long, int[]> none = new HashMap<>();
        Map<Long, Map<String, Integer>> grades = new HashMap<>();
        for (Unit unit : board.units()) {
            Standing s = board.current().get(unit.id());
            // a unit without a grade counts when it was evaluated (an incomplete composite), not when it has no
            // sample at all: the board lists every unit of the graded kinds, evaluated or not
            if (s == null || s.grade() == null && s.sources().stream().allMatch(v -> v.samples() == 0)) {
                continue;
            }
            String[] ids = unit.pathText().split("\\.");
            for (int i = 0; i < ids.length - 1; i++) {
                Unit group = byId.get(ids[i]);
                if (group == null) {
                    continue;
                }
                Map<String, Integer> counts = grades.computeIfAbsent(group.id(), id -> {
                    Map<String, Integer> zero = new LinkedHashMap<>();
                    scheme.grades().forEach(g -> zero.put(g.key(), 0));
                    return zero;
                });
                if (s.grade() == null) {
                    none.computeIfAbsent(group.id(), id -> new int[1])[0]++;
                } else {
                    counts.merge(s.grade(), 1, Integer::sum);
                    if (s.vetoed()) {
                        vetoed.computeIfAbsent(group.id(), id -> new int[1])[0]++;
                    }
                }
            }
        }
        List<Unit> ordered = new ArrayList<>();
        board.groupRanks().forEach(r -> ordered.add(board.byId().get(r.stats().unitId())));
        board.groups().stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
        return ordered.stream().filter(g -> g != null && grades.containsKey(g.id()))
                .map(g -> new Group(g, grades.get(g.id()), vetoed.getOrDefault(g.id(), new int[1])[0],
                        none.getOrDefault(g.id(), new int[1])[0]))
                .toList();
    }

    static View of(StandingService.Board board, String level, ReportLanguage language) {
        Scheme scheme = board.scheme().scheme();
        String lang = language.tag();
        ChartMessages cm = Svg.messages(language);
        String kind = language.kind(level);
        String kindInText = language.chinese() ? kind : kind.toLowerCase(Locale.ROOT);
        List<Group> groups = groups(board);
        List<Column> columns = new ArrayList<>(List.of(new Column("group", kind, false),
                new Column("code", ReportTables.messages(language).code(), false),
                new Column("graded", cm.distributionGraded(), true)));
        scheme.grades().forEach(g -> columns.add(new Column("grade-" + g.key(), g.name().in(lang), true)));
        columns.add(new Column("vetoed", cm.distributionVetoed(), true));
        columns.add(new Column("notGraded", cm.distributionNotGraded(), true));
        List<Row> rows = new ArrayList<>();
        for (Group g : groups) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(g.unit().name()), Cell.text(g.unit().code()),
                    Cell.number(g.graded())));
            scheme.grades().forEach(grade -> cells.add(Cell.number(g.grades().get(grade.key()))));
            cells.add(Cell.number(g.vetoed()));
            cells.add(Cell.number(g.notGraded()));
            rows.add(new Row(cells, null));
        }
        String heading = cm.distributionHeading(kindInText);
        Table table = new Table("distribution", heading, columns, rows);
        return new View(heading, cm.distributionIntro(kindInText), cm.distributionNone(kindInText),
                groups.isEmpty() ? null : svg(scheme, groups, heading, lang, cm), table);
    }

    /** What is written under a group's bar: each grade's count, then the vetoed and the ungraded when any. */
    static List<String> counts(Scheme scheme, Group g, String lang, ChartMessages cm) {
        List<String> items = new ArrayList<>();
        scheme.grades().forEach(grade -> items.add(cm.distributionCount(grade.name().in(lang),
                g.grades().get(grade.key()))));
        if (g.vetoed() > 0) {
            items.add(cm.distributionCount(cm.trendVetoed(), g.vetoed()));
        }
        if (g.notGraded() > 0) {
            items.add(cm.distributionCount(cm.distributionNotGraded(), g.notGraded()));
        }
        return items;
    }

    static String svg(Scheme scheme, List<Group> groups, String title, String lang, ChartMessages cm) {
        int most = groups.stream().mapToInt(Group::total).max().orElse(1);
        int plot = WIDTH - 2 * SIDE;
        StringBuilder body = new StringBuilder();
        List<String> desc = new ArrayList<>();
        int y = SIDE;
        // the legend: each grade's swatch and name, the vetoed hatch, the ungraded
        List<String[]> legend = new ArrayList<>();
        for (int i = 0; i < scheme.grades().size(); i++) {
            legend.add(new String[] {"bar " + css(scheme, i), scheme.grades().get(i).name().in(lang)});
        }
        legend.add(new String[] {"bar vetoed", cm.trendVetoed()});
        legend.add(new String[] {"bar g-none", cm.distributionNotGraded()});
        int x = SIDE;
        y += LINE - 6;
        for (String[] item : legend) {
            int w = 18 + 6 + Svg.width(item[1], Svg.FONT) + 14;
            if (x > SIDE && x + w > WIDTH - SIDE) {
                x = SIDE;
                y += LINE;
            }
            body.append(rect(item[0], x, y - 14, 18, 16, item[0].endsWith("vetoed")));
            body.append(Svg.text("legend", Svg.at(x + 24), Svg.at(y), "start", item[1]));
            x += w;
        }
        y += 12;
        for (Group g : groups) {
            y += LINE;
            String name = g.unit().name() + " (" + g.unit().code() + ")";
            body.append(Svg.text("group", Svg.at(SIDE), Svg.at(y), "start", name));
            y += 6;
            int at = SIDE;
            int done = 0;
            List<int[]> segments = new ArrayList<>();
            for (int i = 0; i < scheme.grades().size(); i++) {
                int count = g.grades().get(scheme.grades().get(i).key());
                boolean last = i == scheme.grades().size() - 1;
                segments.add(new int[] {i, last ? count - g.vetoed() : count});
            }
            segments.add(new int[] {-1, g.vetoed()});
            segments.add(new int[] {-2, g.notGraded()});
            for (int[] s : segments) {
                if (s[1] <= 0) {
                    continue;
                }
                done += s[1];
                // each segment ends where the running count does: widths add up exactly to the group's bar
                int end = SIDE + plot * done / most;
                String css = s[0] == -1 ? "bar vetoed" : s[0] == -2 ? "bar g-none" : "bar " + css(scheme, s[0]);
                body.append(rect(css, at, y, end - at, BAR, s[0] == -1));
                at = end;
            }
            y += BAR;
            List<String> items = counts(scheme, g, lang, cm);
            desc.add(cm.distributionGroup(name, String.join(cm.listSeparator(), items)));
            StringBuilder written = new StringBuilder();
            for (String item : items) {
                String next = written.isEmpty() ? item : written + " · " + item;
                if (!written.isEmpty() && Svg.width(next, Svg.FONT) > plot) {
                    y += LINE;
                    body.append(Svg.text("counts", Svg.at(SIDE), Svg.at(y), "start", written.toString()));
                    written = new StringBuilder(item);
                } else {
                    written = new StringBuilder(next);
                }
            }
            y += LINE;
            body.append(Svg.text("counts", Svg.at(SIDE), Svg.at(y), "start", written.toString()));
            y += 8;
        }
        int height = y + SIDE;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"distribution\" role=\"img\" viewBox=\"0 0 " + WIDTH
                + " " + height + "\" aria-labelledby=\"distribution-title distribution-desc\">"
                + "<title id=\"distribution-title\">" + Svg.escape(title) + "</title>"
                + "<desc id=\"distribution-desc\">" + Svg.escape(String.join(cm.listSeparator(), desc)
                        + cm.sentenceEnd()) + "</desc>"
                + "<defs><pattern id=\"distribution-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#5c0a0a\"/>"
                + "<line class=\"hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>"
                + body + "</svg>";
    }

    private static String css(Scheme scheme, int index) {
        return index == scheme.grades().size() - 1 ? "g-last" : "g-" + Math.min(index, 3);
    }

    private static String rect(String css, int x, int y, int width, int height, boolean hatched) {
        return "<rect class=\"" + css + "\" x=\"" + x + "\" y=\"" + y + "\" width=\"" + width + "\" height=\""
                + height + "\"" + (hatched ? " fill=\"url(#distribution-hatch)\"" : "") + "/>";
    }
}
