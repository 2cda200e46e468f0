package io.servicegrade.standing;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;

import java.time.OffsetDateTime;

/**
 * The refusals of a period's lifecycle (issue 18), for REST and GraphQL alike (GraphQL answers them as
 * {@code CONFLICT}): a write into a closed period, closing a period that is not published or still hears objections,
 * reopening one that is not closed.
 */
public final class PeriodProblems {

    /** The problem type (slug) of a write into a closed period: {@code urn:servicegrade:problem:period-closed}. */
    public static final String CLOSED_TYPE = "period-closed";

    private PeriodProblems() {
    }

    /** 409: the write would change period {@code period} of scheme {@code scheme}, which is closed. */
    public static ProblemException closed(String scheme, String period) {
        return new ProblemException(409, CLOSED_TYPE, ProblemMessages::periodClosedTitle,
                m -> m.periodClosed(scheme, period));
    }

    /** 409: the period is not published, so there is nothing to close (or to object to). */
    public static ProblemException notPublished(String scheme, String period) {
        return new ProblemException(409, "period-not-published", ProblemMessages::conflictTitle,
                m -> m.periodNotPublished(scheme, period));
    }

    /** 409: the period's objection window runs until {@code until}; it cannot be closed before. */
    public static ProblemException objectionsOpen(String scheme, String period, OffsetDateTime until) {
        return new ProblemException(409, "objections-open", ProblemMessages::conflictTitle,
                m -> m.periodObjectionsOpen(scheme, period, until.toString()));
    }

    /** 409: the period is not closed, so it cannot be reopened. */
    public static ProblemException notClosed(String scheme, String period) {
        return new ProblemException(409, "period-not-closed", ProblemMessages::conflictTitle,
                m -> m.periodNotClosed(scheme, period));
    }
}
