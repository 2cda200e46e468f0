package io.servicegrade.platform.database;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Work that must start on an event-loop thread: Hibernate Reactive's (agencies, API keys), which fails elsewhere
 * (HR000068), while GraphQL resolvers run on worker threads (docs/graphql.md, "Where the work runs"). From a
 * worker, the work is started on the request's Vert.x context and its answer comes back from there; from a context
 * that is no request's (a dedicated connection's callbacks, as an import job's claim answers on), on a duplicated
 * context of its own, as Hibernate Reactive needs.
 */
public final class EventLoopWork {

    private EventLoopWork() {
    }

    /**
     * A context of its own on {@code parent}'s event loop, as a request's is (duplicated, and marked safe for
     * Hibernate Reactive, which keeps its session in it): for work that is no request's, as a background job.
     */
    public static Context ownContext(Context parent) {
        Context own = VertxContext.createNewDuplicatedContext(parent);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return own;
    }

    /**
     * {@code work}, started on the current Vert.x context's event loop (at once when already on one); a refusal it
     * throws instead of returning is its failure.
     */
    public static <T> Uni<T> start(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        if (context == null || Context.isOnEventLoopThread() && VertxContext.isDuplicatedContext(context)) {
            return Uni.createFrom().<T>deferred(work::get);
        }
        // Hibernate Reactive keeps its session in a duplicated context, as a request's is; work reached from a
        // connection's own callbacks (an import job's claim, answered on the context its connection was opened on)
        // gets one of its own
        Context on = VertxContext.isDuplicatedContext(context) ? context : ownContext(context);
        // the subscription context goes along (an audit intent: platform/audit/AuditIntents)
        return Uni.createFrom().context(subscription -> Uni.createFrom().<T>emitter(emitter -> on.runOnContext(
                v -> Uni.createFrom().<T>deferred(work::get).subscribe().with(subscription, emitter::complete,
                        emitter::fail))));
    }
}
