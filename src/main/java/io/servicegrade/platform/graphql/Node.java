package io.servicegrade.platform.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Relay's object identification: every object a client may fetch again has a global id, and {@code node(id:)}
 * answers it (a feature resolves its own kinds: {@link NodeKind}). Implementations declare {@code getGlobalId}
 * themselves, with the same annotations: the schema reads a type's own methods.
 */
@Interface("Node")
@Description("An object with a global id: node(id:) fetches it again (Relay object identification).")
public interface Node {

    @Id
    @NonNull
    @Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    String getGlobalId();
}
