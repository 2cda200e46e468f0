package io.servicegrade.platform.audit;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * {@code Panache.withTransaction} for the writes that go through Hibernate Reactive (agencies, keys, accounts),
 * carrying the audit row of the action being served in the same transaction, as
 * {@code platform/database/Transactions.write} does for the Vert.x client.
 */
public final class Audited {

    private Audited() {
    }

    /** {@code work} in one Hibernate Reactive transaction, with the action's audit row when it has none yet. */
    public static <T> Uni<T> withTransaction(Supplier<Uni<T>> work) {
        AuditIntents intents = Arc.container().instance(AuditIntents.class).get();
        return Uni.createFrom().context(context -> intents.inSession(context, Panache::withTransaction, work));
    }
}
