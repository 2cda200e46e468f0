package io.servicegrade.scheme;

import io.servicegrade.platform.versioning.DocumentVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheme versions in PostgreSQL: appended, never changed. */
@ApplicationScoped
public class SchemeRepository extends DocumentVersions {

    /**
     * One lock over all scheme versions (the two-key form, apart from the one-key locks of single documents): a
     * new version, or a recompute, holds it alone until it commits; every write of evaluations shares it while it
     * refreshes standing inputs. So a write either commits before a new version's rebuild reads the evaluations,
     * or waits for the new version to commit and then reads it: never inputs built under a version that is no
     * longer the latest.
     */
    private static final String HOLD_ALL = """
            SELECT pg_advisory_xact_lock(hashtext('scheme_version'), 0)""";

    private static final String SHARE_ALL = """
            SELECT pg_advisory_xact_lock_shared(hashtext('scheme_version'), 0)""";

    public SchemeRepository() {
        super("scheme_version", "scheme_key");
    }

    /** Takes the lock over all scheme versions alone, until the caller's transaction ends. */
    Uni<Void> holdAll(SqlClient connection) {
        return connection.query(HOLD_ALL).execute().replaceWithVoid();
    }

    /** Shares the lock over all scheme versions until the caller's transaction ends. */
    Uni<Void> shareAll(SqlClient connection) {
        return connection.query(SHARE_ALL).execute().replaceWithVoid();
    }
}
