package io.servicegrade.unit;

import io.servicegrade.platform.problem.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What an upsert does to the organisation tree, worked out in memory before anything is written:
 * the rows to insert or update, the subtrees whose paths move with them, and the counts; or every
 * reason the request is refused. Order-independent: a parent may come after its child in the request.
 *
 * <p>{@code stored} must hold every stored unit named by the request, as a unit or as a parent. The
 * paths of those units name all their ancestors, which is enough to follow any chain of parents.
 */
final class TreeChange {

    /** A row to write; {@code created} when it is new; {@code tags} sorted, without repeats (issue 17). */
    record Row(long id, String code, String name, String kind, String serviceLine, String area, Long parentId,
            String path, boolean active, boolean created, List<String> tags) {
    }

    /** Every stored unit under {@code oldPath} that is not written itself takes {@code newPath} as its prefix. */
    record Move(String oldPath, String newPath) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();
    final List<Violation> violations = new ArrayList<>();
    int created;
    int updated;
    int unchanged;

    private final Map<String, UnitDraft> drafts = new LinkedHashMap<>();
    private final Map<String, StoredUnit> stored;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<Long, String> draftCodeById = new HashMap<>();
    private final Map<Long, Long> parentOf = new HashMap<>();
    private final Map<Long, String> paths = new HashMap<>();
    private final Map<String, String> lines = new HashMap<>();
    private final Map<String, String> areas = new HashMap<>();
    private final java.util.Set<String> badParents = new java.util.HashSet<>();

    private TreeChange(Map<String, StoredUnit> stored) {
        this.stored = stored;
    }

    /**
     * @param newIds hands out ids for the units the request creates; called once per new unit, and only
     *               when the request is valid
     */
    static TreeChange plan(List<UnitDraft> requested, Map<String, StoredUnit> stored, LongSupplier newIds) {
        TreeChange change = new TreeChange(stored);
        change.collect(requested);
        change.checkParents();
        change.assignIds(newIds);
        change.computePaths();
        if (change.violations.isEmpty()) {
            change.buildRows();
        }
        return change;
    }

    /** How many of the requested units are not stored yet: the ids {@link #plan} will ask for. */
    static int newUnitCount(List<UnitDraft> requested, Map<String, StoredUnit> stored) {
        return (int) requested.stream().map(UnitDraft::code).distinct().filter(c -> !stored.containsKey(c)).count();
    }

    private void collect(List<UnitDraft> requested) {
        for (UnitDraft draft : requested) {
            UnitDraft first = drafts.putIfAbsent(draft.code(), draft);
            if (first != null) {
                violations.add(Violation.inRow(draft.index(), draft.code(), "code",
                        m -> m.duplicateCode(draft.code(), first.index())));
            }
        }
    }

    /** Reports parents that cannot be; the drafts naming them are then placed as roots, to check the rest. */
    private void checkParents() {
        for (UnitDraft draft : drafts.values()) {
            String parent = draft.parent();
            if (parent == null) {
                continue;
            }
            if (parent.equals(draft.code())) {
                violations.add(Violation.inRow(draft.index(), draft.code(), "parent", m -> m.ownParent()));
                badParents.add(draft.code());
            } else if (!drafts.containsKey(parent) && !stored.containsKey(parent)) {
                violations.add(Violation.inRow(draft.index(), draft.code(), "parent", m -> m.unknownParent(parent)));
                badParents.add(draft.code());
            }
        }
    }

    private void assignIds(LongSupplier newIds) {
        for (StoredUnit unit : stored.values()) {
            List<Long> chain = unit.pathIds();
            for (int i = 1; i < chain.size(); i++) {
                parentOf.put(chain.get(i), chain.get(i - 1));
            }
            parentOf.putIfAbsent(chain.get(0), null);
        }
        for (UnitDraft draft : drafts.values()) {
            StoredUnit existing = stored.get(draft.code());
            long id = existing != null ? existing.id() : newIds.getAsLong();
            ids.put(draft.code(), id);
            draftCodeById.put(id, draft.code());
        }
        for (UnitDraft draft : drafts.values()) {
            boolean root = draft.parent() == null || badParents.contains(draft.code());
            parentOf.put(ids.get(draft.code()), root ? null : idOf(draft.parent()));
        }
    }

    private long idOf(String code) {
        Long id = ids.get(code);
        return id != null ? id : stored.get(code).id();
    }

    private void computePaths() {
        for (UnitDraft draft : drafts.values()) {
            List<Long> chain = new ArrayList<>();
            Long cursor = ids.get(draft.code());
            while (cursor != null && !paths.containsKey(cursor)) {
                if (chain.contains(cursor)) {
                    // Reported on the units that form the cycle, not on those merely below it.
                    if (cursor.equals(ids.get(draft.code()))) {
                        String parent = draft.parent();
                        violations.add(Violation.inRow(draft.index(), draft.code(), "parent",
                                m -> m.cycle(parent)));
                    }
                    chain = null;
                    break;
                }
                chain.add(cursor);
                cursor = parentOf.get(cursor);
            }
            if (chain == null) {
                continue;
            }
            String prefix = cursor == null ? null : paths.get(cursor);
            for (int i = chain.size() - 1; i >= 0; i--) {
                long id = chain.get(i);
                prefix = prefix == null ? Long.toString(id) : prefix + "." + id;
                paths.put(id, prefix);
            }
        }
    }

    private void buildRows() {
        for (UnitDraft draft : drafts.values()) {
            long id = ids.get(draft.code());
            StoredUnit existing = stored.get(draft.code());
            String path = paths.get(id);
            String line = inherited(draft, lines, UnitDraft::serviceLine, StoredUnit::serviceLine);
            String area = inherited(draft, areas, UnitDraft::area, StoredUnit::area);
            Long parentId = draft.parent() == null ? null : idOf(draft.parent());
            boolean active = draft.active() != null ? draft.active() : existing == null || existing.active();
            // tags are the unit's own (not inherited): absent keeps the stored ones, a new unit has none
            List<String> tags = draft.tags() != null ? draft.tags()
                    : existing == null ? List.of() : existing.tags();
            Row row = new Row(id, draft.code(), draft.name(), draft.kind(), line, area, parentId, path, active,
                    existing == null, tags);
            if (existing == null) {
                created++;
                rows.add(row);
            } else if (sameAs(existing, row)) {
                unchanged++;
            } else {
                updated++;
                rows.add(row);
                if (!existing.path().equals(path)) {
                    moves.add(new Move(existing.path(), path));
                }
            }
        }
    }

    /** The draft's own value, else its parent's as it will be after this change; null at a root. */
    private String inherited(UnitDraft draft, Map<String, String> resolved,
            java.util.function.Function<UnitDraft, String> own,
            java.util.function.Function<StoredUnit, String> storedValue) {
        if (resolved.containsKey(draft.code())) {
            return resolved.get(draft.code());
        }
        String value = own.apply(draft);
        if (value == null && draft.parent() != null) {
            UnitDraft parentDraft = drafts.get(draft.parent());
            value = parentDraft != null ? inherited(parentDraft, resolved, own, storedValue)
                    : storedValue.apply(stored.get(draft.parent()));
        }
        resolved.put(draft.code(), value);
        return value;
    }

    private static boolean sameAs(StoredUnit existing, Row row) {
        return existing.name().equals(row.name()) && existing.kind().equals(row.kind())
                && Objects.equals(existing.serviceLine(), row.serviceLine())
                && Objects.equals(existing.area(), row.area())
                && Objects.equals(existing.parentId(), row.parentId())
                && existing.path().equals(row.path()) && existing.active() == row.active()
                && existing.tags().equals(row.tags());
    }
}
