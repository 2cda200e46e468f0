package io.servicegrade;

import io.restassured.path.json.JsonPath;
import io.servicegrade.scheme.Period;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What the demo loaded, read back from the server rather than assumed: the demo quarter is the last complete
 * quarter before the database's first start, so it depends on when that was, not on today.
 */
public final class DemoData {

    public static final String SCHEME = "create-satisfied-windows";
    public static final String WINDOW = "SZ.GS.GQ.W1";

    private DemoData() {
    }

    /** The demo's evaluations of {@link #WINDOW}, oldest first (tests never post onto demo units). */
    public static List<Map<String, Object>> evaluations() {
        JsonPath page = TestApi.asAdmin().queryParam("unit", WINDOW).queryParam("limit", 500)
                .get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> demo = page.<Map<String, Object>>getList("items").stream()
                .filter(e -> String.valueOf(e.get("externalId")).startsWith("demo-"))
                .sorted(java.util.Comparator.comparing(e -> String.valueOf(e.get("conductedAt"))))
                .toList();
        if (demo.isEmpty()) {
            throw new AssertionError("the demo loaded no evaluations for " + WINDOW);
        }
        return demo;
    }

    /** The id of the demo's first evaluation of {@link #WINDOW}. */
    public static int firstEvaluation() {
        return ((Number) evaluations().get(0).get("id")).intValue();
    }

    /** The quarter the demo's evaluations are in, in the demo scheme's time zone (Beijing). */
    public static String quarter() {
        String conductedAt = String.valueOf(evaluations().get(0).get("conductedAt"));
        return Period.of(Period.Kind.QUARTER, OffsetDateTime.parse(conductedAt).toInstant(),
                ZoneId.of("Asia/Shanghai")).id();
    }
}
