package io.servicegrade.platform.database;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.smallrye.mutiny.tuples.Tuple3;
import io.smallrye.mutiny.tuples.Tuple4;
import io.smallrye.mutiny.tuples.Tuple5;
import io.smallrye.mutiny.tuples.Tuple6;

/**
 * Reads that a request needs together, made one after the other. {@code Uni.combine().all()} subscribes to all of
 * them at once, and reads from the pool would then each hold a pooled connection at the same time: under load a
 * request holding one connection waits for a second that other such requests hold (the house rule is one pooled
 * connection per request at a time). The answers are the same tuples, nulls included.
 */
public final class InTurn {

    private InTurn() {
    }

    public static <A, B> Uni<Tuple2<A, B>> all(Uni<A> a, Uni<B> b) {
        return a.flatMap(x -> b.map(y -> Tuple2.of(x, y)));
    }

    public static <A, B, C> Uni<Tuple3<A, B, C>> all(Uni<A> a, Uni<B> b, Uni<C> c) {
        return all(a, b).flatMap(t -> c.map(z -> Tuple3.of(t.getItem1(), t.getItem2(), z)));
    }

    public static <A, B, C, D> Uni<Tuple4<A, B, C, D>> all(Uni<A> a, Uni<B> b, Uni<C> c, Uni<D> d) {
        return all(a, b, c).flatMap(t -> d.map(w -> Tuple4.of(t.getItem1(), t.getItem2(), t.getItem3(), w)));
    }

    public static <A, B, C, D, E> Uni<Tuple5<A, B, C, D, E>> all(Uni<A> a, Uni<B> b, Uni<C> c, Uni<D> d,
            Uni<E> e) {
        return all(a, b, c, d).flatMap(t -> e.map(v -> Tuple5.of(t.getItem1(), t.getItem2(), t.getItem3(),
                t.getItem4(), v)));
    }

    public static <A, B, C, D, E, F> Uni<Tuple6<A, B, C, D, E, F>> all(Uni<A> a, Uni<B> b, Uni<C> c, Uni<D> d,
            Uni<E> e, Uni<F> f) {
        return all(a, b, c, d, e).flatMap(t -> f.map(u -> Tuple6.of(t.getItem1(), t.getItem2(), t.getItem3(),
                t.getItem4(), t.getItem5(), u)));
    }
}
