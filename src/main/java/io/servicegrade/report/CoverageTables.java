package io.servicegrade.report;

import io.servicegrade.coverage.CoverageService;
import io.servicegrade.coverage.CoverageView;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 20: the coverage page's three tables (rates per group, overdue units, never-inspected units) as
 * {@link Table}s, so that the page and their CSV and XLSX downloads ({@link TableExport}) show the same rows; each
 * unit named by its full path, its code beside it (a column of its own in a download); and the summary above them.
 */
record CoverageTables(Table rates, Table overdue, Table never, List<String> summary) {

    static final String RATES = "rates";
    static final String OVERDUE = "overdue";
    static final String NEVER = "never";

    /** The table of that id; null for another. */
    Table named(String id) {
        if (id == null) {
            return null;
        }
        return switch (id) {
            case RATES -> rates;
            case OVERDUE -> overdue;
            case NEVER -> never;
            default -> null;
        };
    }

    /** The tables of what the service answered, their units by path (read in two queries, then their ancestors). */
    static Uni<CoverageTables> of(UnitRepository units, UnitService tree, List<CoverageView.Rate> rates,
            CoverageService.Standing standing, ReportLanguage language) {
        Set<String> codes = new LinkedHashSet<>();
        rates.stream().filter(r -> r.group() != null).forEach(r -> codes.add(r.group()));
        standing.overdue().forEach(o -> codes.add(o.unit()));
        standing.neverInspected().forEach(n -> codes.add(n.unit()));
        return UnitPaths.of(units, tree, codes).map(p -> make(rates, standing, p, language));
    }

    static CoverageTables make(List<CoverageView.Rate> rates, CoverageService.Standing standing,
            Map<String, String> paths, ReportLanguage language) {
        FollowupMessages m = ReportTables.followup(language);
        FollowupPageMessages p = RectificationList.messages(language);
        String code = p.fpmUnitCode();
        List<Table.Row> rateRows = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (CoverageView.Rate r : rates) {
            Cell group = r.group() == null ? Cell.text(m.coverageAll()).more((Object) null)
                    : unit(r.group(), r.groupName(), paths);
            // a rate is shown as "50.00 %" and downloaded as the number 50.00
            Cell rate = r.rate() == null ? Cell.text("—") : Cell.number(r.rate(), r.rate().toPlainString() + " %");
            rateRows.add(new Table.Row(List.of(Cell.text(r.plan()), group, Cell.number(r.units()),
                    Cell.number(BigDecimal.valueOf(r.required()), Long.toString(r.required())),
                    Cell.number(BigDecimal.valueOf(r.covered()), Long.toString(r.covered())), rate),
                    r.group() == null ? "group" : null));
            if (r.group() == null) {
                summary.add(p.fpmCoverageSummary(r.plan(), r.covered(), r.required(), rate.text(), r.units()));
            }
        }
        summary.add(p.fpmCoverageCounts(standing.overdue().size(), standing.neverInspected().size()));
        Table rateTable = new Table(RATES, m.coverageRates(), List.of(new Column("plan", m.coveragePlan(), false),
                new Column("group", m.coverageGroup(), false).exporting(code),
                new Column("units", m.coverageUnits(), true), new Column("required", m.coverageRequired(), true),
                new Column("covered", m.coverageCovered(), true), new Column("rate", m.coverageRate(), true)),
                rateRows);

        List<Table.Row> overdueRows = standing.overdue().stream().map(o -> new Table.Row(List.of(
                Cell.text("⚠ " + m.coverageOverdueMark()), Cell.text(o.plan()), unit(o.unit(), o.name(), paths),
                Cell.text("missed-last".equals(o.reason()) ? m.coverageMissedLast() : m.coveragePastMidpoint()),
                Cell.text(o.interval()), new Cell(o.since().toString(), null, null, null, o.since()),
                o.lastInspectedAt() == null ? Cell.text(m.coverageNeverShort())
                        : Cell.time(o.lastInspectedAt(), language.time(o.lastInspectedAt()))), "overdue")).toList();
        Table overdueTable = new Table(OVERDUE, m.coverageOverdue(), List.of(
                new Column("mark", m.coverageMark(), false), new Column("plan", m.coveragePlan(), false),
                new Column("unit", m.coverageUnit(), false).exporting(code),
                new Column("reason", m.coverageReason(), false), new Column("interval", m.coverageInterval(), false),
                new Column("since", m.coverageSince(), false),
                new Column("last", m.coverageLastInspected(), false)), overdueRows);

        List<Table.Row> neverRows = standing.neverInspected().stream().map(n -> new Table.Row(List.of(
                Cell.text(n.plan()), unit(n.unit(), n.name(), paths), Cell.text(n.area() == null ? "—"
                        : "urban".equals(n.area()) ? m.coverageUrban() : m.coverageRural())), null)).toList();
        Table neverTable = new Table(NEVER, m.coverageNeverInspected(), List.of(
                new Column("plan", m.coveragePlan(), false),
                new Column("unit", m.coverageUnit(), false).exporting(code),
                new Column("area", m.coverageArea(), false)), neverRows);
        return new CoverageTables(rateTable, overdueTable, neverTable, summary);
    }

    /** A unit by its path (its name when the path is not known), its code shown under it and downloaded beside it. */
    private static Cell unit(String code, String name, Map<String, String> paths) {
        return Cell.text(paths.getOrDefault(code, name == null ? code : name)).note(code).more(code);
    }
}
