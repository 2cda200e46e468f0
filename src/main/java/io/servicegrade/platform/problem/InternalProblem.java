package io.servicegrade.platform.problem;

/**
 * A server error as a client meets it: 500 {@code internal}, with nothing of the failure but the error id that the
 * log line carries too ({@link Problems#internal}); a GraphQL error shows the id as {@code extensions.errorId}.
 */
public final class InternalProblem extends ProblemException {

    private final String errorId;

    InternalProblem(String errorId, int status) {
        super(status, "internal", ProblemMessages::internalTitle, m -> m.internalDetail(errorId), java.util.List.of());
        this.errorId = errorId;
    }

    public String errorId() {
        return errorId;
    }
}
