package io.servicegrade.rectification;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.GraphqlSubscriber;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.servicegrade.rectification.RectificationFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Rectification orders over GraphQL (issue 19): mutations as REST, user errors by REST's pointers, changes heard. */
@QuarkusTest
class RectificationGraphQLTest {

    static final String CREATE = """
            mutation Create($input: CreateRectificationInput!) {
              createRectification(input: $input) {
                rectification { id unit evaluation severity state overdue items { key deduction vetoed } }
                userErrors { pointer code message }
              }
            }""";

    static final String REPLY = """
            mutation Reply($id: String!, $input: ReplyRectificationInput!) {
              replyRectification(id: $id, input: $input) {
                rectification { id state history { kind late evidence } }
                userErrors { pointer code message }
              }
            }""";

    static final String VERIFY = """
            mutation Verify($id: String!, $input: VerifyRectificationInput!) {
              verifyRectification(id: $id, input: $input) {
                rectification { id state history { kind text } }
                userErrors { pointer code message }
              }
            }""";

    static final String CHANGES = """
            subscription { rectificationChanges { id unit state } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void ordersAreRaisedRepliedAndVerifiedOverGraphqlAndSubscribersInScopeHearOfThem() throws Exception {
        RectificationFixture f = RectificationFixture.of(1);
        long evaluation = f.evaluation(f.window(1), "2025-04-01T10:00:00+08:00", 75, true);
        try (GraphqlSubscriber manager = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + f.manager()));
                GraphqlSubscriber outsider = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + f.outsider()))) {
            manager.send("1", CHANGES, Map.of());
            outsider.send("1", CHANGES, Map.of());
            Thread.sleep(1_000); // the subscriptions start listening

            String id = GraphqlCall.bearer(f.inspector(), CREATE, Map.of("input", Map.of("evaluation",
                            String.valueOf(evaluation), "items", List.of("findings"),
                            // a deadline ahead of whatever day the suite runs on (CI moves the clock too)
                            "dueAt", java.time.OffsetDateTime.now().plusYears(1).toString())))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.createRectification.userErrors", hasSize(0))
                    .body("data.createRectification.rectification.state", equalTo("open"))
                    .body("data.createRectification.rectification.unit", equalTo(f.window(1)))
                    .body("data.createRectification.rectification.severity", equalTo("minor"))
                    .body("data.createRectification.rectification.items.key", contains("findings"))
                    .body("data.createRectification.rectification.items[0].deduction", equalTo(25.0f))
                    .extract().path("data.createRectification.rectification.id");
            assertThat(manager.next()).contains("\"id\":\"" + id + "\"").contains("\"state\":\"open\"");

            GraphqlCall.bearer(f.manager(), REPLY, Map.of("id", id, "input", Map.of("text", "已整改 / fixed",
                            "evidence", List.of("https://evidence.example/fixed.jpg"))))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.replyRectification.rectification.state", equalTo("replied"))
                    .body("data.replyRectification.rectification.history.kind", contains("reply"))
                    .body("data.replyRectification.rectification.history[0].late", equalTo(false));
            assertThat(manager.next()).contains("\"id\":\"" + id + "\"").contains("\"state\":\"replied\"");

            GraphqlCall.bearer(f.analyst(), VERIFY, Map.of("id", id, "input", Map.of("outcome", "accepted")))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.verifyRectification.rectification.state", equalTo("accepted"))
                    .body("data.verifyRectification.rectification.history.kind", contains("reply", "accept"));
            assertThat(manager.next()).contains("\"id\":\"" + id + "\"").contains("\"state\":\"accepted\"");
            // a manager of another region hears of none of it, nor reads it
            assertThat(outsider.poll(Duration.ofSeconds(2))).isNull();
            GraphqlCall.bearer(f.outsider(), "query($id: String!) { rectification(id: $id) { id } }",
                    Map.of("id", id)).then().body("errors", nullValue()).body("data.rectification", nullValue());
            GraphqlCall.bearer(f.viewer(), "query($u: String) { rectifications(unit: $u) { id state } }",
                    Map.of("u", f.region())).then().body("errors", nullValue())
                    .body("data.rectifications.id", contains(id))
                    .body("data.rectifications.state", contains("accepted"));
            GraphqlCall.bearer(f.manager(), "query($u: String!) { rectificationFigures(unit: $u, from: \"2025-01-01\","
                            + " to: \"2025-12-31\") { total { orders replied replyRate onTimeRate accepted } } }",
                    Map.of("u", f.region())).then().body("errors", nullValue())
                    // 1 order, replied on time and accepted: 1 × 100 / 1 = 100.00
                    .body("data.rectificationFigures.total.orders", equalTo(1))
                    .body("data.rectificationFigures.total.replyRate", equalTo(100.0f))
                    .body("data.rectificationFigures.total.accepted", equalTo(1));
        }
    }

    @Test
    void refusalsAreUserErrorsWithRestsPointers() {
        RectificationFixture f = RectificationFixture.of(1);
        long evaluation = f.evaluation(f.window(1), "2025-04-02T10:00:00+08:00", 90, true);
        List<String> rest = as(f.analyst()).body(Map.of("evaluation", evaluation, "items", List.of("sign", "x"),
                "veto", true)).post("/api/v1/rectifications").then().statusCode(422).extract().path("errors.pointer");
        GraphqlCall.bearer(f.analyst(), CREATE, Map.of("input", Map.of("evaluation", String.valueOf(evaluation),
                        "items", List.of("sign", "x"), "veto", true))).then().body("errors", nullValue())
                .body("data.createRectification.rectification", nullValue())
                .body("data.createRectification.userErrors.pointer", equalTo(rest));
        String id = GraphqlCall.bearer(f.analyst(), CREATE, Map.of("input", Map.of("unit", f.window(1),
                        "title", "by hand"))).then().body("errors", nullValue())
                .extract().path("data.createRectification.rectification.id");
        // accepting an open order: a conflict, as a user error without a pointer
        GraphqlCall.bearer(f.analyst(), VERIFY, Map.of("id", id, "input", Map.of("outcome", "accepted")))
                .then().body("data.verifyRectification.rectification", nullValue())
                .body("data.verifyRectification.userErrors", hasSize(1));
        // a manager does not raise: a top-level error, as REST's 403 without a field
        GraphqlCall.bearer(f.manager(), CREATE, Map.of("input", Map.of("unit", f.window(1), "title", "t")))
                .then().body("data", nullValue()).body("errors", hasSize(1));
    }
}
