package io.servicegrade.platform.graphql;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads an answer kept by {@link KeptAnswers} is keyed by, made once before the operation runs and used by it:
 * the operation's resolvers take them from here instead of reading again, so the answer kept is the answer of
 * exactly the data its key names, and a request costs one read whether it is answered from memory or executed. It
 * lives in the request's own (duplicated) Vert.x context; an answer is kept only when the execution took every
 * read seeded and read nothing it was not given ({@link #complete()}).
 */
public final class KeptReads {

    static final String LOCAL = KeptReads.class.getName();

    private final Map<Object, Object> seeds = new ConcurrentHashMap<>();
    private final Set<Object> taken = ConcurrentHashMap.newKeySet();
    private volatile boolean unseeded;

    /** The reads of the request running on this thread's Vert.x context; null when it is not kept. */
    public static KeptReads current() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return null;
        }
        return context.getLocal(LOCAL) instanceof KeptReads reads ? reads : null;
    }

    /** Remembers what was read under {@code key}, for the execution to take. */
    public void seed(Object key, Object value) {
        seeds.put(key, value);
    }

    /** What was read under {@code key} before the execution; null (and the answer then not kept) when nothing. */
    public Object take(Object key) {
        Object value = seeds.get(key);
        if (value == null) {
            unseeded = true;
        } else {
            taken.add(key);
        }
        return value;
    }

    /** Whether the execution took every seeded read and asked for none that was not seeded. */
    boolean complete() {
        return !unseeded && !seeds.isEmpty() && taken.containsAll(seeds.keySet());
    }
}
