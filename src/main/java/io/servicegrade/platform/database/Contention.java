package io.servicegrade.platform.database;

import io.vertx.pgclient.PgException;

/**
 * Whether a failure is PostgreSQL ending a transaction because it lost a race with another one: a deadlock
 * (SQLSTATE 40P01) or a serialization failure (40001). Nothing of such a transaction was written, so running it
 * again is safe and usually succeeds ({@link Transactions#write}); one that keeps losing is contention, answered as
 * overload (503 with {@code Retry-After}), not as a server error.
 */
public final class Contention {

    private Contention() {
    }

    /** True when {@code failure}, or one of its causes, is a deadlock or a serialization failure. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && ("40P01".equals(pg.getSqlState())
                    || "40001".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
