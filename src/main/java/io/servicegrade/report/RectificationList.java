package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.rectification.RectificationRepository.Counts;
import io.servicegrade.rectification.RectificationView;
import io.servicegrade.report.Table.Cell;
import io.servicegrade.report.Table.Column;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 20: the rectification list as a manager reads it at a glance: a summary of the orders the filters find (the
 * true total over all pages, how many in each state, how many overdue now, each a link that filters the list to
 * them), a page of {@link #PAGE_SIZE} rows with "Rows 1–50 of N", and the list as a {@link Table}, which its CSV and
 * XLSX downloads are written from (through {@link TableExport}).
 */
final class RectificationList {

    /** How many orders a page of the list shows. */
    static final int PAGE_SIZE = 50;

    /** The id of the list's table (its downloads' {@code table}). */
    static final String TABLE = "rectifications";

    private static final List<String> STATES = List.of("open", "replied", "returned", "accepted");

    private RectificationList() {
    }

    /** A count of the summary and the link that filters the list to what it counts. */
    public record Count(String text, String href, boolean current) {
    }

    /** The summary: the total in words, a count per state, the overdue count. */
    public record Summary(String total, List<Count> states, Count overdue) {
    }

    /** The paging: "Rows 1–50 of N", and the links to the pages before and after (null: none). */
    public record Paging(String rows, String previous, String next) {

        /** The pager under the orders: the links to the pages before and after. */
        public Pager pager() {
            return new Pager(List.of(), previous, next);
        }
    }

    static FollowupPageMessages messages(ReportLanguage language) {
        return MessageBundles.get(FollowupPageMessages.class,
                Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /**
     * The summary of {@code counts} (the orders of the page's filters, the state and overdue filters left out): each
     * count links to the page with that state (or overdue only) in place of the state and overdue filters it had.
     */
    static Summary summary(Counts counts, Page page, RectificationPages.Filter filter, ReportLanguage language) {
        FollowupMessages m = ReportTables.followup(language);
        FollowupPageMessages p = messages(language);
        long[] byState = {counts.open(), counts.replied(), counts.returned(), counts.accepted()};
        List<Count> states = new ArrayList<>();
        for (int i = 0; i < STATES.size(); i++) {
            String state = STATES.get(i);
            states.add(new Count(p.fpmStateCount(stateName(state, m), byState[i]),
                    filtered(page, state, null), state.equals(filter.state()) && !filter.overdue()));
        }
        Count overdue = new Count(p.fpmOverdueCount(counts.overdue()), filtered(page, null, "true"),
                filter.overdue() && filter.state().isEmpty());
        return new Summary(p.fpmOrdersInAll(counts.total()), states, overdue);
    }

    /** The page with the state and overdue filters replaced by these (null: not applied), from its first page. */
    private static String filtered(Page page, String state, String overdue) {
        Map<String, String> query = new LinkedHashMap<>(page.query());
        query.remove("page");
        query.remove("state");
        query.remove("overdue");
        if (state != null) {
            query.put("state", state);
        }
        if (overdue != null) {
            query.put("overdue", overdue);
        }
        return new Page(page.lang(), page.title(), page.subtitle(), page.printedAt(), page.path(), query,
                page.csrf()).with("lang", page.langTag());
    }

    /** Page {@code number} (from 1) of {@code total} rows: its rows in words and the links around it. */
    static Paging paging(long total, int number, Page page, ReportLanguage language) {
        if (total == 0) {
            return new Paging("", null, null);
        }
        long from = (long) (number - 1) * PAGE_SIZE + 1;
        long to = Math.min(total, (long) number * PAGE_SIZE);
        String rows = from > total ? messages(language).fpmOrdersInAll(total)
                : messages(language).fpmRowsOf(from, to, total);
        return new Paging(rows, number > 1 ? page.with("page", Integer.toString(number - 1)) : null,
                to < total ? page.with("page", Integer.toString(number + 1)) : null);
    }

    /** The page number asked for: a whole number from 1, else the first page. */
    static int pageNumber(String typed) {
        return typed != null && typed.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(typed) : 1;
    }

    /**
     * The orders as a table: each order's number, its unit by path and code, finding, severity, state, whether
     * overdue now, raised and due (moments, written in Beijing time); as the page shows them, in its language.
     */
    static Table table(List<RectificationView> orders, Map<String, String> paths, ReportLanguage language) {
        FollowupMessages m = ReportTables.followup(language);
        FollowupPageMessages p = messages(language);
        ExportMessages x = TableExport.messages(language);
        List<Column> columns = List.of(new Column("id", m.rectNumber(), true), new Column("unit", m.rectUnit(), false),
                new Column("code", p.fpmUnitCode(), false), new Column("finding", m.rectFinding(), false),
                new Column("severity", m.rectSeverity(), false), new Column("state", m.rectState(), false),
                new Column("overdue", p.fpmOverdueColumn(), false),
                new Column("raisedAt", m.rectRaisedAt(), false), new Column("dueAt", m.rectDueAt(), false));
        List<Table.Row> rows = new ArrayList<>();
        for (RectificationView v : orders) {
            RectificationPages.Row shown = RectificationPages.row(v, m, language);
            rows.add(new Table.Row(List.of(Cell.number(BigDecimal.valueOf(v.id()), Long.toString(v.id())),
                    Cell.text(paths.getOrDefault(v.unit(), v.unitName())), Cell.text(v.unit()),
                    Cell.text(v.title()), Cell.text(shown.severity()), Cell.text(shown.state()),
                    Cell.text(v.overdue() ? x.yes() : x.no()), Cell.time(v.raisedAt(), shown.raisedAt()),
                    Cell.time(v.dueAt(), shown.dueAt())), v.overdue() ? "overdue" : null));
        }
        return new Table(TABLE, m.rectificationsTitle(), columns, rows);
    }

    static String stateName(String state, FollowupMessages m) {
        return switch (state) {
            case "replied" -> m.rectStateReplied();
            case "accepted" -> m.rectStateAccepted();
            case "returned" -> m.rectStateReturned();
            default -> m.rectStateOpen();
        };
    }
}
