package io.servicegrade.rectification;

import io.servicegrade.platform.time.WorkingCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A rectification order's deadline in calendar and in working days (issue 19), pure: no server, no settings. */
class RectificationDeadlineTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // an order raised on Friday 2025-03-07 at 16:00 in Shanghai
    private static final Instant FRIDAY = OffsetDateTime.parse("2025-03-07T16:00:00+08:00").toInstant();

    @Test
    void aVetoOrdersThreeDaysCrossTheWeekendInCalendarDaysButSkipItInWorkingDays() {
        // calendar: Saturday, Sunday, Monday; due at midnight after Monday
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(FRIDAY, 3, SHANGHAI))
                .isEqualTo(OffsetDateTime.parse("2025-03-11T00:00:00+08:00").toInstant());
        // working: Monday, Tuesday, Wednesday; due at midnight after Wednesday
        WorkingCalendar working = new WorkingCalendar(WorkingCalendar.Count.WORKING, Set.of(), Set.of());
        assertThat(working.due(FRIDAY, 3, SHANGHAI))
                .isEqualTo(OffsetDateTime.parse("2025-03-13T00:00:00+08:00").toInstant());
    }

    @Test
    void holidaysAreSkippedAndDeclaredWorkdaysCountInWorkingDays() {
        // Monday 03-10 a holiday, Saturday 03-08 a working day (调休): Saturday, Tuesday, Wednesday
        WorkingCalendar working = new WorkingCalendar(WorkingCalendar.Count.WORKING,
                Set.of(LocalDate.parse("2025-03-10")), Set.of(LocalDate.parse("2025-03-08")));
        assertThat(working.due(FRIDAY, 3, SHANGHAI))
                .isEqualTo(OffsetDateTime.parse("2025-03-13T00:00:00+08:00").toInstant());
        // a major order's seven working days from the same Friday: 10, 11, 12, 13, 14, 17, 18 → due the 19th
        assertThat(new WorkingCalendar(WorkingCalendar.Count.WORKING, Set.of(), Set.of()).due(FRIDAY, 7, SHANGHAI))
                .isEqualTo(OffsetDateTime.parse("2025-03-19T00:00:00+08:00").toInstant());
        // the day of receipt never counts, whatever the hour: 23:59 on Friday is still Friday in Shanghai
        Instant late = OffsetDateTime.parse("2025-03-07T23:59:00+08:00").toInstant();
        assertThat(WorkingCalendar.CALENDAR_DAYS.due(late, 1, SHANGHAI))
                .isEqualTo(OffsetDateTime.parse("2025-03-09T00:00:00+08:00").toInstant());
    }
}
