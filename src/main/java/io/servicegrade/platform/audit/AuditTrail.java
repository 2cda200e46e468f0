package io.servicegrade.platform.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Where audit events are written: the port the write paths call, implemented by the owner of the
 * {@code audit_event} table ({@code audit/AuditRepository}), so that platform code never names the table.
 */
public interface AuditTrail {

    /** Appends {@code event} within the Vert.x client's transaction on {@code connection}. */
    Uni<Void> append(SqlConnection connection, AuditEvent event);

    /** Appends {@code event} within the Hibernate Reactive transaction of {@code session}. */
    Uni<Void> append(Mutiny.Session session, AuditEvent event);

    /** Appends {@code event} on its own (after the fact: a refusal, or a write whose transaction had no hook). */
    Uni<Void> record(AuditEvent event);
}
