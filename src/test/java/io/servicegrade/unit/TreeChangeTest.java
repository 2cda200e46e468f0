package io.servicegrade.unit;

import io.servicegrade.platform.problem.Violation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TreeChangeTest {

    private final AtomicLong ids = new AtomicLong(100);

    private static UnitDraft draft(int index, String code, String kind, String parent, String line, String area) {
        return new UnitDraft(index, code, code + " name", kind, parent, line, area, null);
    }

    private static StoredUnit stored(long id, String code, String kind, Long parentId, String parentCode,
            String path, String line, String area) {
        return new StoredUnit(id, code, code + " name", kind, line, area, parentId, parentCode, path, true);
    }

    @Test
    void aParentMayComeAfterItsChildInTheSameRequest() {
        TreeChange change = TreeChange.plan(List.of(
                draft(0, "W", "window", "O", "counter", null),
                draft(1, "O", "outlet", "R", null, null),
                draft(2, "R", "region", null, null, "urban")), Map.of(), ids::incrementAndGet);

        assertThat(change.violations).isEmpty();
        assertThat(change.created).isEqualTo(3);
        TreeChange.Row window = row(change, "W");
        TreeChange.Row outlet = row(change, "O");
        TreeChange.Row region = row(change, "R");
        assertThat(window.path()).isEqualTo(region.id() + "." + outlet.id() + "." + window.id());
        assertThat(window.parentId()).isEqualTo(outlet.id());
    }

    @Test
    void lineAndAreaAreInheritedFromTheParentWhenAbsent() {
        TreeChange change = TreeChange.plan(List.of(
                draft(0, "S", "staff", "W", null, null),
                draft(1, "W", "window", "O", "savings", null),
                draft(2, "O", "outlet", "B", null, null)),
                Map.of("B", stored(1, "B", "branch", null, null, "1", null, "rural")), ids::incrementAndGet);

        assertThat(change.violations).isEmpty();
        assertThat(row(change, "S").serviceLine()).isEqualTo("savings");
        assertThat(row(change, "S").area()).isEqualTo("rural");
        assertThat(row(change, "O").serviceLine()).isNull();
        assertThat(row(change, "O").area()).isEqualTo("rural");
    }

    @Test
    void anUnchangedUnitIsCountedAndNotWritten() {
        Map<String, StoredUnit> stored = Map.of("R", stored(1, "R", "region", null, null, "1", null, null));
        TreeChange change = TreeChange.plan(List.of(draft(0, "R", "region", null, null, null)), stored,
                ids::incrementAndGet);

        assertThat(change.unchanged).isEqualTo(1);
        assertThat(change.rows).isEmpty();
        assertThat(change.moves).isEmpty();
    }

    @Test
    void movingAUnitMovesItsSubtree() {
        // R(1) has A(2) and B(3); A has X(4). Moving X under B rewrites X's path and its descendants'.
        Map<String, StoredUnit> stored = Map.of(
                "X", stored(4, "X", "outlet", 2L, "A", "1.2.4", null, null),
                "B", stored(3, "B", "branch", 1L, "R", "1.3", null, null));
        TreeChange change = TreeChange.plan(List.of(draft(0, "X", "outlet", "B", null, null)), stored,
                ids::incrementAndGet);

        assertThat(change.violations).isEmpty();
        assertThat(change.updated).isEqualTo(1);
        assertThat(row(change, "X").path()).isEqualTo("1.3.4");
        assertThat(change.moves).containsExactly(new TreeChange.Move("1.2.4", "1.3.4"));
    }

    @Test
    void aUnitCannotBeMovedUnderItsOwnDescendant() {
        // R(1) > A(2) > B(3): moving A under B would close a loop through stored ancestors.
        Map<String, StoredUnit> stored = Map.of(
                "A", stored(2, "A", "branch", 1L, "R", "1.2", null, null),
                "B", stored(3, "B", "outlet", 2L, "A", "1.2.3", null, null));
        TreeChange change = TreeChange.plan(List.of(draft(0, "A", "branch", "B", null, null)), stored,
                ids::incrementAndGet);

        assertThat(change.rows).isEmpty();
        assertThat(change.violations).extracting(Violation::pointer).containsExactly("/0/parent");
    }

    @Test
    void everyUnitOfACycleInTheRequestIsReportedButNotTheUnitsBelowIt() {
        TreeChange change = TreeChange.plan(List.of(
                draft(0, "A", "branch", "B", null, null),
                draft(1, "B", "branch", "A", null, null),
                draft(2, "C", "outlet", "A", null, null)), Map.of(), ids::incrementAndGet);

        assertThat(change.violations).extracting(Violation::pointer).containsExactlyInAnyOrder("/0/parent",
                "/1/parent");
    }

    @Test
    void unknownParentsSelfParentsAndDuplicatesAreAllReportedTogether() {
        List<UnitDraft> drafts = new ArrayList<>(List.of(
                draft(0, "A", "branch", "NOPE", null, null),
                draft(1, "B", "branch", "B", null, null),
                draft(2, "C", "outlet", null, null, null),
                draft(3, "C", "outlet", null, null, null)));
        TreeChange change = TreeChange.plan(drafts, Map.of(), ids::incrementAndGet);

        assertThat(change.violations).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/0/parent", "/1/parent", "/3/code");
        assertThat(change.rows).isEmpty();
    }

    private static TreeChange.Row row(TreeChange change, String code) {
        return change.rows.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }
}
