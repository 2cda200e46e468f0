package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Caller;

/** Who may see and change an evaluation: the admin, or the agency that sent it; nobody changes a voided one. */
final class Ownership {

    private Ownership() {
    }

    /** Fails unless the evaluation exists and the caller may see it. */
    static void check(Caller caller, StoredEvaluation evaluation, long id) {
        if (evaluation == null) {
            throw ProblemException.notFound(m -> m.evaluationNotFound(id));
        }
        if (!caller.isAdmin() && evaluation.agencyScope() != caller.scope()) {
            throw new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                    m -> m.notYourEvaluation(id));
        }
    }

    /** The evaluation, if the caller may change it and it is not voided. */
    static StoredEvaluation changeable(Caller caller, StoredEvaluation current, long id) {
        check(caller, current, id);
        if (current.voided()) {
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle, m -> m.evaluationVoided(id));
        }
        return current;
    }
}
