package io.servicegrade.standing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Something that must be settled before a period closes (issue 18: undecided appeals), asked by
 * {@link StandingService#close} inside the closing's transaction, after the period's row is locked: it fails with the
 * problem that refuses the closing, or answers nothing. Features implement it; standings do not know them.
 */
public interface ClosingCheck {

    Uni<Void> check(SqlClient connection, String scheme, String period);
}
