package io.servicegrade.platform.graphql;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.TypeResolver;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * What the schema's custom scalars are, for code generators and readers: a description and a
 * {@code @specifiedBy} URL on each (SmallRye GraphQL describes them only as "Scalar for BigDecimal"). The
 * scalars are SmallRye's own, so their coercion is unchanged; only what introspection and the SDL say of them is.
 */
@ApplicationScoped
public class ScalarSpecs {

    private static final String JSON_NUMBER = "https://www.rfc-editor.org/rfc/rfc8259#section-6";

    /** A scalar's description and the URL of the text that specifies its form. */
    record Spec(String description, String url) {
    }

    static final Map<String, Spec> SPECS = Map.of(
            "BigDecimal", new Spec("An exact decimal number (scores, points, weights, shares), sent as a JSON number "
                    + "with its decimals kept (89.50 is sent as 89.50; decimals shown to people are rounded half up to "
                    + "2 places). Read it as a decimal, not a binary float, to keep it exact. Accepted as a JSON "
                    + "number or a string of one (\"87.35\").", JSON_NUMBER),
            "BigInteger", new Spec("A whole number that may exceed 32 bits (revisions), sent as a JSON number. "
                    + "Accepted as a JSON number or a string of one.", JSON_NUMBER),
            "Date", new Spec("A calendar day without a time zone, as RFC 3339's full-date: 2025-03-31.",
                    "https://scalars.graphql.org/andimarek/local-date.html"),
            "DateTime", new Spec("An instant as RFC 3339's date-time, always with an offset: "
                    + "2025-03-31T09:30:00+08:00. An evaluation's conductedAt keeps the offset it was posted with; "
                    + "times the server sets are in UTC.",
                    "https://scalars.graphql.org/andimarek/date-time.html"));

    /** Gives the custom scalars their descriptions and URLs before SmallRye builds the schema. */
    void describe(@Observes GraphQLSchema.Builder builder) {
        GraphQLSchema described = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                Spec spec = SPECS.get(scalar.getName());
                if (spec == null || spec.url().equals(scalar.getSpecifiedByUrl())) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, scalar.transform(b -> b.description(spec.description())
                        .specifiedByUrl(spec.url())));
            }
        });
        builder.query(described.getQueryType()).mutation(described.getMutationType())
                .subscription(described.getSubscriptionType()).clearAdditionalTypes()
                .additionalTypes(described.getAdditionalTypes()).codeRegistry(sameTypes(described))
                // directives too: SmallRye's @constraint has BigInteger arguments
                .clearDirectives().additionalDirectives(new java.util.LinkedHashSet<>(described.getDirectives()));
    }

    /**
     * The schema's code registry with each interface's type resolver answering the schema's own object types: the
     * transformation made new type objects (a type that has a described scalar is a new object), and SmallRye's
     * resolvers still answer the ones it built, which graphql-java would not match to a fragment's type condition.
     */
    private static GraphQLCodeRegistry sameTypes(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        return registry.transform(b -> {
            for (GraphQLNamedType type : schema.getAllTypesAsList()) {
                if (type instanceof GraphQLInterfaceType face && !face.getName().startsWith("__")) {
                    TypeResolver resolver = registry.getTypeResolver(face);
                    b.typeResolver(face.getName(), env -> {
                        GraphQLObjectType found = resolver.getType(env);
                        return found == null ? null : env.getSchema().getObjectType(found.getName());
                    });
                }
            }
        });
    }
}
