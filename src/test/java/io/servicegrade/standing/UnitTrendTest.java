package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeVersionsTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** From a unit, its standings period by period (a trend) and its evaluations, without knowing the periods first. */
@QuarkusTest
class UnitTrendTest {

    @Test
    void aUnitShowsItsStandingInEachPeriodNewestFirstAndItsEvaluationsAsAConnection() {
        Setup setup = Setup.of(1);
        String window = setup.region() + ".W1";
        String p = setup.region();
        post(List.of(evaluation(p + "-1i", "inspection", window, setup.rubric(), "2023-02-10T10:00:00+08:00", 80, true),
                evaluation(p + "-1m", "mystery_shop", window, setup.rubric(), "2023-02-11T10:00:00+08:00", 80, true),
                evaluation(p + "-2i", "inspection", window, setup.rubric(), "2023-05-10T10:00:00+08:00", 88, true),
                evaluation(p + "-2m", "mystery_shop", window, setup.rubric(), "2023-05-11T10:00:00+08:00", 91, true)));

        JsonPath answer = TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("query", """
                query($code: String!, $scheme: String!) {
                  unit(code: $code) {
                    standings(scheme: $scheme) { rank value }
                    evaluations(first: 3) { totalCount pageInfo { hasNextPage } edges { node { externalId } } }
                  }
                }""", "variables", Map.of("code", window, "scheme", setup.scheme()))).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("errors")).isNull();
        // 2023-Q2: 0.4 × 88 + 0.6 × 91 = 35.2 + 54.6 = 89.8; 2023-Q1: 0.4 × 80 + 0.6 × 80 = 80
        assertThat(answer.getList("data.unit.standings.value", Float.class)).containsExactly(89.8f, 80.0f);
        assertThat(answer.getList("data.unit.standings.rank", Integer.class)).containsExactly(1, 1);
        assertThat(answer.getInt("data.unit.evaluations.totalCount")).isEqualTo(4);
        assertThat(answer.getBoolean("data.unit.evaluations.pageInfo.hasNextPage")).isTrue();
        assertThat(answer.getList("data.unit.evaluations.edges.node.externalId"))
                .containsExactly(p + "-1i", p + "-1m", p + "-2i");
    }
}
