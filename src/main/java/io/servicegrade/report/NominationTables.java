package io.servicegrade.report;

import io.servicegrade.nomination.Benchmark;
import io.servicegrade.nomination.Nomination;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.report.Table.Row;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notice's and the bulletin's nominations (issue 18): the nominees of each group and service line with their
 * state (rows replaced by a substitute left out: the API keeps them), and each line's current benchmark unit.
 */
public final class NominationTables {

    private NominationTables() {
    }

    /** What the pages show of a period's nominations. */
    public record View(Table nominees, Table benchmarks) {

        /** The table of this id, or null. */
        Table table(String id) {
            return nominees.id().equals(id) ? nominees : benchmarks.id().equals(id) ? benchmarks : null;
        }
    }

    /**
     * The tables, each group and unit by its full path ({@code paths} by code, as {@link BoardFacts#paths} gives
     * them; its name where none) and its code in a column of its own (issue 20), so that downloads carry both.
     */
    static View of(List<Nomination> nominations, List<Benchmark> benchmarks, Map<String, String> paths,
            ReportLanguage language) {
        ReportMessages m = ReportTables.messages(language);
        WhyMessages wm = UnitTargets.messages(language);
        List<Row> nominees = new ArrayList<>();
        for (Nomination n : nominations) {
            if (!"replaced".equals(n.state())) {
                nominees.add(new Row(List.of(Cell.text(n.levelKind()),
                        Cell.text(paths.getOrDefault(n.group(), n.groupName())), Cell.text(n.group()),
                        Cell.text(n.serviceLine()), Cell.text(paths.getOrDefault(n.unit(), n.unitName())),
                        Cell.text(n.unit()), Cell.text(state(n.state(), m)).css("nomination-" + n.state()),
                        Cell.text(n.reason())), null));
            }
        }
        List<Row> current = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            if (b.replacedAt() == null) {
                current.add(new Row(List.of(Cell.text(b.serviceLine()),
                        Cell.text(paths.getOrDefault(b.unit(), b.unitName())), Cell.text(b.unit()),
                        Cell.text(b.reason())), null));
            }
        }
        return new View(
                new Table("nominations", m.nominationsCaption(), List.of(new Column("level", m.level(), false),
                        new Column("group", m.nominationGroup(), false),
                        new Column("groupCode", wm.wmGroupCode(), false),
                        new Column("serviceLine", m.serviceLine(), false), new Column("unit", m.unit(), false),
                        new Column("code", wm.wmUnitCode(), false),
                        new Column("state", m.nominationState(), false), new Column("reason", m.reason(), false)),
                        nominees),
                new Table("benchmarks", m.benchmarksCaption(), List.of(
                        new Column("serviceLine", m.serviceLine(), false), new Column("unit", m.unit(), false),
                        new Column("code", wm.wmUnitCode(), false),
                        new Column("reason", m.reason(), false)), current));
    }

    /** The codes of the groups and units these nominations and benchmarks name, to read their paths. */
    static Set<String> codes(List<Nomination> nominations, List<Benchmark> benchmarks) {
        Set<String> codes = new LinkedHashSet<>();
        nominations.forEach(n -> {
            codes.add(n.group());
            codes.add(n.unit());
        });
        benchmarks.forEach(b -> codes.add(b.unit()));
        return codes;
    }

    private static String state(String state, ReportMessages m) {
        return switch (state) {
            case "proposed" -> m.nominationProposed();
            case "confirmed" -> m.nominationConfirmed();
            case "approved" -> m.nominationApproved();
            default -> m.nominationReplaced();
        };
    }
}
