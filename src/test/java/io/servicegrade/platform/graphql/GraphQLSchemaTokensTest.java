package io.servicegrade.platform.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.servicegrade.DemoData;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closed sets are enums a code generator turns into unions of literals, and the extensible tokens (a unit's kind
 * and service line, an evaluation's source) are checked: a value that names nothing is an error naming the
 * argument and the values there are, never an empty or another answer.
 */
@QuarkusTest
class GraphQLSchemaTokensTest {

    @Test
    void closedSetsAreEnums() {
        JsonPath schema = RelaySchemaTest.schema();
        Map<String, List<String>> fieldsOfEnumType = Map.of(
                "Unit", List.of("area", "Area"),
                "Evaluation", List.of("status", "EvaluationStatus!"),
                "EvaluationRevision", List.of("kind", "RevisionKind!"),
                "RubricRule", List.of("kind", "RuleKind!"),
                "Scheme", List.of("period", "PeriodUnit!"),
                "SchemeSource", List.of("combine", "Combine!"),
                "SchemeComposite", List.of("whenMissing", "WhenMissing!"));
        fieldsOfEnumType.forEach((type, field) -> assertThat(RelaySchemaTest.fields(schema, type))
                .as(type).containsEntry(field.get(0), field.get(1)));
        assertThat(RelaySchemaTest.fields(schema, "SchemeSource")).containsEntry("statistic", "Statistic!");
        for (String name : List.of("Area", "EvaluationStatus", "RevisionKind", "RuleKind", "PeriodUnit", "Combine",
                "Statistic", "WhenMissing")) {
            assertThat(schema.getString("data.__schema.types.find { it.name == '" + name + "' }.kind")).as(name)
                    .isEqualTo("ENUM");
        }
        assertThat(RelaySchemaTest.arguments(schema, "Query", "units")).containsEntry("area", "Area");
        assertThat(RelaySchemaTest.arguments(schema, "Query", "standings")).containsEntry("area", "Area");

        JsonPath demo = query("""
                query($scheme: String!) {
                  unit(code: "SZ.CS") { area }
                  scheme(key: $scheme) { period sources { combine statistic } composites { whenMissing } }
                  evaluations(first: 1) { edges { node { status history { kind } } } }
                }""", Map.of("scheme", DemoData.SCHEME));
        assertThat(demo.getList("errors")).isNull();
        assertThat(demo.getString("data.unit.area")).isEqualTo("RURAL");
        assertThat(demo.getString("data.scheme.period")).isEqualTo("QUARTER");
        assertThat(demo.getString("data.evaluations.edges[0].node.status")).isEqualTo("ACTIVE");
        assertThat(demo.getString("data.evaluations.edges[0].node.history[0].kind")).isEqualTo("CREATED");
    }

    @Test
    void anAreaThatIsNoneIsRefusedByTheSchemaItself() {
        JsonPath refused = query("{ units(area: \"moon\") { totalCount } }", Map.of());
        assertThat(refused.getString("data")).isNull();
        assertThat(refused.getString("errors[0].message")).contains("area").contains("Area");
        JsonPath rural = query("{ units(under: \"SZ\", area: RURAL, first: 1) { edges { node { area } } } }",
                Map.of());
        assertThat(rural.getList("errors")).isNull();
        assertThat(rural.getList("data.units.edges.node.area")).containsOnly("RURAL");
    }

    @Test
    void aKindServiceLineOrSourceThatNamesNothingIsAnErrorNamingTheValuesThereAre() {
        JsonPath kind = query("{ units(kind: \"moon\") { totalCount } }", Map.of());
        assertThat(kind.getString("errors[0].message")).startsWith("kind").contains("window").contains("region");

        JsonPath line = query("{ units(serviceLine: \"moon\") { totalCount } }", Map.of());
        assertThat(line.getString("errors[0].message")).startsWith("serviceLine").contains("counter");

        JsonPath board = query("""
                query($scheme: String!, $period: String!) {
                  standings(scheme: $scheme, period: $period, serviceLine: "moon") { totalCount }
                }""", Map.of("scheme", DemoData.SCHEME, "period", DemoData.quarter()));
        assertThat(board.getString("errors[0].message")).startsWith("serviceLine").contains("counter");

        JsonPath source = query("{ evaluations(source: \"rumour\") { totalCount } }", Map.of());
        assertThat(source.getString("errors[0].message")).startsWith("source").contains("survey");

        // a known value that matches nothing here is an empty answer, not an error
        JsonPath none = query("{ units(under: \"SZ.CS\", kind: \"region\") { totalCount edges { cursor } } }",
                Map.of());
        assertThat(none.getList("errors")).isNull();
        assertThat(none.getInt("data.units.totalCount")).isZero();
    }

    private static JsonPath query(String query, Map<String, Object> variables) {
        return TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
