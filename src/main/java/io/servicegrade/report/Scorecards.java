package io.servicegrade.report;

import io.servicegrade.evaluation.EvaluationQueries;
import io.servicegrade.evaluation.EvaluationRepository;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingNode;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitService;
import io.servicegrade.platform.database.InTurn;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.servicegrade.report.Table.Cell;
import static io.servicegrade.report.Table.Column;
import static io.servicegrade.report.Table.Row;

/** A unit's scorecard: its standing in each period of a scheme, its evaluations of one period, its children. */
final class Scorecards {

    private final StandingService standings;
    private final UnitService units;
    private final EvaluationQueries evaluations;
    private final ReportLanguage language;
    private final ReportMessages m;

    /** The unit ids the boards shown are bounded to (issue 16: a scoped reader's), or null for the whole tree. */
    private final List<Long> scope;

    /** The board as the reader may see it (issue 16: a veto names its evaluation only to who may read it). */
    private final java.util.function.Function<StandingService.Board, Uni<StandingService.Board>> readable;

    /** Issue 20: the vetoing evaluations read, to say a vetoed period's veto in words. */
    private final EvaluationRepository evaluationRepository;
    private final EvaluationService scoring;

    Scorecards(StandingService standings, UnitService units, EvaluationQueries evaluations,
            ReportLanguage language, List<Long> scope,
            java.util.function.Function<StandingService.Board, Uni<StandingService.Board>> readable,
            EvaluationRepository evaluationRepository, EvaluationService scoring) {
        this.evaluationRepository = evaluationRepository;
        this.scoring = scoring;
        this.scope = scope;
        this.readable = readable;
        this.standings = standings;
        this.units = units;
        this.evaluations = evaluations;
        this.language = language;
        this.m = ReportTables.messages(language);
    }

    Uni<ReportResource.ScorecardView> build(Unit unit, SchemeService.Version version,
            List<StandingService.PeriodState> periods, Caller caller, String asked) {
        Scheme scheme = version.scheme();
        String lang = language.tag();
        // oldest first, for the table and the chart
        List<Period> ordered = new ArrayList<>(periods.stream().map(StandingService.PeriodState::period).toList());
        java.util.Collections.reverse(ordered);
        Period selected = ordered.stream().filter(p -> p.id().equals(asked)).findFirst()
                .orElse(ordered.isEmpty() ? null : ordered.get(ordered.size() - 1));
        List<Uni<StandingNode>> each = ordered.stream().map(p -> standings.board(scheme.key(), p.id(), unit.kind(),
                null, null, null, scope).flatMap(board -> readable.apply(board)).map(board -> StandingNode.node(board, unit.id(), lang)))
                .toList();
        Uni<List<StandingNode>> nodes = each.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(each).andFailFast();
        return nodes.flatMap(list -> BoardFacts.vetoes(evaluationRepository, scoring, list.stream()
                .filter(n -> n != null && n.vetoed() && n.vetoEvaluation() != null)
                .map(n -> Long.parseLong(n.vetoEvaluation())).distinct().toList(), scheme.timeZone())
                .flatMap(vetoes -> {
            List<Column> columns = new ArrayList<>(List.of(new Column("period", m.period(), false),
                    new Column("rank", m.rank(), true), new Column("value", m.value(), true)));
            boolean group = !list.isEmpty() && list.stream().anyMatch(n -> n != null && n.group() != null);
            if (!group) {
                scheme.composites().forEach(c -> columns.add(new Column("composite-" + c.key(), c.name().in(lang),
                        true)));
                // issue 20: each source's score beside the composites it makes, with its sample count (its own
                // column in downloads)
                scheme.sources().forEach(src -> columns.add(new Column("source-" + src.source(),
                        language.source(src.source()), true).exporting(TableExport.messages(language)
                        .samples(language.source(src.source())))));
                columns.add(new Column("grade", m.grade(), false).exporting(ReportTables.vetoColumns(language)));
            } else {
                columns.add(new Column("graded", m.graded(), true));
            }
            List<Row> rows = new ArrayList<>();
            List<TrendChart.Point> points = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                StandingNode n = list.get(i);
                Period p = ordered.get(i);
                List<Cell> cells = new ArrayList<>(List.of(Cell.text(language.period(p)).link(
                        ReportResource.link("/reports/scorecard", java.util.Map.of("scheme", scheme.key(), "unit",
                                unit.code(), "period", p.id(), "lang", lang))),
                        Cell.number(n == null ? null : n.rank()),
                        Cell.number(n == null ? null : n.value(), n == null ? "" : language.number(n.value()))));
                if (!group) {
                    for (Scheme.Composite c : scheme.composites()) {
                        BigDecimal value = n == null ? null : n.composites().stream()
                                .filter(x -> x.key().equals(c.key())).findFirst().map(StandingNode.CompositeNode::value)
                                .orElse(null);
                        cells.add(Cell.number(value, language.number(value)));
                    }
                    for (Scheme.Source src : scheme.sources()) {
                        StandingNode.SourceNode source = n == null ? null : n.sources().stream()
                                .filter(x -> x.source().equals(src.source())).findFirst().orElse(null);
                        cells.add(source == null ? Cell.number(null, "") : Cell.number(source.value(),
                                language.number(source.value())).note(m.sampleCount(source.samples()))
                                .more(source.samples()));
                    }
                    // issue 20: a veto by an evaluation in words (item, day, source) with its sheet
                    cells.add(n == null || n.grade() == null ? new Cell("", null, "grade-none", null, null)
                            : WhyCells.veto(new Cell(n.grade().name(), null,
                                    ReportTables.gradeCss(scheme, n.grade().key()),
                                    !n.vetoed() ? null : n.vetoEvaluation() != null ? m.vetoedBy(n.vetoEvaluation())
                                            : n.vetoEvent() != null
                                                    ? ReportTables.vetoEvent(m, n.vetoEvent(), language)
                                                    : m.vetoed(), null).more(ReportTables.vetoValues(n, language)),
                                    n, vetoes, language));
                } else {
                    cells.add(Cell.number(n == null || n.group() == null ? null : n.group().graded()));
                }
                rows.add(new Row(cells, p.equals(selected) ? "selected" : null));
                points.add(new TrendChart.Point(language.period(p), n == null ? null : n.value(), n != null && n.vetoed()));
            }
            Table table = new Table("periods", m.periods(), columns, rows);
            // issue 20: a group's value is a mean, which no grade's minimum applies to: lines for a graded unit only
            ChartMessages cm = Svg.messages(language);
            String chart = TrendChart.svg(points, group ? List.of() : TrendChart.thresholds(scheme, lang, cm),
                    m.trendChartLabel(unit.name()), cm);
            Uni<Table> evaluationTable = caller == null || !caller.mayReadEvaluations() || selected == null || group ? Uni.createFrom().nullItem()
                    : evaluations.page(caller, unit.code(), null, null, null,
                            selected.start(scheme.timeZone()).atOffset(java.time.ZoneOffset.UTC),
                            selected.end(scheme.timeZone()).atOffset(java.time.ZoneOffset.UTC),
                            EvaluationQueries.MAX_PAGE, 0, false).map(page -> new Table("evaluations",
                            m.evaluationsOfPeriod(language.period(selected)),
                            List.of(new Column("conductedAt", m.conductedAt(), false),
                                    new Column("source", m.source(), false), new Column("rubric", m.rubric(), false),
                                    new Column("score", m.score(), true), new Column("status", m.status(), false)),
                            page.evaluations().stream().map(e -> new Row(List.of(
                                    Cell.time(e.conductedAt(), language.time(e.conductedAt()))
                                            .link(ReportTables.sheet(e.id(), lang)),
                                    Cell.text(language.source(e.source())), Cell.text(e.rubricKey()),
                                    Cell.number(e.score(), language.number(e.score())),
                                    Cell.text(e.voided() ? m.voided() : e.vetoed() ? m.vetoed() : m.active())),
                                    e.voided() ? "voided" : e.vetoed() ? "vetoed" : null)).toList()));
            Uni<Table> children = !group || selected == null ? Uni.createFrom().nullItem()
                    : units.children(List.of(unit)).flatMap(kids -> {
                        if (kids.get(0).isEmpty()) {
                            return Uni.createFrom().nullItem();
                        }
                        return standings.board(scheme.key(), selected.id(), kids.get(0).get(0).kind(), unit.code(),
                                null, null, scope).flatMap(board -> readable.apply(board))
                                .map(board -> ReportTables.board(board, language, "children"));
                    });
            return InTurn.all(evaluationTable, children).map(t ->
                    new ReportResource.ScorecardView(scheme.key(), scheme.name().in(lang), unit.code(), unit.name(),
                            language.kind(unit.kind()), selected == null ? null : selected.id(),
                            selected == null ? "" : language.period(selected), table, chart, t.getItem1(),
                            caller != null, t.getItem2()));
        }));
    }
}
