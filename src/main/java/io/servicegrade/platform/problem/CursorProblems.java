package io.servicegrade.platform.problem;

import java.util.List;

/**
 * The problems of a paging cursor, for REST and GraphQL alike. A cursor that cannot be read is bad input (a 422
 * naming the argument); one that was read from a board that has changed since is {@code stale-cursor} (409): the
 * client starts again from the first page. GraphQL answers them as {@code BAD_USER_INPUT} and
 * {@code STALE_CURSOR} (platform/graphql/GraphQLErrors).
 */
public final class CursorProblems {

    /** The problem type (slug) of a stale cursor: {@code urn:servicegrade:problem:stale-cursor}. */
    public static final String STALE_TYPE = "stale-cursor";

    private CursorProblems() {
    }

    /**
     * The cursor given as {@code argument} (e.g. {@code after}) was read from revision {@code cursorRevision} of a
     * board that is now at revision {@code currentRevision}: paging on would skip or repeat rows.
     */
    public static ProblemException stale(String argument, long cursorRevision, long currentRevision) {
        return new ProblemException(409, STALE_TYPE, ProblemMessages::staleCursorTitle,
                m -> m.staleCursorDetail(argument, cursorRevision, currentRevision),
                List.of(QueryParameters.problem(argument, ProblemMessages::staleCursor)));
    }

    /** The cursor given as {@code argument} is not one this server wrote (or not for this list). */
    public static ProblemException malformed(String argument) {
        return ProblemException.invalid(List.of(QueryParameters.problem(argument, ProblemMessages::badCursor)));
    }
}
