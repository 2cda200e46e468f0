package io.servicegrade.complaint;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.servicegrade.appeal.AppealFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The complaints register over GraphQL (issue 19): the mutations do what REST does, subscribers in scope hear. */
@QuarkusTest
class ComplaintGraphQLTest {

    static final String REGISTER = """
            mutation Register($input: RegisterComplaintInput!) {
              registerComplaint(input: $input) {
                complaint { id unit channel state dueAt repeat escalated }
                userErrors { pointer code message }
              }
            }""";

    static final String REPLY = """
            mutation Reply($id: String!, $input: ReplyComplaintInput!) {
              replyComplaint(id: $id, input: $input) {
                complaint { id state late resolution }
                userErrors { pointer code message }
              }
            }""";

    static final String RATE = """
            mutation Rate($id: String!, $s: String!) {
              recordComplaintSatisfaction(id: $id, satisfaction: $s) {
                complaint { id satisfaction }
                userErrors { pointer code message }
              }
            }""";

    static final String CHANGES = """
            subscription { complaintChanges { event complaint { id unit state satisfaction } } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void complaintsAreRegisteredRepliedAndRatedOverGraphqlAndSubscribersInScopeHearOfEach() throws Exception {
        String region = SchemeVersionsTest.region(1);
        String elsewhere = SchemeVersionsTest.region(1);
        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        String outsider = AppealFixture.token(List.of("manager"), List.of(elsewhere));
        // received ten minutes ago: within its deadline, so no sweep marks it meanwhile
        String received = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(10).withNano(0).toString();
        try (GraphqlSubscriber mine = new GraphqlSubscriber(graphql, Map.of(),
                Map.of("Authorization", "Bearer " + manager));
                GraphqlSubscriber theirs = new GraphqlSubscriber(graphql, Map.of(),
                        Map.of("Authorization", "Bearer " + outsider))) {
            mine.send("1", CHANGES, Map.of());
            theirs.send("1", CHANGES, Map.of());
            Thread.sleep(1_000); // the subscriptions start listening

            String id = GraphqlCall.bearer(manager, REGISTER, Map.of("input", Map.of("channel", "hotline",
                    "receivedAt", received, "unit", region + ".W1", "category", "fees", "subject", "多收费用",
                    "customerRef", region + "-c", "firstResponder", "张三")))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.registerComplaint.userErrors", hasSize(0))
                    .body("data.registerComplaint.complaint.state", equalTo("open"))
                    .body("data.registerComplaint.complaint.unit", equalTo(region + ".W1"))
                    .extract().path("data.registerComplaint.complaint.id");
            assertThat(mine.next()).contains("\"id\":\"" + id + "\"").contains("\"event\":\"registered\"");

            GraphqlCall.bearer(manager, REPLY, Map.of("id", id, "input", Map.of("resolution", "已退还多收费用")))
                    .then().statusCode(200).body("errors", nullValue())
                    .body("data.replyComplaint.userErrors", hasSize(0))
                    .body("data.replyComplaint.complaint.state", equalTo("replied"))
                    .body("data.replyComplaint.complaint.late", equalTo(false));
            assertThat(mine.next()).contains("\"id\":\"" + id + "\"").contains("\"event\":\"replied\"")
                    .contains("\"state\":\"replied\"");

            GraphqlCall.bearer(manager, RATE, Map.of("id", id, "s", "satisfied")).then()
                    .body("errors", nullValue())
                    .body("data.recordComplaintSatisfaction.complaint.satisfaction", equalTo("satisfied"));
            assertThat(mine.next()).contains("\"event\":\"satisfaction\"").contains("\"satisfied\"");
            // a manager of another region hears of none of it
            assertThat(theirs.poll(Duration.ofSeconds(2))).isNull();

            GraphqlCall.bearer(manager, "query($u: String) { complaints(unit: $u) { id state } }",
                    Map.of("u", region)).then().body("data.complaints.id", contains(id));
            GraphqlCall.bearer(outsider, "query($id: String!) { complaint(id: $id) { id } }", Map.of("id", id))
                    .then().body("errors", nullValue()).body("data.complaint", nullValue());
        }
    }

    @Test
    void refusalsAreUserErrorsWithRestsPointersAndTheFiguresAreRestsFigures() {
        String region = SchemeVersionsTest.region(1);
        Map<String, Object> bad = Map.of("channel", "fax", "receivedAt", "2025-01-01", "unit", region + ".W1",
                "category", "fees", "subject", "s", "customerRef", "c", "firstResponder", "f");
        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        List<String> rest = as(manager).body(bad).post("/api/v1/complaints").then().statusCode(422)
                .extract().path("errors.pointer");
        assertThat(rest).containsExactlyInAnyOrder("/channel", "/receivedAt");
        GraphqlCall.bearer(manager, REGISTER, Map.of("input", bad)).then().body("errors", nullValue())
                .body("data.registerComplaint.complaint", nullValue())
                .body("data.registerComplaint.userErrors.pointer", equalTo(rest));

        GraphqlCall.bearer(manager, "mutation($v: [TransactionVolumeInput!]!) { putTransactionVolumes(input: $v) "
                + "{ written userErrors { pointer } } }", Map.of("v", List.of(Map.of("unit", region + ".W1",
                "month", "2025-01", "volume", 20000)))).then().body("errors", nullValue())
                .body("data.putTransactionVolumes.written", equalTo(1));
        GraphqlCall.bearer(manager, REGISTER, Map.of("input", Map.of("channel", "letter", "receivedAt",
                "2025-01-10T10:00:00+08:00", "unit", region + ".W1", "category", "fees", "subject", "s",
                "customerRef", region + "-c", "firstResponder", "f"))).then()
                .body("data.registerComplaint.userErrors", hasSize(0));
        // 1 complaint, volume 20000: 1 × 10000 / 20000 = 0.50; unreplied past its deadline: timeliness 0.00
        GraphqlCall.bearer(manager, "query($u: String) { complaintFigures(period: \"2025-01\", unit: $u) "
                + "{ unit group complaints overdue timelinessRate volume perTenThousand } }", Map.of("u", region))
                .then().body("errors", nullValue())
                .body("data.complaintFigures.group", contains(true, false))
                .body("data.complaintFigures[0].complaints", equalTo(1))
                .body("data.complaintFigures[0].overdue", equalTo(1))
                .body("data.complaintFigures[0].timelinessRate", equalTo(0.0f))
                .body("data.complaintFigures[0].perTenThousand", equalTo(0.5f));
    }
}
