package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

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

    // issue 19b: the one writer of an input's optional texts (appeals, rectification orders, evaluations)
    /**
     * Puts {@code value} as the member {@code name} of the body being built from a GraphQL input, when given: an
     * input field left out stays out of the body, so REST's reader sees what a REST caller leaving it out sends.
     */
    public static void putText(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** The same for a list of texts: an array member when given, nothing when left out. */
    public static void putTexts(ObjectNode body, String name, List<String> values) {
        if (values != null) {
            values.forEach(body.putArray(name)::add);
        }
    }
}
