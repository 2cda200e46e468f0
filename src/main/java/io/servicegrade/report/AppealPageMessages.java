package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts the appeals and complaints lists gained in issue 20 (summary per state, deadlines in words, filters by
 * name, downloads), in English; {@link AppealPageMessagesZh} has the Chinese, the default. A bundle of their own:
 * {@link ReportMessages} and {@link FollowupMessages} are kept below the size at which Quarkus 3.34 fails to start.
 */
@MessageBundle(value = "apm", locale = "en")
public interface AppealPageMessages {

    @Message("{count} in all")
    String apmAll(int count);

    @Message("{name}: {count}")
    String apmCount(String name, int count);

    @Message("Counts per state")
    String apmPerState();

    @Message("Show all")
    String apmShowAll();

    @Message("Pages of the list")
    String apmPages();

    @Message("Filters")
    String apmFilters();

    @Message("Unit (name or code)")
    String apmUnit();

    @Message("Unit code")
    String apmUnitCode();

    @Message("Days left (negative: past)")
    String apmDaysLeft();

    @Message("State")
    String apmState();

    @Message("Any")
    String apmAny();

    @Message("Show")
    String apmApply();

    @Message("in {days} days")
    String apmInDays(int days);

    @Message("in 1 day")
    String apmInOneDay();

    @Message("today")
    String apmToday();

    @Message("{days} days overdue")
    String apmDaysOverdue(int days);

    @Message("1 day overdue")
    String apmOneDayOverdue();

    @Message("window closed {days} days ago")
    String apmClosedDaysAgo(int days);

    @Message("window closed 1 day ago")
    String apmClosedOneDayAgo();

    @Message("window closes {words}")
    String apmCloses(String words);

    @Message("Undecided after the window closed")
    String apmUndecidedLate();

    @Message("Replied late, or unreplied past the deadline")
    String apmLate();

    @Message("Evaluation {id}")
    String apmEvaluation(long id);

    @Message("The period's standing")
    String apmStanding();

    @Message("Against")
    String apmAgainst();

    @Message("Agency")
    String apmAgency();

    @Message("Scheme")
    String apmScheme();

    @Message("“{typed}” is not a state: every state is shown. The states: {known}.")
    String apmUnknownState(String typed, String known);

    @Message("; ")
    String apmSeparator();
}
