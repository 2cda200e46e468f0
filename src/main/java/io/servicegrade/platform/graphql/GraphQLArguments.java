package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A field's argument as the JSON its REST twin's body would be: the value graphql-java coerced, with a member
 * given as {@code null} kept as {@code null} and one left out left out. A mutation whose REST twin is a merge patch
 * (a unit's update: {@code parent: null} makes a root, a missing {@code parent} keeps it) needs that difference,
 * which a Java input object loses.
 */
@ApplicationScoped
public class GraphQLArguments {

    @Inject
    Context context;

    @Inject
    ObjectMapper json;

    /** The argument {@code name} of the field being fetched, as JSON; JSON null when absent. */
    public JsonNode json(String name) {
        DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
        if (environment == null || !environment.containsArgument(name)) {
            return NullNode.getInstance();
        }
        return json.valueToTree(environment.getArgument(name));
    }
}
