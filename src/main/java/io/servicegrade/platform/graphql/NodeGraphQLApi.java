package io.servicegrade.platform.graphql;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** {@code node(id:)}: any object by its global id, fetched by the feature that owns its kind. */
@GraphQLApi
public class NodeGraphQLApi {

    @Inject
    Instance<NodeKind> kinds;

    @Query("node")
    @Description("The object with this global id (any type implementing Node), or null when there is none or it is "
            + "not yours to see (evaluations need an API key).")
    public Uni<Node> node(@Id @NonNull String id) {
        GlobalIds.GlobalId read = GlobalIds.decode(id);
        if (read == null) {
            return Uni.createFrom().nullItem();
        }
        for (NodeKind kind : kinds) {
            if (kind.type().equals(read.type())) {
                return kind.fetch(read.parts()).map(node -> (Node) node);
            }
        }
        return Uni.createFrom().nullItem();
    }
}
