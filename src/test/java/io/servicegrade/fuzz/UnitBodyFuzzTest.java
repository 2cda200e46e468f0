package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.Violation;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code PUT /api/v1/units} as JSON and as CSV: a JSON body read as {@code UnitResource#upsert} reads it
 * ({@code RequestBodies#json} of a batch: size, strict parse, check), then the body read into drafts ({@code UnitInput#fromJson},
 * {@code UnitInput#fromCsv}), then what {@code UnitService#upsert} does with them before the database is written:
 * the tree change planned ({@code TreeChange#plan}: parents, moves, cycles), here over an empty organisation.
 */
class UnitBodyFuzzTest {

    private static final Class<?> INPUT = Entries.type("io.servicegrade.unit.UnitInput");
    private static final Class<?> TREE = Entries.type("io.servicegrade.unit.TreeChange");
    private static final Method FROM_JSON = Entries.method(INPUT, "fromJson", JsonNode.class);
    private static final Method FROM_CSV = Entries.method(INPUT, "fromCsv", String.class);
    private static final Method PLAN = Entries.method(TREE, "plan", List.class, Map.class, LongSupplier.class);

    @FuzzTest(maxDuration = "60s")
    void putUnitsJson(byte[] body) {
        JsonNode node = Entries.body(body, RequestBodies.Kind.BATCH, false);
        if (node == null) {
            return;
        }
        planned(Verdict.read(() -> Entries.call(FROM_JSON, null, node)));
    }

    @FuzzTest(maxDuration = "60s")
    void putUnitsCsv(byte[] body) {
        // quarkus-rest hands a text/csv body to the String parameter decoded as UTF-8
        String csv = new String(body, StandardCharsets.UTF_8);
        planned(Verdict.read(() -> Entries.call(FROM_CSV, null, csv)));
    }

    /** The rows read: problems well-formed, drafts complete, and the tree change planned without a crash. */
    @SuppressWarnings("unchecked")
    private static void planned(Object parsed) {
        if (parsed == null) {
            return;
        }
        Verdict.violations((List<Violation>) Entries.component(parsed, "violations"));
        List<Object> drafts = (List<Object>) Entries.component(parsed, "drafts");
        Set<String> rejected = (Set<String>) Entries.component(parsed, "rejectedCodes");
        for (Object draft : drafts) {
            for (String required : List.of("code", "name", "kind")) {
                if (Entries.component(draft, required) == null) {
                    throw new AssertionError("a unit read well has no " + required + ": " + draft);
                }
            }
            Verdict.clean(draft);
        }
        // as UnitService#upsert: the rows whose parent was not itself refused
        List<Object> checkable = drafts.stream()
                .filter(d -> Entries.component(d, "parent") == null
                        || !rejected.contains((String) Entries.component(d, "parent")))
                .toList();
        long[] next = {0};
        Object change = Entries.call(PLAN, null, checkable, Map.of(), (LongSupplier) () -> ++next[0]);
        Verdict.violations((List<Violation>) Entries.field(TREE, "violations", change));
    }
}
