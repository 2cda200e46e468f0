package io.servicegrade.scheme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period (考核周期) in a scheme's time zone: a month ({@code 2023-05}), quarter ({@code 2023-Q2}),
 * half year ({@code 2023-H1}) or year ({@code 2023}). {@code start} is inclusive, {@code end} exclusive.
 */
public record Period(Kind kind, String id, LocalDate firstDay, LocalDate endDay) {

    public enum Kind {
        MONTH(1), QUARTER(3), HALF(6), YEAR(12);

        final int months;

        Kind(int months) {
            this.months = months;
        }

        public String token() {
            return name().toLowerCase();
        }

        /** Whether periods of this kind cut a period of {@code outer} in whole pieces, and are shorter. */
        public boolean divides(Kind outer) {
            return months < outer.months && outer.months % months == 0;
        }

        public static Kind of(String token) {
            for (Kind kind : values()) {
                if (kind.token().equals(token)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private static final Pattern ID = Pattern.compile("(\\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?");

    /** The period of this kind that holds the given day. */
    public static Period of(Kind kind, LocalDate day) {
        int index = (day.getMonthValue() - 1) / kind.months;
        LocalDate first = LocalDate.of(day.getYear(), index * kind.months + 1, 1);
        return new Period(kind, id(kind, first, index), first, first.plusMonths(kind.months));
    }

    /** The period of this kind that holds the instant, in the zone given. */
    public static Period of(Kind kind, Instant instant, ZoneId zone) {
        return of(kind, instant.atZone(zone).toLocalDate());
    }

    /** Reads a period id of the given kind; null when it is not one. */
    public static Period parse(Kind kind, String id) {
        Matcher m = ID.matcher(id == null ? "" : id);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int month = switch (kind) {
            case YEAR -> m.group(2) == null && m.group(3) == null && m.group(4) == null ? 1 : -1;
            case MONTH -> m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
            case QUARTER -> m.group(3) == null ? -1 : (Integer.parseInt(m.group(3)) - 1) * 3 + 1;
            case HALF -> m.group(4) == null ? -1 : (Integer.parseInt(m.group(4)) - 1) * 6 + 1;
        };
        return month < 0 ? null : of(kind, LocalDate.of(year, month, 1));
    }

    /** Reads a period id of whichever kind its form says; null when it is none. */
    public static Period parseAny(String id) {
        Matcher m = ID.matcher(id == null ? "" : id);
        if (!m.matches()) {
            return null;
        }
        Kind kind = m.group(2) != null ? Kind.MONTH : m.group(3) != null ? Kind.QUARTER
                : m.group(4) != null ? Kind.HALF : Kind.YEAR;
        return parse(kind, id);
    }

    /** Whether the period with id {@code outer} (any kind) holds the period with id {@code inner}, or is it. */
    public static boolean holds(String outer, String inner) {
        Period o = parseAny(outer);
        Period i = parseAny(inner);
        return o != null && i != null && !i.firstDay.isBefore(o.firstDay) && !i.endDay.isAfter(o.endDay);
    }

    /** The period of {@code outer}'s kind that holds this one. */
    public Period within(Kind outer) {
        return of(outer, firstDay);
    }

    public Period previous() {
        return of(kind, firstDay.minusMonths(kind.months));
    }

    public Instant start(ZoneId zone) {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    public Instant end(ZoneId zone) {
        return endDay.atStartOfDay(zone).toInstant();
    }

    private static String id(Kind kind, LocalDate first, int index) {
        return switch (kind) {
            case MONTH -> String.format("%d-%02d", first.getYear(), first.getMonthValue());
            case QUARTER -> first.getYear() + "-Q" + (index + 1);
            case HALF -> first.getYear() + "-H" + (index + 1);
            case YEAR -> Integer.toString(first.getYear());
        };
    }
}
