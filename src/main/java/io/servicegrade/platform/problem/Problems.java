package io.servicegrade.platform.problem;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Contention;
import io.servicegrade.platform.database.Overload;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.UUID;

/**
 * The one translation of a failure into a problem, for every way a person or program meets one: REST answers
 * (problem+json), GraphQL errors and report pages render what this decides. A problem stays itself; a full pool
 * is 503 {@code overloaded}, an unreachable database 503 {@code unavailable} (both with {@code Retry-After});
 * anything else is 500 {@code internal} with an error id that the log line carries too. No stack trace, SQL or
 * address reaches a client.
 */
@ApplicationScoped
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);
    /** How long a client is asked to wait before trying again while the database is unreachable. */
    static final int DATABASE_RETRY_SECONDS = 5;

    @Inject
    ServiceGradeConfig config;

    /** The problem {@code failure} is to whoever asked for {@code what} (a method and path, an operation). */
    public ProblemException of(Throwable failure, String what) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (Overload.isPoolExhausted(failure)) {
            LOG.debugf("No database connection in time for %s: %s", what, failure);
            return Overload.problem(config.overload());
        }
        if (Contention.is(failure)) {
            // a transaction that lost to others every time it was tried: the server is busy, not broken
            LOG.infof("Write contention outlasted its retries for %s: %s", what, failure.toString());
            return Overload.problem(config.overload());
        }
        if (isDatabaseUnreachable(failure)) {
            LOG.warnf("Database unreachable while serving %s: %s", what, failure.toString());
            return new ProblemException(503, "unavailable", ProblemMessages::unavailableTitle,
                    ProblemMessages::databaseUnavailable).retryAfter(DATABASE_RETRY_SECONDS);
        }
        return internal(failure, what, 500);
    }

    /** A server error: logged with a new error id, which the client gets too (and nothing else of it). */
    public ProblemException internal(Throwable failure, String what, int status) {
        // the request's own id where there is one: the id its log line and its problem's instance carry (issue 22)
        String current = io.servicegrade.platform.observe.RequestLog.currentId();
        String id = current != null ? current : UUID.randomUUID().toString();
        LOG.errorf(failure, "Error %s while serving %s", id, what);
        return new InternalProblem(id, status);
    }

    /**
     * What a GraphQL resolver fails with for {@code failure} in the operation {@code what}: the problem itself
     * (unexpected failures logged with an error id here), which platform/graphql/GraphQLErrors turns into the
     * coded GraphQL error in the request's language. A resolver may as well just let a ProblemException through.
     */
    public ProblemException graphql(Throwable failure, String what) {
        return of(failure, what);
    }

    /**
     * Whether {@code failure} is the server's state rather than the work's fault: the database unreachable or the
     * server too busy. Work that failed so is worth running again as it is.
     */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof ProblemException problem ? problem.status() == 503
                : Overload.isPoolExhausted(failure) || isDatabaseUnreachable(failure)
                        || Contention.is(failure);
    }

    static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // a connection closed under a statement (the server shut down, a reset) is the database going away
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    && String.valueOf(t.getMessage()).contains("connection")) {
                return true;
            }
            // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or not yet accepting
            // connections (a restart, a failover)
            if (t instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("08")
                    || pg.getSqlState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
