package io.servicegrade.appeal;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.appeal.AppealFixture.as;
import static io.servicegrade.appeal.AppealFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Appeals over REST (issue 18, point 2): filing in the window, deciding, scope, and the counts per agency. */
@QuarkusTest
class AppealsTest {

    /** The board's value of {@code unit} in the fixture's period. */
    static BigDecimal value(AppealFixture f, String unit) {
        Object value = asAdmin().queryParam("period", AppealFixture.PERIOD)
                .get("/api/v1/schemes/{key}/standings", f.scheme()).then().statusCode(200)
                .extract().path("standings.find { it.unit == '" + unit + "' }.value");
        return value == null ? null : new BigDecimal(value.toString());
    }

    @Test
    void anUpheldAppealRevisesTheEvaluationInTheDecisionAndTheAppealNamesTheRevision() {
        AppealFixture f = AppealFixture.of(2);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.post(f.setup().region() + "-m1", "mystery_shop", f.window(1), 90);
        f.publish();
        // weighted = 0.4 × 80 + 0.6 × 90 = 32 + 54 = 86
        assertThat(value(f, f.window(1))).isEqualByComparingTo("86");

        long id = file(f.manager(), f.againstEvaluation(inspection, List.of("findings")));
        as(f.manager()).get("/api/v1/appeals/{id}", id).then().statusCode(200)
                .body("state", equalTo("filed")).body("unit", equalTo(f.window(1)))
                .body("period", equalTo(AppealFixture.PERIOD)).body("evaluation", equalTo((int) inspection))
                .body("agency", equalTo(f.agencyCode())).body("items", contains("findings"))
                .body("evidence", contains("https://evidence.example/photos/1.jpg"))
                .body("deadline", notNullValue());
        as(f.analyst()).queryParam("scheme", f.scheme()).queryParam("state", "filed").get("/api/v1/appeals")
                .then().statusCode(200).body("id", contains((int) id));

        // upheld: findings had 5 violations, not 20; the revision is written with the decision
        as(f.analyst()).body(Map.of("outcome", "upheld", "reason", "维修期间不应扣分 / under repair",
                "correction", Map.of("kind", "revision", "answers", List.of(
                        Map.of("item", "findings", "violations", 5), Map.of("item", "sign", "pass", true)))))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(200)
                .body("state", equalTo("upheld")).body("correction", equalTo("revision"))
                .body("correctionRevision", equalTo(2)).body("decisionReason", containsString("under repair"))
                .body("decidedAt", notNullValue());
        asAdmin().get("/api/v1/evaluations/{id}", inspection).then().statusCode(200)
                .body("revision", equalTo(2)).body("score", equalTo(95.0f))
                .body("history[1].reason", containsString("appeal #" + id));
        // weighted = 0.4 × 95 + 0.6 × 90 = 38 + 54 = 92
        assertThat(value(f, f.window(1))).isEqualByComparingTo("92");
        // both parties see it decided
        as(f.manager()).queryParam("scheme", f.scheme()).get("/api/v1/appeals").then().statusCode(200)
                .body("state", contains("upheld")).body("correctionRevision", contains(2));
    }

    @Test
    void anInvalidCorrectionStoresNothingAndARejectedAppealKeepsTheBoard() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.post(f.setup().region() + "-m1", "mystery_shop", f.window(1), 90);
        f.publish();
        long id = file(f.manager(), f.againstEvaluation(inspection, List.of()));

        as(f.analyst()).body(Map.of("outcome", "upheld", "reason", "r", "correction", Map.of("kind", "revision",
                "answers", List.of(Map.of("item", "nosuchitem", "violations", 5)))))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("/correction/answers")))
                .body("errors", org.hamcrest.Matchers.not(hasSize(0)));
        as(f.analyst()).body(Map.of("outcome", "upheld", "reason", "r"))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(422)
                .body("errors.pointer", contains("/correction"));
        as(f.analyst()).body(Map.of("outcome", "maybe", "correction", Map.of("kind", "void")))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/outcome", "/reason"));
        asAdmin().get("/api/v1/evaluations/{id}", inspection).then().body("revision", equalTo(1));
        as(f.analyst()).get("/api/v1/appeals/{id}", id).then().body("state", equalTo("filed"));

        // a manager does not decide
        as(f.manager()).body(Map.of("outcome", "rejected", "reason", "r"))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(403);
        as(f.analyst()).body(Map.of("outcome", "rejected", "reason", "扣分有据 / the deduction stands"))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(200)
                .body("state", equalTo("rejected")).body("correction", nullValue())
                .body("correctionRevision", nullValue());
        assertThat(value(f, f.window(1))).isEqualByComparingTo("86");
        asAdmin().get("/api/v1/evaluations/{id}", inspection).then().body("revision", equalTo(1));
        // a decision is final
        as(f.analyst()).body(Map.of("outcome", "upheld", "reason", "again", "correction", Map.of("kind", "void")))
                .post("/api/v1/appeals/{id}/decision", id).then().statusCode(409)
                .body("detail", containsString("rejected"));
        asAdmin().get("/api/v1/evaluations/{id}", inspection).then().body("status", equalTo("active"));
    }

    @Test
    void anAppealIsRefusedBeforePublicationAndAfterTheWindowNamingThePeriodAndDeadline() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        as(f.manager()).body(f.againstEvaluation(inspection, List.of())).post("/api/v1/appeals").then()
                .statusCode(409).body("type", containsString("appeal-window"))
                .body("detail", containsString(AppealFixture.PERIOD)).body("detail", containsString(f.scheme()));
        as(f.manager()).header("Accept-Language", "zh-CN").body(f.againstStanding(f.window(1)))
                .post("/api/v1/appeals").then().statusCode(409).body("detail", containsString("尚未公示"));

        f.publish();
        f.endWindow();
        as(f.manager()).body(f.againstEvaluation(inspection, List.of())).post("/api/v1/appeals").then()
                .statusCode(409).body("detail", containsString("2023-07-08 00:00 +08:00"))
                .body("detail", containsString(AppealFixture.PERIOD));
        as(f.manager()).header("Accept-Language", "zh-CN").body(f.againstStanding(f.window(1)))
                .post("/api/v1/appeals").then().statusCode(409).body("detail", containsString("公示期已于"))
                .body("detail", containsString("2023-07-08 00:00 +08:00"));
        as(f.analyst()).queryParam("scheme", f.scheme()).get("/api/v1/appeals").then().body("", hasSize(0));
    }

    @Test
    void aPeriodWithAnUndecidedAppealDoesNotCloseAndOnceClosedHearsNoMore() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.post(f.setup().region() + "-m1", "mystery_shop", f.window(1), 90);
        f.publish();
        long first = file(f.manager(), f.againstEvaluation(inspection, List.of()));
        long second = file(f.manager(), f.againstStanding(f.window(1)));
        f.endWindow();
        // objections filed in time are decided before the period is final
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/close", f.scheme(), AppealFixture.PERIOD).then()
                .statusCode(409).body("type", containsString("appeals-undecided"))
                .body("detail", containsString("2 undecided appeal(s)"));
        as(f.analyst()).body(Map.of("outcome", "rejected", "reason", "评分无误 the score stands"))
                .post("/api/v1/appeals/{id}/decision", first).then().statusCode(200);
        asAdmin().header("Accept-Language", "zh-CN")
                .post("/api/v1/schemes/{key}/periods/{period}/close", f.scheme(), AppealFixture.PERIOD).then()
                .statusCode(409).body("detail", containsString("尚有 1 件申诉未处理"));
        as(f.analyst()).body(Map.of("outcome", "rejected", "reason", "名次无误 the standing stands"))
                .post("/api/v1/appeals/{id}/decision", second).then().statusCode(200);
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/close", f.scheme(), AppealFixture.PERIOD).then()
                .statusCode(200).body("stage", equalTo("CLOSED"));

        asAdmin().get("/api/v1/evaluations/{id}", inspection).then().body("revision", equalTo(1));
        assertThat(value(f, f.window(1))).isEqualByComparingTo("86");
        // and no appeal is filed into it
        as(f.manager()).body(f.againstStanding(f.window(1))).post("/api/v1/appeals").then().statusCode(409)
                .body("detail", containsString("closed"));
    }

    @Test
    void aManagerAppealsOnlyWithinScopeAndSeesOnlyItsScopesAppeals() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        as(f.outsider()).body(f.againstEvaluation(inspection, List.of())).post("/api/v1/appeals").then()
                .statusCode(403).body("errors.pointer", contains("/evaluation"));
        as(f.outsider()).body(f.againstStanding(f.window(1))).post("/api/v1/appeals").then()
                .statusCode(403).body("errors.pointer", contains("/unit"));
        // an analyst decides appeals but does not file them; a viewer does neither
        as(f.analyst()).body(f.againstStanding(f.window(1))).post("/api/v1/appeals").then().statusCode(403);
        String viewer = AppealFixture.token(List.of("viewer"), List.of(f.setup().region()));
        as(viewer).get("/api/v1/appeals").then().statusCode(403);

        long mine = file(f.manager(), f.againstStanding(f.window(1)));
        as(f.outsider()).get("/api/v1/appeals/{id}", mine).then().statusCode(404);
        as(f.outsider()).queryParam("scheme", f.scheme()).get("/api/v1/appeals").then().body("", hasSize(0));
        as(f.manager()).queryParam("scheme", f.scheme()).queryParam("unit", f.setup().region())
                .get("/api/v1/appeals").then().body("id", contains((int) mine))
                .body("[0].evaluation", nullValue()).body("[0].items", hasSize(0));
        // a standing's appeal is upheld with a reason only
        as(f.analyst()).body(Map.of("outcome", "upheld", "reason", "名次已复核 / rank rechecked"))
                .post("/api/v1/appeals/{id}/decision", mine).then().statusCode(200)
                .body("state", equalTo("upheld")).body("correction", nullValue());
    }

    @Test
    void badFilingsNameEveryBadFieldAndStoreNothing() {
        AppealFixture f = AppealFixture.of(1);
        long inspection = f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        as(f.manager()).body(Map.of("scheme", f.scheme(), "evaluation", inspection, "unit", f.window(1),
                "reasons", " ", "evidence", List.of("ftp://x/y", "https://ok.example/a"), "extra", 1))
                .post("/api/v1/appeals").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/unit", "/reasons", "/evidence/0", "/extra"));
        as(f.manager()).body(Map.of("scheme", f.scheme(), "evaluation", inspection, "period", "2023-Q3",
                "items", List.of("findings", "nosuch"), "reasons", "r"))
                .post("/api/v1/appeals").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/period", "/items/1"));
        as(f.manager()).header("Accept-Language", "zh-CN").body(Map.of("scheme", f.scheme(), "evaluation",
                999_999_999L, "reasons", "r")).post("/api/v1/appeals").then().statusCode(422)
                .body("errors.pointer", contains("/evaluation"))
                .body("errors[0].message", containsString("没有测评"));
        as(f.manager()).body(Map.of("scheme", f.scheme(), "unit", f.window(1), "reasons", "r"))
                .post("/api/v1/appeals").then().statusCode(422).body("errors.pointer", contains("/period"));
        as(f.analyst()).queryParam("scheme", f.scheme()).get("/api/v1/appeals").then().body("", hasSize(0));
    }

    @Test
    void countsPerAgencyAreAppealsAgainstItsEvaluationsAndTheShareUpheld() {
        AppealFixture f = AppealFixture.of(3);
        String region = f.setup().region();
        long e1 = f.post(region + "-1", "inspection", f.window(1), 80);
        long e2 = f.post(region + "-2", "inspection", f.window(2), 80);
        long e3 = f.post(region + "-3", "inspection", f.window(3), 80);
        String otherCode = io.servicegrade.TestApi.freshPrefix();
        String other = asAdmin().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("code", otherCode, "name", "另一家 Other Co")).post("/api/v1/agencies")
                .then().statusCode(201).extract().path("key");
        long e4 = f.post(other, region + "-4", "mystery_shop", f.window(1), 70);
        f.publish();

        long a1 = file(f.manager(), f.againstEvaluation(e1, List.of()));
        long a2 = file(f.manager(), f.againstEvaluation(e2, List.of()));
        file(f.manager(), f.againstEvaluation(e3, List.of()));
        long a4 = file(f.manager(), f.againstEvaluation(e4, List.of()));
        file(f.manager(), f.againstStanding(f.window(2))); // a standing's appeal is no agency's
        decide(f, a1, Map.of("outcome", "upheld", "reason", "r", "correction", Map.of("kind", "void")));
        decide(f, a2, Map.of("outcome", "rejected", "reason", "r"));
        decide(f, a4, Map.of("outcome", "upheld", "reason", "r", "correction", Map.of("kind", "void")));

        // the first agency: 3 filed, 1 upheld, 1 rejected, 1 pending; 1/3 = 0.3333 (half up at four places)
        // the other: 1 filed, 1 upheld; 1/1 = 1.0000
        as(f.analyst()).queryParam("scheme", f.scheme()).get("/api/v1/appeals/agencies").then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.agency == '" + f.agencyCode() + "' }.filed", equalTo(3))
                .body("find { it.agency == '" + f.agencyCode() + "' }.upheld", equalTo(1))
                .body("find { it.agency == '" + f.agencyCode() + "' }.rejected", equalTo(1))
                .body("find { it.agency == '" + f.agencyCode() + "' }.pending", equalTo(1))
                .body("find { it.agency == '" + f.agencyCode() + "' }.upheldShare", equalTo(0.3333f))
                .body("find { it.agency == '" + otherCode + "' }.upheldShare", equalTo(1.0f))
                .body("period", contains(AppealFixture.PERIOD, AppealFixture.PERIOD));
        asAdmin().get("/api/v1/evaluations/{id}", e1).then().body("status", equalTo("voided"))
                .body("revision", equalTo(2));
        as(f.manager()).queryParam("scheme", f.scheme()).get("/api/v1/appeals/agencies").then().statusCode(403);
        as(f.analyst()).get("/api/v1/appeals/agencies").then().statusCode(422);
    }

    private static void decide(AppealFixture f, long id, Map<String, Object> body) {
        as(f.analyst()).body(body).post("/api/v1/appeals/{id}/decision", id).then().statusCode(200);
    }
}
