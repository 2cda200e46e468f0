package io.servicegrade.coverage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Issue 19: the kept coverage never stalls evaluation writes. An evaluation write waits only for the units it
 * touches (a recount or sweep holds a few units at a time, in short transactions), and 64 writers of covered
 * evaluations at once with a plan's recount and sweeps running are all answered, and leave the coverage a recount
 * from scratch keeps.
 */
@QuarkusTest
class CoverageConcurrencyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool pool;

    @Inject
    CoverageSweep sweep;

    /** Region P, branch P.B, outlets P.B.O0… with a tag of their own; a rubric. */
    private record Tree(String p, String tag, String rubric, List<String> outlets) {
    }

    private static Tree tree(int outlets) {
        String p = TestApi.freshPrefix();
        String tag = p.toLowerCase();
        List<Map<String, Object>> units = new ArrayList<>(List.of(Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".B", "name", "支局", "kind", "branch", "parent", p)));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < outlets; i++) {
            codes.add(p + ".B.O" + i);
            units.add(Map.of("code", p + ".B.O" + i, "name", "网点" + i, "kind", "outlet", "area", "urban",
                    "parent", p + ".B", "tags", List.of(tag)));
        }
        asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
        SchemeStandingsTest.rubric(tag + "-r");
        return new Tree(p, tag, tag + "-r", codes);
    }

    private static Response putPlan(Tree t, String key, LocalDate from) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("nameZh", "网点每月检查",
                        "nameEn", "Outlets monthly", "selection", Map.of("kinds", List.of("outlet"), "tags", List.of(t.tag())),
                        "source", "inspection", "everyMonths", 1, "activeFrom", from.toString()))
                .put("/api/v1/coverage/plans/{key}", key);
    }

    /** Posts one inspection; a 503 (overload) is sent again after its Retry-After. Answers the final status. */
    private static int post(Tree t, String id, String unit, OffsetDateTime at) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Response r = asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                            SchemeStandingsTest.evaluation(t.p() + "-" + id, "inspection", unit, t.rubric(),
                                    at.toString(), 90, true))))
                    .post("/api/v1/evaluations");
            if (r.statusCode() != 503 || attempt == 20) {
                return r.statusCode();
            }
            assertThat(r.header("Retry-After")).isNotNull();
            Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1_000);
        }
    }

    private long unitId(String code) {
        return pool.preparedQuery("SELECT id FROM unit WHERE code = $1").execute(Tuple.of(code)).await()
                .indefinitely().iterator().next().getLong(0);
    }

    /** The plan's kept rows: "unit start" → "evaluations value", and the versions they were counted under. */
    private Map<String, String> kept(String plan, Set<Integer> versions) {
        Map<String, String> rows = new HashMap<>();
        pool.preparedQuery("SELECT u.code, k.interval_start, k.evaluations, k.value, k.plan_version"
                        + " FROM coverage_interval k JOIN unit u ON u.id = k.unit_id WHERE k.plan_key = $1")
                .execute(Tuple.of(plan)).await().indefinitely().forEach(r -> {
                    rows.put(r.getString(0) + " " + r.getLocalDate(1), r.getInteger(2) + " "
                            + (r.getBigDecimal(3) == null ? "-" : r.getBigDecimal(3).stripTrailingZeros().toPlainString()));
                    versions.add(r.getInteger(4));
                });
        return rows;
    }

    @Test
    void aRecountHoldsOnlyTheUnitsItIsCountingAndAWriteWaitsOnlyForItsOwn() throws Exception {
        Tree t = tree(2);
        LocalDate today = LocalDate.now(ZONE);
        LocalDate from = today.minusMonths(2).withDayOfMonth(1);
        String plan = t.tag() + "-p";
        putPlan(t, plan, from).then().statusCode(201);
        OffsetDateTime at = OffsetDateTime.now(ZONE).minusMinutes(5);
        // another transaction holds outlet O0 (as a write to it or a sweep's batch would)
        SqlConnection held = pool.getConnection().await().indefinitely();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CompletableFuture<Integer> recount;
        CompletableFuture<Integer> same;
        try {
            Transaction tx = held.begin().await().indefinitely();
            held.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('coverage_unit'), $1::int)")
                    .execute(Tuple.of(unitId(t.outlets().get(0)))).await().indefinitely();
            // the plan's second version: its recount counts O0 and O1 in one range, and waits at O0
            recount = CompletableFuture.supplyAsync(() -> putPlan(t, plan, from).statusCode(), threads);
            Thread.sleep(1_000);
            assertThat(recount).as("the recount counts under its units' locks").isNotDone();
            // meanwhile a write to O1 goes through: nothing holds every unit while a recount runs
            assertThat(CompletableFuture.supplyAsync(() -> call(() -> post(t, "o1", t.outlets().get(1), at)), threads)
                    .get(60, TimeUnit.SECONDS)).isEqualTo(201);
            assertThat(recount).isNotDone();
            // and a write to O0 waits for O0
            same = CompletableFuture.supplyAsync(() -> call(() -> post(t, "o0", t.outlets().get(0), at)), threads);
            Thread.sleep(1_000);
            assertThat(same).as("the write to the held unit waits for it").isNotDone();
            tx.commit().await().indefinitely();
        } finally {
            held.close().await().indefinitely();
        }
        assertThat(same.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        assertThat(recount.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        threads.shutdown();
        // both writes kept under the second version, whichever of them and the recount came first: this month is
        // covered for each outlet, the two ended months not (3 intervals each)
        Set<Integer> versions = new HashSet<>();
        Map<String, String> rows = kept(plan, versions);
        assertThat(versions).containsExactly(2);
        for (String outlet : t.outlets()) {
            assertThat(rows).containsEntry(outlet + " " + from, "0 0")
                    .containsEntry(outlet + " " + from.plusMonths(1), "0 0")
                    .containsEntry(outlet + " " + today.withDayOfMonth(1), "1 100");
        }
        assertThat(rows).hasSize(6);
    }

    @Test
    void aPutAnswersWhileItsRecountStillWaitsAndTheRecountFinishesAfterTheAnswer() throws Exception {
        Tree t = tree(1);
        LocalDate today = LocalDate.now(ZONE);
        LocalDate from = today.minusMonths(2).withDayOfMonth(1);
        String plan = t.tag() + "-p";
        SqlConnection held = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = held.begin().await().indefinitely();
            held.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('coverage_unit'), $1::int)")
                    .execute(Tuple.of(unitId(t.outlets().get(0)))).await().indefinitely();
            // the recount waits at the held outlet for as long as this transaction lasts; the put answers after
            // CoverageKeeper.ANSWER_WAIT (10 s) all the same (the client's read timeout is 30 s): the version is
            // committed and in force, nothing is counted yet, and its recount is still queued
            asAdmin().contentType(ContentType.JSON).body(Map.of("nameZh", "网点每月检查", "nameEn", "Outlets monthly",
                            "selection", Map.of("kinds", List.of("outlet"), "tags", List.of(t.tag())),
                            "source", "inspection", "everyMonths", 1, "activeFrom", from.toString()))
                    .put("/api/v1/coverage/plans/{key}", plan).then().statusCode(201).body("version", is(1));
            assertThat(kept(plan, new HashSet<>())).isEmpty();
            assertThat(pool.preparedQuery("SELECT count(*) FROM coverage_recount WHERE plan_key = $1")
                    .execute(Tuple.of(plan)).await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
            tx.commit().await().indefinitely();
        } finally {
            held.close().await().indefinitely();
        }
        // once the outlet is free the recount that went on after the answer counts it: two ended months uncovered
        // (0 evaluations, value 0) and this month undecided (no evaluation yet, value null)
        CoverageFixture.recounted(plan);
        Set<Integer> versions = new HashSet<>();
        assertThat(kept(plan, versions)).containsOnly(
                Map.entry(t.outlets().get(0) + " " + from, "0 0"),
                Map.entry(t.outlets().get(0) + " " + from.plusMonths(1), "0 0"),
                Map.entry(t.outlets().get(0) + " " + today.withDayOfMonth(1), "0 -"));
        assertThat(versions).containsExactly(1);
    }

    private static <T> T call(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sixtyFourWritersDuringARecountAndSweepsAreAllAnsweredAndKeepWhatARecountFromScratchKeeps() throws Exception {
        // 40 outlets, a monthly plan from the first day of the month two years ago: 25 intervals each (24 ended and
        // the one in progress), 1,000 cells, counted in ranges of 20 outlets (500 cells / 25 intervals)
        Tree t = tree(40);
        LocalDate today = LocalDate.now(ZONE);
        LocalDate from = today.minusMonths(24).withDayOfMonth(1);
        String plan = t.tag() + "-p";
        putPlan(t, plan, from).then().statusCode(201);

        // 64 covered writes at once, each at a time of its own in the plan's two years, while the plan's second
        // version (the same rules) is recounted from scratch and the sweep runs
        Random random = new Random(19);
        long span = Duration.between(from.atStartOfDay(ZONE), OffsetDateTime.now(ZONE).minusMinutes(1)).getSeconds();
        Set<String> covered = new HashSet<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String unit = t.outlets().get(random.nextInt(t.outlets().size()));
            OffsetDateTime at = from.atStartOfDay(ZONE).plusSeconds((long) (random.nextDouble() * span))
                    .toOffsetDateTime();
            covered.add(unit + " " + at.atZoneSameInstant(ZONE).toLocalDate().withDayOfMonth(1));
            String id = "w" + i;
            calls.add(() -> post(t, id, unit, at));
        }
        calls.add(() -> putPlan(t, plan, from).statusCode());
        calls.add(() -> {
            sweep.sweep().await().atMost(Duration.ofMinutes(2));
            return 0;
        });
        List<AtOnce.Call<Integer>> done = AtOnce.run(calls);
        AtOnce.assertOverlapped(done, 2);
        List<Integer> statuses = AtOnce.values(done);
        assertThat(statuses.subList(0, 64)).as("every writer answered 201").containsOnly(201);
        assertThat(statuses.get(64)).as("the plan's second version").isEqualTo(200);
        sweep.sweep().await().atMost(Duration.ofMinutes(2));

        // what is kept: one row per outlet and month (40 × 25 = 1,000); 100 for each (outlet, month) a write fell in;
        // 0 for the other ended months; none (null) for this month where uncovered
        Set<Integer> versions = new HashSet<>();
        Map<String, String> incremental = kept(plan, versions);
        assertThat(incremental).hasSize(40 * 25);
        assertThat(versions).containsExactly(2);
        String month = today.withDayOfMonth(1).toString();
        incremental.forEach((cell, value) -> {
            if (covered.contains(cell)) {
                assertThat(value).as(cell).endsWith(" 100").doesNotStartWith("0 ");
            } else {
                assertThat(value).as(cell).isEqualTo(cell.endsWith(month) ? "0 -" : "0 0");
            }
        });
        // the evaluations counted are the 64 writes, each once
        assertThat(incremental.values().stream().mapToInt(v -> Integer.parseInt(v.split(" ")[0])).sum())
                .isEqualTo(64);

        // a recount from scratch (a third version, the same rules, nothing else running) keeps the very same
        putPlan(t, plan, from).then().statusCode(200);
        Set<Integer> again = new HashSet<>();
        assertThat(kept(plan, again)).isEqualTo(incremental);
        assertThat(again).containsExactly(3);
    }
}
