package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.Scalars;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: plain properties of GraphQL object types are read by {@link PropertyFetcher} (no SmallRye context per
 * field), and a page of standings, every nested property included, answers what the evaluations say, worked out by
 * hand; a failing property is still a GraphQL error at its path.
 */
@QuarkusTest
public class PropertyFetcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    GraphQLSchema schema;

    @Test
    void plainPropertiesAreReadByThePropertyFetcherAndResolversKeepTheirOwn() {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        for (String property : List.of("Standing.rank", "Standing.value", "Standing.composites", "Standing.id",
                "StandingComposite.value", "StandingSource.samples", "PreviousStanding.rank", "Unit.code")) {
            String[] at = property.split("\\.");
            assertThat(registry.getDataFetcher(FieldCoordinates.coordinates(at[0], at[1]),
                    ((GraphQLObjectType) schema.getType(at[0])).getFieldDefinition(at[1])))
                    .as(property).isInstanceOf(PropertyFetcher.class);
        }
        GraphQLFieldDefinition standings = schema.getQueryType().getFieldDefinition("standings");
        assertThat(registry.getDataFetcher(FieldCoordinates.coordinates(schema.getQueryType().getName(), "standings"),
                standings)).isNotInstanceOf(PropertyFetcher.class);
    }

    @Test
    void aPageOfStandingsWithNestedPropertiesAnswersTheFiguresOfItsEvaluations() throws Exception {
        String p = freshPrefix();
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        asAdmin().contentType("application/yaml").body(("key: " + key + "\n" + SchemeVersionsTest.scheme(rubric,
                "2025-01-01", "90", "quarter", "Asia/Shanghai")).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", key).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".W1", "name", "窗口1", "kind", "window", "parent", p),
                Map.of("code", p + ".W2", "name", "窗口2", "kind", "window", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        String agency = io.servicegrade.TestApi.agency(null);
        String q1 = "2025-02-10T10:00:00+08:00";
        String q2 = "2025-05-10T10:00:00+08:00";
        given().header("X-Api-Key", agency).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                SchemeStandingsTest.evaluation(p + "-1a", "inspection", p + ".W1", rubric, q1, 80, true),
                SchemeStandingsTest.evaluation(p + "-1b", "mystery_shop", p + ".W1", rubric, q1, 84, true),
                SchemeStandingsTest.evaluation(p + "-1c", "inspection", p + ".W1", rubric, q2, 88, true),
                SchemeStandingsTest.evaluation(p + "-1d", "mystery_shop", p + ".W1", rubric, q2, 91, true),
                SchemeStandingsTest.evaluation(p + "-2a", "inspection", p + ".W2", rubric, q1, 90, true),
                SchemeStandingsTest.evaluation(p + "-2b", "mystery_shop", p + ".W2", rubric, q1, 90, true),
                SchemeStandingsTest.evaluation(p + "-2c", "inspection", p + ".W2", rubric, q2, 95, true),
                SchemeStandingsTest.evaluation(p + "-2d", "mystery_shop", p + ".W2", rubric, q2, 95, true))))
                .post("/api/v1/evaluations").then().statusCode(201);

        String answer = given().contentType(ContentType.JSON).body(Map.of("query", """
                query($scheme: String!, $under: String) {
                  standings(scheme: $scheme, period: "2025-Q2", under: $under, lang: "en", first: 10) {
                    totalCount
                    edges { node { unit { code name parent { code name } } rank value grade { key name }
                                   composites { key value } sources { source value samples }
                                   previous { rank value grade { key } } change aboveParentMean } }
                  }
                }
                """, "variables", Map.of("scheme", key, "under", p))).post("/graphql").then().statusCode(200)
                .extract().asString();

        // Weighted = 0.4 × inspection + 0.6 × mystery shop ranks; model from weighted 90, compliant from average 85.
        // W2: Q2 95/95 → 95 (model); Q1 90/90 → 90, rank 1, model; change 5; parent mean (95 + 89.8) / 2 = 92.4.
        // W1: Q2 88/91 → average 89.5, weighted 35.2 + 54.6 = 89.8 (compliant); Q1 80/84 → average 82,
        //     weighted 32 + 50.4 = 82.4 (not compliant), rank 2; change 89.8 − 82.4 = 7.4; 89.8 − 92.4 = −2.6.
        String expected = """
                {"data": {"standings": {"totalCount": 2, "edges": [
                  {"node": {"unit": {"code": "P.W2", "name": "窗口2", "parent": {"code": "P", "name": "区"}},
                            "rank": 1, "value": 95, "grade": {"key": "model", "name": "Model window"},
                            "composites": [{"key": "average", "value": 95}, {"key": "weighted", "value": 95}],
                            "sources": [{"source": "inspection", "value": 95, "samples": 1},
                                        {"source": "mystery_shop", "value": 95, "samples": 1}],
                            "previous": {"rank": 1, "value": 90, "grade": {"key": "model"}},
                            "change": 5, "aboveParentMean": 2.6}},
                  {"node": {"unit": {"code": "P.W1", "name": "窗口1", "parent": {"code": "P", "name": "区"}},
                            "rank": 2, "value": 89.8, "grade": {"key": "compliant", "name": "Compliant"},
                            "composites": [{"key": "average", "value": 89.5}, {"key": "weighted", "value": 89.8}],
                            "sources": [{"source": "inspection", "value": 88, "samples": 1},
                                        {"source": "mystery_shop", "value": 91, "samples": 1}],
                            "previous": {"rank": 2, "value": 82.4, "grade": {"key": "noncompliant"}},
                            "change": 7.4, "aboveParentMean": -2.6}}]}}}
                """.replace("\"P", "\"" + p);
        assertThat(numbersAsDecimals(JSON.readTree(answer))).isEqualTo(numbersAsDecimals(JSON.readTree(expected)));
    }

    @Test
    void aPropertyWhoseGetterFailsIsAGraphQLErrorAtItsPath() {
        GraphQLObjectType thing = GraphQLObjectType.newObject().name("Thing")
                .field(f -> f.name("name").type(Scalars.GraphQLString))
                .field(f -> f.name("broken").type(Scalars.GraphQLString)).build();
        GraphQLObjectType query = GraphQLObjectType.newObject().name("Query")
                .field(f -> f.name("thing").type(thing)).build();
        Reference owner = new Reference();
        owner.setClassName(Thing.class.getName());
        GraphQLCodeRegistry registry = GraphQLCodeRegistry.newCodeRegistry()
                .dataFetcher(FieldCoordinates.coordinates("Query", "thing"), (graphql.schema.DataFetcher<?>) e -> new Thing())
                .dataFetcher(FieldCoordinates.coordinates("Thing", "name"), new PropertyFetcher<>(string("name"), owner))
                .dataFetcher(FieldCoordinates.coordinates("Thing", "broken"),
                        new PropertyFetcher<>(string("broken"), owner))
                .build();
        GraphQL graphql = GraphQL.newGraphQL(GraphQLSchema.newSchema().query(query).codeRegistry(registry).build())
                .build();

        ExecutionResult result = graphql.execute("{ thing { name broken } }");

        assertThat(result.<Map<String, Map<String, Object>>>getData().get("thing"))
                .containsEntry("name", "a name").containsEntry("broken", null);
        assertThat(result.getErrors()).hasSize(1);
        GraphQLError error = result.getErrors().get(0);
        assertThat(error.getPath()).containsExactly("thing", "broken");
        assertThat(error.getMessage()).contains("no value today");
        assertThat(new PropertyFetcher<>(string("name"), owner).direct()).isTrue();
    }

    /** A String property of {@link Thing} read by its getter, as SmallRye's schema model describes it. */
    private static Field string(String property) {
        Reference string = new Reference();
        string.setClassName(String.class.getName());
        string.setGraphQLClassName(String.class.getName());
        string.setName("String");
        string.setType(ReferenceType.SCALAR);
        return new Field("get" + Character.toUpperCase(property.charAt(0)) + property.substring(1), property,
                property, string);
    }

    /** A GraphQL object whose one property fails. */
    public static final class Thing {
        public String getName() {
            return "a name";
        }

        public String getBroken() {
            throw new IllegalStateException("no value today");
        }
    }

    /** {@code node} with every number as a decimal without trailing zeros (95, 95.0 and 95.00 are one value). */
    private static JsonNode numbersAsDecimals(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(new BigDecimal(node.asText()).stripTrailingZeros());
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(numbersAsDecimals(item)));
            return JsonNodeFactory.instance.arrayNode().addAll(items);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), numbersAsDecimals(field.getValue()));
            }
            return copy;
        }
        return node;
    }
}
