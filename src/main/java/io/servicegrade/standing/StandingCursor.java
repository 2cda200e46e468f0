package io.servicegrade.standing;

import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.paging.Cursors;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;

import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A place on a standings board: the board's stamp (what it was computed from, the period's revision among it), the
 * row count up to and including the row, and a digest of the query's arguments. Paging goes on over the board the
 * cursor was read from, so no row is skipped or shown twice when an evaluation moves units between pages.
 */
record StandingCursor(String query, StandingService.Stamp stamp, int position) {

    private static final String KIND = "standings";

    /** The digest of the arguments that choose and order a board: a cursor is read only by the same query. */
    static String query(String scheme, String period, String kind, String under, String serviceLine, String area,
            StandingGraphQLApi.StandingOrder order) {
        return query(scheme, period, kind, under, serviceLine, area, null, order);
    }

    /** As above with a tag filter (issue 17); without one the digest is as it was. */
    static String query(String scheme, String period, String kind, String under, String serviceLine, String area,
            String tag, StandingGraphQLApi.StandingOrder order) {
        List<String> parts = new java.util.ArrayList<>(Arrays.asList(scheme, period, kind, under, serviceLine, area,
                order.name()));
        if (tag != null) {
            parts.add(tag);
        }
        String arguments = parts.stream()
                .map(a -> Objects.toString(a, "")).collect(Collectors.joining("\u0000", "", ""));
        return Sha256.hex(arguments).substring(0, 16);
    }

    String encode() {
        return Cursors.encode(KIND, query, stamp.token(), Integer.toString(position));
    }

    /**
     * The cursor {@code after} for the query {@code query}, or null for none; a 422 on {@code after} when it is not a
     * standings cursor, or one of another query.
     */
    static StandingCursor decode(String after, String query) {
        List<String> parts = Cursors.decode(KIND, after, 3);
        if (parts == null) {
            return null;
        }
        StandingService.Stamp stamp;
        long position = Cursors.number(parts.get(2));
        try {
            stamp = StandingService.Stamp.parse(parts.get(1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Cursors.bad();
        }
        if (position < 1 || position > Integer.MAX_VALUE) {
            throw Cursors.bad();
        }
        if (!parts.get(0).equals(query)) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("after", m -> m.foreignCursor())));
        }
        return new StandingCursor(query, stamp, (int) position);
    }
}
