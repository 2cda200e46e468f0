package io.servicegrade.standing;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Who may read standings boards (issue 16), REST, GraphQL, subscriptions, report pages and CSV alike. With
 * {@code servicegrade.standings.public} true (the default) boards are open to anyone, signed in or not, and whole.
 * When false a board needs a signed-in caller (401 otherwise), and a scoped caller (manager, inspector, viewer) gets
 * the board of the units in its scope: its units ranked among themselves and its groups' figures computed over
 * them only, so that no rank, count or mean tells anything of a unit outside the scope.
 *
 * <p>The setting is read on every call. A test flips it without a second boot through the system property
 * {@code servicegrade-test.standings.public} ("true" or "false"; unset: the setting), which nothing but tests sets.
 */
@ApplicationScoped
public class BoardAccess {

    /** The test-only override of {@code servicegrade.standings.public}. */
    public static final String TEST_OVERRIDE = "servicegrade-test.standings.public";

    @Inject
    ServiceGradeConfig config;

    @Inject
    io.servicegrade.unit.UnitRepository units;

    /** Whether boards are open to anyone now. */
    public boolean open() {
        String override = System.getProperty(TEST_OVERRIDE);
        return override != null ? Boolean.parseBoolean(override) : config.standings().publicBoards();
    }

    /**
     * The unit ids {@code caller}'s boards are bounded to (null: the whole tree); a 401 when boards are not public
     * and no caller with a role signed in.
     */
    public List<Long> scope(Caller caller) {
        if (open()) {
            return null;
        }
        if (caller == null || !caller.mayReadStandings()) {
            throw signInNeeded();
        }
        return caller.unitScope();
    }

    /**
     * The board as {@code caller} may see it: a veto names the evaluation that vetoed a unit only to a caller who
     * may read that unit's evaluations (issue 16: evaluations stay scoped even on a public board). Everyone else
     * sees that the unit was vetoed, not which evaluation did it: REST ({@code vetoedBy}, JSON and CSV), GraphQL
     * ({@code vetoedById}, {@code vetoedBy}) and the report pages (the grade's note and its link to the sheet)
     * all read the board through here. The admin, analysts and agencies read every unit's (an agency then
     * still reads only its own evaluation behind the id); a manager or inspector its scope's units' (one query
     * for the scope's paths, and only when the board is public: a closed board of a scoped reader holds only
     * its units); anyone else none.
     */
    public Uni<StandingService.Board> readable(StandingService.Board board, Caller caller) {
        boolean anyVeto = board.standings().stream().anyMatch(s -> s.vetoedBy() != null);
        if (!anyVeto) {
            return Uni.createFrom().item(board);
        }
        if (caller == null || !caller.mayReadEvaluations()) {
            return Uni.createFrom().item(withVetoesOf(board, unit -> false));
        }
        List<Long> scope = caller.unitScope();
        if (scope == null || !open()) {
            // every unit, or a closed board that holds only the caller's units
            return Uni.createFrom().item(board);
        }
        if (scope.isEmpty()) {
            return Uni.createFrom().item(withVetoesOf(board, unit -> false));
        }
        return units.findByIds(scope).map(roots -> {
            List<String> paths = roots.stream().map(io.servicegrade.unit.Unit::pathText).toList();
            return withVetoesOf(board, unit -> paths.stream().anyMatch(path -> unit.pathText().equals(path)
                    || unit.pathText().startsWith(path + ".")));
        });
    }

    /** The board with the veto's evaluation kept only on the rows of the units {@code readable} accepts. */
    static StandingService.Board withVetoesOf(StandingService.Board board,
            java.util.function.Predicate<io.servicegrade.unit.Unit> readable) {
        java.util.Map<Long, StandingsEngine.Standing> current = new java.util.HashMap<>();
        List<StandingsEngine.Standing> standings = board.standings().stream().map(s -> {
            StandingsEngine.Standing shown = s.vetoedBy() == null || readable.test(board.unit(s.unitId())) ? s
                    : new StandingsEngine.Standing(s.unitId(), s.sources(), s.composites(), s.grade(), s.vetoed(),
                            null, s.complete(), s.rank(), s.vetoEvent());
            current.put(shown.unitId(), shown);
            return shown;
        }).toList();
        return new StandingService.Board(board.revision(), board.scheme(), board.period(), board.publishedAt(),
                board.previousScheme(), board.units(), standings, board.previous(), board.groups(),
                board.groupRanks(), board.byId(), current, board.groupById(), board.parentMeans(), board.stamp());
    }

    static ProblemException signInNeeded() {
        return new ProblemException(401, "unauthorized", ProblemMessages::unauthorizedTitle,
                ProblemMessages::standingsNeedSignIn);
    }
}
