package io.servicegrade.platform.graphql;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * One kind of {@link Node} that {@code node(id:)} fetches: a feature declares a bean of this for each of its types,
 * so that platform/ imports no feature.
 */
public interface NodeKind {

    /** The GraphQL type's name, the first part of its global ids. */
    String type();

    /** The object the key's parts name, or null when there is none (or the caller may not see it). */
    Uni<? extends Node> fetch(List<String> parts);

    /** How a kind whose ids are a key, a version and a language (rubrics, schemes) reads one. */
    interface VersionedRead<T> {
        Uni<T> read(String key, int version, String lang);
    }

    /**
     * The object of a versioned kind its id's parts ({@code key, version, lang}) name: null when the parts are not
     * that shape, or when the read refuses (no such key or version).
     */
    static <T> Uni<T> versioned(List<String> parts, VersionedRead<T> read) {
        if (parts.size() != 3 || !parts.get(1).matches("[0-9]{1,9}")) {
            return Uni.createFrom().nullItem();
        }
        return read.read(parts.get(0), Integer.parseInt(parts.get(1)), parts.get(2))
                .onFailure(io.servicegrade.platform.problem.ProblemException.class).recoverWithNull();
    }
}
