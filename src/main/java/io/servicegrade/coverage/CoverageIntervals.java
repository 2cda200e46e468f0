package io.servicegrade.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Which intervals of a plan a question is about (issue 19); pure. */
final class CoverageIntervals {

    /** At most this many intervals per plan and question (ten years of months). */
    static final int MAX = 120;

    private CoverageIntervals() {
    }

    /**
     * The plan's intervals that overlap the days [from, to] (both included) and the plan's own active days, and that
     * have begun by {@code today}; in order. An interval the plan's start or end cuts still counts whole.
     */
    static List<Interval> between(CoveragePlan plan, LocalDate from, LocalDate to, LocalDate today) {
        LocalDate first = from.isBefore(plan.activeFrom()) ? plan.activeFrom() : from;
        LocalDate last = to;
        if (plan.activeTo() != null && plan.activeTo().isBefore(last)) {
            last = plan.activeTo();
        }
        if (today.isBefore(last)) {
            last = today;
        }
        List<Interval> intervals = new ArrayList<>();
        for (Interval i = Interval.of(plan.everyMonths(), first); !i.start().isAfter(last) && intervals.size() < MAX;
                i = Interval.of(plan.everyMonths(), i.end())) {
            intervals.add(i);
        }
        return intervals;
    }

    /** Whether the plan is in force on {@code day}. */
    static boolean inForce(CoveragePlan plan, LocalDate day) {
        return !day.isBefore(plan.activeFrom()) && (plan.activeTo() == null || !day.isAfter(plan.activeTo()));
    }
}
