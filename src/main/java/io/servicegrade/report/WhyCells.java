package io.servicegrade.report;

import io.servicegrade.standing.StandingNode;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.servicegrade.report.Table.Cell;
import static io.servicegrade.report.Table.Row;

/**
 * Issue 20, "why" in the cells of every unit table (the board, the scorecard's periods, the bulletin's best and
 * weakest): a veto by an evaluation in words (its item, day and source) linked to its sheet, the same in the
 * download's veto columns, and units named by their full path. Pure: the {@link BoardFacts} are read beforehand.
 */
final class WhyCells {

    private WhyCells() {
    }

    /**
     * A grade cell of a unit vetoed by an evaluation the reader may read ({@code vetoes} has it: boards are read as
     * the reader may see them), with the veto in words, a link to the sheet and the veto's download columns filled
     * in; unchanged otherwise.
     */
    static Cell veto(Cell grade, StandingNode n, Map<Long, BoardFacts.Veto> vetoes, ReportLanguage language) {
        if (n == null || !n.vetoed() || n.vetoEvaluation() == null) {
            return grade;
        }
        long id = Long.parseLong(n.vetoEvaluation());
        BoardFacts.Veto veto = vetoes.get(id);
        if (veto == null) {
            return grade;
        }
        BoardMessages bm = BoardWords.messages(language);
        String item = veto.item(language.tag());
        String date = language.date(veto.date());
        String source = language.source(veto.source());
        return grade.note(item == null ? bm.bmVetoNoItem(date, source) : bm.bmVetoWords(item, date, source))
                .link(ReportTables.sheet(id, language.tag()))
                .more(ReportTables.vetoValues(n, veto, language));
    }

    /** A board's unit table with its units named by path and its vetoes in words (columns "code", "name", "grade"). */
    static Table explained(Table table, StandingService.Board board, BoardFacts facts, ReportLanguage language) {
        int code = table.columnIndex("code");
        int name = table.columnIndex("name");
        int grade = table.columnIndex("grade");
        if (code < 0) {
            return table;
        }
        Map<String, StandingNode> nodes = new HashMap<>();
        StandingNode.nodes(board, language.tag()).forEach(n -> nodes.put(n.unit().code(), n));
        List<Row> rows = new ArrayList<>();
        for (Row row : table.rows()) {
            List<Cell> cells = new ArrayList<>(row.cells());
            String unit = cells.get(code).text();
            if (name >= 0) {
                Cell cell = cells.get(name);
                cells.set(name, new Cell(facts.paths().getOrDefault(unit, cell.text()), cell.href(), cell.css(),
                        cell.note(), cell.sortValue(), cell.more()));
            }
            if (grade >= 0) {
                cells.set(grade, veto(cells.get(grade), nodes.get(unit), facts.vetoes(), language));
            }
            rows.add(new Row(cells, row.css()));
        }
        return new Table(table.id(), table.caption(), table.columns(), rows);
    }

    /** The units of a board that rows of these tables (with a "code" column) show, in the tables' order. */
    static List<Unit> units(StandingService.Board board, Table... tables) {
        Map<String, Unit> byCode = new HashMap<>();
        board.units().forEach(u -> byCode.put(u.code(), u));
        java.util.Set<Unit> shown = new java.util.LinkedHashSet<>();
        for (Table table : tables) {
            int code = table.columnIndex("code");
            for (Row row : table.rows()) {
                Unit unit = code < 0 ? null : byCode.get(row.cells().get(code).text());
                if (unit != null) {
                    shown.add(unit);
                }
            }
        }
        return new ArrayList<>(shown);
    }

    /** The bulletin with its best and weakest units by their paths and their vetoes in words. */
    static ReportResource.BulletinView bulletin(ReportResource.BulletinView view, StandingService.Board board,
            BoardFacts facts, ReportLanguage language) {
        return new ReportResource.BulletinView(view.schemeName(), view.periodLabel(), view.mark(), view.level(),
                view.levels(), view.groups(), explained(view.best(), board, facts, language),
                explained(view.worst(), board, facts, language), view.distribution());
    }
}
