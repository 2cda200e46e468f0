package io.servicegrade.coverage;

import io.servicegrade.coverage.CoverageRepository.InspectorInterval;
import io.servicegrade.coverage.CoverageRepository.UnitInterval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The coverage rules over rows read (issue 19): overdue, rates per group, duty rates. Pure. */
final class CoverageRules {

    static final String MISSED_LAST = "missed-last";
    static final String PAST_MIDPOINT = "past-midpoint";

    private CoverageRules() {
    }

    /** A percentage of two counts, rounded once to 2 places half up; null when nothing was required. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /**
     * Whether a unit is overdue on {@code day} under a plan, given its coverage in the current interval and the one
     * before (null when the plan was not yet in force then): not when the current one is covered; else when the one
     * before was not covered either ({@link #MISSED_LAST}, since the previous interval's end), or when {@code day}
     * is on or after the current interval's middle day ({@link #PAST_MIDPOINT}, since that day). Null: not overdue.
     */
    static CoverageView.Overdue overdue(CoveragePlan plan, Interval current, UnitInterval now, UnitInterval before,
            LocalDate day) {
        if (now.evaluations() > 0) {
            return null;
        }
        String reason;
        LocalDate since;
        if (before != null && before.evaluations() == 0) {
            reason = MISSED_LAST;
            since = current.start();
        } else if (!day.isBefore(current.midpoint())) {
            reason = PAST_MIDPOINT;
            since = current.midpoint();
        } else {
            return null;
        }
        return new CoverageView.Overdue(plan.key(), now.unit(), now.name(), now.area(), reason, current.label(), since,
                now.lastEver());
    }

    /**
     * Rates per plan and group (the unit's group from the rows; units with no group of the kind asked are counted
     * only in the total), then each plan's total over every selected unit (group null).
     */
    static List<CoverageView.Rate> rates(List<UnitInterval> rows, boolean byGroup) {
        Map<String, Map<String, Tally>> perPlan = new LinkedHashMap<>();
        Map<String, Tally> totals = new LinkedHashMap<>();
        for (UnitInterval row : rows) {
            totals.computeIfAbsent(row.plan(), p -> new Tally(null)).add(row);
            if (byGroup && row.groupCode() != null) {
                perPlan.computeIfAbsent(row.plan(), p -> new java.util.TreeMap<>())
                        .computeIfAbsent(row.groupCode(), g -> new Tally(row.groupName())).add(row);
            }
        }
        List<CoverageView.Rate> rates = new ArrayList<>();
        for (Map.Entry<String, Tally> total : totals.entrySet()) {
            perPlan.getOrDefault(total.getKey(), Map.of()).forEach((group, tally) ->
                    rates.add(tally.rate(total.getKey(), group)));
            rates.add(total.getValue().rate(total.getKey(), null));
        }
        return rates;
    }

    /** Unit-intervals of a group: units, intervals, covered. */
    private static final class Tally {
        final String name;
        final Set<String> units = new LinkedHashSet<>();
        final Set<LocalDate> intervals = new LinkedHashSet<>();
        long required;
        long covered;

        Tally(String name) {
            this.name = name;
        }

        void add(UnitInterval row) {
            units.add(row.unit());
            intervals.add(row.start());
            required++;
            if (row.evaluations() > 0) {
                covered++;
            }
        }

        CoverageView.Rate rate(String plan, String group) {
            return new CoverageView.Rate(plan, group, name, units.size(), intervals.size(), required, covered,
                    percent(covered, required));
        }
    }

    /**
     * Duty rates of a plan: per inspector the intervals in which its inspections reached the plan's
     * {@code dutyMinimum}, over the intervals asked; then the total over every inspector (met inspector-intervals /
     * inspector-intervals).
     */
    static List<CoverageView.Duty> duty(CoveragePlan plan, List<InspectorInterval> rows) {
        Map<Long, List<InspectorInterval>> per = new LinkedHashMap<>();
        rows.forEach(r -> per.computeIfAbsent(r.space(), s -> new ArrayList<>()).add(r));
        List<CoverageView.Duty> out = new ArrayList<>();
        int allIntervals = 0;
        int allMet = 0;
        long allInspections = 0;
        for (List<InspectorInterval> intervals : per.values()) {
            InspectorInterval first = intervals.get(0);
            int met = (int) intervals.stream().filter(i -> i.inspections() >= plan.dutyMinimum()).count();
            long inspections = intervals.stream().mapToLong(InspectorInterval::inspections).sum();
            String kind = first.space() > 0 ? "agency" : first.space() < 0 ? "account" : "admin";
            String name = first.space() > 0 ? first.agencyCode() : first.space() < 0 ? first.login() : "admin";
            out.add(new CoverageView.Duty(plan.key(), kind, name, intervals.size(), met, inspections,
                    percent(met, intervals.size())));
            allIntervals += intervals.size();
            allMet += met;
            allInspections += inspections;
        }
        out.add(new CoverageView.Duty(plan.key(), null, null, allIntervals, allMet, allInspections,
                percent(allMet, allIntervals)));
        return out;
    }
}
