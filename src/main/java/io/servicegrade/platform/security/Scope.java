package io.servicegrade.platform.security;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Issue 16: role and unit scope enforced in one place. What a role may do is {@link Caller}'s; this turns it into
 * the SQL predicate every read path puts in its {@code WHERE} (so a page stays one query, and counts and cursors
 * only ever see what is in scope), the check of the units a write names, and the refusals: a read the caller's role
 * does not allow at all is a 403; an object outside the scope is answered as if it did not exist (the read paths
 * filter it out, so they answer 404 or null by themselves); a write naming a unit outside the scope is a 403 that
 * names the field.
 *
 * <p>A scope is a list of unit ids (the caller's {@link Caller#unitScope()}, null for no bound); a unit is in scope
 * when its current path lies under the current path of one of them, so moves are followed by the next query.
 */
public final class Scope {

    private Scope() {
    }

    /**
     * The predicate "the unit aliased {@code unit} is in scope", for parameter {@code $param} (a {@code bigint[]},
     * null for no bound): {@code unit.path <@ ANY(paths of the scope's units)}.
     */
    public static String predicate(String unit, int param) {
        return "($" + param + "::bigint[] IS NULL OR " + unit + ".path <@ ANY(ARRAY(SELECT s.path FROM unit s"
                + " WHERE s.id = ANY($" + param + "::bigint[]))))";
    }

    /** The caller's scope as the SQL parameter of {@link #predicate}: null for no bound. */
    public static Long[] parameter(Caller caller) {
        List<Long> units = caller == null ? null : caller.unitScope();
        return units == null ? null : units.toArray(Long[]::new);
    }

    /** The caller may read evaluations (sheets, evidence, breakdowns, histories) or is refused 403. */
    public static void requireEvaluationReads(Caller caller) {
        if (!caller.mayReadEvaluations()) {
            throw forbidden();
        }
    }

    /** The caller may post and correct evaluations or is refused 403. */
    public static void requireEvaluationWrites(Caller caller) {
        if (!caller.mayWriteEvaluations()) {
            throw forbidden();
        }
    }

    /** The caller may publish periods or is refused 403. */
    public static void requirePublishing(Caller caller) {
        if (!caller.mayPublish()) {
            throw forbidden();
        }
    }

    /** The caller may file appeals or is refused 403 (issue 18). */
    public static void requireAppealing(Caller caller) {
        if (caller == null || !caller.mayAppeal()) {
            throw forbidden();
        }
    }

    /** The caller may decide appeals or is refused 403 (issue 18). */
    public static void requireAppealDecisions(Caller caller) {
        if (caller == null || !caller.mayDecideAppeals()) {
            throw forbidden();
        }
    }

    /** The caller may read appeals (those who file them, in scope, and those who decide them) or is refused 403. */
    public static void requireAppealReads(Caller caller) {
        if (caller == null || !caller.mayAppeal() && !caller.mayDecideAppeals()) {
            throw forbidden();
        }
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle, ProblemMessages::roleForbids);
    }

    /** The 403 of a write whose units at {@code pointers} lie outside the caller's scope. */
    public static ProblemException outsideScope(List<String> pointers) {
        List<Violation> problems = new ArrayList<>();
        pointers.forEach(pointer -> problems.add(Violation.at(pointer, ProblemMessages::unitOutsideScope)));
        return new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                ProblemMessages::unitsOutsideScope, problems);
    }
}
