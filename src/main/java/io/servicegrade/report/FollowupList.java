package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Issue 20, point 10: what the appeals and complaints lists show the board's way. Above the list, the true total
 * and a count per state (and of those past their deadline), each a link that shows only those; "Rows 1–50 of N" and
 * a link to every page; deadlines in days. Pure: the pages give it the counts and the page's rows, both read by the
 * database (issue 21), and the moment they are read at.
 */
public final class FollowupList {

    /** Rows on one page of a list. */
    static final int PAGE_SIZE = 50;

    private FollowupList() {
    }

    /** A count in the summary and the link that shows only what it counts (null: not a filter). */
    public record Count(String label, String href, boolean selected) {
    }

    /**
     * The top of a list: the total of the list before a state filter, the counts, the link that shows all, the rows
     * shown of how many, the page links, and the notices (a filter not applied, a list cut at its maximum).
     */
    public record Summary(String total, List<Count> counts, String all, boolean filtered, String rowsShown,
            List<BoardRows.PageLink> pages) {

        /** The pager under the list: a link to each page. */
        public Pager pager() {
            return new Pager(pages, null, null);
        }
    }

    /** A page of a list: its summary and the rows of the page. */
    public record Listing(Summary summary, Table shown) {
    }

    /**
     * A list's states: their keys in the order the summary counts them, and each one's words in a language; and the
     * words of the count of late rows (an appeal undecided past its window, a complaint replied late or unreplied
     * past its deadline).
     */
    record States(List<String> keys, BiFunction<ReportLanguage, String, String> word,
            Function<AppealPageMessages, String> lateWords) {

        /** Each state's key and its words in both languages, for a state typed in words. */
        Map<String, List<String>> words() {
            Map<String, List<String>> words = new LinkedHashMap<>();
            keys.forEach(k -> words.put(k, List.of(word.apply(ReportLanguage.ZH, k), word.apply(ReportLanguage.EN,
                    k))));
            return words;
        }

        /** The states in the page's language, for the notice of a state typed wrong. */
        String known(ReportLanguage language) {
            return String.join(messages(language).apmSeparator(), keys.stream().map(k -> word.apply(language, k))
                    .toList());
        }

        /**
         * The counts above the list: per state ({@code perState}, in the order of {@link #keys}), then the late
         * ones; each links to its rows. Issue 21: the counts come from the database, over the whole list.
         */
        List<Count> counts(Page page, List<Long> perState, long late, String state, boolean lateOnly) {
            AppealPageMessages m = messages(page.lang());
            List<Count> counts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                counts.add(new Count(m.apmCount(word.apply(page.lang(), k), Math.toIntExact(perState.get(i))),
                        filter(page, Map.of("state", k)), k.equals(state)));
            }
            counts.add(new Count(m.apmCount(lateWords.apply(m), Math.toIntExact(late)),
                    filter(page, Map.of("overdue", "true")), lateOnly));
            return counts;
        }

        /** The counts of an empty list (a list that could not be read). */
        List<Count> none(Page page, String state, boolean lateOnly) {
            return counts(page, keys.stream().map(k -> 0L).toList(), 0, state, lateOnly);
        }
    }

    static AppealPageMessages messages(ReportLanguage language) {
        return MessageBundles.get(AppealPageMessages.class,
                Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /**
     * The page asked for (from 1) of a list of {@code rows} rows: 1 when not a number or past the last page. Issue 21:
     * the page's rows are then read by LIMIT and OFFSET ({@link #offset}), so a view costs its page.
     */
    static int page(String asked, long rows) {
        long pages = Math.max(1, (rows + PAGE_SIZE - 1) / PAGE_SIZE);
        int current;
        try {
            current = asked == null ? 1 : Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
            current = 1;
        }
        return current < 1 || current > pages ? 1 : current;
    }

    /** The rows before page {@code page}. */
    static int offset(int page) {
        return (page - 1) * PAGE_SIZE;
    }

    /**
     * Page {@code current} of a list ({@code rows}: its rows on that page, of {@code shown} rows that pass its
     * filters), and the summary above it: {@code total} rows before the state filter, {@code counts} per state;
     * {@code filtered}: a state filter is applied.
     */
    static Listing listing(Page page, Table rows, long total, long shown, int current, List<Count> counts,
            boolean filtered, ReportLanguage language) {
        int pages = (int) Math.max(1, (shown + PAGE_SIZE - 1) / PAGE_SIZE);
        List<BoardRows.PageLink> links = Pager.links(page, pages, current);
        int from = shown == 0 ? 0 : offset(current) + 1;
        int to = (int) Math.min(shown, (long) current * PAGE_SIZE);
        BoardMessages bm = BoardWords.messages(language);
        Summary summary = new Summary(messages(language).apmAll(Math.toIntExact(total)), counts, filter(page,
                Map.of()), filtered, bm.bmRowsOf(from, to, Math.toIntExact(shown)), links);
        return new Listing(summary, rows);
    }

    /**
     * The link that shows the list with these filters set (a null value: removed) and the state filters
     * ({@code state}, {@code overdue}) not named here removed, on its first page.
     */
    static String filter(Page page, Map<String, String> set) {
        Map<String, String> query = new LinkedHashMap<>(page.query());
        query.remove("page");
        query.remove("state");
        query.remove("overdue");
        query.putAll(set);
        query.values().removeIf(v -> v == null);
        return new Page(page.lang(), page.title(), page.subtitle(), page.printedAt(), page.path(), query,
                page.csrf()).with("lang", page.langTag());
    }

    /**
     * Days to a deadline in Beijing time: before it, whole days from today to its last day (a deadline is
     * exclusive: a moment at midnight ends the day before), 0 on that day; once it has passed, minus the days since
     * its day, at least 1.
     */
    static Integer daysLeft(OffsetDateTime due, OffsetDateTime now) {
        if (due == null) {
            return null;
        }
        LocalDate today = now.atZoneSameInstant(ReportLanguage.BEIJING).toLocalDate();
        if (!now.isBefore(due)) {
            LocalDate day = due.atZoneSameInstant(ReportLanguage.BEIJING).toLocalDate();
            return (int) -Math.max(1, ChronoUnit.DAYS.between(day, today));
        }
        LocalDate last = due.atZoneSameInstant(ReportLanguage.BEIJING).minusNanos(1).toLocalDate();
        return (int) ChronoUnit.DAYS.between(today, last);
    }

    /** A deadline in words: "in 3 days", "today", "3 days overdue". */
    static String dueWords(Integer days, AppealPageMessages m) {
        if (days == null) {
            return null;
        }
        return days > 1 ? m.apmInDays(days) : days == 1 ? m.apmInOneDay() : days == 0 ? m.apmToday()
                : days == -1 ? m.apmOneDayOverdue() : m.apmDaysOverdue(-days);
    }

    /**
     * The state a typed value names: a state's key (any case), or its words in either language; null when it names
     * none. {@code words}: each state's key and its words in the page's language and the other.
     */
    static String state(String typed, Map<String, List<String>> words) {
        String wanted = typed.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> state : words.entrySet()) {
            if (state.getKey().equals(wanted) || state.getValue().stream()
                    .anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(wanted))) {
                return state.getKey();
            }
        }
        return null;
    }
}
