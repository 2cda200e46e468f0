package io.servicegrade.rubric;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.Breakdown;

import java.util.List;

/**
 * Answers (their JSON form) scored by one rubric version: the answers as read and their breakdown, or every
 * problem, each at its pointer in the request.
 */
public record ScoredAnswers(List<Answer> answers, Breakdown breakdown, List<Violation> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The breakdown, or a 400 naming every problem. */
    public Breakdown orThrow() {
        if (!ok()) {
            throw ProblemException.invalid(problems);
        }
        return breakdown;
    }
}
