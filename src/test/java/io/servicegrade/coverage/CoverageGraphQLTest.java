package io.servicegrade.coverage;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Inspection coverage over GraphQL (issue 19): the twins of the REST calls, with REST's pointers as user errors. */
@QuarkusTest
class CoverageGraphQLTest {

    static final String PUT = """
            mutation Put($key: String!, $input: CoveragePlanInput!) {
              putCoveragePlan(key: $key, input: $input) {
                plan { key version everyMonths selection { tags } inspectors { accounts agencies } }
                userErrors { pointer code message }
              }
            }""";

    static final String DELETE = """
            mutation Delete($key: String!) {
              deleteCoveragePlan(key: $key) { plan { key retiredAt } userErrors { pointer } }
            }""";

    static final String READ = """
            query Read($plan: String, $unit: String) {
              coverageRates(plan: $plan, unit: $unit, level: "branch", period: "2025-Q2") {
                group rate required covered }
              dutyRates(plan: $plan, unit: $unit, period: "2025-Q2") { inspector inspectorKind met intervals rate }
              coverageOverdue(plan: $plan, unit: $unit, at: "2025-06-10") { unit reason since }
              coverage(plan: $plan, unit: $unit, from: "2025-05-01", to: "2025-05-31") { unit interval covered }
            }""";

    @Test
    void plansAreWrittenAndCoverageIsReadOverGraphqlAsOverRest() {
        CoverageFixture f = CoverageFixture.of();
        // the urban plan's figures, worked in CoverageTest: B1 3/3 = 100 %, B2 1/3 = 33.33 %, total 4/6 = 66.67 %;
        // duty (2 per month): the inspector 1/3 = 33.33 %, the agency 0/3 = 0 %, total 1/6 = 16.67 %;
        // on 10 June O3 missed May and has nothing yet in June
        GraphqlCall.bearer(f.analyst(), READ, Map.of("plan", f.urban(), "unit", f.p())).then().statusCode(200)
                .body("errors", nullValue())
                .body("data.coverageRates.find { it.group == '" + f.unit("B2") + "' }.rate", equalTo(33.33f))
                .body("data.coverageRates.find { it.group == null }.rate", equalTo(66.67f))
                .body("data.dutyRates.find { it.inspector == '" + f.inspectorLogin() + "' }.met", equalTo(1))
                .body("data.dutyRates.find { it.inspector == null }.rate", equalTo(16.67f))
                .body("data.coverageOverdue.unit", containsInAnyOrder(f.unit("B2.O3")))
                .body("data.coverageOverdue[0].reason", equalTo("missed-last"))
                .body("data.coverage.covered", containsInAnyOrder(true, false));

        String key = TestApi.freshPrefix().toLowerCase();
        Map<String, Object> input = Map.of("nameZh", "暗访每月", "nameEn", "Mystery shopping monthly",
                "source", "mystery_shop", "everyMonths", 1, "activeFrom", "2025-01-01",
                "selection", Map.of("tags", List.of(key)),
                "inspectors", Map.of("agencies", List.of(f.agencyCode())));
        GraphqlCall.bearer(f.analyst(), PUT, Map.of("key", key, "input", input)).then().statusCode(200)
                .body("errors", nullValue()).body("data.putCoveragePlan.userErrors", hasSize(0))
                .body("data.putCoveragePlan.plan.version", equalTo(1))
                .body("data.putCoveragePlan.plan.inspectors.agencies", containsInAnyOrder(f.agencyCode()));
        // the same bad fields as REST, at the same pointers
        GraphqlCall.bearer(f.analyst(), PUT, Map.of("key", key, "input", Map.of("nameZh", "坏", "nameEn", "Bad",
                "source", "nope", "everyMonths", 0, "activeFrom", "2025-01-01",
                "selection", Map.of("kinds", List.of("no-such-kind-" + key))))).then().statusCode(200)
                .body("data.putCoveragePlan.plan", nullValue())
                .body("data.putCoveragePlan.userErrors.pointer", containsInAnyOrder("/source", "/everyMonths",
                        "/selection/kinds/0"));
        // a manager may not
        GraphqlCall.bearer(f.manager(), DELETE, Map.of("key", key)).then().statusCode(200)
                .body("errors[0].extensions.code", notNullValue());
        GraphqlCall.bearer(f.analyst(), DELETE, Map.of("key", key)).then().statusCode(200)
                .body("errors", nullValue()).body("data.deleteCoveragePlan.plan.retiredAt", notNullValue());
    }
}
