package io.servicegrade.complaint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The complaint figures of a unit or a group in a period (issue 19), pure: counts in, rates out. Every rate is a
 * percentage rounded once, to two places half up; per 10,000 transactions likewise; null when its denominator is 0.
 */
public final class ComplaintFigures {

    private static final Pattern PERIOD = Pattern.compile("([0-9]{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private ComplaintFigures() {
    }

    /**
     * A period of the figures: a month ({@code 2025-01}), a quarter ({@code 2025-Q1}, its three months) or a year
     * ({@code 2025}); complaints count in it by the day they were received in {@code zone}.
     */
    public record Period(String id, List<YearMonth> months) {

        /** The first instant of the period in {@code zone}. */
        public OffsetDateTime from(ZoneId zone) {
            return months.get(0).atDay(1).atStartOfDay(zone).toOffsetDateTime();
        }

        /** The first instant after the period in {@code zone}. */
        public OffsetDateTime to(ZoneId zone) {
            return months.get(months.size() - 1).plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
        }

        public List<LocalDate> firstDays() {
            return months.stream().map(m -> m.atDay(1)).toList();
        }
    }

    /** The period {@code text} names; null when it names none. */
    public static Period period(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PERIOD.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        List<YearMonth> months = new ArrayList<>();
        if (m.group(2) != null) {
            months.add(YearMonth.of(year, Integer.parseInt(m.group(2))));
        } else {
            int first = m.group(3) != null ? (Integer.parseInt(m.group(3)) - 1) * 3 + 1 : 1;
            int count = m.group(3) != null ? 3 : 12;
            for (int i = 0; i < count; i++) {
                months.add(YearMonth.of(year, first + i));
            }
        }
        return new Period(text.strip(), months);
    }

    /**
     * What the figures are computed from. {@code timely}: replied before the deadline; {@code overdue}: unreplied
     * at or past it; {@code recorded}: with the customer's satisfaction recorded; {@code volume}: transactions in
     * the period (null when none was given).
     */
    public record Counts(long complaints, long replied, long timely, long overdue, long recorded, long satisfied,
            long repeats, long escalations, Long volume) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, null);

        /** The counts of two units together (a group's); volumes add, none plus none is none. */
        public Counts plus(Counts o) {
            Long sum = volume;
            if (sum == null) {
                sum = o.volume;
            } else if (o.volume != null) {
                sum = sum + o.volume;
            }
            return new Counts(complaints + o.complaints, replied + o.replied, timely + o.timely,
                    overdue + o.overdue, recorded + o.recorded, satisfied + o.satisfied, repeats + o.repeats,
                    escalations + o.escalations, sum);
        }

        /**
         * Timeliness: replied before the deadline over the complaints with an outcome (replied, or unreplied past
         * the deadline); one still within its deadline has none yet.
         */
        public BigDecimal timelinessRate() {
            return percent(timely, replied + overdue);
        }

        /** Satisfied over those whose satisfaction was recorded. */
        public BigDecimal satisfactionRate() {
            return percent(satisfied, recorded);
        }

        /** Repeat complaints over all complaints. */
        public BigDecimal repeatRate() {
            return percent(repeats, complaints);
        }

        /** complaints × 10,000 / volume; null when no volume (or a volume of 0) was given. */
        public BigDecimal perTenThousand() {
            if (volume == null || volume == 0) {
                return null;
            }
            return BigDecimal.valueOf(complaints).multiply(TEN_THOUSAND)
                    .divide(BigDecimal.valueOf(volume), 2, RoundingMode.HALF_UP);
        }
    }

    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
