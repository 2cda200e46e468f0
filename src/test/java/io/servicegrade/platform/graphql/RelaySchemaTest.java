package io.servicegrade.platform.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served schema keeps the rules Relay (relay-compiler) and the cursor-paging clients (Apollo's relayStylePagination,
 * urql's relayPagination) rely on, read back by introspection over HTTP as a tool reads it.
 */
@QuarkusTest
class RelaySchemaTest {

    /** The types and their fields with types three wrappers deep (NON_NULL of LIST of NON_NULL of a named type). */
    private static final String INTROSPECTION = """
            query Relay {
              __schema {
                queryType { name }
                types {
                  name kind
                  interfaces { name }
                  fields {
                    name
                    args { name type { kind name ofType { kind name ofType { kind name } } } }
                    type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
                  }
                }
              }
            }""";

    @Test
    void pageInfoHasTheFourFieldsOfTheRelaySpecification() {
        Map<String, String> fields = fields(schema(), "PageInfo");
        assertThat(fields).containsEntry("hasNextPage", "Boolean!").containsEntry("hasPreviousPage", "Boolean!")
                .containsEntry("startCursor", "String").containsEntry("endCursor", "String");
    }

    @Test
    void everyConnectionHasEdgesWithCursorsAPageInfoAndATotalCount() {
        JsonPath schema = schema();
        List<String> connections = schema.getList("data.__schema.types.findAll { it.name.endsWith('Connection') }.name");
        assertThat(connections).contains("UnitConnection", "EvaluationConnection", "StandingConnection");
        for (String connection : connections) {
            Map<String, String> fields = fields(schema, connection);
            String node = connection.substring(0, connection.length() - "Connection".length());
            assertThat(fields).as(connection).containsEntry("edges", "[" + node + "Edge!]!")
                    .containsEntry("pageInfo", "PageInfo!").containsEntry("totalCount", "Int!");
            assertThat(fields(schema, node + "Edge")).as(node + "Edge").containsEntry("cursor", "String!")
                    .containsEntry("node", node + "!");
        }
        assertThat(fields(schema, "StandingConnection")).containsKey("revision");
    }

    @Test
    void everyPagedFieldTakesFirstAndAfter() {
        JsonPath schema = schema();
        for (String field : List.of("units", "evaluations", "standings")) {
            Map<String, String> args = arguments(schema, "Query", field);
            assertThat(args).as(field).containsEntry("first", "Int").containsEntry("after", "String");
        }
    }

    @Test
    void anEvaluationIsFetchedByAnId() {
        assertThat(arguments(schema(), "Query", "evaluation")).containsEntry("id", "ID!");
    }

    @Test
    void theObjectsAClientCachesAreNodesAndNodeTakesAGlobalId() {
        JsonPath schema = schema();
        assertThat(schema.getString("data.__schema.types.find { it.name == 'Node' }.kind")).isEqualTo("INTERFACE");
        assertThat(fields(schema, "Node")).containsEntry("id", "ID!");
        for (String type : List.of("Unit", "Evaluation", "Rubric", "Scheme", "Standing")) {
            assertThat(schema.getList("data.__schema.types.find { it.name == '" + type + "' }.interfaces.name"))
                    .as(type).contains("Node");
            assertThat(fields(schema, type)).as(type).containsEntry("id", "ID!");
        }
        assertThat(arguments(schema, "Query", "node")).containsEntry("id", "ID!");
        assertThat(fields(schema, "Query")).containsEntry("node", "Node");
    }

    @Test
    void nodeFetchesEachKindAgainByTheIdItWasReadWith() {
        JsonPath read = query("""
                query($unit: String!, $scheme: String!, $period: String!) {
                  unit(code: $unit) { id code }
                  rubric(key: "postal-counter-model-window", lang: "zh-CN") { id key version name }
                  scheme(key: $scheme) { id key version }
                  standings(scheme: $scheme, period: $period, under: "SZ.GS", first: 1) {
                    edges { node { id rank unit { code } } } }
                  evaluations(unit: $unit, first: 1) { edges { node { id evaluationId } } }
                }""", Map.of("unit", io.servicegrade.DemoData.WINDOW, "scheme", io.servicegrade.DemoData.SCHEME,
                "period", io.servicegrade.DemoData.quarter()));
        assertThat(read.getList("errors")).isNull();
        String unit = read.getString("data.unit.id");
        String rubric = read.getString("data.rubric.id");
        String scheme = read.getString("data.scheme.id");
        String standing = read.getString("data.standings.edges[0].node.id");
        String evaluation = read.getString("data.evaluations.edges[0].node.id");
        assertThat(List.of(unit, rubric, scheme, standing, evaluation)).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]+"));

        JsonPath again = query("""
                query($unit: ID!, $rubric: ID!, $scheme: ID!, $standing: ID!, $evaluation: ID!) {
                  u: node(id: $unit) { __typename id ... on Unit { code } }
                  r: node(id: $rubric) { __typename id ... on Rubric { key version name } }
                  s: node(id: $scheme) { __typename id ... on Scheme { key version } }
                  st: node(id: $standing) { __typename id ... on Standing { rank unit { code } } }
                  e: node(id: $evaluation) { __typename id ... on Evaluation { evaluationId } }
                  byId: evaluation(id: $evaluation) { evaluationId }
                  none: node(id: "bm90IGFuIGlk") { id }
                }""", Map.of("unit", unit, "rubric", rubric, "scheme", scheme, "standing", standing,
                "evaluation", evaluation));
        assertThat(again.getList("errors")).isNull();
        assertThat(again.getString("data.u.__typename")).isEqualTo("Unit");
        assertThat(again.getString("data.u.code")).isEqualTo(read.getString("data.unit.code"));
        assertThat(again.getString("data.r.__typename")).isEqualTo("Rubric");
        assertThat(again.getString("data.r.name")).as("in the language it was read in")
                .isEqualTo(read.getString("data.rubric.name"));
        assertThat(again.getInt("data.s.version")).isEqualTo(read.getInt("data.scheme.version"));
        assertThat(again.getString("data.st.__typename")).isEqualTo("Standing");
        assertThat(again.getString("data.st.unit.code"))
                .isEqualTo(read.getString("data.standings.edges[0].node.unit.code"));
        assertThat(again.getInt("data.st.rank")).isEqualTo(read.getInt("data.standings.edges[0].node.rank"));
        String number = read.getString("data.evaluations.edges[0].node.evaluationId");
        assertThat(again.getString("data.e.evaluationId")).isEqualTo(number);
        assertThat(again.getString("data.byId.evaluationId")).isEqualTo(number);
        assertThat(again.getString("data.none")).isNull();
        assertThat(List.of(again.getString("data.u.id"), again.getString("data.r.id"), again.getString("data.s.id"),
                again.getString("data.st.id"), again.getString("data.e.id")))
                .as("each object answers the id it was fetched by")
                .containsExactly(unit, rubric, scheme, standing, evaluation);
    }

    private static JsonPath query(String query, Map<String, Object> variables) {
        return io.servicegrade.TestApi.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).post("/graphql").then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath schema() {
        return given().contentType(ContentType.JSON).body(Map.of("query", INTROSPECTION)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The fields of a type, each with its type written as in SDL ({@code [UnitEdge!]!}). */
    static Map<String, String> fields(JsonPath schema, String type) {
        List<Map<String, Object>> fields = schema.getList(
                "data.__schema.types.find { it.name == '" + type + "' }.fields");
        assertThat(fields).as("the type " + type).isNotNull();
        Map<String, String> byName = new HashMap<>();
        fields.forEach(f -> byName.put((String) f.get("name"), sdl(f.get("type"))));
        return byName;
    }

    /** The arguments of a type's field, each with its type written as in SDL. */
    @SuppressWarnings("unchecked")
    static Map<String, String> arguments(JsonPath schema, String type, String field) {
        List<Map<String, Object>> fields = schema.getList(
                "data.__schema.types.find { it.name == '" + type + "' }.fields");
        Map<String, Object> found = fields.stream().filter(f -> f.get("name").equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + type + "." + field));
        Map<String, String> byName = new HashMap<>();
        ((List<Map<String, Object>>) found.get("args")).forEach(a -> byName.put((String) a.get("name"),
                sdl(a.get("type"))));
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static String sdl(Object typeRef) {
        Map<String, Object> type = (Map<String, Object>) typeRef;
        return switch ((String) type.get("kind")) {
            case "NON_NULL" -> sdl(type.get("ofType")) + "!";
            case "LIST" -> "[" + sdl(type.get("ofType")) + "]";
            default -> (String) type.get("name");
        };
    }
}
