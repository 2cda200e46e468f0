package io.servicegrade.rubric;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The savings outlet and delivery presets from the seeds (issue 17, point 10), through the real server: installed
 * at start as presets of 100 points, and hand-worked visits posted as evaluations and read back with their score
 * and breakdown.
 */
@QuarkusTest
class SeedPresetRubricsTest {

    private static final String SAVINGS = "postal-savings-outlet-service";
    private static final String DELIVERY = "postal-delivery-model-window";
    /** A fixed past date, whatever today is. */
    private static final String CONDUCTED_AT = "2025-05-14T10:00:00+08:00";

    @Test
    void theSavingsOutletPresetIsInstalledWithTheSeedsFiveSectionsAndOneHundredPoints() {
        JsonPath rubric = given().get("/api/v1/rubrics/" + SAVINGS).then().statusCode(200)
                .body("origin", equalTo("preset"))
                .body("rubric.name.zh-CN", equalTo("邮政储蓄网点规范化服务检查评分标准"))
                .body("rubric.total", equalTo(100))
                // seed 002: 服务环境规范、服务礼仪规范、服务行为规范、服务技能规范、检查监督规范
                .body("rubric.sections.key", contains("environment", "etiquette", "conduct", "skills", "supervision"))
                .body("rubric.sections.points", contains(20, 20, 25, 15, 20))
                .extract().jsonPath();
        assertEveryItemNamedInBothLanguages(rubric);
    }

    @Test
    void theDeliveryPresetIsInstalledWithTheAnnexsPremisesAndOneHundredPoints() {
        JsonPath rubric = given().get("/api/v1/rubrics/" + DELIVERY).then().statusCode(200)
                .body("origin", equalTo("preset"))
                .body("rubric.name.zh-CN", equalTo("邮政投递优质服务示范窗口验收标准"))
                .body("rubric.total", equalTo(100))
                .body("rubric.sections.key", contains("organisation", "premises", "etiquette", "quality",
                        "management", "capacity", "outcomes"))
                .body("rubric.sections.points", contains(5, 15, 20, 20, 15, 10, 15))
                // annex 2's one legible line: 进口分发室10平方米/席位 … 微机室10平方米, four standards
                .body("rubric.sections[1].items[0].key", equalTo("prem.area"))
                .extract().jsonPath();
        assertThat(rubric.getString("rubric.sections[1].items[0].criteria.zh-CN"))
                .contains("进口分发室10平方米/席位").contains("微机室10平方米");
        assertEveryItemNamedInBothLanguages(rubric);
    }

    private static void assertEveryItemNamedInBothLanguages(JsonPath rubric) {
        List<Map<String, Object>> items = rubric.getList("rubric.sections.items.flatten()");
        assertThat(items).isNotEmpty();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, String> name = (Map<String, String>) item.get("name");
            assertThat(name.get("zh-CN")).as(item.get("key") + " zh-CN").isNotBlank();
            assertThat(name.get("en")).as(item.get("key") + " en").isNotBlank();
        }
    }

    @Test
    void savingsVisitsScoreAsWorkedByHand() {
        String window = TestApi.window();
        String p = TestApi.freshPrefix();

        // A perfect visit: nothing found, the identity passes, a 10-minute wait, 92 % satisfied → 100 of 100.
        Map<String, Object> perfect = savings(window, p + "-perfect", Map.of());

        // Typical findings:
        //   env.lobby 2 failures × 1                          −2    (6 → 4)
        //   env.lobby-manager: none at all (2) + 1 lapse (1)  −3    (4 → 1)
        //   beh.procedure 1 finding × 2                       −2    (6 → 4)
        //   beh.currency 1 failure × 2                        −2    (8 → 6)
        //   skill.waiting: waits of 1000 s and 700 s, one over 900 s → 1 × 1   −1   (5 → 4)
        //   sup.satisfaction 83.5 %: (85 − 83.5) × 1          −1.5  (10 → 8.5)
        //   total −11.5 → 88.5 of 100 → 88.50
        Map<String, Object> typical = savings(window, p + "-typical", Map.of(
                "env.lobby", Map.of("item", "env.lobby", "violations", 2),
                "env.lobby-manager", Map.of("item", "env.lobby-manager", "violations", 1, "named", List.of("absent")),
                "beh.procedure", Map.of("item", "beh.procedure", "violations", 1),
                "beh.currency", Map.of("item", "beh.currency", "violations", 1),
                "skill.waiting", Map.of("item", "skill.waiting", "observations",
                        List.of(Map.of("seconds", 1000), Map.of("seconds", 700))),
                "sup.satisfaction", Map.of("item", "sup.satisfaction", "rate", 83.5)));

        // Zeroing events and a severe finding:
        //   beh.currency: exchange of damaged notes refused (推、拖、拒)   → 0   −8
        //   sup.satisfaction: exposed in the media                      → 0   −10
        //   beh.procedure: a finding with serious consequences          → 0   −6
        //   total −24 → 76 of 100 → 76.00
        Map<String, Object> zeroed = savings(window, p + "-zeroed", Map.of(
                "beh.currency", Map.of("item", "beh.currency", "events", List.of("refused-exchange")),
                "sup.satisfaction", Map.of("item", "sup.satisfaction", "events", List.of("media-exposure")),
                "beh.procedure", Map.of("item", "beh.procedure", "severe", true)));

        // The outlet's identity fails: all points kept (100), but the visit is vetoed by env.identity.
        Map<String, Object> vetoed = savings(window, p + "-vetoed", Map.of(
                "env.identity", Map.of("item", "env.identity", "pass", false)));

        List<Integer> ids = post(List.of(perfect, typical, zeroed, vetoed), List.of(100.0f, 88.5f, 76.0f, 100.0f));

        JsonPath perfectRead = read(ids.get(0));
        assertNumber(perfectRead, "breakdown.available", "100");
        assertNumber(perfectRead, "breakdown.awarded", "100");
        assertThat(perfectRead.getBoolean("breakdown.vetoed")).isFalse();
        JsonPath typicalRead = read(ids.get(1));
        assertNumber(typicalRead, "breakdown.awarded", "88.5");
        assertThat(typicalRead.getList("breakdown.sections.awarded").stream().map(SeedPresetRubricsTest::number).toList())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(n("15"), n("20"), n("21"), n("14"), n("18.5"));
        assertThat(number(item(typicalRead, "env.lobby-manager").get("awarded"))).isEqualByComparingTo("1.0");
        assertThat(causes(typicalRead, "env.lobby-manager")).containsExactlyInAnyOrder("violations", "named:absent");
        assertThat(number(item(typicalRead, "skill.waiting").get("awarded"))).isEqualByComparingTo("4.0");
        assertThat(causes(typicalRead, "skill.waiting")).containsExactly("timing:waiting");
        assertThat(number(item(typicalRead, "sup.satisfaction").get("awarded"))).isEqualByComparingTo("8.5");

        JsonPath zeroedRead = read(ids.get(2));
        assertNumber(zeroedRead, "breakdown.awarded", "76");
        assertThat(number(item(zeroedRead, "beh.currency").get("awarded"))).isEqualByComparingTo("0.0");
        assertThat(causes(zeroedRead, "beh.currency")).containsExactly("event:refused-exchange");
        assertThat(causes(zeroedRead, "sup.satisfaction")).containsExactly("event:media-exposure");
        assertThat(causes(zeroedRead, "beh.procedure")).containsExactly("severe");

        asAdmin().get("/api/v1/evaluations/{id}", ids.get(3)).then().statusCode(200)
                .body("breakdown.vetoed", equalTo(true)).body("breakdown.vetoedBy", equalTo("env.identity"));
    }

    @Test
    void deliveryVisitsScoreAsWorkedByHand() {
        String window = TestApi.window();
        String p = TestApi.freshPrefix();

        // A perfect visit: nothing found, every indicator met, 90 % satisfied, revenue target reached → 100.
        Map<String, Object> perfect = delivery(window, p + "-perfect", Map.of());

        // An urban team (no rural rounds) inspected without the bureau's organisation items:
        //   N/A: org.setup 2, org.reporting 3, qual.rounds 4 → available 100 − 9 = 91
        //   prem.area: one space standard not met × 1.5             −1.5
        //   qual.newspapers: 2 delays × 1                            −2
        //   eti.protocol: 1 failure × 1                              −1
        //   cap.indicators: timely delivery 97.2 < 98 (−4), information 100 (met), PDA use 99 < 100 (−3)   −7
        //   out.overall 84.2 %: (85 − 84.2) × 1                      −0.8
        //   total −12.3 → awarded 91 − 12.3 = 78.7; score 78.7 / 91 × 100 = 86.4835… → 86.48
        Map<String, Object> typical = delivery(window, p + "-typical", Map.of(
                "org.setup", Map.of("item", "org.setup", "notApplicable", true),
                "org.reporting", Map.of("item", "org.reporting", "notApplicable", true),
                "qual.rounds", Map.of("item", "qual.rounds", "notApplicable", true),
                "prem.area", Map.of("item", "prem.area", "violations", 1),
                "qual.newspapers", Map.of("item", "qual.newspapers", "violations", 2),
                "eti.protocol", Map.of("item", "eti.protocol", "violations", 1),
                "cap.indicators", Map.of("item", "cap.indicators", "rates", Map.of("timely-delivery-rate", 97.2,
                        "info-receipt-rate", 100, "pda-usage-rate", 99)),
                "out.overall", Map.of("item", "out.overall", "rate", 84.2)));

        // A severe finding and a zeroing event:
        //   qual.discipline: mail withheld with serious consequences → 0   −6
        //   mgmt.security: 1 finding × 2                                     −2
        //   out.overall: exposed in the media below provincial level → 0   −10
        //   total −18 → 82 of 100 → 82.00
        Map<String, Object> zeroed = delivery(window, p + "-zeroed", Map.of(
                "qual.discipline", Map.of("item", "qual.discipline", "severe", true),
                "mgmt.security", Map.of("item", "mgmt.security", "violations", 1),
                "out.overall", Map.of("item", "out.overall", "events", List.of("media-exposure"))));

        List<Integer> ids = post(List.of(perfect, typical, zeroed), List.of(100.0f, 86.48f, 82.0f));

        JsonPath typicalRead = read(ids.get(1));
        assertNumber(typicalRead, "breakdown.available", "91");
        assertNumber(typicalRead, "breakdown.awarded", "78.7");
        assertNumber(typicalRead, "breakdown.score", "86.48");
        assertThat(number(item(typicalRead, "prem.area").get("awarded"))).isEqualByComparingTo("4.5");
        assertThat(item(typicalRead, "qual.rounds").get("notApplicable")).isEqualTo(true);
        assertThat(number(item(typicalRead, "cap.indicators").get("awarded"))).isEqualByComparingTo("3.0");
        assertThat(causes(typicalRead, "cap.indicators"))
                .containsExactlyInAnyOrder("indicator:timely-delivery-rate", "indicator:pda-usage-rate");
        assertThat(number(item(typicalRead, "out.overall").get("awarded"))).isEqualByComparingTo("9.2");

        JsonPath zeroedRead = read(ids.get(2));
        assertNumber(zeroedRead, "breakdown.awarded", "82");
        assertThat(causes(zeroedRead, "qual.discipline")).containsExactly("severe");
        assertThat(causes(zeroedRead, "out.overall")).containsExactly("event:media-exposure");
        assertThat(number(item(zeroedRead, "mgmt.security").get("awarded"))).isEqualByComparingTo("3.0");
    }

    /** Posts the batch as the bureau's inspections; checks each score; answers the ids in order. */
    private static List<Integer> post(List<Map<String, Object>> evaluations, List<Float> scores) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                .post("/api/v1/evaluations").then().statusCode(201)
                .body("evaluations.score", contains(scores.toArray()))
                .extract().jsonPath().getList("evaluations.id", Integer.class);
    }

    /** The rubric's latest version, named explicitly: a fixed past date would otherwise pick its first. */
    private static String latest(String key) {
        return key + "@" + given().get("/api/v1/rubrics/" + key).then().statusCode(200).extract().path("version");
    }

    private static Map<String, Object> evaluation(String window, String externalId, String rubric,
            List<Map<String, Object>> answers) {
        Map<String, Object> e = new HashMap<>();
        e.put("externalId", externalId);
        e.put("source", "inspection");
        e.put("unit", window);
        e.put("rubric", latest(rubric));
        e.put("conductedAt", CONDUCTED_AT);
        e.put("evaluator", "检查员-03");
        e.put("answers", answers);
        return e;
    }

    /** A savings visit with nothing found, except the answers in {@code replacing} (by item). */
    private static Map<String, Object> savings(String window, String externalId,
            Map<String, Map<String, Object>> replacing) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String item : List.of("env.lobby", "env.facilities", "env.public-info", "env.lobby-manager",
                "eti.appearance", "eti.demeanour", "eti.language", "eti.greeting", "beh.hours", "beh.discipline",
                "beh.procedure", "beh.currency", "skill.knowledge", "skill.training", "sup.complaints",
                "sup.self-check")) {
            answers.add(replacing.getOrDefault(item, Map.of("item", item, "violations", 0)));
        }
        answers.add(replacing.getOrDefault("env.identity", Map.of("item", "env.identity", "pass", true)));
        answers.add(replacing.getOrDefault("skill.waiting", Map.of("item", "skill.waiting", "observations",
                List.of(Map.of("seconds", 600)))));
        answers.add(replacing.getOrDefault("sup.satisfaction", Map.of("item", "sup.satisfaction", "rate", 92)));
        return evaluation(window, externalId, SAVINGS, answers);
    }

    /** A delivery visit with nothing found, except the answers in {@code replacing} (by item). */
    private static Map<String, Object> delivery(String window, String externalId,
            Map<String, Map<String, Object>> replacing) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String item : List.of("org.setup", "org.reporting", "prem.area", "prem.environment", "prem.equipment",
                "eti.appearance", "eti.attitude", "eti.language", "eti.protocol", "qual.newspapers", "qual.rounds",
                "qual.discipline", "qual.supervision", "mgmt.handover", "mgmt.registers", "mgmt.security")) {
            answers.add(replacing.getOrDefault(item, Map.of("item", item, "violations", 0)));
        }
        answers.add(replacing.getOrDefault("cap.indicators", Map.of("item", "cap.indicators", "rates",
                Map.of("timely-delivery-rate", 99.5, "info-receipt-rate", 100, "pda-usage-rate", 100))));
        answers.add(replacing.getOrDefault("out.revenue", Map.of("item", "out.revenue", "rate", 100)));
        answers.add(replacing.getOrDefault("out.overall", Map.of("item", "out.overall", "rate", 90)));
        return evaluation(window, externalId, DELIVERY, answers);
    }

    private static JsonPath read(int id) {
        return asAdmin().get("/api/v1/evaluations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** A number as the JSON has it (91, 78.7), compared by value. */
    private static BigDecimal number(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    private static void assertNumber(JsonPath read, String path, String expected) {
        assertThat(number(read.get(path))).as(path).isEqualByComparingTo(expected);
    }

    private static Map<String, Object> item(JsonPath read, String key) {
        List<Map<String, Object>> items = read.getList("breakdown.sections.items.flatten()");
        return items.stream().filter(i -> key.equals(i.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + key + " in the breakdown"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> causes(JsonPath read, String key) {
        return ((List<Map<String, Object>>) item(read, key).get("deductions")).stream()
                .map(d -> String.valueOf(d.get("cause"))).toList();
    }
}
