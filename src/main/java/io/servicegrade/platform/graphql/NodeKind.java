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
}
