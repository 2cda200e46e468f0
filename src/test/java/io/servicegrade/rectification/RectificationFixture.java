package io.servicegrade.rectification;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.database.DatabaseOwner;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;

/**
 * A region of windows under a fresh prefix with the test rubric (findings: 1 point per violation of 100; sign: a
 * veto), and the people of rectification orders: an analyst, an inspector, a manager and a viewer scoped to the
 * region, and a manager elsewhere.
 */
public record RectificationFixture(SchemeVersionsTest.Setup setup, String analyst, String inspector, String manager,
        String viewer, String outsider) {

    public static RectificationFixture of(int windows) {
        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(windows);
        String elsewhere = SchemeVersionsTest.region(1);
        return new RectificationFixture(setup, AppealFixture.token(List.of("analyst"), List.of()),
                AppealFixture.token(List.of("inspector"), List.of(setup.region())),
                AppealFixture.token(List.of("manager"), List.of(setup.region())),
                AppealFixture.token(List.of("viewer"), List.of(setup.region())),
                AppealFixture.token(List.of("manager"), List.of(elsewhere)));
    }

    public String region() {
        return setup.region();
    }

    public String window(int n) {
        return setup.region() + ".W" + n;
    }

    /** Posts an inspection (as the admin) of {@code unit} at {@code when}; answers its id. */
    public long evaluation(String unit, String when, int score, boolean signPass) {
        String id = setup.region() + "-" + unit.substring(unit.length() - 2) + "-" + when.substring(0, 10) + "-"
                + score + signPass;
        return ((Number) asAdmin().contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(SchemeStandingsTest.evaluation(id, "inspection", unit,
                        setup.rubric(), when, score, signPass))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations[0].id")).longValue();
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Raises an order as {@code token}; answers its id. */
    public static long raise(String token, Map<String, Object> body) {
        return ((Number) as(token).body(body).post("/api/v1/rectifications").then().statusCode(201)
                .extract().path("id")).longValue();
    }

    public static Map<String, Object> fromEvaluation(long evaluation, List<String> items, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("evaluation", evaluation, "items", items));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    public static void reply(String token, long id) {
        as(token).body(Map.of("text", "已更换破损标识 / the sign was replaced",
                "evidence", List.of("https://evidence.example/after.jpg")))
                .post("/api/v1/rectifications/{id}/reply", id).then().statusCode(200);
    }

    public static void verify(String token, long id, String outcome, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("outcome", outcome));
        if (reason != null) {
            body.put("reason", reason);
        }
        as(token).body(body).post("/api/v1/rectifications/{id}/verification", id).then().statusCode(200);
    }

    /** A count read as the database owner (events and samples are not served over the API to these roles). */
    public static long count(String sql, Object... parameters) {
        try (Connection connection = DatabaseOwner.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
