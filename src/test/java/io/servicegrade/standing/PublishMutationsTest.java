package io.servicegrade.standing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** publishPeriod does what POST /api/v1/schemes/{key}/periods/{period}/publish does (issue 15, point 3). */
@QuarkusTest
class PublishMutationsTest {

    static final String PUBLISH = """
            mutation Publish($scheme: String!, $period: String!) {
              publishPeriod(scheme: $scheme, period: $period) {
                period { scheme key firstDay lastDay state schemeVersion publishedAt }
                userErrors { pointer code message }
              }
            }""";

    static Response graphql(String key, String scheme, String period) {
        return GraphqlCall.apiKey(key, PUBLISH, Map.of("scheme", scheme, "period", period));
    }

    @Test
    void aPublishedPeriodKeepsItsVersionAsRestShowsIt() {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(1);
        String p = setup.region();
        SchemeVersionsTest.post(List.of(SchemeStandingsTest.evaluation(p + "-i", "inspection", p + ".W1",
                setup.rubric(), "2023-05-10T10:00:00+08:00", 88, true)));

        String publishedAt = graphql(TestApi.adminKey(), setup.scheme(), "2023-Q2").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.publishPeriod.userErrors", hasSize(0))
                .body("data.publishPeriod.period.key", equalTo("2023-Q2"))
                .body("data.publishPeriod.period.firstDay", equalTo("2023-04-01"))
                .body("data.publishPeriod.period.lastDay", equalTo("2023-06-30"))
                .body("data.publishPeriod.period.state", equalTo("PUBLISHED"))
                .body("data.publishPeriod.period.schemeVersion", equalTo(1))
                .body("data.publishPeriod.period.publishedAt", notNullValue())
                .extract().path("data.publishPeriod.period.publishedAt");
        given().get("/api/v1/schemes/{key}/periods", setup.scheme()).then().statusCode(200)
                .body("find { it.period == '2023-Q2' }.published", equalTo(true))
                .body("find { it.period == '2023-Q2' }.publishedVersion", equalTo(1));
        // publishing again changes nothing, as over REST
        String again = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", setup.scheme(), "2023-Q2")
                .then().statusCode(200).extract().path("publishedAt");
        org.assertj.core.api.Assertions.assertThat(java.time.OffsetDateTime.parse(again).toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse(publishedAt).toInstant());
    }

    @Test
    void aBadPeriodIsAUserErrorAndAnAgencyMayNotPublish() {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(1);
        List<String> rest = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", setup.scheme(),
                "2023-Q9").then().statusCode(422).extract().path("errors.pointer");
        graphql(TestApi.adminKey(), setup.scheme(), "2023-Q9").then().body("errors", nullValue())
                .body("data.publishPeriod.period", nullValue())
                .body("data.publishPeriod.userErrors.pointer", equalTo(rest));

        graphql(TestApi.agency(null), setup.scheme(), "2023-Q3").then().body("data", nullValue())
                .body("errors", hasSize(1));
        given().get("/api/v1/schemes/{key}/periods", setup.scheme()).then()
                .body("findAll { it.published }", hasSize(0));
    }
}
