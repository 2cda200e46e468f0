package io.servicegrade.coverage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One interval of a plan (issue 19): the local days [start, end), a group of {@code N} calendar months counted from
 * January, so that a two-monthly plan's intervals are January–February, March–April, …
 */
public record Interval(LocalDate start, LocalDate end) {

    /** The interval of {@code everyMonths} months holding {@code day}. */
    public static Interval of(int everyMonths, LocalDate day) {
        int index = (day.getMonthValue() - 1) / everyMonths;
        LocalDate start = LocalDate.of(day.getYear(), index * everyMonths + 1, 1);
        return new Interval(start, start.plusMonths(everyMonths));
    }

    /** The interval before this one, of the same length. */
    public Interval previous() {
        long months = ChronoUnit.MONTHS.between(start, end);
        return new Interval(start.minusMonths(months), start);
    }

    /**
     * The first day from which an uncovered interval counts as late (issue 19): its middle day, {@code start} plus
     * half its days rounded down (16 July for July; 30 January for the 59 days of January–February 2025).
     */
    public LocalDate midpoint() {
        return start.plusDays(ChronoUnit.DAYS.between(start, end) / 2);
    }

    /** A label: 2025-07 for a month, 2025-03..2025-04 for longer intervals. */
    public String label() {
        LocalDate last = end.minusMonths(1);
        String first = start.toString().substring(0, 7);
        return last.equals(start) ? first : first + ".." + last.toString().substring(0, 7);
    }
}
