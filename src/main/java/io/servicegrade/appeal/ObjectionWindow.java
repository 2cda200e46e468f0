package io.servicegrade.appeal;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * When an appeal may be filed (issue 18): while its period is published and not closed, before the end of the
 * objection window (公示期) fixed at publication. Pure, so the rule has one home whatever reads the period.
 */
final class ObjectionWindow {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private ObjectionWindow() {
    }

    /**
     * The 409 that refuses a filing now, or null when the window is open. {@code until} is the window's exclusive
     * end (null while the period is not published), {@code closed} whether the period is closed.
     */
    static ProblemException refusal(String scheme, String period, boolean published, boolean closed,
            OffsetDateTime until, Instant now, ZoneId zone) {
        if (closed) {
            return late(m -> m.appealPeriodClosed(scheme, period));
        }
        if (!published || until == null) {
            return late(m -> m.appealNotPublished(scheme, period));
        }
        if (!now.isBefore(until.toInstant())) {
            String deadline = SHOWN.format(until.toInstant().atZone(zone));
            return late(m -> m.appealWindowOver(scheme, period, deadline));
        }
        return null;
    }

    private static ProblemException late(io.servicegrade.platform.problem.Message detail) {
        return new ProblemException(409, "appeal-window", ProblemMessages::appealWindowTitle, detail);
    }
}
