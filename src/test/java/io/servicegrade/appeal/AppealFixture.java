package io.servicegrade.appeal;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;
import io.servicegrade.platform.database.DatabaseOwner;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;

/**
 * A region of windows under a fresh prefix with the test rubric and a quarterly scheme, evaluations of 2023-Q2 posted
 * by an agency, and the people of an appeal: a manager scoped to the region, an analyst, and a manager elsewhere.
 */
public record AppealFixture(SchemeVersionsTest.Setup setup, String agencyKey, String agencyCode, String manager,
        String analyst, String outsider) {

    public static final String PASSWORD = "correct horse battery";
    public static final String PERIOD = "2023-Q2";

    public static AppealFixture of(int windows) {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(windows);
        String agencyCode = TestApi.freshPrefix();
        String agencyKey = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("code", agencyCode, "name", "测评公司 Survey Co")).post("/api/v1/agencies")
                .then().statusCode(201).extract().path("key");
        String elsewhere = SchemeVersionsTest.region(1);
        return new AppealFixture(setup, agencyKey, agencyCode, token(List.of("manager"), List.of(setup.region())),
                token(List.of("analyst"), List.of()), token(List.of("manager"), List.of(elsewhere)));
    }

    public String scheme() {
        return setup.scheme();
    }

    public String window(int n) {
        return setup.region() + ".W" + n;
    }

    /** Posts one evaluation as the fixture's agency (or {@code key}); answers its id. */
    public long post(String key, String externalId, String source, String unit, int score) {
        return ((Number) given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(SchemeStandingsTest.evaluation(externalId, source, unit,
                        setup.rubric(), "2023-05-10T10:00:00+08:00", score, true))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations[0].id")).longValue();
    }

    public long post(String externalId, String source, String unit, int score) {
        return post(agencyKey, externalId, source, unit, score);
    }

    public void publish() {
        asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", scheme(), PERIOD).then().statusCode(200);
    }

    /** Moves the period's objection window into the past (acceptable time travel for a test). */
    public void endWindow() {
        DatabaseOwner.execute("UPDATE standing_period SET objection_until = '2023-07-08T00:00:00+08:00'"
                + " WHERE scheme_key = '" + scheme() + "' AND period_id = '" + PERIOD + "'");
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public Map<String, Object> againstEvaluation(long evaluation, List<String> items) {
        return Map.of("scheme", scheme(), "evaluation", evaluation, "items", items,
                "reasons", "检查时窗口正在维修，扣分不当。\nThe window was under repair.",
                "evidence", List.of("https://evidence.example/photos/1.jpg"));
    }

    public Map<String, Object> againstStanding(String unit) {
        return Map.of("scheme", scheme(), "period", PERIOD, "unit", unit, "reasons", "排名有误 / ranking wrong");
    }

    /** Files as {@code token}; answers the appeal's id. */
    public static long file(String token, Map<String, Object> body) {
        return ((Number) as(token).body(body).post("/api/v1/appeals").then().statusCode(201).extract().path("id"))
                .longValue();
    }

    /** A new account with the roles and scope, signed in; answers its personal access token. */
    public static String token(List<String> roles, List<String> scope) {
        String login = TestApi.freshPrefix().toLowerCase();
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "测试 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD,
                "name", "appeals test")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }
}
