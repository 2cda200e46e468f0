package io.servicegrade.report;

import io.servicegrade.appeal.AppealView;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.report.Table.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 20, point 10: the appeals list as a {@link Table} (units by full path, deadlines in days, one value per
 * column in its downloads) and the counts above it: per state, and of the appeals still undecided once their
 * period's objection window has closed (they hold the period open: it cannot close while one is undecided), counted
 * by the database over the whole list (issue 21). Pure.
 */
final class AppealList {

    private final ReportLanguage language;
    private final OffsetDateTime now;
    private final ReportMessages m;
    private final AppealPageMessages apm;

    /** The states of an appeal, in the order the summary counts them; late: undecided past its window. */
    final FollowupList.States states;

    AppealList(ReportLanguage language, OffsetDateTime now) {
        this.language = language;
        this.now = now;
        this.m = ReportTables.messages(language);
        this.apm = FollowupList.messages(language);
        this.states = new FollowupList.States(List.of("filed", "upheld", "rejected"),
                (l, s) -> state(ReportTables.messages(l), s), AppealPageMessages::apmUndecidedLate);
    }

    /** The moment the list is read at: its deadlines are counted from it, and its late ones are late at it. */
    OffsetDateTime now() {
        return now;
    }

    /** Undecided with its period's objection window closed (as {@code AppealRepository}'s count has it). */
    boolean late(AppealView v) {
        return v.state().equals("filed") && v.deadline() != null && !now.isBefore(v.deadline());
    }

    static String state(ReportMessages m, String state) {
        return switch (state) {
            case "upheld" -> m.appealStateUpheld();
            case "rejected" -> m.appealStateRejected();
            default -> m.appealStateFiled();
        };
    }

    /** The list as a table: each unit by its path ({@code paths}, by code; its code in downloads). */
    Table table(List<AppealView> appeals, Map<String, String> paths) {
        List<Column> columns = List.of(new Column("id", m.appealNumber(), true),
                new Column("unit", apm.apmUnit(), false).exporting(apm.apmUnitCode()),
                new Column("against", apm.apmAgainst(), false), new Column("agency", apm.apmAgency(), false),
                new Column("scheme", apm.apmScheme(), false), new Column("period", m.appealPeriod(), false),
                new Column("state", m.appealState(), false),
                new Column("deadline", m.appealDeadline(), false).exporting(apm.apmDaysLeft()),
                new Column("filedAt", m.appealFiledAt(), false), new Column("decidedAt", m.appealDecidedAt(), false));
        List<Row> rows = new ArrayList<>();
        for (AppealView v : appeals) {
            String path = paths.getOrDefault(v.unit(), v.unitName());
            Integer days = v.state().equals("filed") ? FollowupList.daysLeft(v.deadline(), now) : null;
            Cell deadline = v.deadline() == null ? Cell.text("").more((Object) null)
                    : Cell.time(v.deadline(), language.time(v.deadline())).note(deadlineWords(days)).more(days);
            Cell state = Cell.text(state(m, v.state()));
            if (late(v)) {
                state = state.css("overdue-mark");
            }
            rows.add(new Row(List.of(Cell.number(BigDecimal.valueOf(v.id()), Long.toString(v.id()))
                            .link(AppealPages.PATH + "/" + v.id() + "?lang=" + language.tag()),
                    Cell.text(path).more(v.unit()),
                    Cell.text(v.evaluation() == null ? apm.apmStanding() : apm.apmEvaluation(v.evaluation())),
                    Cell.text(v.agency()), Cell.text(v.scheme()), Cell.text(v.period()), state, deadline,
                    Cell.time(v.filedAt(), language.time(v.filedAt())),
                    v.decidedAt() == null ? Cell.text("") : Cell.time(v.decidedAt(), language.time(v.decidedAt()))),
                    late(v) ? "overdue" : null));
        }
        return new Table("appeals", m.appealsTitle(), columns, rows);
    }

    /** An undecided appeal's window in words: "window closes in 3 days", "window closed 3 days ago". */
    private String deadlineWords(Integer days) {
        if (days == null) {
            return null;
        }
        return days >= 0 ? apm.apmCloses(FollowupList.dueWords(days, apm))
                : days == -1 ? apm.apmClosedOneDayAgo() : apm.apmClosedDaysAgo(-days);
    }
}
