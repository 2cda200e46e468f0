package io.servicegrade.report;

import io.servicegrade.complaint.ComplaintView;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;
import io.servicegrade.report.Table.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 20, point 10: the complaints list as a {@link Table} (units by full path, the reply deadline in days, one
 * value per column in its downloads) and the counts above it: per state (open, overdue, replied), and of the late
 * ones (replied late, or unreplied past the deadline). Pure.
 */
final class ComplaintList {

    private final ReportLanguage language;
    private final OffsetDateTime now;
    private final FollowupMessages fm;
    private final AppealPageMessages apm;

    /** The states of a complaint, in the order the summary counts them. */
    static final List<String> STATES = List.of("open", "overdue", "replied");

    /** The states as the summary counts them; late: replied late, or unreplied past the deadline. */
    static final FollowupList.States COUNTED = new FollowupList.States(STATES,
            (l, s) -> state(ReportTables.followup(l), s), AppealPageMessages::apmLate);

    ComplaintList(ReportLanguage language, OffsetDateTime now) {
        this.language = language;
        this.now = now;
        this.fm = ReportTables.followup(language);
        this.apm = FollowupList.messages(language);
    }

    static String state(FollowupMessages m, String state) {
        return switch (state) {
            case "replied" -> m.complaintStateReplied();
            case "overdue" -> m.complaintStateOverdue();
            default -> m.complaintStateOpen();
        };
    }

    /** The list as a table: each unit by its path ({@code paths}, by code; its code in downloads). */
    Table table(List<ComplaintView> complaints, Map<String, String> paths) {
        List<Column> columns = List.of(new Column("id", fm.complaintNumber(), true),
                new Column("receivedAt", fm.complaintReceivedAt(), false),
                new Column("unit", apm.apmUnit(), false).exporting(apm.apmUnitCode()),
                new Column("channel", fm.complaintChannel(), false),
                new Column("category", fm.complaintCategory(), false),
                new Column("due", fm.complaintDue(), false).exporting(apm.apmDaysLeft()),
                new Column("state", fm.complaintState(), false).exporting(apm.apmLate()),
                new Column("repliedAt", fm.complaintRepliedAt(), false),
                new Column("flags", fm.complaintFlags(), false));
        List<Row> rows = new ArrayList<>();
        for (ComplaintView v : complaints) {
            ComplaintPages.Row shown = ComplaintPages.row(v, fm, language);
            boolean overdue = v.state().equals("overdue");
            Integer days = v.repliedAt() == null ? FollowupList.daysLeft(v.dueAt(), now) : null;
            Cell state = Cell.text(shown.state()).more(v.late());
            if (overdue) {
                state = state.note(fm.complaintOverdueMark()).css("overdue-mark");
            } else if (shown.late()) {
                state = state.note(fm.complaintLateMark());
            }
            rows.add(new Row(List.of(Cell.number(BigDecimal.valueOf(v.id()), Long.toString(v.id()))
                            .link(shown.link()),
                    Cell.time(v.receivedAt(), shown.receivedAt()),
                    Cell.text(paths.getOrDefault(v.unit(), v.unitName())).more(v.unit()),
                    Cell.text(shown.channel()), Cell.text(shown.category()),
                    Cell.time(v.dueAt(), shown.due()).note(FollowupList.dueWords(days, apm)).more(days),
                    state,
                    v.repliedAt() == null ? Cell.text("") : Cell.time(v.repliedAt(), shown.repliedAt()),
                    Cell.text(shown.flags())), overdue ? "overdue" : null));
        }
        return new Table("complaints", fm.complaintsTitle(), columns, rows);
    }
}
