package io.servicegrade.scheme;

import io.servicegrade.platform.database.DatabaseOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeVersionsTest.board;
import static io.servicegrade.scheme.SchemeVersionsTest.post;
import static io.servicegrade.scheme.SchemeVersionsTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A new scheme version and the standing inputs it computes are one transaction: a board is never read from
 * inputs older than the scheme's latest version, and a version whose inputs could not be written is not stored.
 */
@QuarkusTest
class SchemeVersionTransactionTest {

    @Inject
    Pool pool;

    @Inject
    ServiceGradeConfig config;

    /** A quarterly scheme over windows with one weighted composite to rank by, model from 90. */
    private static String scheme(String rubric, String inspectionWeight, String mysteryShopWeight, String modelMin) {
        return """
                name: {zh-CN: 权重, en: Weights}
                kinds: [window]
                activeFrom: 2023-01-01
                period: quarter
                timeZone: Asia/Shanghai
                sources:
                  - {source: inspection, rubric: %1$s}
                  - {source: mystery_shop, rubric: %1$s}
                composites:
                  - {key: average, name: {zh-CN: 平均, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
                  - {key: weighted, name: {zh-CN: 加权, en: Weighted}, weights: {inspection: %2$s, mystery_shop: %3$s}}
                grades:
                  - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: %4$s}
                  - {key: compliant, name: {zh-CN: 达标, en: Compliant}, composite: average, min: 85}
                  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                rankBy: weighted
                """.formatted(rubric, inspectionWeight, mysteryShopWeight, modelMin);
    }

    @Test
    void aChangedWeightIsInTheVeryNextStandingsRead() {
        String p = SchemeVersionsTest.region(2);
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        put(key, scheme(rubric, "0.4", "0.6", "90")).statusCode(201).body("version", equalTo(1));
        String when = "2023-05-10T10:00:00+08:00";
        post(List.of(evaluation(p + "-1", "inspection", p + ".W1", rubric, when, 80, true),
                evaluation(p + "-2", "mystery_shop", p + ".W1", rubric, when, 100, true),
                evaluation(p + "-3", "inspection", p + ".W2", rubric, when, 100, true),
                evaluation(p + "-4", "mystery_shop", p + ".W2", rubric, when, 80, true)));

        // Version 1, weighted = 0.4 inspection + 0.6 mystery shop:
        // W1 = 0.4 × 80 + 0.6 × 100 = 32 + 60 = 92 (model: 92 ≥ 90); W2 = 0.4 × 100 + 0.6 × 80 = 40 + 48 = 88
        // (not model; average (100 + 80) / 2 = 90 ≥ 85: compliant)
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body("data.standings.schemeVersion", equalTo(1))
                .body("data.standings.edges.node.unit.code", contains(p + ".W1", p + ".W2"))
                .body("data.standings.edges.node.value", contains(92.0f, 88.0f))
                .body("data.standings.edges.node.grade.key", contains("model", "compliant"));

        put(key, scheme(rubric, "0.7", "0.3", "90")).statusCode(201).body("version", equalTo(2));

        // Version 2, weighted = 0.7 inspection + 0.3 mystery shop, read right after the PUT answered:
        // W2 = 0.7 × 100 + 0.3 × 80 = 70 + 24 = 94 (model); W1 = 0.7 × 80 + 0.3 × 100 = 56 + 30 = 86
        // (not model; average 90: compliant). The order flips.
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body("data.standings.schemeVersion", equalTo(2))
                .body("data.standings.edges.node.unit.code", contains(p + ".W2", p + ".W1"))
                .body("data.standings.edges.node.value", contains(94.0f, 86.0f))
                .body("data.standings.edges.node.grade.key", contains("model", "compliant"));
        given().queryParam("period", "2023-Q2").get("/api/v1/schemes/{key}/standings", key).then()
                .statusCode(200);
    }

    @Test
    void aVersionWhoseInputsCannotBeWrittenIsNotStoredAndTheStandingsStayAsTheyWere() {
        String p = SchemeVersionsTest.region(1);
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        put(key, scheme(rubric, "0.4", "0.6", "90")).statusCode(201).body("version", equalTo(1));
        String when = "2023-05-10T10:00:00+08:00";
        post(List.of(evaluation(p + "-1", "inspection", p + ".W1", rubric, when, 88, true),
                evaluation(p + "-2", "mystery_shop", p + ".W1", rubric, when, 91, true)));
        // weighted = 0.4 × 88 + 0.6 × 91 = 35.2 + 54.6 = 89.8 < 90: not model; average 89.5 ≥ 85: compliant
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body("data.standings.schemeVersion", equalTo(1))
                .body("data.standings.edges[0].node.value", equalTo(89.8f))
                .body("data.standings.edges[0].node.grade.key", equalTo("compliant"));
        String model895 = scheme(rubric, "0.4", "0.6", "89.5");

        // A fault between storing the version and writing its inputs: no input of this scheme can be written.
        String function = "fail_" + key.replaceAll("[^a-z0-9]", "_");
        try {
            DatabaseOwner.execute("""
                    CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'injected fault for %2$s'; END $$;
                    CREATE TRIGGER %1$s BEFORE INSERT ON standing_input FOR EACH ROW
                    WHEN (NEW.scheme_key = '%2$s') EXECUTE FUNCTION %1$s();
                    """.formatted(function, key));

            put(key, model895).statusCode(500).contentType("application/problem+json");

            given().get("/api/v1/schemes/{key}", key).then().statusCode(200).body("version", equalTo(1));
            board(key, "2023-Q2", p).body("errors", nullValue())
                    .body("data.standings.schemeVersion", equalTo(1))
                    .body("data.standings.edges[0].node.value", equalTo(89.8f))
                    .body("data.standings.edges[0].node.grade.key", equalTo("compliant"));
        } finally {
            DatabaseOwner.execute("DROP TRIGGER IF EXISTS %1$s ON standing_input; DROP FUNCTION IF EXISTS %1$s();"
                    .formatted(function));
        }

        // The same PUT again, the fault gone: version 2 and its inputs, at once. 89.8 ≥ 89.5: model.
        put(key, model895).statusCode(201).body("version", equalTo(2));
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body("data.standings.schemeVersion", equalTo(2))
                .body("data.standings.edges[0].node.value", equalTo(89.8f))
                .body("data.standings.edges[0].node.grade.key", equalTo("model"));
    }

    @Test
    void aSchemeWithoutItsOwnTimeZoneCutsItsPeriodsInTheLocalTimeZoneSetting() {
        String p = SchemeVersionsTest.region(1);
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        put(key, scheme(rubric, "0.4", "0.6", "90").replace("timeZone: Asia/Shanghai\n", "")).statusCode(201);
        given().get("/api/v1/schemes/{key}", key).then().statusCode(200)
                .body("scheme.timeZone", equalTo(config.timeZone().getId()));

        // 23:30 on 30 June in Beijing: the second quarter there (the default setting), the third east of UTC+8:30
        String when = "2023-06-30T23:30:00+08:00";
        post(List.of(evaluation(p + "-1", "inspection", p + ".W1", rubric, when, 80, true)));
        String period = Period.of(Period.Kind.QUARTER, OffsetDateTime.parse(when).toInstant(), config.timeZone())
                .id();
        board(key, period, p).body("errors", nullValue())
                .body("data.standings.edges[0].node.sources[0].samples", equalTo(1));
    }

    @Test
    void anEvaluationPostedWhileAVersionsRebuildRunsCountsUnderTheNewVersion() throws Exception {
        String p = SchemeVersionsTest.region(1);
        String rubric = p.toLowerCase() + "-rubric";
        String key = p.toLowerCase() + "-scheme";
        SchemeStandingsTest.rubric(rubric);
        put(key, scheme(rubric, "0.4", "0.6", "90")).statusCode(201);
        String when = "2023-05-10T10:00:00+08:00";
        post(List.of(evaluation(p + "-1", "inspection", p + ".W1", rubric, when, 80, true),
                evaluation(p + "-2", "mystery_shop", p + ".W1", rubric, when, 100, true)));
        // Version 2 also counts self-assessments, which version 1 does not.
        String withSelf = scheme(rubric, "0.4", "0.6", "90").replace("sources:\n",
                "sources:\n  - {source: self, rubric: %s}\n".formatted(rubric));

        // Each transaction that writes this scheme's inputs pauses 2 s at its first input: version 2's rebuild is
        // still running (its statement's snapshot taken, so it cannot see what commits meanwhile) when the
        // self-assessment is posted.
        String function = "pause_" + key.replaceAll("[^a-z0-9]", "_");
        try {
            DatabaseOwner.execute("""
                    CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF coalesce(current_setting('servicegrade.test_paused', true), '') = '' THEN
                        PERFORM set_config('servicegrade.test_paused', 'yes', true);
                        PERFORM pg_sleep(2);
                      END IF;
                      RETURN NEW;
                    END $$;
                    CREATE TRIGGER %1$s BEFORE INSERT ON standing_input FOR EACH ROW
                    WHEN (NEW.scheme_key = '%2$s') EXECUTE FUNCTION %1$s();
                    """.formatted(function, key));

            CompletableFuture<Integer> version2 = CompletableFuture.supplyAsync(() -> put(key, withSelf)
                    .extract().statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
                    + " AND query LIKE '%standing_input%'").execute().await().indefinitely().iterator().next()
                    .getLong(0) == 0) {
                assertThat(System.nanoTime()).as("version 2's rebuild pauses").isLessThan(deadline);
                Thread.sleep(20);
            }
            post(List.of(evaluation(p + "-3", "self", p + ".W1", rubric, when, 70, true)));
            assertThat(version2.get()).isEqualTo(201);
        } finally {
            DatabaseOwner.execute("DROP TRIGGER IF EXISTS %1$s ON standing_input; DROP FUNCTION IF EXISTS %1$s();"
                    .formatted(function));
        }

        // Sources in version 2's order: self, inspection, mystery_shop. The self-assessment counts, read right
        // after both answered, without a recompute.
        board(key, "2023-Q2", p).body("errors", nullValue())
                .body("data.standings.schemeVersion", equalTo(2))
                .body("data.standings.edges[0].node.sources.source", contains("self", "inspection", "mystery_shop"))
                .body("data.standings.edges[0].node.sources.samples", contains(1, 1, 1));
    }
}
