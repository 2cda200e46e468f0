package io.servicegrade.veto;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scheme declares of unit veto events (issue 18): the exemption grounds it allows, and how far a confirmed
 * event reaches: {@code year}, every period of the calendar year
 * of the event's day (the postal rules cancel the unit's and the responsible persons' awards for the year), or
 * {@code period}, only the scheme's period holding that day. Pure: the one home of the rule, read by the boards
 * ({@link EventVetoes}) and by the writes that must bump and lock the boards an event changes.
 */
public final class VetoScope {

    public static final String YEAR = "year";
    public static final String PERIOD = "period";

    private VetoScope() {
    }

    /** The exemption grounds when a scheme names none: the four the postal rules state. */
    public static final List<String> DEFAULT_GROUNDS = List.of("force-majeure", "evaded-inspection",
            "ignored-rectification", "inspection-done");

    /** The grounds on which the scheme allows an exemption (免责). */
    public static List<String> grounds(Scheme scheme) {
        return scheme.lifecycle().vetoEvents().exemptionGrounds();
    }

    /** The scope the scheme declares: its lifecycle's {@code vetoEvents.scope}. */
    public static String of(Scheme scheme) {
        return scheme.lifecycle().vetoEvents().scope();
    }

    /** The first day of the events in effect on {@code period} under the scheme: the event days it takes in. */
    public static LocalDate from(Scheme scheme, Period period) {
        return YEAR.equals(of(scheme)) ? LocalDate.of(period.firstDay().getYear(), 1, 1) : period.firstDay();
    }

    /** The day after the last day of the events in effect on {@code period} under the scheme (exclusive). */
    public static LocalDate until(Scheme scheme, Period period) {
        return YEAR.equals(of(scheme)) ? LocalDate.of(period.endDay().minusDays(1).getYear() + 1, 1, 1)
                : period.endDay();
    }

    /** The ids of the scheme's periods whose boards an event of {@code day} reaches, in id order. */
    public static Set<String> periods(Scheme scheme, LocalDate day) {
        Set<String> ids = new TreeSet<>();
        if (!YEAR.equals(of(scheme))) {
            ids.add(Period.of(scheme.period(), day).id());
            return ids;
        }
        LocalDate end = LocalDate.of(day.getYear() + 1, 1, 1);
        for (Period p = Period.of(scheme.period(), LocalDate.of(day.getYear(), 1, 1)); p.firstDay().isBefore(end);
                p = Period.of(scheme.period(), p.endDay())) {
            ids.add(p.id());
        }
        return ids;
    }
}
