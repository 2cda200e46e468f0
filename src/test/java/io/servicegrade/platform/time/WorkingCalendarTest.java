package io.servicegrade.platform.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Follow-up deadlines (issue 19), hand-worked: days counted after the day of receipt, in the deadline's time zone,
 * ending at midnight after the last day; working days skip weekends and holidays and take declared weekend
 * workdays (调休).
 */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final WorkingCalendar WORKING = new WorkingCalendar(WorkingCalendar.Count.WORKING, Set.of(),
            Set.of());

    @Test
    void calendarDaysCountEveryDayAfterTheDayOfReceipt() {
        // Friday 2026-11-27 16:00 in Shanghai (08:00Z), 3 days: Sat 28, Sun 29, Mon 30 → due Tue 12-01 00:00 +08:00
        Instant friday = Instant.parse("2026-11-27T08:00:00Z");
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(friday, 3, SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        // received one minute before midnight or just after it: the day of receipt never counts
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(Instant.parse("2026-11-27T15:59:00Z"), 3, SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(Instant.parse("2026-11-27T16:00:00Z"), 3, SHANGHAI))
                .as("00:00 Saturday in Shanghai is received on Saturday: Sun, Mon, Tue → Wed 00:00")
                .isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        // 0 days: due at the end of the day of receipt
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(friday, 0, SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    }

    @Test
    void workingDaysSkipTheWeekend() {
        // Friday 16:00 in Shanghai, 3 working days: Mon 30, Tue 01, Wed 02 → due Thu 12-03 00:00 +08:00
        assertThat(WORKING.due(Instant.parse("2026-11-27T08:00:00Z"), 3, SHANGHAI))
                .isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
        // received on a Saturday: Mon, Tue, Wed as well
        assertThat(WORKING.due(Instant.parse("2026-11-28T02:00:00Z"), 3, SHANGHAI))
                .isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
        // received on a Monday: Tue, Wed, Thu → Fri 00:00
        assertThat(WORKING.due(Instant.parse("2026-11-30T02:00:00Z"), 3, SHANGHAI))
                .isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
    }

    @Test
    void oneInstantIsADifferentDayInAnotherZone() {
        // 2025-03-07T23:30-05:00 is Friday evening in New York and Saturday 12:30 in Shanghai
        Instant instant = Instant.parse("2025-03-08T04:30:00Z");
        // New York, working: Mon 10, Tue 11, Wed 12 → Thu 13 00:00 -04:00 (daylight saving began on the 9th)
        assertThat(WORKING.due(instant, 3, NEW_YORK)).isEqualTo(Instant.parse("2025-03-13T04:00:00Z"));
        // Shanghai, working: received Saturday: Mon 10, Tue 11, Wed 12 → Thu 13 00:00 +08:00
        assertThat(WORKING.due(instant, 3, SHANGHAI)).isEqualTo(Instant.parse("2025-03-12T16:00:00Z"));
        // calendar days differ by zone: New York Sat, Sun, Mon → Tue 11 00:00 -04:00; Shanghai Sun, Mon, Tue
        // → Wed 12 00:00 +08:00
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(instant, 3, NEW_YORK))
                .isEqualTo(Instant.parse("2025-03-11T04:00:00Z"));
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(instant, 3, SHANGHAI))
                .isEqualTo(Instant.parse("2025-03-11T16:00:00Z"));
    }

    @Test
    void holidaysAreSkippedAndDeclaredWeekendWorkdaysCount() {
        // National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October declared workdays
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-02"),
                LocalDate.parse("2025-10-03"), LocalDate.parse("2025-10-06"), LocalDate.parse("2025-10-07"),
                LocalDate.parse("2025-10-08"));
        Set<LocalDate> workdays = Set.of(LocalDate.parse("2025-09-28"), LocalDate.parse("2025-10-11"));
        WorkingCalendar china = new WorkingCalendar(WorkingCalendar.Count.WORKING, holidays, workdays);
        // received Saturday 27 September: Sun 28 (a workday), Mon 29, Tue 30 → due Wed 1 October 00:00
        assertThat(china.lastDay(LocalDate.parse("2025-09-27"), 3)).isEqualTo(LocalDate.parse("2025-09-30"));
        // received Tuesday 30 September: the holiday week is skipped: Thu 9, Fri 10, Sat 11 (a workday)
        assertThat(china.lastDay(LocalDate.parse("2025-09-30"), 3)).isEqualTo(LocalDate.parse("2025-10-11"));
        assertThat(china.due(Instant.parse("2025-09-30T02:00:00Z"), 3, SHANGHAI))
                .isEqualTo(Instant.parse("2025-10-11T16:00:00Z"));
        // calendar days ignore both lists
        WorkingCalendar calendar = new WorkingCalendar(WorkingCalendar.Count.CALENDAR, holidays, workdays);
        assertThat(calendar.lastDay(LocalDate.parse("2025-09-30"), 3)).isEqualTo(LocalDate.parse("2025-10-03"));
    }

    @Test
    void overdueFromTheDeadlineOn() {
        Instant due = Instant.parse("2026-11-30T16:00:00Z");
        assertThat(WorkingCalendar.overdue(due, due.minusSeconds(1))).isFalse();
        assertThat(WorkingCalendar.overdue(due, due)).isTrue();
        assertThatThrownBy(() -> WORKING.lastDay(LocalDate.parse("2026-11-27"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
