package io.servicegrade.coverage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;
import io.servicegrade.evaluation.Sheet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.coverage.CoverageFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Inspection coverage over REST (issue 19, point 3): plans, coverage per unit and interval, the overdue and
 * never-inspected lists, rates per group, the duty rate, scope, validation and the exports. The figures are worked
 * by hand from {@link CoverageFixture}'s tree and inspections.
 */
@QuarkusTest
class CoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static JsonNode read(RequestSpecification request, String path) {
        try {
            return JSON.readTree(request.get(path).then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode row(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value == null ? row.get(field).isNull() : value.equals(row.get(field).asText())) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
    }

    static JsonNode row(JsonNode rows, String unit, String interval, String plan) {
        for (JsonNode row : rows) {
            if (row.get("unit").asText().equals(unit) && row.get("interval").asText().equals(interval)
                    && row.get("plan").asText().equals(plan)) {
                return row;
            }
        }
        throw new AssertionError("no row " + unit + " " + interval + " in " + rows);
    }

    /** The rows of the fixture's own plans. */
    static List<JsonNode> mine(CoverageFixture f, JsonNode rows) {
        List<JsonNode> out = new ArrayList<>();
        rows.forEach(r -> {
            if (List.of(f.urban(), f.rural()).contains(r.get("plan").asText())) {
                out.add(r);
            }
        });
        return out;
    }

    static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    @Test
    void coveragePerUnitAndIntervalCountsInspectionsOfTheUnitAndBelowItInLocalMonths() {
        CoverageFixture f = CoverageFixture.of();
        JsonNode urban = read(asAdmin().queryParam("plan", f.urban()).queryParam("unit", f.p())
                .queryParam("from", "2025-04-01").queryParam("to", "2025-06-30"), "/api/v1/coverage");
        // two urban outlets × April, May, June; the window's inspection covers its outlet in April
        assertThat(urban).hasSize(6);
        JsonNode o1April = row(urban, f.unit("B1.O1"), "2025-04", f.urban());
        assertThat(o1April.get("covered").asBoolean()).isTrue();
        assertThat(o1April.get("evaluations").asInt()).isEqualTo(1);
        assertThat(instant(o1April.get("lastInspectedAt"))).isEqualTo(Instant.parse("2025-04-10T02:00:00Z"));
        JsonNode o3April = row(urban, f.unit("B2.O3"), "2025-04", f.urban());
        assertThat(o3April.get("evaluations").asInt()).isEqualTo(2);
        assertThat(instant(o3April.get("lastInspectedAt"))).isEqualTo(Instant.parse("2025-04-25T02:00:00Z"));
        assertThat(row(urban, f.unit("B2.O3"), "2025-05", f.urban()).get("covered").asBoolean()).isFalse();
        assertThat(row(urban, f.unit("B2.O3"), "2025-06", f.urban()).get("evaluations").asInt()).isZero();
        assertThat(row(urban, f.unit("B1.O1"), "2025-06", f.urban()).get("covered").asBoolean()).isTrue();

        JsonNode rural = read(asAdmin().queryParam("plan", f.rural()).queryParam("unit", f.p())
                .queryParam("period", "2025-Q2"), "/api/v1/coverage");
        // two rural outlets × March–April and May–June (the intervals that overlap the second quarter)
        assertThat(rural).hasSize(4);
        JsonNode o2MarApr = row(rural, f.unit("B1.O2"), "2025-03..2025-04", f.rural());
        assertThat(o2MarApr.get("start").asText()).isEqualTo("2025-03-01");
        assertThat(o2MarApr.get("end").asText()).isEqualTo("2025-05-01");
        assertThat(o2MarApr.get("covered").asBoolean()).isTrue();
        // 2025-06-30 23:30 in Beijing is 15:30 UTC: still June, so May–June is covered
        JsonNode o2MayJun = row(rural, f.unit("B1.O2"), "2025-05..2025-06", f.rural());
        assertThat(o2MayJun.get("covered").asBoolean()).isTrue();
        assertThat(instant(o2MayJun.get("lastInspectedAt"))).isEqualTo(Instant.parse("2025-06-30T15:30:00Z"));
        // O4's video check does not count for a plan on inspections
        assertThat(row(rural, f.unit("B2.O4"), "2025-05..2025-06", f.rural()).get("covered").asBoolean()).isFalse();
    }

    @Test
    void ratesPerGroupAreCoveredUnitIntervalsOverRequiredOnesRoundedOnce() {
        CoverageFixture f = CoverageFixture.of();
        JsonNode urban = read(asAdmin().queryParam("plan", f.urban()).queryParam("unit", f.p())
                .queryParam("level", "branch").queryParam("from", "2025-04-01").queryParam("to", "2025-06-30"),
                "/api/v1/coverage/rates");
        // B1: O1 covered in April, May and June: 3 / 3 = 100.00 %
        JsonNode b1 = row(urban, "group", f.unit("B1"));
        assertThat(b1.get("units").asInt()).isEqualTo(1);
        assertThat(b1.get("required").asLong()).isEqualTo(3);
        assertThat(b1.get("covered").asLong()).isEqualTo(3);
        assertThat(b1.get("rate").decimalValue()).isEqualByComparingTo("100.00");
        // B2: O3 covered in April only: 1 / 3 = 33.333… → 33.33 %
        JsonNode b2 = row(urban, "group", f.unit("B2"));
        assertThat(b2.get("covered").asLong()).isEqualTo(1);
        assertThat(b2.get("rate").decimalValue()).isEqualByComparingTo("33.33");
        // total: (3 + 1) / (3 + 3) = 4 / 6 = 66.666… → 66.67 %
        JsonNode all = row(urban, "group", null);
        assertThat(all.get("units").asInt()).isEqualTo(2);
        assertThat(all.get("intervals").asInt()).isEqualTo(3);
        assertThat(all.get("required").asLong()).isEqualTo(6);
        assertThat(all.get("rate").decimalValue()).isEqualByComparingTo("66.67");

        JsonNode rural = read(asAdmin().queryParam("plan", f.rural()).queryParam("unit", f.p())
                .queryParam("level", "branch").queryParam("period", "2025-Q2"), "/api/v1/coverage/rates");
        // B1: O2 in March–April and May–June: 2 / 2 = 100.00 %; B2: O4 never: 0 / 2 = 0.00 %; total 2 / 4 = 50.00 %
        assertThat(row(rural, "group", f.unit("B1")).get("rate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(row(rural, "group", f.unit("B2")).get("rate").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(row(rural, "group", null).get("rate").decimalValue()).isEqualByComparingTo("50.00");
    }

    @Test
    void theDutyRateIsTheShareOfIntervalsInWhichAnInspectorMadeThePlansMinimum() {
        CoverageFixture f = CoverageFixture.of();
        JsonNode urban = read(asAdmin().queryParam("plan", f.urban()).queryParam("unit", f.p())
                .queryParam("period", "2025-Q2"), "/api/v1/coverage/duty");
        // the plan asks 2 inspections per month of each named inspector.
        // I: April 3 (W1 10th, O3 3rd and 25th) ≥ 2 met; May 0; June 0 → 1 / 3 = 33.33 %
        JsonNode i = row(urban, "inspector", f.inspectorLogin());
        assertThat(i.get("inspectorKind").asText()).isEqualTo("account");
        assertThat(i.get("intervals").asInt()).isEqualTo(3);
        assertThat(i.get("met").asInt()).isEqualTo(1);
        assertThat(i.get("inspections").asLong()).isEqualTo(3);
        assertThat(i.get("rate").decimalValue()).isEqualByComparingTo("33.33");
        // A: April 0; May 1 (O1 20th) < 2; June 1 (O1 12th) < 2 → 0 / 3 = 0.00 %
        JsonNode a = row(urban, "inspector", f.agencyCode());
        assertThat(a.get("inspectorKind").asText()).isEqualTo("agency");
        assertThat(a.get("met").asInt()).isZero();
        assertThat(a.get("inspections").asLong()).isEqualTo(2);
        assertThat(a.get("rate").decimalValue()).isEqualByComparingTo("0.00");
        // total: (1 + 0) / (3 + 3) = 16.666… → 16.67 %
        JsonNode all = row(urban, "inspector", null);
        assertThat(all.get("met").asInt()).isEqualTo(1);
        assertThat(all.get("intervals").asInt()).isEqualTo(6);
        assertThat(all.get("rate").decimalValue()).isEqualByComparingTo("16.67");
        assertThat(urban).hasSize(3);

        // the rural plan names no inspector: everyone who inspected its units, at least 1 per interval.
        // A: March–April 1 (O2 15 March), May–June 0 → 1 / 2 = 50.00 %; I: 0, then 1 (O2 30 June) → 50.00 %;
        // the admin's video check is not an inspection and does not make the admin an inspector here
        JsonNode rural = read(asAdmin().queryParam("plan", f.rural()).queryParam("unit", f.p())
                .queryParam("period", "2025-Q2"), "/api/v1/coverage/duty");
        assertThat(row(rural, "inspector", f.agencyCode()).get("rate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(row(rural, "inspector", f.inspectorLogin()).get("rate").decimalValue())
                .isEqualByComparingTo("50.00");
        assertThat(row(rural, "inspector", null).get("rate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(rural).hasSize(3);
    }

    @Test
    void overdueAndNeverInspectedListsFollowTheDayAsked() {
        CoverageFixture f = CoverageFixture.of();
        // 20 July 2025. Urban (monthly): O1 has June but not July, and 20 July is past July's middle day (1 July +
        // 31 / 2 = 15 days → 16 July): past-midpoint since 16 July. O3 was inspected on 2 July: not overdue.
        // Rural (two-monthly): July–August's middle day is 1 July + 62 / 2 = 31 days → 1 August. O2 had May–June:
        // not overdue yet. O4 missed May–June and has nothing in July–August: missed-last since 1 July.
        JsonNode july = read(asAdmin().queryParam("unit", f.p()).queryParam("at", "2025-07-20"),
                "/api/v1/coverage/overdue");
        List<String> listed = new ArrayList<>();
        // other tests' plans may select every unit: only the fixture's two plans are looked at
        mine(f, july).forEach(r -> listed.add(r.get("plan").asText() + " " + r.get("unit").asText() + " "
                + r.get("reason").asText() + " " + r.get("since").asText()));
        assertThat(listed).containsExactly(
                f.rural() + " " + f.unit("B2.O4") + " missed-last 2025-07-01",
                f.urban() + " " + f.unit("B1.O1") + " past-midpoint 2025-07-16");
        assertThat(row(july, "unit", f.unit("B2.O4")).get("lastInspectedAt").isNull()).isTrue();
        assertThat(instant(row(july, "unit", f.unit("B1.O1")).get("lastInspectedAt")))
                .isEqualTo(Instant.parse("2025-06-12T02:00:00Z"));

        // 10 June 2025: only what was conducted by the end of that day counts.
        // Urban: O1 has May and June's middle day (16 June) is not reached: not overdue; O3 missed May and has
        // nothing in June: missed-last since 1 June. Rural: May–June's middle day is 1 May + 61 / 2 = 30 days →
        // 31 May; O2 had March–April but its 30 June inspection is yet to come: past-midpoint since 31 May;
        // O4 missed March–April: missed-last since 1 May.
        JsonNode june = read(asAdmin().queryParam("unit", f.p()).queryParam("at", "2025-06-10"),
                "/api/v1/coverage/overdue");
        listed.clear();
        mine(f, june).forEach(r -> listed.add(r.get("plan").asText() + " " + r.get("unit").asText() + " "
                + r.get("reason").asText() + " " + r.get("since").asText()));
        assertThat(listed).containsExactly(
                f.rural() + " " + f.unit("B1.O2") + " past-midpoint 2025-05-31",
                f.rural() + " " + f.unit("B2.O4") + " missed-last 2025-05-01",
                f.urban() + " " + f.unit("B2.O3") + " missed-last 2025-06-01");

        // never inspected: O4 only (its video check is not an inspection); by 2 April neither urban outlet was yet
        // (W1 on 10 April, O3 on 3 April), while O2 was (15 March)
        List<String> never = new ArrayList<>();
        mine(f, read(as(f.analyst()).queryParam("unit", f.p()).queryParam("at", "2025-07-20"),
                "/api/v1/coverage/never-inspected")).forEach(r -> never.add(r.get("plan").asText() + " "
                + r.get("unit").asText() + " " + r.get("area").asText()));
        assertThat(never).containsExactly(f.rural() + " " + f.unit("B2.O4") + " rural");
        never.clear();
        mine(f, read(as(f.analyst()).queryParam("unit", f.p()).queryParam("at", "2025-04-02"),
                "/api/v1/coverage/never-inspected")).forEach(r -> never.add(r.get("plan").asText() + " "
                + r.get("unit").asText()));
        assertThat(never).containsExactly(f.rural() + " " + f.unit("B2.O4"), f.urban() + " " + f.unit("B1.O1"),
                f.urban() + " " + f.unit("B2.O3"));
    }

    @Test
    void aManagerSeesItsSubtreeAndOnlyTheAdminAndAnalystsWritePlans() {
        CoverageFixture f = CoverageFixture.of();
        // the manager of B1, without a unit filter: only O1 and O2 are in scope
        JsonNode rates = read(as(f.manager()).queryParam("plan", f.urban()).queryParam("level", "branch")
                .queryParam("period", "2025-Q2"), "/api/v1/coverage/rates");
        assertThat(rates).hasSize(2);
        assertThat(row(rates, "group", f.unit("B1")).get("rate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(row(rates, "group", null).get("units").asInt()).isEqualTo(1);
        // every plan in force by default; of the fixture's, only O1 is overdue in the manager's scope
        List<JsonNode> overdue = mine(f, read(as(f.manager()).queryParam("at", "2025-07-20"),
                "/api/v1/coverage/overdue"));
        assertThat(overdue).extracting(r -> r.get("unit").asText()).containsExactly(f.unit("B1.O1"));
        // a unit outside the manager's scope is as unknown
        as(f.outsider()).queryParam("unit", f.p()).get("/api/v1/coverage").then().statusCode(404)
                .contentType("application/problem+json");
        // a viewer reads no coverage; a manager writes no plan; an analyst does
        as(f.viewer()).get("/api/v1/coverage/plans").then().statusCode(403);
        as(f.manager()).body(Map.of("nameZh", "x", "nameEn", "x", "source", "inspection", "everyMonths", 1,
                "activeFrom", "2025-01-01")).put("/api/v1/coverage/plans/{key}", f.p().toLowerCase() + "-m")
                .then().statusCode(403);
        as(f.analyst()).body(Map.of("nameZh", "回访每季度", "nameEn", "Call-backs quarterly", "source", "callback",
                "everyMonths", 3, "activeFrom", "2025-01-01",
                "selection", Map.of("tags", List.of(f.p().toLowerCase() + "-none")))).put("/api/v1/coverage/plans/{key}",
                f.p().toLowerCase() + "-c").then().statusCode(201).body("version", equalTo(1))
                .body("selection.kinds", org.hamcrest.Matchers.empty());
        // an inspector reads every unit's coverage
        as(f.inspector()).get("/api/v1/coverage/plans").then().statusCode(200)
                .body("key", hasItem(f.urban()));
    }

    @Test
    void aBadPlanIsRefusedByPointerInBothLanguagesAndNothingIsStored() {
        String key = TestApi.freshPrefix().toLowerCase();
        Map<String, Object> bad = Map.of("nameZh", "坏计划",
                "selection", Map.of("kinds", List.of("no-such-kind-" + key), "areas", List.of("suburb")),
                "source", "nope", "everyMonths", 0, "activeFrom", "2025-13-01",
                "inspectors", Map.of("accounts", List.of("nobody." + key), "agencies", List.of("NOBODY-" + key)),
                "colour", "red");
        asAdmin().contentType(ContentType.JSON).body(bad).put("/api/v1/coverage/plans/{key}", key)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/nameEn", "/selection/kinds/0", "/selection/areas/0",
                        "/source", "/everyMonths", "/activeFrom", "/inspectors/accounts/0",
                        "/inspectors/agencies/0", "/colour"));
        asAdmin().contentType(ContentType.JSON).header("Accept-Language", "zh-CN")
                .body(Map.of("nameZh", "x", "nameEn", "x", "source", "inspection", "everyMonths", 5,
                        "activeFrom", "2025-06-01", "activeTo", "2025-01-01"))
                .put("/api/v1/coverage/plans/{key}", key).then().statusCode(422)
                .body("errors.find { it.pointer == '/everyMonths' }.message", org.hamcrest.Matchers.containsString("月"))
                .body("errors.pointer", containsInAnyOrder("/everyMonths", "/activeTo"));
        asAdmin().get("/api/v1/coverage/plans/{key}/versions", key).then().statusCode(404);
    }

    @Test
    void aChangedPlanIsANewVersionAndADeletedPlanKeepsItsPast() {
        String key = TestApi.freshPrefix().toLowerCase();
        Map<String, Object> plan = Map.of("nameZh", "视频每月", "nameEn", "Video monthly", "source", "video",
                "everyMonths", 1, "activeFrom", "2025-01-01", "selection", Map.of("tags", List.of(key)));
        asAdmin().contentType(ContentType.JSON).body(plan).put("/api/v1/coverage/plans/{key}", key)
                .then().statusCode(201).body("version", equalTo(1));
        asAdmin().contentType(ContentType.JSON).body(Map.of("nameZh", "视频每两月", "nameEn", "Video every two months",
                "source", "video", "everyMonths", 2, "activeFrom", "2025-01-01",
                "selection", Map.of("tags", List.of(key))))
                .put("/api/v1/coverage/plans/{key}", key).then().statusCode(200).body("version", equalTo(2))
                .body("everyMonths", equalTo(2));
        asAdmin().get("/api/v1/coverage/plans/{key}", key).then().statusCode(200).body("version", equalTo(2));
        asAdmin().delete("/api/v1/coverage/plans/{key}", key).then().statusCode(200)
                .body("version", equalTo(2)).body("retiredAt", notNullValue());
        asAdmin().get("/api/v1/coverage/plans/{key}", key).then().statusCode(404);
        asAdmin().delete("/api/v1/coverage/plans/{key}", key).then().statusCode(404);
        asAdmin().get("/api/v1/coverage/plans").then().statusCode(200).body("key", not(hasItem(key)));
        asAdmin().queryParam("plan", key).get("/api/v1/coverage").then().statusCode(404);
        asAdmin().get("/api/v1/coverage/plans/{key}/versions", key).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1, 2))
                .body("everyMonths", org.hamcrest.Matchers.contains(1, 2));
        // the audit log names both actions
        asAdmin().queryParam("target", "coverage:" + key).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", hasItem("coverage.plan.put"))
                .body("items.action", hasItem("coverage.plan.delete"));
    }

    @Test
    void coverageAndTheOverdueListExportAsCsvAndXlsx() throws Exception {
        CoverageFixture f = CoverageFixture.of();
        byte[] csv = asAdmin().queryParam("plan", f.urban()).queryParam("unit", f.p()).queryParam("period", "2025-Q2")
                .queryParam("format", "csv").get("/api/v1/coverage").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        Sheet sheet = Sheet.csv(csv, new Sheet.Limits(1000, 32767, 10_000_000));
        assertThat(sheet.header()).containsExactly("plan", "unit", "name", "interval", "start", "end", "covered",
                "evaluations", "lastInspectedAt");
        assertThat(sheet.lines()).hasSize(6);
        List<String> o3 = sheet.lines().stream().filter(l -> l.cell(1).equals(f.unit("B2.O3"))
                && l.cell(3).equals("2025-04")).findFirst().orElseThrow().cells();
        assertThat(o3.get(6)).isEqualTo("yes");
        assertThat(o3.get(7)).isEqualTo("2");

        byte[] xlsx = asAdmin().queryParam("plan", f.rural()).queryParam("unit", f.p()).queryParam("at", "2025-07-20").queryParam("format", "xlsx")
                .queryParam("lang", "zh-CN").get("/api/v1/coverage/overdue").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .extract().asByteArray();
        Sheet overdue = Sheet.xlsx(xlsx, new Sheet.Limits(1000, 32767, 10_000_000));
        assertThat(overdue.header()).containsExactly("计划", "单位编码", "单位名称", "区域", "逾期原因", "当前检查周期",
                "逾期起始日", "最近检查时间");
        // the rural plan on 20 July: O4 missed May–June
        assertThat(overdue.lines()).hasSize(1);
        assertThat(overdue.lines().get(0).cell(0)).isEqualTo(f.rural());
        assertThat(overdue.lines().get(0).cell(1)).isEqualTo(f.unit("B2.O4"));
        assertThat(overdue.lines().get(0).cell(4)).isEqualTo("上一检查周期未覆盖");
        assertThat(overdue.lines().get(0).cell(5)).isEqualTo("2025-07..2025-08");
    }
}
