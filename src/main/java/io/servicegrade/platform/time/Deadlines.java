package io.servicegrade.platform.time;

import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The one place follow-up deadlines are computed (issue 19): {@code servicegrade.deadlines.*} as a
 * {@link WorkingCalendar}, in the server's time zone ({@code servicegrade.time-zone}).
 */
@ApplicationScoped
public class Deadlines {

    @Inject
    ServiceGradeConfig config;

    /** The calendar the settings describe. */
    public WorkingCalendar calendar() {
        ServiceGradeConfig.Deadlines d = config.deadlines();
        return new WorkingCalendar(d.count(), Set.copyOf(d.holidays().orElse(List.<LocalDate>of())),
                Set.copyOf(d.workdays().orElse(List.<LocalDate>of())));
    }

    /** The zone deadlines end in. */
    public ZoneId zone() {
        return config.timeZone();
    }

    /** When something received at {@code received} with {@code days} to answer is due. */
    public Instant due(Instant received, int days) {
        return calendar().due(received, days, zone());
    }
}
