package io.servicegrade.appeal;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.standing.ClosingCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A period does not close while an appeal of it is undecided (issue 18): its objections are heard to the end, and an
 * appeal filed in time is never left undecidable by a closing. Filing and closing lock the period's row, so no appeal
 * is filed between this count and the closing.
 */
@ApplicationScoped
public class UndecidedAppeals implements ClosingCheck {

    @Inject
    AppealRepository repository;

    @Override
    public Uni<Void> check(SqlClient connection, String scheme, String period) {
        return repository.undecided(connection, scheme, period).map(count -> {
            if (count > 0) {
                throw new ProblemException(409, "appeals-undecided", ProblemMessages::conflictTitle,
                        m -> m.appealsUndecided(scheme, period, count));
            }
            return null;
        });
    }
}
