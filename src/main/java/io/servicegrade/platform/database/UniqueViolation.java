package io.servicegrade.platform.database;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

import java.sql.SQLException;

/**
 * Whether a failure is PostgreSQL refusing a row because a unique constraint already holds its value (SQLSTATE
 * 23505), whichever client wrapped it: the Vert.x client's {@link PgException}, or Hibernate Reactive's
 * {@link ConstraintViolationException} over an {@link SQLException}. A writer that races another for the same key
 * (two instances adopting one admin key, two requests creating one agency) turns that into its own answer.
 */
public final class UniqueViolation {

    private static final String UNIQUE = "23505";

    private UniqueViolation() {
    }

    /** True when {@code failure}, or one of its causes, violated any unique constraint. */
    public static boolean any(Throwable failure) {
        return of(failure, null);
    }

    /**
     * True when {@code failure}, or one of its causes, violated the unique constraint {@code constraint} (any one
     * when null).
     */
    public static boolean of(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE.equals(pg.getSqlState())) {
                return constraint == null || constraint.equals(pg.getConstraint());
            }
            if (t instanceof ConstraintViolationException hibernate && hibernate.getConstraintName() != null
                    && UNIQUE.equals(hibernate.getSQLState())) {
                return constraint == null || constraint.equals(hibernate.getConstraintName());
            }
            if (t instanceof SQLException sql && UNIQUE.equals(sql.getSQLState())) {
                return constraint == null
                        || sql.getMessage() != null && sql.getMessage().contains('"' + constraint + '"');
            }
        }
        return false;
    }
}
