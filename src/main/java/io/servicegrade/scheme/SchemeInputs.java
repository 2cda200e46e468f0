package io.servicegrade.scheme;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The port through which a scheme's versions reach what is prepared from them: the inputs its standings are read
 * from. {@code scheme/} defines it and {@code standing/} implements it ({@code StandingInputs}): standing/ reads
 * schemes anyway, so the arrow runs one way only (standing → scheme) and scheme/ never imports standing/.
 */
public interface SchemeInputs {

    /**
     * Rebuilds every input of the scheme from the evaluations, under the version that computes each period, within
     * the caller's transaction and over its connection only. {@code history} is every version as that transaction
     * sees them, the lock over all scheme versions held alone (no write of evaluations refreshes inputs meanwhile).
     */
    Uni<Void> rebuild(SqlConnection connection, SchemeHistory history);

    /** Whether the scheme has any prepared input (a database from before inputs were kept has none). */
    Uni<Boolean> prepared(String schemeKey);

    /**
     * The schemes whose inputs an upgrade emptied (a migration that changed what inputs are lists them), to be
     * rebuilt at start-up; a rebuild takes its scheme off the list in its transaction.
     */
    Uni<java.util.List<String>> pending();
}
