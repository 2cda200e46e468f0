package io.servicegrade.rectification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.servicegrade.TestApi.agency;
import static io.servicegrade.rectification.RectificationFixture.as;
import static io.servicegrade.rectification.RectificationFixture.count;
import static io.servicegrade.rectification.RectificationFixture.fromEvaluation;
import static io.servicegrade.rectification.RectificationFixture.raise;
import static io.servicegrade.rectification.RectificationFixture.reply;
import static io.servicegrade.rectification.RectificationFixture.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Rectification orders over REST (issue 19, point 1): raising, deadlines, the sweep, the flow, scope, figures. */
@QuarkusTest
class RectificationsTest {

    @Inject
    RectificationSweep sweep;

    private static Duration instant(String a, String b) {
        return Duration.between(OffsetDateTime.parse(a), OffsetDateTime.parse(b));
    }

    @Test
    void onlyAnEvaluationsDeductedItemsOrItsVetoMayBeChosenAndEachBadOneIsNamed() {
        RectificationFixture f = RectificationFixture.of(1);
        // findings: 20 violations → 80 of 100 (deducted); sign passed (not deducted, not vetoed)
        long clean = f.evaluation(f.window(1), "2025-03-07T10:00:00+08:00", 80, true);
        as(f.analyst()).body(fromEvaluation(clean, List.of("findings", "sign", "nosuch"), "veto", true))
                .post("/api/v1/rectifications").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/items/1", "/items/2", "/veto"));
        as(f.analyst()).body(Map.of("evaluation", clean)).post("/api/v1/rectifications").then().statusCode(422)
                .body("errors.pointer", contains("/items"));
        as(f.analyst()).body(fromEvaluation(999_999_999L, List.of("findings"))).post("/api/v1/rectifications")
                .then().statusCode(422).body("errors.pointer", contains("/evaluation"));
        as(f.analyst()).body(Map.of("unit", f.window(1))).post("/api/v1/rectifications").then().statusCode(422)
                .body("errors.pointer", contains("/title"));
        as(f.analyst()).header("Accept-Language", "zh-CN")
                .body(fromEvaluation(clean, List.of("sign"))).post("/api/v1/rectifications").then().statusCode(422)
                .body("errors[0].message", containsString("未扣分"));
        as(f.analyst()).queryParam("unit", f.window(1)).get("/api/v1/rectifications").then().statusCode(200)
                .body("$", hasSize(0));
        // nor may a manager, a viewer or an agency raise one
        as(f.manager()).body(fromEvaluation(clean, List.of("findings"))).post("/api/v1/rectifications").then()
                .statusCode(403);
        as(f.viewer()).body(fromEvaluation(clean, List.of("findings"))).post("/api/v1/rectifications").then()
                .statusCode(403);
        as(agency(null)).body(fromEvaluation(clean, List.of("findings"))).post("/api/v1/rectifications").then()
                .statusCode(403);

        long id = raise(f.inspector(), fromEvaluation(clean, List.of("findings")));
        // minor (the item kept 80 of its points): 15 calendar days after Friday 2025-03-07, the last day Saturday
        // 2025-03-22, due at midnight after it in Asia/Shanghai
        as(f.manager()).get("/api/v1/rectifications/{id}", id).then().statusCode(200)
                .body("unit", equalTo(f.window(1))).body("evaluation", equalTo((int) clean))
                .body("severity", equalTo("minor")).body("state", equalTo("open"))
                .body("items.key", contains("findings"))
                .body("items[0].nameZh", equalTo("发现")).body("title", containsString("Findings"))
                .body("overdue", equalTo(true)).body("history", hasSize(0));
        String raisedAt = as(f.manager()).get("/api/v1/rectifications/{id}", id).then().extract().path("raisedAt");
        String dueAt = as(f.manager()).get("/api/v1/rectifications/{id}", id).then().extract().path("dueAt");
        assertThat(instant(raisedAt, "2025-03-07T10:00:00+08:00")).isZero();
        // the item as the breakdown stored it: 100 points, 80 kept, 20 deducted
        String deduction = as(f.manager()).get("/api/v1/rectifications/{id}", id).then()
                .extract().path("items[0].deduction");
        assertThat(new java.math.BigDecimal(deduction)).isEqualByComparingTo("20");
        assertThat(instant(dueAt, "2025-03-23T00:00:00+08:00")).isZero();
    }

    @Test
    void aVetoOrderIsDueInThreeCalendarDaysAcrossTheWeekendAndAnItemThatLostEverythingIsMajor() {
        RectificationFixture f = RectificationFixture.of(1);
        // sign failed: the evaluation is vetoed by its veto item
        long vetoed = f.evaluation(f.window(1), "2025-03-07T16:00:00+08:00", 90, false);
        long id = raise(f.analyst(), fromEvaluation(vetoed, List.of(), "veto", true));
        // Friday 2025-03-07 received; Saturday, Sunday, Monday counted (calendar days, the default): due Tuesday
        String dueAt = as(f.analyst()).get("/api/v1/rectifications/{id}", id).then().statusCode(200)
                .body("severity", equalTo("veto")).body("items.key", contains("sign"))
                .body("items[0].vetoed", equalTo(true)).extract().path("dueAt");
        assertThat(instant(dueAt, "2025-03-11T00:00:00+08:00")).isZero();

        // findings 100 violations: 0 of 100 points, so major, 7 days: Saturday 03-08 … Friday 03-14, due Saturday
        long lost = f.evaluation(f.window(1), "2025-03-07T09:00:00+08:00", 0, true);
        long major = raise(f.analyst(), fromEvaluation(lost, List.of("findings")));
        dueAt = as(f.analyst()).get("/api/v1/rectifications/{id}", major).then()
                .body("severity", equalTo("major")).extract().path("dueAt");
        assertThat(instant(dueAt, "2025-03-15T00:00:00+08:00")).isZero();

        // a deadline given is kept; one before the finding is refused
        long given = raise(f.analyst(), fromEvaluation(lost, List.of("findings"), "dueAt",
                "2025-04-01T00:00:00+08:00", "severity", "minor"));
        dueAt = as(f.analyst()).get("/api/v1/rectifications/{id}", given).then()
                .body("severity", equalTo("minor")).extract().path("dueAt");
        assertThat(instant(dueAt, "2025-04-01T00:00:00+08:00")).isZero();
        as(f.analyst()).body(fromEvaluation(lost, List.of("findings"), "dueAt", "2025-03-01T00:00:00+08:00"))
                .post("/api/v1/rectifications").then().statusCode(422).body("errors.pointer", contains("/dueAt"));
    }

    @Test
    void theSweepMarksAnOverdueOrderOnceEvenWhenRunTwice() {
        RectificationFixture f = RectificationFixture.of(1);
        long evaluation = f.evaluation(f.window(1), "2025-05-06T10:00:00+08:00", 95, true);
        long id = raise(f.analyst(), fromEvaluation(evaluation, List.of("findings")));
        String subject = "rectification/" + id;
        assertThat(count("SELECT count(*) FROM outbound_event WHERE kind = 'rectification.created' AND subject = ?",
                subject)).isEqualTo(1);
        // overdue from its deadline on, before any sweep
        as(f.manager()).queryParam("unit", f.region()).queryParam("overdue", "true").get("/api/v1/rectifications")
                .then().statusCode(200).body("id", contains((int) id));

        sweep.sweep().await().atMost(Duration.ofSeconds(30));
        sweep.sweep().await().atMost(Duration.ofSeconds(30));
        assertThat(count("SELECT count(*) FROM outbound_event WHERE kind = 'rectification.overdue' AND subject = ?",
                subject)).isEqualTo(1);
        // never replied: 0 for the reply and for on time
        assertThat(count("SELECT count(*) FROM figure_sample WHERE ref_id = ? AND value = 0 AND figure IN"
                + " ('rectificationReply', 'rectificationOnTime')", id)).isEqualTo(2);

        // a late reply: replied (100), still not on time (0), kept as late
        reply(f.manager(), id);
        as(f.manager()).get("/api/v1/rectifications/{id}", id).then().body("state", equalTo("replied"))
                .body("overdue", equalTo(false)).body("history[0].late", equalTo(true));
        assertThat(count("SELECT count(*) FROM figure_sample WHERE ref_id = ? AND figure = 'rectificationReply'"
                + " AND value = 100", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM figure_sample WHERE ref_id = ? AND figure = 'rectificationOnTime'"
                + " AND value = 0", id)).isEqualTo(1);
    }

    @Test
    void theOwnerRepliesTheVerifierReturnsOrAcceptsAndEveryStepIsKept() {
        RectificationFixture f = RectificationFixture.of(1);
        long id = raise(f.analyst(), Map.of("unit", f.window(1), "title", "柜台无叫号机 / no queue machine",
                "itemKey", "queue"));
        as(f.analyst()).get("/api/v1/rectifications/{id}", id).then().body("severity", equalTo("minor"))
                .body("evaluation", nullValue()).body("items.key", contains("queue")).body("overdue", equalTo(false));

        // accepting an open order is a conflict; a manager does not verify; the wrong people do not reply
        as(f.analyst()).body(Map.of("outcome", "accepted")).post("/api/v1/rectifications/{id}/verification", id)
                .then().statusCode(409).body("detail", containsString("open"));
        as(f.manager()).body(Map.of("outcome", "accepted")).post("/api/v1/rectifications/{id}/verification", id)
                .then().statusCode(403);
        as(f.analyst()).body(Map.of("text", "done")).post("/api/v1/rectifications/{id}/reply", id).then()
                .statusCode(403);
        as(f.viewer()).body(Map.of("text", "done")).post("/api/v1/rectifications/{id}/reply", id).then()
                .statusCode(403);
        as(f.outsider()).body(Map.of("text", "done")).post("/api/v1/rectifications/{id}/reply", id).then()
                .statusCode(404);
        as(f.outsider()).get("/api/v1/rectifications/{id}", id).then().statusCode(404);
        as(f.manager()).body(Map.of("text", " ", "evidence", List.of("ftp://x/y", "https://ok.example/a.jpg")))
                .post("/api/v1/rectifications/{id}/reply", id).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/text", "/evidence/0"));

        reply(f.manager(), id);
        as(f.manager()).body(Map.of("text", "again")).post("/api/v1/rectifications/{id}/reply", id).then()
                .statusCode(409);
        as(f.inspector()).body(Map.of("outcome", "returned")).post("/api/v1/rectifications/{id}/verification", id)
                .then().statusCode(422).body("errors.pointer", contains("/reason"));
        verify(f.inspector(), id, "returned", "照片不清晰 / the photo is unreadable");
        as(f.manager()).get("/api/v1/rectifications/{id}", id).then().body("state", equalTo("returned"));
        reply(f.manager(), id);
        verify(f.analyst(), id, "accepted", null);
        as(f.viewer()).get("/api/v1/rectifications/{id}", id).then().statusCode(200)
                .body("state", equalTo("accepted")).body("verifiedAt", notNullValue())
                .body("history.kind", contains("reply", "return", "reply", "accept"))
                .body("history[0].evidence", contains("https://evidence.example/after.jpg"))
                .body("history[1].text", containsString("unreadable")).body("history[0].late", equalTo(false));
        as(f.manager()).body(Map.of("text", "more")).post("/api/v1/rectifications/{id}/reply", id).then()
                .statusCode(409);
        // replied by its deadline: on time
        assertThat(count("SELECT count(*) FROM figure_sample WHERE ref_id = ? AND value = 100 AND figure IN"
                + " ('rectificationReply', 'rectificationOnTime')", id)).isEqualTo(2);
    }

    @Test
    void aManagerAndAViewerSeeTheirScopeAndTheToDoListsTheSoonestDeadlineFirst() {
        RectificationFixture f = RectificationFixture.of(2);
        long later = raise(f.analyst(), Map.of("unit", f.window(1), "title", "later", "severity", "minor"));
        long sooner = raise(f.analyst(), Map.of("unit", f.window(2), "title", "sooner", "severity", "veto"));
        long done = raise(f.analyst(), Map.of("unit", f.window(2), "title", "done"));
        reply(f.manager(), done);
        as(f.manager()).queryParam("unit", f.region()).get("/api/v1/rectifications").then().statusCode(200)
                .body("id", contains((int) done, (int) sooner, (int) later));
        as(f.viewer()).queryParam("unit", f.region()).queryParam("severity", "veto").get("/api/v1/rectifications")
                .then().statusCode(200).body("id", contains((int) sooner));
        as(f.manager()).queryParam("unit", f.region()).queryParam("state", "replied").get("/api/v1/rectifications")
                .then().body("id", contains((int) done));
        as(f.manager()).queryParam("unit", f.region()).queryParam("limit", 1).queryParam("offset", 1)
                .get("/api/v1/rectifications").then().body("id", contains((int) sooner));
        as(f.outsider()).queryParam("unit", f.region()).get("/api/v1/rectifications").then().statusCode(200)
                .body("$", hasSize(0));
        as(f.manager()).queryParam("state", "nope").queryParam("overdue", "maybe").get("/api/v1/rectifications")
                .then().statusCode(422).body("errors.pointer", containsInAnyOrder("/state", "/overdue"));
        as(agency(null)).get("/api/v1/rectifications").then().statusCode(403);
        List<Integer> todo = as(f.manager()).get("/api/v1/rectifications/todo").then().statusCode(200)
                .extract().path("id");
        assertThat(todo).containsSubsequence((int) sooner, (int) later).doesNotContain((int) done);
        assertThat(as(f.outsider()).get("/api/v1/rectifications/todo").then().statusCode(200)
                .extract().<List<Integer>>path("id")).doesNotContain((int) sooner, (int) later);
    }

    @Test
    void figuresPerUnitAndGroupAreHandWorked() {
        RectificationFixture f = RectificationFixture.of(2);
        // a deadline ahead of whatever day the suite runs on (CI runs it with the clock moved too)
        String future = java.time.OffsetDateTime.now().plusYears(1).toString();
        // W1: A (Feb, replied late), B (Jun, same item: a recurrence of A, left open and overdue), D (Sep, same item:
        // a recurrence, replied on time and accepted)
        long a = raise(f.analyst(), fromEvaluation(f.evaluation(f.window(1), "2025-02-10T10:00:00+08:00", 90, true),
                List.of("findings")));
        long b = raise(f.analyst(), fromEvaluation(f.evaluation(f.window(1), "2025-06-10T10:00:00+08:00", 85, true),
                List.of("findings")));
        long d = raise(f.analyst(), fromEvaluation(f.evaluation(f.window(1), "2025-09-01T10:00:00+08:00", 70, true),
                List.of("findings"), "dueAt", future));
        reply(f.manager(), a);
        reply(f.manager(), d);
        verify(f.inspector(), d, "accepted", null);
        // W2: E (January 2024, outside the window, overdue) and D2 (March 2025: the same item, but more than 12
        // months after E, so no recurrence), replied on time
        raise(f.analyst(), fromEvaluation(f.evaluation(f.window(2), "2024-01-15T10:00:00+08:00", 90, true),
                List.of("findings")));
        long d2 = raise(f.analyst(), fromEvaluation(f.evaluation(f.window(2), "2025-03-01T10:00:00+08:00", 90,
                true), List.of("findings"), "dueAt", future));
        reply(f.manager(), d2);
        // and one by hand, raised now: outside the window
        raise(f.analyst(), Map.of("unit", f.window(1), "title", "now"));
        assertThat(b).isPositive();

        as(f.manager()).queryParam("unit", f.region()).queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .get("/api/v1/rectifications/figures").then().statusCode(200)
                .body("recurrenceMonths", equalTo(12))
                // W1: 3 orders; replied A, D: 2 × 100 / 3 = 66.67; on time D: 1 × 100 / 3 = 33.33; overdue B;
                // accepted D; recurrences B, D of 3 from evaluations: 66.67
                .body("units.unit", contains(f.window(1), f.window(2)))
                .body("units[0].orders", equalTo(3)).body("units[0].replied", equalTo(2))
                .body("units[0].replyRate", equalTo(66.67f)).body("units[0].onTime", equalTo(1))
                .body("units[0].onTimeRate", equalTo(33.33f)).body("units[0].overdue", equalTo(1))
                .body("units[0].accepted", equalTo(1)).body("units[0].recurrences", equalTo(2))
                .body("units[0].recurrenceRate", equalTo(66.67f))
                // W2: D2 only: 1 of 1 replied and on time, 100.00; no recurrence, 0.00
                .body("units[1].orders", equalTo(1)).body("units[1].replyRate", equalTo(100.0f))
                .body("units[1].onTimeRate", equalTo(100.0f)).body("units[1].recurrenceRate", equalTo(0.0f))
                // the group: 4 orders; replied 3: 75.00; on time 2: 50.00; overdue 1; recurrences 2 of 4: 50.00
                .body("total.unit", equalTo(f.region())).body("total.orders", equalTo(4))
                .body("total.replied", equalTo(3)).body("total.replyRate", equalTo(75.0f))
                .body("total.onTime", equalTo(2)).body("total.onTimeRate", equalTo(50.0f))
                .body("total.overdue", equalTo(1)).body("total.accepted", equalTo(1))
                .body("total.fromEvaluations", equalTo(4)).body("total.recurrences", equalTo(2))
                .body("total.recurrenceRate", equalTo(50.0f));
        // the scheme's quarter 2025-Q1 (Asia/Shanghai): A (late) and D2 (on time): replied 2 of 2 = 100.00,
        // on time 1 × 100 / 2 = 50.00, no recurrence: 0.00
        as(f.manager()).queryParam("unit", f.region()).queryParam("scheme", f.setup().scheme())
                .queryParam("period", "2025-Q1").get("/api/v1/rectifications/figures").then().statusCode(200)
                .body("from", equalTo("2025-01-01")).body("to", equalTo("2025-03-31"))
                .body("total.orders", equalTo(2)).body("total.replyRate", equalTo(100.0f))
                .body("total.onTimeRate", equalTo(50.0f)).body("total.overdue", equalTo(0))
                .body("total.recurrenceRate", equalTo(0.0f));
        as(f.manager()).queryParam("unit", f.region()).queryParam("scheme", f.setup().scheme())
                .queryParam("period", "2025-W1").get("/api/v1/rectifications/figures").then().statusCode(422)
                .body("errors.pointer", contains("/period"));
        // one unit alone; nothing in a window with no orders
        as(f.analyst()).queryParam("unit", f.window(2)).queryParam("from", "2024-01-01").queryParam("to", "2024-12-31")
                .get("/api/v1/rectifications/figures").then().statusCode(200)
                .body("total.orders", equalTo(1)).body("total.overdue", equalTo(1)).body("total.replyRate", equalTo(0.0f));
        as(f.analyst()).queryParam("unit", f.window(2)).queryParam("from", "2020-01-01").queryParam("to", "2020-12-31")
                .get("/api/v1/rectifications/figures").then().statusCode(200)
                .body("total.orders", equalTo(0)).body("total.replyRate", nullValue());
        as(f.analyst()).get("/api/v1/rectifications/figures").then().statusCode(422)
                .body("errors.pointer", contains("/unit"));
    }

    @Test
    void theFilteredListExportsAsCsvAndXlsx() throws Exception {
        RectificationFixture f = RectificationFixture.of(1);
        long id = raise(f.analyst(), Map.of("unit", f.window(1), "title", "导出 export, \"quoted\""));
        String csv = as(f.manager()).header("Accept", "text/csv").queryParam("unit", f.region())
                .get("/api/v1/rectifications").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).contains("id,unit,unitName,evaluation,title,severity");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(id + "," + f.window(1) + ",").contains("\"导出 export, \"\"quoted\"\"\"")
                .contains(",minor,");

        byte[] xlsx = as(f.manager()).queryParam("format", "xlsx").queryParam("unit", f.region())
                .get("/api/v1/rectifications").then().statusCode(200).extract().asByteArray();
        String strings = "";
        String sheet = "";
        java.nio.file.Path file = java.nio.file.Files.createTempFile("rectifications", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    strings = text;
                } else if (entry.getName().startsWith("xl/worksheets/")) {
                    sheet = text;
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        // the writer escapes non-ASCII text as character references
        assertThat(strings).contains("unitName", f.window(1), "&#x5bfc;&#x51fa; export, &quot;quoted&quot;", "open");
        // a header row and one order's row
        assertThat(sheet.split("<row ", -1)).hasSize(3);
        as(f.manager()).queryParam("format", "pdf").get("/api/v1/rectifications").then().statusCode(422)
                .body("errors.pointer", contains("/format"));
    }
}
