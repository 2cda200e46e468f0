package io.servicegrade.standing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeVersionsTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL subscriptions over WebSocket ({@code graphql-transport-ws}) on one instance. */
@QuarkusTest
class StandingSubscriptionTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void aSubscriberHearsOfAnEvaluationOfItsSchemeWithTheNewValueAndNothingOfAnotherSchemes() throws Exception {
        Setup mine = Setup.of(1);
        Setup other = Setup.of(1);
        String window = mine.region() + ".W1";
        try (GraphqlSubscriber subscriber = new GraphqlSubscriber(graphql)) {
            subscriber.subscribe("2", """
                    subscription { standingChanges(scheme: "%s") { scheme period revision } }
                    """.formatted(mine.scheme()));
            subscriber.subscribe("1", """
                    subscription { standingUpdates(scheme: "%s", period: "2023-Q2", unit: "%s") {
                      value sources { source value samples } } }
                    """.formatted(mine.scheme(), window));
            // the standing as it is now (no evaluations yet); both subscriptions are live once it comes
            assertThat(subscriber.next()).contains("\"id\":\"1\"").contains("\"value\":null")
                    .contains("\"samples\":0");

            // Another scheme's change first: an evaluation only the other scheme counts (its own rubric),
            // in the same quarter. Then one of this scheme's: inspection 88 and third party 91 →
            // weighted 0.4 × 88 + 0.6 × 91 = 89.8.
            post(List.of(evaluation(other.region() + "-x", "inspection", other.region() + ".W1", other.rubric(),
                    "2023-05-10T10:00:00+08:00", 60, true)));
            post(List.of(evaluation(mine.region() + "-i", "inspection", window, mine.rubric(),
                            "2023-05-10T10:00:00+08:00", 88, true),
                    evaluation(mine.region() + "-m", "mystery_shop", window, mine.rubric(),
                            "2023-05-11T10:00:00+08:00", 91, true)));

            // Changes reach subscribers in commit order: had the other scheme's change come through, it would
            // come first.
            List<String> heard = List.of(subscriber.next(), subscriber.next());
            String change = heard.stream().filter(m -> m.contains("\"id\":\"2\"")).findFirst().orElseThrow();
            assertThat(change).contains("\"scheme\":\"" + mine.scheme() + "\"").contains("\"period\":\"2023-Q2\"");
            String update = heard.stream().filter(m -> m.contains("\"id\":\"1\"")).findFirst().orElseThrow();
            assertThat(update).contains("\"value\":89.8").contains("\"samples\":1")
                    .doesNotContain("\"samples\":0");
            assertThat(subscriber.poll(Duration.ofSeconds(2))).as("nothing more").isNull();
        }
    }
}
