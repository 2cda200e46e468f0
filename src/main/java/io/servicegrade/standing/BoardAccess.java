package io.servicegrade.standing;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Caller;
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

    static ProblemException signInNeeded() {
        return new ProblemException(401, "unauthorized", ProblemMessages::unauthorizedTitle,
                ProblemMessages::standingsNeedSignIn);
    }
}
