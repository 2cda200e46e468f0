package io.servicegrade.scoring;

import java.util.List;

/** The outcome of scoring: a breakdown, or every problem found in the answers. */
public record Scoring(Breakdown breakdown, List<AnswerProblem> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }
}
