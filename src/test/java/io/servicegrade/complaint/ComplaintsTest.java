package io.servicegrade.complaint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.database.DatabaseOwner;
import io.servicegrade.scheme.SchemeVersionsTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.appeal.AppealFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The complaints register over REST (issue 19): deadlines, the overdue sweep, repeats, figures, files and scope. */
@QuarkusTest
class ComplaintsTest {

    @Inject
    ComplaintSweep sweep;

    /** A complaint's registration body; {@code customer} is made unique to the test by the caller. */
    static Map<String, Object> complaint(String unit, String receivedAt, String customer, String category,
            String channel) {
        return new HashMap<>(Map.of("channel", channel, "receivedAt", receivedAt, "unit", unit,
                "category", category, "subject", "排队时间过长 / waited too long", "customerRef", customer,
                "firstResponder", "张三"));
    }

    static JsonPath register(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .extract().jsonPath();
    }

    static long id(JsonPath complaint) {
        return complaint.getLong("id");
    }

    static void reply(long id, String repliedAt) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("resolution", "已致歉并调整排班 / apologised",
                "repliedAt", repliedAt)).post("/api/v1/complaints/{id}/reply", id).then().statusCode(200);
    }

    static void rate(long id, String satisfaction) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("satisfaction", satisfaction))
                .post("/api/v1/complaints/{id}/satisfaction", id).then().statusCode(200);
    }

    static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    @Test
    void aComplaintReceivedOnFridayIsDueTuesdayAtMidnightInShanghai() {
        String region = SchemeVersionsTest.region(1);
        // Friday 2025-03-07 16:00 in Asia/Shanghai; 3 calendar days: Saturday, Sunday, Monday; due Tuesday 00:00
        JsonPath c = register(complaint(region + ".W1", "2025-03-07T16:00:00+08:00", region + "-c1", "queue-time",
                "hotline"));
        assertThat(instant(c.getString("dueAt"))).isEqualTo(instant("2025-03-11T00:00:00+08:00"));
        assertThat(c.getString("state")).isEqualTo("overdue");
        assertThat(c.getBoolean("late")).isTrue();
    }

    @Test
    void aTimeGivenWithAnotherOffsetCountsByTheDayInShanghai() {
        String region = SchemeVersionsTest.region(1);
        // 2025-03-07 23:30 at -05:00 is 2025-03-08 12:30 in Shanghai, a Saturday: Sunday, Monday, Tuesday count,
        // due Wednesday 2025-03-12 00:00 +08:00 (not Tuesday, as the Friday of the sender's own calendar would give)
        JsonPath c = register(complaint(region + ".W1", "2025-03-07T23:30:00-05:00", region + "-c1", "queue-time",
                "online"));
        assertThat(instant(c.getString("dueAt"))).isEqualTo(instant("2025-03-12T00:00:00+08:00"));
        assertThat(instant(c.getString("receivedAt"))).isEqualTo(instant("2025-03-08T04:30:00Z"));
    }

    @Test
    void theSweepMarksAnOverdueComplaintOnceAndLeavesOneWithinItsDeadline() throws Exception {
        String region = SchemeVersionsTest.region(1);
        long late = id(register(complaint(region + ".W1", "2025-04-01T10:00:00+08:00", region + "-a", "fees",
                "letter")));
        String recent = OffsetDateTime.now().minusMinutes(5).toString();
        long fresh = id(register(complaint(region + ".W1", recent, region + "-b", "fees", "letter")));

        sweep.sweep().await().indefinitely();
        List<Long> again = sweep.sweep().await().indefinitely();

        assertThat(again).doesNotContain(late, fresh);
        assertThat(overdueEvents(late)).isEqualTo(1);
        assertThat(overdueEvents(fresh)).isZero();
        asAdmin().get("/api/v1/complaints/{id}", late).then().statusCode(200)
                .body("state", equalTo("overdue")).body("overdueAt", notNullValue());
        asAdmin().get("/api/v1/complaints/{id}", fresh).then().statusCode(200)
                .body("state", equalTo("open")).body("late", equalTo(false));
        // its timeliness sample: missed
        assertThat(sample("complaintTimely", late)).isEqualByComparingTo("0");
        assertThat(sample("complaintTimely", fresh)).isNull();
    }

    static long overdueEvents(long id) throws Exception {
        try (Connection c = DatabaseOwner.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM outbound_event WHERE kind = 'complaint.overdue' AND subject = ?")) {
            s.setString(1, "complaint/" + id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static BigDecimal sample(String figure, long id) throws Exception {
        try (Connection c = DatabaseOwner.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT value FROM figure_sample WHERE figure = ? AND ref_id = ?")) {
            s.setString(1, figure);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    @Test
    void theSameCustomerAndCategoryWithinThirtyDaysIsARepeatAndAnUnsatisfiedOneEscalates() throws Exception {
        String region = SchemeVersionsTest.region(2);
        String customer = region + "-customer";
        long first = id(register(complaint(region + ".W1", "2025-05-01T10:00:00+08:00", customer, "fees",
                "hotline")));
        reply(first, "2025-05-02T10:00:00+08:00");
        rate(first, "unsatisfied");
        // 29 days later at another window, same category: a repeat of an unsatisfied complaint, so escalated
        JsonPath repeat = register(complaint(region + ".W2", "2025-05-30T10:00:00+08:00", customer, "fees",
                "online"));
        // another category: not a repeat
        JsonPath other = register(complaint(region + ".W1", "2025-05-20T10:00:00+08:00", customer, "queue-time",
                "online"));
        // 31 days after the first (past the 30), 2 after the repeat: a repeat of that one (not rated), so not
        // escalated
        JsonPath again = register(complaint(region + ".W1", "2025-06-01T10:00:00+08:00", customer, "fees",
                "walk-in"));
        // 44 days after the last of its category: not a repeat; through the regulator: escalated
        JsonPath regulator = register(complaint(region + ".W1", "2025-07-15T10:00:00+08:00", customer, "fees",
                "regulator"));

        assertThat(repeat.getBoolean("repeat")).isTrue();
        assertThat(repeat.getBoolean("escalated")).isTrue();
        assertThat(other.getBoolean("repeat")).isFalse();
        assertThat(other.getBoolean("escalated")).isFalse();
        assertThat(again.getBoolean("repeat")).isTrue();
        assertThat(again.getBoolean("escalated")).isFalse();
        assertThat(regulator.getBoolean("repeat")).isFalse();
        assertThat(regulator.getBoolean("escalated")).isTrue();
        assertThat(sample("complaintRepeat", id(repeat))).isEqualByComparingTo("100");
        assertThat(sample("complaintRepeat", id(other))).isEqualByComparingTo("0");
        assertThat(sample("complaintSatisfied", first)).isEqualByComparingTo("0");
        assertThat(sample("complaintTimely", first)).isEqualByComparingTo("100");
    }

    @Test
    void theFiguresOfAMonthAQuarterAndAGroupAreWorkedByHand() {
        String region = SchemeVersionsTest.region(2);
        String w1 = region + ".W1";
        String w2 = region + ".W2";
        // W1, January 2025 (each due 3 calendar days after the day of receipt, at midnight in Shanghai)
        // c1: Mon 01-06, due Fri 01-10 00:00; replied 01-08: timely; satisfied
        long c1 = id(register(complaint(w1, "2025-01-06T10:00:00+08:00", region + "-p", "fees", "hotline")));
        reply(c1, "2025-01-08T10:00:00+08:00");
        rate(c1, "satisfied");
        // c2: 01-13, due 01-17 00:00; replied 01-20: late; unsatisfied
        long c2 = id(register(complaint(w1, "2025-01-13T10:00:00+08:00", region + "-q", "fees", "letter")));
        reply(c2, "2025-01-20T10:00:00+08:00");
        rate(c2, "unsatisfied");
        // c3: 01-20, never replied: overdue
        register(complaint(w1, "2025-01-20T09:00:00+08:00", region + "-r", "fees", "online"));
        // c4: c1's customer and category 9 days later: a repeat (c1 satisfied: not escalated); replied in time
        long c4 = id(register(complaint(w1, "2025-01-15T10:00:00+08:00", region + "-p", "fees", "hotline")));
        reply(c4, "2025-01-16T10:00:00+08:00");
        // W2: c5, 01-31 23:00 in Shanghai (15:00 UTC): January; through the regulator; timely; satisfied
        long c5 = id(register(complaint(w2, "2025-01-31T23:00:00+08:00", region + "-s", "fees", "regulator")));
        reply(c5, "2025-02-01T10:00:00+08:00");
        rate(c5, "satisfied");
        // c6: 02-01 00:30 in Shanghai (01-31 16:30 UTC): February; never replied
        register(complaint(w2, "2025-02-01T00:30:00+08:00", region + "-t", "fees", "hotline"));
        asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("unit", w1, "month", "2025-01", "volume", 30000),
                Map.of("unit", w2, "month", "2025-01", "volume", 20000),
                Map.of("unit", w2, "month", "2025-02", "volume", "5000")))
                .put("/api/v1/transaction-volumes").then().statusCode(200).body("written", equalTo(3));

        JsonPath month = figures("2025-01", region);
        // the group: 5 complaints, 4 replied, 3 timely, 1 overdue: 3 × 100 / (4 + 1) = 60.00;
        // 3 rated, 2 satisfied: 66.666… → 66.67; 1 repeat of 5: 20.00; 1 escalation;
        // volume 30000 + 20000 = 50000: 5 × 10000 / 50000 = 1.00
        assertFigures(month, 0, region, true, 5, 3, 1, "60.00", "66.67", "20.00", 1, 50000L, "1.00");
        // W1: 4 complaints, 3 replied, 2 timely (c1, c4), 1 overdue (c3): 2 × 100 / 4 = 50.00; rated 2, satisfied
        // 1: 50.00; repeats 1 of 4: 25.00; no escalation; 4 × 10000 / 30000 = 1.333… → 1.33
        assertFigures(month, 1, w1, false, 4, 2, 1, "50.00", "50.00", "25.00", 0, 30000L, "1.33");
        // W2: c5 alone: 100.00, 100.00, 0.00; 1 escalation; 1 × 10000 / 20000 = 0.50
        assertFigures(month, 2, w2, false, 1, 1, 0, "100.00", "100.00", "0.00", 1, 20000L, "0.50");
        assertThat(month.getList("")).hasSize(3);

        // W2 over the quarter: c5 and c6 (overdue): 1 × 100 / 2 = 50.00; volume 20000 + 5000 (March none) = 25000:
        // 2 × 10000 / 25000 = 0.80
        JsonPath quarter = figures("2025-Q1", w2);
        assertFigures(quarter, 0, w2, true, 2, 1, 1, "50.00", "100.00", "0.00", 1, 25000L, "0.80");
        // February, W1: no complaints, no volume: no row but the group's, and its rates null
        JsonPath february = figures("2025-02", w1);
        assertThat(february.getList("")).hasSize(1);
        assertThat((Object) february.get("[0].timelinessRate")).isNull();
        assertThat((Object) february.get("[0].perTenThousand")).isNull();

        asAdmin().queryParam("period", "2025-13").get("/api/v1/complaints/figures").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/period"));
    }

    static JsonPath figures(String period, String unit) {
        return JsonPath.from(asAdmin().queryParam("period", period).queryParam("unit", unit)
                .get("/api/v1/complaints/figures").then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    static void assertFigures(JsonPath f, int i, String unit, boolean group, int complaints, int timely,
            int overdue, String timeliness, String satisfaction, String repeat, int escalations, Long volume,
            String perTenThousand) {
        String at = "[" + i + "].";
        assertThat(f.getString(at + "unit")).isEqualTo(unit);
        assertThat(f.getBoolean(at + "group")).isEqualTo(group);
        assertThat(f.getInt(at + "complaints")).isEqualTo(complaints);
        assertThat(f.getInt(at + "timely")).isEqualTo(timely);
        assertThat(f.getInt(at + "overdue")).isEqualTo(overdue);
        assertThat(new BigDecimal(f.getString(at + "timelinessRate"))).isEqualTo(new BigDecimal(timeliness));
        assertThat(new BigDecimal(f.getString(at + "satisfactionRate"))).isEqualTo(new BigDecimal(satisfaction));
        assertThat(new BigDecimal(f.getString(at + "repeatRate"))).isEqualTo(new BigDecimal(repeat));
        assertThat(f.getInt(at + "escalations")).isEqualTo(escalations);
        assertThat(f.getLong(at + "volume")).isEqualTo(volume);
        assertThat(new BigDecimal(f.getString(at + "perTenThousand"))).isEqualTo(new BigDecimal(perTenThousand));
    }

    static io.restassured.specification.RequestSpecification csv() {
        return asAdmin().contentType("text/csv; charset=UTF-8");
    }

    @Test
    void aFileOfComplaintsIsTakenWholeOrNotAtAll() {
        String region = SchemeVersionsTest.region(1);
        String unit = region + ".W1";
        String header = "channel,receivedAt,unit,category,subject,customerRef,firstResponder\n";
        String good = "hotline,2025-06-02T10:00:00+08:00," + unit + ",fees,多收费用," + region + "-x,李四\n";
        String bad = header + good
                + "fax,2025-06-03T10:00:00+08:00," + unit + ",fees,多收费用," + region + "-y,李四\n"
                + "letter,yesterday," + unit + ",Fees!,多收费用," + region + "-z,李四\n";
        csv().body(bad).post("/api/v1/complaints/import").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/3/channel", "/4/receivedAt", "/4/category"));
        csv().body(header + good.replace(unit, region + ".NOPE"))
                .post("/api/v1/complaints/import").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/2/unit"));
        asAdmin().queryParam("unit", region).get("/api/v1/complaints").then().statusCode(200).body("", hasSize(0));

        // a time without an offset is in the server's zone (Asia/Shanghai)
        String file = header + good
                + "walk-in,2025-06-03 09:00:00," + unit + ",fees,态度差," + region + "-x,王五\n";
        csv().body(file).post("/api/v1/complaints/import").then().statusCode(201)
                .body("", hasSize(2)).body("[1].repeat", equalTo(true));
        String export = asAdmin().queryParam("unit", region).queryParam("format", "csv")
                .get("/api/v1/complaints/export").then().statusCode(200).extract().asString();
        assertThat(export).contains("2025-06-03T09:00+08:00").contains("态度差").doesNotContain(region + "-x");

        String volumes = "unit,month,volume\n" + unit + ",2025-06,1000\n" + unit + ",2025-06,2000\n"
                + unit + ",2025-6,x\n";
        csv().body(volumes).put("/api/v1/transaction-volumes").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/3/month", "/4/month", "/4/volume"));
        asAdmin().queryParam("unit", region).get("/api/v1/transaction-volumes").then().body("", hasSize(0));
        // an XLSX file, as the one XLSX writer makes it (a number cell read as its text)
        byte[] workbook = io.servicegrade.platform.csv.Xlsx.document("volumes", List.of("unit", "month", "volume"),
                List.of(List.of(unit, "2025-06", 1000)));
        asAdmin().contentType(io.servicegrade.platform.csv.Xlsx.MEDIA_TYPE).body(workbook)
                .put("/api/v1/transaction-volumes").then().statusCode(200).body("written", equalTo(1));
        asAdmin().queryParam("unit", region).get("/api/v1/transaction-volumes").then()
                .body("month", containsInAnyOrder("2025-06")).body("volume", containsInAnyOrder(1000));
    }

    @Test
    void aBadRegistrationNamesEveryFieldAndStoresNothing() {
        String region = SchemeVersionsTest.region(1);
        Map<String, Object> body = complaint(region + ".W1", "2999-01-01T10:00:00+08:00", region + "-x", "Fees",
                "fax");
        body.remove("firstResponder");
        body.put("colour", "red");
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/channel", "/receivedAt", "/category",
                        "/firstResponder", "/colour"));
        asAdmin().contentType(ContentType.JSON).body(List.of(
                complaint(region + ".W1", "2025-01-01T10:00:00+08:00", region + "-x", "fees", "hotline"),
                complaint(region + ".NOPE", "2025-01-01T10:00:00+08:00", region + "-x", "fees", "hotline")))
                .post("/api/v1/complaints/batch").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/1/unit"));
        asAdmin().queryParam("unit", region).get("/api/v1/complaints").then().body("", hasSize(0));
    }

    @Test
    void managersActInTheirScopeViewersReadAndOnlyTheRegistrarOrAnAnalystRates() {
        String region = SchemeVersionsTest.region(2);
        String elsewhere = SchemeVersionsTest.region(1);
        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        String otherManager = AppealFixture.token(List.of("manager"), List.of(region));
        String viewer = AppealFixture.token(List.of("viewer"), List.of(region));
        String analyst = AppealFixture.token(List.of("analyst"), List.of());
        // an inspector reads and registers complaints everywhere, whatever its scope (issue 19)
        String inspector = AppealFixture.token(List.of("inspector"), List.of(region));

        long mine = ((Number) as(manager).body(complaint(region + ".W1", "2025-02-03T10:00:00+08:00",
                region + "-m", "fees", "walk-in")).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("id")).longValue();
        as(manager).body(complaint(elsewhere + ".W1", "2025-02-03T10:00:00+08:00", region + "-m", "fees",
                "walk-in")).post("/api/v1/complaints").then().statusCode(403)
                .body("errors.pointer", containsInAnyOrder("/unit"));
        long theirs = ((Number) as(inspector).body(complaint(elsewhere + ".W1", "2025-02-03T10:00:00+08:00",
                region + "-n", "fees", "walk-in")).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("id")).longValue();
        as(viewer).body(complaint(region + ".W1", "2025-02-03T10:00:00+08:00", region + "-v", "fees", "walk-in"))
                .post("/api/v1/complaints").then().statusCode(403);

        as(viewer).get("/api/v1/complaints/{id}", mine).then().statusCode(200);
        as(viewer).get("/api/v1/complaints/{id}", theirs).then().statusCode(404);
        as(manager).get("/api/v1/complaints").then().statusCode(200).body("id", containsInAnyOrder((int) mine));
        as(manager).get("/api/v1/complaints/todo").then().statusCode(200).body("id", containsInAnyOrder((int) mine));

        // a reply: a manager in scope (not an analyst, not a manager elsewhere)
        Map<String, Object> reply = Map.of("resolution", "已处理", "repliedAt", "2025-02-04T10:00:00+08:00");
        as(analyst).body(reply).post("/api/v1/complaints/{id}/reply", mine).then().statusCode(403);
        as(manager).body(reply).post("/api/v1/complaints/{id}/reply", theirs).then().statusCode(404);
        as(manager).body(Map.of("resolution", "已处理", "repliedAt", "2025-02-01T10:00:00+08:00"))
                .post("/api/v1/complaints/{id}/reply", mine).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/repliedAt"));
        as(manager).body(Map.of("satisfaction", "satisfied"))
                .post("/api/v1/complaints/{id}/satisfaction", mine).then().statusCode(409);
        as(manager).body(reply).post("/api/v1/complaints/{id}/reply", mine).then().statusCode(200)
                .body("state", equalTo("replied")).body("late", equalTo(false));
        as(manager).body(reply).post("/api/v1/complaints/{id}/reply", mine).then().statusCode(409);
        as(manager).get("/api/v1/complaints/todo").then().statusCode(200).body("", hasSize(0));

        // the satisfaction: who registered it, or an analyst; once
        as(otherManager).body(Map.of("satisfaction", "satisfied"))
                .post("/api/v1/complaints/{id}/satisfaction", mine).then().statusCode(403);
        as(manager).body(Map.of("satisfaction", "satisfied"))
                .post("/api/v1/complaints/{id}/satisfaction", mine).then().statusCode(200)
                .body("satisfaction", equalTo("satisfied"));
        as(analyst).body(Map.of("satisfaction", "unsatisfied"))
                .post("/api/v1/complaints/{id}/satisfaction", mine).then().statusCode(409);

        // an agency's key reads nothing here
        String agency = TestApi.agency(List.of("survey"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + agency)
                .get("/api/v1/complaints").then().statusCode(403);
        as(viewer).body(List.of(Map.of("unit", region + ".W1", "month", "2025-02", "volume", 1)))
                .put("/api/v1/transaction-volumes").then().statusCode(403);
        as(manager).body(List.of(Map.of("unit", elsewhere + ".W1", "month", "2025-02", "volume", 1)))
                .put("/api/v1/transaction-volumes").then().statusCode(403)
                .body("errors.pointer", containsInAnyOrder("/0/unit"));
    }
}
