package io.servicegrade.platform.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * When a follow-up deadline falls (issue 19: a rectification order's reply, a complaint's answer): {@code days}
 * after the day something was received, in a time zone, ending at midnight after the last day. Calendar days count
 * every day; working days count Monday to Friday, less the holidays, plus the weekend days declared working days
 * (调休). Pure: the settings come from {@code servicegrade.deadlines.*} ({@code Deadlines} turns them into one).
 *
 * <p>Hand-worked: received Friday 2026-11-27 16:00 in Asia/Shanghai, 3 days. Calendar: Saturday, Sunday, Monday;
 * due Tuesday 2026-12-01 00:00 +08:00. Working: Monday, Tuesday, Wednesday; due Thursday 2026-12-03 00:00 +08:00.
 * The day of receipt never counts, whatever the hour.
 */
public record WorkingCalendar(Count count, Set<LocalDate> holidays, Set<LocalDate> workdays) {

    /** How days are counted. */
    public enum Count {
        CALENDAR, WORKING
    }

    public WorkingCalendar {
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
    }

    /** Calendar days, no holidays. */
    public static final WorkingCalendar CALENDAR_DAYS = new WorkingCalendar(Count.CALENDAR, Set.of(), Set.of());

    /** Whether {@code day} counts towards a deadline. */
    public boolean counts(LocalDate day) {
        if (count == Count.CALENDAR) {
            return true;
        }
        if (workdays.contains(day)) {
            return true;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The last day of a deadline of {@code days} counted days after {@code received} (local date). */
    public LocalDate lastDay(LocalDate received, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days < 0");
        }
        LocalDate day = received;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (counts(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The instant a deadline of {@code days} counted days after {@code received} ends, in {@code zone}. */
    public Instant due(Instant received, int days, ZoneId zone) {
        LocalDate last = lastDay(received.atZone(zone).toLocalDate(), days);
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether something due at {@code due} and not done is overdue at {@code now}. */
    public static boolean overdue(Instant due, Instant now) {
        return !now.isBefore(due);
    }
}
