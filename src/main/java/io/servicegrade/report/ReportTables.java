package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.evaluation.Revision;
import io.servicegrade.evaluation.StoredEvaluation;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.standing.StandingNode;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.servicegrade.report.Table.Cell;
import static io.servicegrade.report.Table.Column;
import static io.servicegrade.report.Table.Row;

/** The tables and views of the report pages, made from standings and evaluations; pure, no I/O. */
final class ReportTables {

    private ReportTables() {
    }

    static ReportMessages messages(ReportLanguage language) {
        return MessageBundles.get(ReportMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /** The follow-up pages' texts (issue 19) in the page's language. */
    static FollowupMessages followup(ReportLanguage language) {
        return MessageBundles.get(FollowupMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /** The class that colours a grade: by its place, the best first; the last grade is the failing one. */
    /** Issue 18: the reason of a veto by a confirmed event, in words: its kind and the day it happened. */
    static String vetoEvent(ReportMessages m, StandingNode.VetoEventNode event, ReportLanguage language) {
        return m.vetoedByEvent(vetoKind(m, event.kind()), language.date(event.date()));
    }

    /** A veto event's kind in words. */
    static String vetoKind(ReportMessages m, String kind) {
        return switch (kind) {
            case "media-exposure" -> m.vetoKindMediaExposure();
            case "government-criticism" -> m.vetoKindGovernmentCriticism();
            case "safety-accident" -> m.vetoKindSafetyAccident();
            default -> m.vetoKindOther();
        };
    }

    /**
     * Issue 20: the headers of a grade column's download-only veto columns, and a row's values for them: vetoed
     * (yes or no), by what (the vetoing evaluation, or the event's kind; empty when the reader may not know which
     * evaluation), the vetoing item and the date (the evaluation's day, or the event's).
     */
    static String[] vetoColumns(ReportLanguage language) {
        ExportMessages x = TableExport.messages(language);
        return new String[] {x.vetoedColumn(), x.vetoedByColumn(), x.vetoedItemColumn(), x.vetoDateColumn()};
    }

    static Object[] vetoValues(StandingNode n, ReportLanguage language) {
        return vetoValues(n, null, language);
    }

    /** As above, with the vetoing evaluation read ({@code veto}; null when not read or not to be named). */
    static Object[] vetoValues(StandingNode n, BoardFacts.Veto veto, ReportLanguage language) {
        ExportMessages x = TableExport.messages(language);
        if (n == null) {
            return new Object[] {null, null, null, null};
        }
        if (!n.vetoed()) {
            return new Object[] {x.no(), null, null, null};
        }
        if (n.vetoEvent() != null) {
            return new Object[] {x.yes(), vetoKind(messages(language), n.vetoEvent().kind()), null,
                    n.vetoEvent().date()};
        }
        if (n.vetoEvaluation() == null) {
            return new Object[] {x.yes(), null, null, null};
        }
        return new Object[] {x.yes(), x.evaluation(n.vetoEvaluation()),
                veto == null ? null : veto.item(language.tag()), veto == null ? null : veto.date()};
    }

    static String gradeCss(Scheme scheme, String key) {
        if (key == null) {
            return "grade-none";
        }
        int index = scheme.gradeIndex(key);
        return index == scheme.grades().size() - 1 ? "grade-last" : "grade-" + Math.min(index, 3);
    }

    static List<ReportResource.Grade> grades(Scheme scheme, ReportLanguage language) {
        return scheme.grades().stream().map(g -> new ReportResource.Grade(g.key(), g.name().in(language.tag()),
                gradeCss(scheme, g.key()))).toList();
    }

    /** The levels a board can show: the kinds the scheme grades, then the group kinds above them. */
    static List<String> levels(Scheme scheme, StandingService.Board board) {
        Set<String> levels = new LinkedHashSet<>(scheme.kinds());
        scheme.targets().forEach(t -> levels.add(t.level()));
        levels.addAll(List.of("outlet", "branch", "region"));
        return new ArrayList<>(levels);
    }

    static String scorecard(String scheme, String unit, String lang) {
        return ReportResource.link("/reports/scorecard", Map.of("scheme", scheme, "unit", unit, "lang", lang));
    }

    static String sheet(long id, String lang) {
        return ReportResource.link("/reports/evaluations/" + id, Map.of("lang", lang));
    }

    /** A board as a table: graded units, or groups with their shares and targets. */
    static Table board(StandingService.Board board, ReportLanguage language, String id) {
        Scheme scheme = board.scheme().scheme();
        ReportMessages m = messages(language);
        String lang = language.tag();
        List<StandingNode> nodes = StandingNode.nodes(board, lang);
        List<Column> columns = new ArrayList<>(List.of(new Column("rank", m.rank(), true),
                new Column("code", m.code(), false), new Column("name", m.unit(), false)));
        List<Row> rows = new ArrayList<>();
        if (board.groupMode()) {
            columns.add(new Column("mean", m.mean(), true));
            columns.add(new Column("graded", m.graded(), true));
            scheme.grades().forEach(g -> columns.add(new Column("share-" + g.key(), m.share(g.name().in(lang)),
                    true)));
            columns.add(new Column("targets", m.targets(), false));
            for (StandingNode n : nodes) {
                List<Cell> cells = new ArrayList<>(List.of(Cell.number(n.rank()), Cell.text(n.unit().code()),
                        Cell.text(n.unit().name()).link(scorecard(scheme.key(), n.unit().code(), lang)),
                        Cell.number(n.value(), language.number(n.value())), Cell.number(n.group().graded())));
                for (StandingNode.GradeCount count : n.group().grades()) {
                    cells.add(Cell.number(count.share(), count.share() == null ? ""
                            : language.number(count.share()) + "%"));
                }
                cells.add(targets(n.group().targets(), language, m));
                rows.add(new Row(cells, "group"));
            }
            return new Table(id, m.standings(), columns, rows);
        }
        scheme.composites().forEach(c -> columns.add(new Column("composite-" + c.key(), c.name().in(lang), true)));
        scheme.sources().forEach(s -> columns.add(new Column("source-" + s.source(), language.source(s.source()),
                true).exporting(TableExport.messages(language).samples(language.source(s.source())))));
        columns.add(new Column("grade", m.grade(), false).exporting(vetoColumns(language)));
        columns.add(new Column("change", m.change(), true));
        columns.add(new Column("parent", m.parentDifference(), true));
        for (StandingNode n : nodes) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.number(n.rank()), Cell.text(n.unit().code()),
                    Cell.text(n.unit().name()).link(scorecard(scheme.key(), n.unit().code(), lang))));
            n.composites().forEach(c -> cells.add(Cell.number(c.value(), language.number(c.value()))));
            n.sources().forEach(s -> cells.add(Cell.number(s.value(), language.number(s.value()))
                    .note(m.sampleCount(s.samples())).more(s.samples())));
            Cell grade = n.grade() == null ? new Cell(n.complete() ? m.notGraded() : m.incomplete(), null,
                    "grade-none", null, null)
                    : new Cell(n.grade().name(), null, gradeCss(scheme, n.grade().key()), null,
                            scheme.gradeIndex(n.grade().key()));
            if (n.vetoed() && n.vetoEvaluation() != null) {
                grade = grade.note(m.vetoedBy(n.vetoEvaluation())).link(sheet(Long.parseLong(n.vetoEvaluation()), lang));
            } else if (n.vetoEvent() != null) {
                grade = grade.note(vetoEvent(m, n.vetoEvent(), language));
            } else if (n.vetoed()) {
                // issue 16: the evaluation behind a veto is named only to a reader who may read it
                grade = grade.note(m.vetoed());
            }
            cells.add(grade.more(vetoValues(n, language)));
            cells.add(Cell.number(n.change(), language.signed(n.change())));
            cells.add(Cell.number(n.aboveParentMean(), language.signed(n.aboveParentMean())));
            rows.add(new Row(cells, n.vetoed() ? "vetoed" : null));
        }
        return new Table(id, m.standings(), columns, rows);
    }

    private static Cell targets(List<StandingNode.TargetNode> targets, ReportLanguage language, ReportMessages m) {
        if (targets.isEmpty()) {
            return new Cell("", null, null, null, null);
        }
        List<String> lines = new ArrayList<>();
        boolean allMet = true;
        for (StandingNode.TargetNode t : targets) {
            String area = t.area().equals("all") ? m.targetAreaAll() : language.area(t.area());
            // a share to 2 places; a mean as the API shows it (to its requirement's places, at least 2: 0.0005)
            String required = t.grade() != null ? language.number(t.required()) : t.required().toPlainString();
            String actual = t.grade() != null ? language.number(t.actual()) : t.actual().toPlainString();
            boolean atMost = t.direction().equals("atMost");
            String line = t.grade() != null
                    ? atMost ? m.targetShareAtMost(t.name(), area, required, actual, t.reaching(), t.counted())
                            : m.targetShareAtLeast(t.name(), area, required, actual, t.reaching(), t.counted())
                    : atMost ? m.targetMeanAtMost(t.name(), area, required, actual, t.counted())
                            : m.targetMeanAtLeast(t.name(), area, required, actual, t.counted());
            lines.add(line + " " + (t.met() ? m.met() : m.notMet()));
            allMet &= t.met();
        }
        return new Cell(String.join(language.chinese() ? "；" : "; ", lines), null, allMet ? "met" : "not-met", null,
                allMet ? 1 : 0);
    }

    /** An evaluation laid out like its paper form. */
    static ReportResource.SheetView sheet(StoredEvaluation e, Breakdown b, List<Revision> history, Unit unit,
            ReportLanguage language) {
        ReportMessages m = messages(language);
        ExportMessages x = TableExport.messages(language);
        LocalDate day = e.conductedAt().atZoneSameInstant(ReportLanguage.BEIJING).toLocalDate();
        String lang = language.tag();
        List<ReportResource.SectionView> sections = new ArrayList<>();
        List<Row> itemRows = new ArrayList<>();
        String vetoItem = null;
        for (Breakdown.SectionScore section : b.sections()) {
            List<ReportResource.ItemView> items = new ArrayList<>();
            for (Breakdown.ItemScore item : section.items()) {
                // each explanation already says how many points it took
                List<String> deductions = item.deductions().stream().map(d -> d.text().in(lang)).toList();
                items.add(new ReportResource.ItemView(item.name().in(lang), language.number(item.max()),
                        item.notApplicable() ? m.notApplicable() : language.number(item.awarded()),
                        item.notApplicable(), item.vetoed(), deductions,
                        item.notes().stream().map(n -> n.in(lang)).toList()));
                if (item.vetoed() && vetoItem == null) {
                    vetoItem = item.name().in(lang);
                }
                // issue 20: the veto in columns of its own, the evaluation's day beside the vetoing item
                itemRows.add(new Row(List.of(Cell.text(section.name().in(lang)), Cell.text(item.name().in(lang)),
                        Cell.number(item.max(), language.number(item.max())),
                        Cell.number(item.awarded(), item.notApplicable() ? m.notApplicable()
                                : language.number(item.awarded())),
                        Cell.text(String.join(language.chinese() ? "；" : "; ", deductions)),
                        Cell.text(item.vetoed() ? x.yes() : x.no()),
                        item.vetoed() ? new Cell(language.date(day), null, null, null, day) : Cell.text("")),
                        item.vetoed() ? "vetoed" : null));
            }
            sections.add(new ReportResource.SectionView(section.name().in(lang), language.number(section.max()),
                    language.number(section.awarded()), items));
        }
        Table items = new Table("items", m.sheetTitle(), List.of(new Column("section", m.section(), false),
                new Column("item", m.item(), false), new Column("max", m.maxPoints(), true),
                new Column("awarded", m.awarded(), true), new Column("deductions", m.deductions(), false),
                new Column("vetoed", x.vetoedColumn(), false), new Column("vetoDate", x.vetoDateColumn(), false)),
                itemRows);
        List<Row> revisions = history.stream().map(r -> new Row(List.of(Cell.number(r.revision()),
                Cell.text(switch (r.kind()) {
                    case "created" -> m.kindCreated();
                    case "revised" -> m.kindRevised();
                    case "voided" -> m.kindVoided();
                    default -> r.kind();
                }), Cell.time(r.at(), language.time(r.at())), Cell.text(r.agency()), Cell.text(r.reason()),
                Cell.number(r.previousScore(), language.number(r.previousScore())),
                Cell.number(r.score(), language.number(r.score()))), null)).toList();
        Table historyTable = new Table("history", m.history(), List.of(new Column("revision", m.revision(), true),
                new Column("kind", m.kind(), false), new Column("at", m.at(), false),
                new Column("agency", m.agency(), false), new Column("reason", m.reason(), false),
                new Column("previous", m.previousScore(), true), new Column("score", m.score(), true)), revisions);
        List<ReportResource.EvidenceView> evidence = new ArrayList<>();
        e.evidence().forEach(item -> {
            String uri = item.path("uri").asText("");
            evidence.add(new ReportResource.EvidenceView(item.path("kind").asText(""), uri,
                    uri.startsWith("https://") || uri.startsWith("http://")));
        });
        return new ReportResource.SheetView(e.id(), unit.code(), unit.name(), language.source(e.source()),
                e.rubricKey() + " v" + e.rubricVersion(), language.time(e.conductedAt()),
                e.evaluator() == null ? "" : e.evaluator(), e.agencyCode() == null ? "" : e.agencyCode(),
                e.voided() ? m.voided() : m.active(), language.number(b.score()), b.vetoed(), vetoItem,
                e.comment() == null ? "" : e.comment(), sections, evidence, historyTable, items);
    }

    /** The publicity notice: for each grade but the last, the units proposed for it, in rank order. */
    /** Where the board's period stands, in words (issue 18). */
    static ReportResource.PeriodMark mark(StandingService.Board board, ReportLanguage language) {
        ReportMessages m = messages(language);
        java.time.ZoneId zone = board.scheme().scheme().timeZone();
        return switch (board.stage()) {
            case OPEN -> new ReportResource.PeriodMark("draft", true, m.stageDraftLabel(), m.stageDraft(),
                    m.draftWatermark());
            case PUBLISHED -> {
                LocalDate published = board.publishedAt().atZoneSameInstant(zone).toLocalDate();
                LocalDate last = lastObjectionDay(board, zone);
                yield new ReportResource.PeriodMark("published", false, m.stagePublishedLabel(),
                        last == null || last.isBefore(published) ? m.stagePublishedNoWindow(language.date(published))
                                : m.stagePublished(language.date(published), language.date(last)), null);
            }
            case CLOSED -> new ReportResource.PeriodMark("final", false, m.stageFinalLabel(),
                    m.stageFinal(language.date(board.closedAt().atZoneSameInstant(zone).toLocalDate()),
                            board.closing()), null);
        };
    }

    /** The last day objections are heard (the window's end is the start of the next day); null without a window. */
    private static LocalDate lastObjectionDay(StandingService.Board board, java.time.ZoneId zone) {
        return board.objectionUntil() == null ? null
                : board.objectionUntil().atZoneSameInstant(zone).toLocalDate().minusDays(1);
    }

    /** The notice's objection period: to come (a draft), its dates, or over. */
    private static String objection(StandingService.Board board, ReportLanguage language) {
        ReportMessages m = messages(language);
        java.time.ZoneId zone = board.scheme().scheme().timeZone();
        if (board.publishedAt() == null) {
            return m.objectionToCome(board.scheme().scheme().lifecycle().objectionDays());
        }
        LocalDate from = board.publishedAt().atZoneSameInstant(zone).toLocalDate();
        LocalDate to = lastObjectionDay(board, zone);
        if (to == null || to.isBefore(from)) {
            return m.objectionNone();
        }
        return board.closing() != null ? m.objectionWas(language.date(from), language.date(to))
                : m.objectionPeriod(language.date(from), language.date(to));
    }

    static ReportResource.NoticeView notice(StandingService.Board board, ReportLanguage language) {
        Scheme scheme = board.scheme().scheme();
        ReportMessages m = messages(language);
        String lang = language.tag();
        List<StandingNode> nodes = StandingNode.nodes(board, lang);
        List<Table> tables = new ArrayList<>();
        for (int g = 0; g < scheme.grades().size() - 1; g++) {
            Scheme.Grade grade = scheme.grades().get(g);
            List<Column> columns = new ArrayList<>(List.of(new Column("rank", m.rank(), true),
                    new Column("code", m.code(), false), new Column("name", m.unit(), false)));
            scheme.composites().forEach(c -> columns.add(new Column("composite-" + c.key(), c.name().in(lang),
                    true)));
            List<Row> rows = new ArrayList<>();
            for (StandingNode n : nodes) {
                if (n.grade() != null && n.grade().key().equals(grade.key()) && !n.vetoed()) {
                    List<Cell> cells = new ArrayList<>(List.of(Cell.number(n.rank()), Cell.text(n.unit().code()),
                            Cell.text(n.unit().name())));
                    n.composites().forEach(c -> cells.add(Cell.number(c.value(), language.number(c.value()))));
                    rows.add(new Row(cells, null));
                }
            }
            tables.add(new Table(grade.key(), m.proposedFor(grade.name().in(lang)), columns, rows));
        }
        return new ReportResource.NoticeView(scheme.name().in(lang), language.period(board.period()),
                mark(board, language), objection(board, language), tables);
    }

    /** The bulletin: groups against their targets with the change of their mean, best and weakest units. */
    static ReportResource.BulletinView bulletin(StandingService.Board units, StandingService.Board groups,
            StandingService.Board previous, String level, ReportLanguage language) {
        Scheme scheme = units.scheme().scheme();
        ReportMessages m = messages(language);
        String lang = language.tag();
        Table groupTable = board(groups, language, "groups");
        Map<String, BigDecimal> before = new HashMap<>();
        if (previous != null) {
            StandingNode.nodes(previous, lang).forEach(n -> before.put(n.unit().code(), n.value()));
        }
        List<Column> columns = new ArrayList<>(groupTable.columns());
        columns.add(new Column("change", m.changeSincePrevious(), true));
        List<Row> rows = new ArrayList<>();
        for (Row row : groupTable.rows()) {
            String code = row.cells().get(1).text();
            BigDecimal mean = (BigDecimal) row.cells().get(3).sortValue();
            BigDecimal was = before.get(code);
            BigDecimal change = mean == null || was == null ? null : mean.subtract(was);
            List<Cell> cells = new ArrayList<>(row.cells());
            cells.add(Cell.number(change, change == null ? m.noPrevious() : language.signed(change)));
            rows.add(new Row(cells, row.css()));
        }
        Table all = board(units, language, "units");
        List<Row> ranked = all.rows().stream().filter(r -> r.cells().get(0).sortValue() != null).toList();
        int n = Math.min(5, ranked.size());
        Table best = new Table("best", m.best(), all.columns(), ranked.subList(0, n));
        List<Row> weakest = new ArrayList<>(ranked.subList(ranked.size() - n, ranked.size()));
        java.util.Collections.reverse(weakest);
        Table worst = new Table("worst", m.worst(), all.columns(), weakest);
        List<ReportResource.Option> levels = List.of("outlet", "branch", "region").stream()
                .map(k -> new ReportResource.Option(k, language.kind(k), k.equals(level))).toList();
        return new ReportResource.BulletinView(scheme.name().in(lang), language.period(units.period()),
                mark(units, language), level,
                levels, new Table("groups", m.standings(), columns, rows), best, worst,
                GradeDistribution.of(groups, level, language));
    }
}
