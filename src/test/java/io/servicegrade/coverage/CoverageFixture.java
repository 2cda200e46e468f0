package io.servicegrade.coverage;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;

/**
 * A small tree under a fresh prefix P (issue 19), with evaluations of 2025 and two plans:
 * <pre>
 * P (region)
 *   P.B1 (branch): P.B1.O1 (outlet, urban) with window P.B1.O1.W1; P.B1.O2 (outlet, rural)
 *   P.B2 (branch): P.B2.O3 (outlet, urban); P.B2.O4 (outlet, rural)
 * </pre>
 * The outlets carry a tag of the fixture's own, which both plans select. Plan {@code urban()}: urban outlets monthly from 2025-01-01, expecting the inspector account I and the agency A,
 * two inspections each per interval. Plan {@code rural()}: rural outlets every two months, anyone's duty.
 * Inspections (source {@code inspection}, Beijing time):
 * <pre>
 *  W1 (under O1) 2025-04-10 I      O1 2025-05-20 A      O1 2025-06-12 A
 *  O3 2025-04-03 I   O3 2025-04-25 I   O3 2025-07-02 A
 *  O2 2025-03-15 A   O2 2025-06-30 23:30 I
 *  O4: only a video check 2025-05-01 (the admin), which no plan on inspection counts
 * </pre>
 */
public record CoverageFixture(String p, String rubric, String inspectorLogin, String inspector, String agencyCode,
        String agency, String manager, String outsider, String analyst, String viewer) {

    public static final String PASSWORD = "correct horse battery";

    public static CoverageFixture of() {
        String p = TestApi.freshPrefix();
        // the plans select the fixture's outlets by a tag of their own, so that other tests' plans and units stay apart
        List<String> tag = List.of(p.toLowerCase());
        List<Map<String, Object>> units = new ArrayList<>();
        units.add(Map.of("code", p, "name", "区 " + p, "kind", "region"));
        units.add(Map.of("code", p + ".B1", "name", "一支行", "kind", "branch", "parent", p));
        units.add(Map.of("code", p + ".B2", "name", "二支行", "kind", "branch", "parent", p));
        units.add(Map.of("code", p + ".B1.O1", "name", "城区网点一", "kind", "outlet", "area", "urban",
                "parent", p + ".B1", "tags", tag));
        units.add(Map.of("code", p + ".B1.O1.W1", "name", "窗口一", "kind", "window", "parent", p + ".B1.O1"));
        units.add(Map.of("code", p + ".B1.O2", "name", "农村网点二", "kind", "outlet", "area", "rural",
                "parent", p + ".B1", "tags", tag));
        units.add(Map.of("code", p + ".B2.O3", "name", "城区网点三", "kind", "outlet", "area", "urban",
                "parent", p + ".B2", "tags", tag));
        units.add(Map.of("code", p + ".B2.O4", "name", "农村网点四", "kind", "outlet", "area", "rural",
                "parent", p + ".B2", "tags", tag));
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        String rubric = p.toLowerCase() + "-rubric";
        SchemeStandingsTest.rubric(rubric);

        String agencyCode = p + "-A";
        String agency = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("code", agencyCode, "name", "测评公司 Survey Co")).post("/api/v1/agencies")
                .then().statusCode(201).extract().path("key");
        String inspectorLogin = p.toLowerCase() + ".inspector";
        String inspector = account(inspectorLogin, List.of("inspector"), List.of(p));
        CoverageFixture f = new CoverageFixture(p, rubric, inspectorLogin, inspector, agencyCode, agency,
                account(p.toLowerCase() + ".manager", List.of("manager"), List.of(p + ".B1")),
                account(p.toLowerCase() + ".outsider", List.of("manager"), List.of(p + ".B2.O4")),
                account(p.toLowerCase() + ".analyst", List.of("analyst"), List.of()),
                account(p.toLowerCase() + ".viewer", List.of("viewer"), List.of(p)));

        f.post(inspector, "i1", "inspection", p + ".B1.O1.W1", "2025-04-10T10:00:00+08:00");
        f.post(agency, "a1", "inspection", p + ".B1.O1", "2025-05-20T10:00:00+08:00");
        f.post(agency, "a2", "inspection", p + ".B1.O1", "2025-06-12T10:00:00+08:00");
        f.post(inspector, "i2", "inspection", p + ".B2.O3", "2025-04-03T10:00:00+08:00");
        f.post(inspector, "i3", "inspection", p + ".B2.O3", "2025-04-25T10:00:00+08:00");
        f.post(agency, "a3", "inspection", p + ".B2.O3", "2025-07-02T10:00:00+08:00");
        f.post(agency, "a4", "inspection", p + ".B1.O2", "2025-03-15T10:00:00+08:00");
        f.post(inspector, "i4", "inspection", p + ".B1.O2", "2025-06-30T23:30:00+08:00");
        f.post(TestApi.adminKey(), "v1", "video", p + ".B2.O4", "2025-05-01T10:00:00+08:00");

        f.putPlan(f.urban(), Map.of("nameZh", "城区网点每月检查", "nameEn", "Urban outlets monthly",
                "selection", Map.of("kinds", List.of("outlet"), "areas", List.of("urban"), "tags", tag),
                "source", "inspection", "everyMonths", 1, "activeFrom", "2025-01-01",
                "inspectors", Map.of("accounts", List.of(inspectorLogin), "agencies", List.of(agencyCode)),
                "dutyMinimum", 2)).then().statusCode(201);
        f.putPlan(f.rural(), Map.of("nameZh", "农村网点每两月检查", "nameEn", "Rural outlets every two months",
                "selection", Map.of("kinds", List.of("outlet"), "areas", List.of("rural"), "tags", tag),
                "source", "inspection", "everyMonths", 2, "activeFrom", "2025-01-01")).then().statusCode(201);
        return f;
    }

    public String urban() {
        return p.toLowerCase() + "-u";
    }

    public String rural() {
        return p.toLowerCase() + "-r";
    }

    public String unit(String suffix) {
        return p + "." + suffix;
    }

    /** Puts a version of plan {@code key} and waits for its recount, which may go on after the answer. */
    public io.restassured.response.Response putPlan(String key, Map<String, Object> body) {
        io.restassured.response.Response answer = asAdmin().contentType(ContentType.JSON).body(body)
                .put("/api/v1/coverage/plans/{key}", key);
        if (answer.statusCode() < 300) {
            recounted(key);
        }
        return answer;
    }

    /**
     * Waits until plan {@code key} has no queued recount: a put answers after at most 10 s, and on a database grown
     * by many runs (every test's units) a plan over all units takes longer to count than that.
     */
    public static void recounted(String key) {
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container()
                .instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (pool.preparedQuery("SELECT count(*) FROM coverage_recount WHERE plan_key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().indefinitely().iterator().next()
                .getLong(0) > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("plan " + key + " was still being recounted after 10 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void post(String key, String id, String source, String unit, String when) {
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(SchemeStandingsTest.evaluation(p + "-" + id, source, unit, rubric,
                        when, 90, true))))
                .post("/api/v1/evaluations").then().statusCode(201);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A new account with the roles and scope, signed in; answers its personal access token. */
    static String account(String login, List<String> roles, List<String> scope) {
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "displayName", "测试 " + login,
                "password", PASSWORD, "roles", roles));
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/accounts").then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", PASSWORD,
                "name", "coverage test")).post("/api/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }
}
