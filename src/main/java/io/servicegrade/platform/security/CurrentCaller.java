package io.servicegrade.platform.security;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The caller of the current REST request, as the key filter found it; null on open calls without a key. It also
 * keeps the keys {@link CallerResolver} looked up during the request (REST, GraphQL or a report page), so that none
 * is looked up twice.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    /**
     * Concurrent: a GraphQL operation resolves its fields at once, on worker threads and on the event loop (a
     * board's rows ask for their reader as their queries answer), and each may ask for the caller.
     */
    private final Map<String, Uni<Caller>> lookups = new ConcurrentHashMap<>();

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw unauthorized();
        }
        return caller;
    }

    /** The caller, or null on an open call without a key (issue 16: open reads that a setting may close). */
    public Caller orNull() {
        return caller;
    }

    /**
     * The lookup of {@code key} in this request: the first asks {@code lookup}, later ones (also those made while
     * the first is under way, as GraphQL's root fields are) share its answer.
     */
    Uni<Caller> lookup(String key, Function<String, Uni<Caller>> lookup) {
        return lookups.computeIfAbsent(key, k -> lookup.apply(k).memoize().indefinitely());
    }

    static ProblemException unauthorized() {
        return new ProblemException(401, "unauthorized", ProblemMessages::unauthorizedTitle,
                ProblemMessages::unauthorizedDetail);
    }
}
