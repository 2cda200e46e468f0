package io.servicegrade.rectification;

import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A unit's rectification figures (issue 19) over the orders raised in a window: the unit and its subtree in
 * {@code total}, and each unit in it that has orders. Rates are percentages, exact: count × 100 / orders, rounded
 * once, half up, to 2 places; null when there is nothing to divide by.
 */
@Schema(name = "RectificationFigures", description = "Rectification figures of a unit and its subtree")
public record RectificationFigures(
        @Schema(required = true, description = "The unit's code (the group: it and the units below it)") String unit,
        @Schema(nullable = true, description = "First day counted (raised on or after it), in the server's zone")
        LocalDate from,
        @Schema(nullable = true, description = "Last day counted, in the server's zone") LocalDate to,
        @Schema(required = true, description = "How far back a recurrence looks") int recurrenceMonths,
        @Schema(required = true) Counts total,
        @Schema(required = true, description = "Each unit with orders, by code") List<Counts> units) {

    /** A window of days [from, to], either end open when null. */
    record Window(LocalDate fromDay, LocalDate toDay, OffsetDateTime from, OffsetDateTime to) {

        OffsetDateTime fromOrEver() {
            return from != null ? from : OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }

        OffsetDateTime toOrNever() {
            return to != null ? to : OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }
    }

    /** One unit's (or the group's) counts and rates. */
    @Schema(name = "RectificationCounts")
    public record Counts(
            @Schema(required = true) String unit,
            @Schema(nullable = true) String unitName,
            @Schema(required = true, description = "Orders raised in the window") long orders,
            @Schema(required = true, description = "Orders replied to or past their deadline: those with an "
                    + "outcome, what the reply and on-time rates are over") long due,
            @Schema(required = true, description = "Orders replied to (any reply)") long replied,
            @Schema(nullable = true, description = "replied × 100 / due") BigDecimal replyRate,
            @Schema(required = true, description = "Orders first replied to by their deadline") long onTime,
            @Schema(nullable = true, description = "onTime × 100 / due") BigDecimal onTimeRate,
            @Schema(required = true, description = "Open or returned past their deadline now") long overdue,
            @Schema(required = true) long accepted,
            @Schema(required = true, description = "Orders raised from evaluations") long fromEvaluations,
            @Schema(required = true, description = "Orders from evaluations on an item already ordered for the unit "
                    + "within the recurrence months") long recurrences,
            @Schema(nullable = true, description = "recurrences × 100 / fromEvaluations") BigDecimal recurrenceRate) {

        static Counts of(String unit, String name, long orders, long due, long replied, long onTime, long overdue,
                long accepted, long fromEvaluations, long recurrences) {
            // an order not yet due and not replied has no outcome yet: it counts in neither rate (as its samples)
            return new Counts(unit, name, orders, due, replied, rate(replied, due), onTime, rate(onTime, due),
                    overdue, accepted, fromEvaluations, recurrences, rate(recurrences, fromEvaluations));
        }
    }

    static BigDecimal rate(long count, long of) {
        return of == 0 ? null : BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(of), 2, RoundingMode.HALF_UP);
    }

    static RectificationFigures of(String unit, Window window, int months,
            List<RectificationRepository.UnitCounts> counts) {
        long[] sum = new long[8];
        List<Counts> units = counts.stream().map(c -> {
            sum[7] += c.due();
            sum[0] += c.orders();
            sum[1] += c.replied();
            sum[2] += c.onTime();
            sum[3] += c.overdue();
            sum[4] += c.accepted();
            sum[5] += c.fromEvaluations();
            sum[6] += c.recurrences();
            return Counts.of(c.unitCode(), c.unitName(), c.orders(), c.due(), c.replied(), c.onTime(), c.overdue(),
                    c.accepted(), c.fromEvaluations(), c.recurrences());
        }).toList();
        return new RectificationFigures(unit, window.fromDay(), window.toDay(), months,
                Counts.of(unit, null, sum[0], sum[7], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]), units);
    }

    /** The days {@code from} and {@code to} (ISO dates, both counted) in {@code zone}; bad ones added to problems. */
    static Window window(String from, String to, ZoneId zone, List<Violation> problems) {
        LocalDate first = day(from, "from", problems);
        LocalDate last = day(to, "to", problems);
        if (first != null && last != null && last.isBefore(first)) {
            problems.add(QueryParameters.problem("to", m -> m.oneOf("≥ from")));
        }
        return new Window(first, last, first == null ? null : first.atStartOfDay(zone).toOffsetDateTime(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
    }

    /** A scheme's period in the scheme's time zone: its first day to its last, both counted. */
    static Window window(io.servicegrade.scheme.Period period, ZoneId zone) {
        return new Window(period.firstDay(), period.endDay().minusDays(1),
                period.start(zone).atZone(zone).toOffsetDateTime(), period.end(zone).atZone(zone).toOffsetDateTime());
    }

    private static LocalDate day(String text, String name, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(QueryParameters.problem(name, m -> m.oneOf("YYYY-MM-DD")));
            return null;
        }
    }
}
