package io.servicegrade.standing;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.unit.UnitInput;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a standings query, REST and GraphQL alike: a value that names nothing is refused with the
 * values it may take, not answered with another board (a kind no unit has used to give the scheme's own board;
 * an unknown area an empty one).
 */
final class StandingFilters {

    private StandingFilters() {
    }

    /** The board asked for, or a 422 naming each bad filter by its parameter. */
    static Uni<StandingService.Board> board(StandingService standings, UnitService units, String scheme,
            String period, String kind, String under, String serviceLine, String area) {
        return board(standings, units, scheme, period, kind, under, serviceLine, area, null);
    }

    /** As above, the board of the units in {@code scope} (issue 16, {@link BoardAccess}; null: the whole tree). */
    static Uni<StandingService.Board> board(StandingService standings, UnitService units, String scheme,
            String period, String kind, String under, String serviceLine, String area, List<Long> scope) {
        return board(standings, units, scheme, period, kind, under, serviceLine, area, null, scope);
    }

    /**
     * As above, graded units carrying {@code tag} only (issue 17): a tag in a tag's form that no unit carries is
     * an empty board, not a refusal (tags are free, unlike kinds).
     */
    static Uni<StandingService.Board> board(StandingService standings, UnitService units, String scheme,
            String period, String kind, String under, String serviceLine, String area, String tag,
            List<Long> scope) {
        List<Violation> problems = new ArrayList<>(UnitInput.filterProblems(null, serviceLine, area, tag));
        if (kind != null && !UnitInput.filterProblems(kind, null, null).isEmpty()) {
            // not even a kind's form (BRANCH): refused with the kinds there are
            return units.kinds().flatMap(known -> {
                problems.add(0, unknownKind(known));
                return Uni.createFrom().failure(ProblemException.invalid(problems));
            });
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        return standings.board(scheme, period, kind, under, serviceLine, area, tag, scope).flatMap(board -> {
            if (serviceLine != null && board.size() == 0) {
                // an empty board for a service line: is it one at all?
                return units.checkKnown(null, serviceLine).flatMap(known -> check(units, board, kind));
            }
            return check(units, board, kind);
        });
    }

    private static Uni<StandingService.Board> check(UnitService units, StandingService.Board board, String kind) {
        if (kind == null || board.groupMode() || board.scheme().scheme().kinds().contains(kind)) {
            return Uni.createFrom().item(board);
        }
        // A kind the scheme does not grade and no group of it on the board: is it a kind at all?
        return units.kinds().map(known -> {
            if (known.contains(kind)) {
                return board;
            }
            throw ProblemException.invalid(List.of(unknownKind(known)));
        });
    }

    private static Violation unknownKind(List<String> known) {
        String values = String.join(", ", known);
        return QueryParameters.problem("kind", m -> m.oneOf(values));
    }
}
