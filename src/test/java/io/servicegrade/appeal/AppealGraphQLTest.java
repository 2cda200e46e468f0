package io.servicegrade.appeal;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.GraphqlSubscriber;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.servicegrade.appeal.AppealFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Appeals over GraphQL (issue 18): the mutations do what REST does, and subscribers hear of filings and decisions. */
@QuarkusTest
class AppealGraphQLTest {

    static final String FILE = """
            mutation File($input: FileAppealInput!) {
              fileAppeal(input: $input) {
                appeal { id scheme period unit evaluation agency items state deadline }
                userErrors { pointer code message }
              }
            }""";

    static final String DECIDE = """
            mutation Decide($id: String!, $input: DecideAppealInput!) {
              decideAppeal(id: $id, input: $input) {
                appeal { id state decisionReason correction correctionRevision }
                userErrors { pointer code message }
              }
            }""";

    static final String CHANGES = """
            subscription Changes($scheme: String) {
              appealChanges(scheme: $scheme) { id unit state correction correctionRevision }
            }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void appealsAreFiledAndDecidedOverGraphqlAndSubscribersInScopeHearOfBoth() throws Exception {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        try (GraphqlSubscriber analyst = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + f.analyst()));
                GraphqlSubscriber outsider = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + f.outsider()))) {
            analyst.send("1", CHANGES, Map.of("scheme", f.scheme()));
            outsider.send("1", CHANGES, Map.of("scheme", f.scheme()));
            Thread.sleep(1_000); // the subscriptions start listening

            String id = GraphqlCall.bearer(f.manager(), FILE, Map.of("input", Map.of("scheme", f.scheme(),
                    "evaluation", String.valueOf(inspection), "items", List.of("findings"),
                    "reasons", "窗口维修 / under repair", "evidence", List.of("https://evidence.example/1.jpg"))))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.fileAppeal.userErrors", hasSize(0))
                    .body("data.fileAppeal.appeal.state", equalTo("filed"))
                    .body("data.fileAppeal.appeal.unit", equalTo(f.window(1)))
                    .body("data.fileAppeal.appeal.agency", equalTo(f.agencyCode()))
                    .body("data.fileAppeal.appeal.items", contains("findings"))
                    .extract().path("data.fileAppeal.appeal.id");
            assertThat(analyst.next()).contains("\"id\":\"" + id + "\"").contains("\"state\":\"filed\"");

            GraphqlCall.bearer(f.analyst(), DECIDE, Map.of("id", id, "input", Map.of("outcome", "upheld",
                    "reason", "维修期间不扣分", "correction", Map.of("kind", "revision", "revision", Map.of("answers",
                            List.of(Map.of("item", "findings", "violations", 5), Map.of("item", "sign", "pass",
                                    true)))))))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.decideAppeal.userErrors", hasSize(0))
                    .body("data.decideAppeal.appeal.state", equalTo("upheld"))
                    .body("data.decideAppeal.appeal.correction", equalTo("revision"))
                    .body("data.decideAppeal.appeal.correctionRevision", equalTo(2));
            assertThat(analyst.next()).contains("\"id\":\"" + id + "\"").contains("\"state\":\"upheld\"")
                    .contains("\"correctionRevision\":2");
            // a manager of another region hears of neither
            assertThat(outsider.poll(Duration.ofSeconds(2))).isNull();

            // the manager reads it decided; the other manager does not see it
            GraphqlCall.bearer(f.manager(), "query($s: String) { appeals(scheme: $s) { id state } }",
                    Map.of("s", f.scheme())).then().body("data.appeals.id", contains(id))
                    .body("data.appeals.state", contains("upheld"));
            GraphqlCall.bearer(f.outsider(), "query($id: String!) { appeal(id: $id) { id } }", Map.of("id", id))
                    .then().body("errors", nullValue()).body("data.appeal", nullValue());
        }
    }

    @Test
    void refusalsAreUserErrorsWithRestsPointers() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        Map<String, Object> bad = Map.of("scheme", f.scheme(), "evaluation", String.valueOf(inspection),
                "unit", f.window(1), "reasons", "r", "evidence", List.of("mailto:x@y"));
        List<String> rest = as(f.manager()).body(Map.of("scheme", f.scheme(), "evaluation", inspection,
                "unit", f.window(1), "reasons", "r", "evidence", List.of("mailto:x@y")))
                .post("/api/v1/appeals").then().statusCode(422).extract().path("errors.pointer");
        GraphqlCall.bearer(f.manager(), FILE, Map.of("input", bad)).then().body("errors", nullValue())
                .body("data.fileAppeal.appeal", nullValue())
                .body("data.fileAppeal.userErrors.pointer", equalTo(rest));
        // outside the scope: a user error at the evaluation, as REST's 403 names it
        GraphqlCall.bearer(f.outsider(), FILE, Map.of("input", Map.of("scheme", f.scheme(), "evaluation",
                String.valueOf(inspection), "reasons", "r"))).then().body("data.fileAppeal.appeal", nullValue())
                .body("data.fileAppeal.userErrors.pointer", contains("/evaluation"));
        // a manager does not decide: a top-level error, as REST's 403 without a field
        long id = AppealFixture.file(f.manager(), f.againstEvaluation(inspection, List.of()));
        GraphqlCall.bearer(f.manager(), DECIDE, Map.of("id", String.valueOf(id), "input",
                Map.of("outcome", "rejected", "reason", "r"))).then().body("data", nullValue())
                .body("errors", hasSize(1));
        GraphqlCall.bearer(f.analyst(), DECIDE, Map.of("id", String.valueOf(id), "input",
                Map.of("outcome", "upheld", "reason", "r"))).then().body("errors", nullValue())
                .body("data.decideAppeal.userErrors.pointer", contains("/correction"));
        GraphqlCall.bearer(f.analyst(), "query($s: String!) { appealsByAgency(scheme: $s) { agency filed "
                + "upheld pending upheldShare } }", Map.of("s", f.scheme())).then().body("errors", nullValue())
                .body("data.appealsByAgency.agency", contains(f.agencyCode()))
                .body("data.appealsByAgency.filed", contains(1)).body("data.appealsByAgency.pending", contains(1))
                .body("data.appealsByAgency.upheldShare", hasSize(1));
    }
}
