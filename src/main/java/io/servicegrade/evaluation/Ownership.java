package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;

/**
 * Who may see and change an evaluation (issue 16: through {@link Caller}'s roles and {@link Scope}): it is read
 * after the unit scope filtered it (an evaluation outside the scope was not found); an agency reads and changes its
 * own; the admin changes any, an inspector its own; nobody changes a voided one.
 */
final class Ownership {

    private Ownership() {
    }

    /** Fails unless the evaluation exists (within the caller's scope) and the caller may see it. */
    static void check(Caller caller, StoredEvaluation evaluation, long id) {
        Scope.requireEvaluationReads(caller);
        if (evaluation == null) {
            throw ProblemException.notFound(m -> m.evaluationNotFound(id));
        }
        Long owner = caller.readsOwnerOnly();
        if (owner != null && evaluation.agencyScope() != owner) {
            throw notYours(id);
        }
    }

    /** The evaluation, if the caller may change it and it is not voided. */
    static StoredEvaluation changeable(Caller caller, StoredEvaluation current, long id) {
        Scope.requireEvaluationWrites(caller);
        check(caller, current, id);
        if (!caller.owns(current.agencyScope())) {
            throw notYours(id);
        }
        if (current.voided()) {
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle, m -> m.evaluationVoided(id));
        }
        return current;
    }

    /** The evaluation an upheld appeal corrects (issue 18): it exists and is not voided. */
    static StoredEvaluation correctable(StoredEvaluation current, long id) {
        if (current == null) {
            throw ProblemException.notFound(m -> m.evaluationNotFound(id));
        }
        if (current.voided()) {
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle, m -> m.evaluationVoided(id));
        }
        return current;
    }

    private static ProblemException notYours(long id) {
        return new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                m -> m.notYourEvaluation(id));
    }
}
