package io.servicegrade.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.audit.AuditIntents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.nio.charset.StandardCharsets;

/** Changes to the organisation tree, all or nothing, and the reads the API offers. */
@ApplicationScoped
public class UnitService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    private static final Set<String> PATCH_FIELDS = Set.of("code", "name", "kind", "parent", "serviceLine", "area",
            "active", "tags");

    @Inject
    UnitRepository repository;

    /** What an upsert did. */
    public record UpsertResult(@org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) int created,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) int updated,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) int unchanged) {
    }

    /** A page of units in code order and the cursor of the next page, if there is one. */
    public record Page(List<Unit> units, String nextCursor) {
    }

    /**
     * Stores the parsed rows, or, when any row is bad, reports every problem: those of the rows' own fields
     * and those of their references to other units (unknown parents, cycles), all at once.
     */
    Uni<UpsertResult> upsert(UnitInput.Parsed parsed) {
        if (parsed.violations().isEmpty()) {
            return upsert(parsed.drafts());
        }
        List<UnitDraft> checkable = parsed.drafts().stream()
                .filter(d -> d.parent() == null || !parsed.rejectedCodes().contains(d.parent()))
                .toList();
        Set<String> codes = codesOf(checkable);
        parsed.rejectedReferences().forEach(rejected -> codes.add(rejected.parent()));
        Set<String> requested = new HashSet<>(parsed.rejectedCodes());
        parsed.drafts().forEach(draft -> requested.add(draft.code()));
        return repository.inTreeTransaction(connection -> repository.storedByCodes(connection, codes))
                .flatMap(stored -> {
                    long[] provisional = {-1};
                    TreeChange change = TreeChange.plan(checkable, stored, () -> provisional[0]--);
                    List<Violation> all = new ArrayList<>(parsed.violations());
                    all.addAll(change.violations);
                    for (UnitDraft rejected : parsed.rejectedReferences()) {
                        String parent = rejected.parent();
                        if (!requested.contains(parent) && !stored.containsKey(parent)) {
                            all.add(Violation.inRow(rejected.index(), rejected.code(), "parent",
                                    m -> m.unknownParent(parent)));
                        }
                    }
                    all.sort(java.util.Comparator.comparing((Violation v) -> v.index() == null ? -1 : v.index()));
                    return Uni.createFrom().failure(ProblemException.invalid(all));
                });
    }

    private static Set<String> codesOf(List<UnitDraft> drafts) {
        Set<String> codes = new HashSet<>();
        for (UnitDraft draft : drafts) {
            codes.add(draft.code());
            if (draft.parent() != null) {
                codes.add(draft.parent());
            }
        }
        return codes;
    }

    /** Creates or updates the drafts in one transaction; a single bad draft and nothing is stored. */
    public Uni<UpsertResult> upsert(List<UnitDraft> drafts) {
        // the audit row names the batch by its size (issue 16: docs/operations.md, "Audit log")
        return AuditIntents.named(AuditIntents.batch(drafts.size()))
                .chain(() -> repository.inTreeTransaction(connection -> upsert(connection, drafts)));
    }

    private Uni<UpsertResult> upsert(SqlConnection connection, List<UnitDraft> drafts) {
        return repository.storedByCodes(connection, codesOf(drafts))
                .flatMap(stored -> repository.newIds(connection, TreeChange.newUnitCount(drafts, stored))
                        .flatMap(ids -> {
                            Iterator<Long> next = ids.iterator();
                            TreeChange change = TreeChange.plan(drafts, stored, next::next);
                            if (!change.violations.isEmpty()) {
                                return Uni.createFrom().failure(ProblemException.invalid(change.violations));
                            }
                            return repository.apply(connection, change).replaceWith(
                                    new UpsertResult(change.created, change.updated, change.unchanged));
                        }));
    }

    /**
     * Applies a JSON merge patch to one unit: present fields change, absent ones stay; {@code parent: null}
     * makes the unit a root, {@code serviceLine: null} or {@code area: null} inherits the new parent's;
     * {@code tags} replaces the unit's tags ({@code []} or {@code null} clears them; issue 17).
     */
    public Uni<Unit> patch(String code, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return Uni.createFrom().failure(
                    ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object")))));
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PATCH_FIELDS.contains(name)) {
                violations.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        }
        JsonNode newCode = patch.get("code");
        if (newCode != null && !(newCode.isTextual() && newCode.asText().equals(code))) {
            violations.add(Violation.at("/code", m -> m.codeImmutable()));
        }
        JsonNode active = patch.get("active");
        if (active != null && !active.isBoolean()) {
            violations.add(Violation.at("/active", m -> m.booleanValue()));
        }
        for (String field : List.of("name", "kind", "parent", "serviceLine", "area")) {
            JsonNode value = patch.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                violations.add(Violation.at("/" + field, m -> m.wrongType("string")));
            }
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(violations));
        }
        // The unit is read under the tree lock, so a concurrent change cannot be undone by this one.
        return repository.inTreeTransaction(connection -> repository.storedByCodes(connection, Set.of(code))
                .flatMap(found -> {
                    StoredUnit current = found.get(code);
                    if (current == null) {
                        return Uni.createFrom().failure(ProblemException.notFound(m -> m.unitNotFound(code)));
                    }
                    List<Violation> problems = new ArrayList<>();
                    String name = patched(patch, "name", current.name(), true, UnitInput::nameProblem, problems);
                    String kind = patched(patch, "kind", current.kind(), true, UnitInput::tokenProblem, problems);
                    String parent = patched(patch, "parent", current.parentCode(), false, UnitInput::codeProblem,
                            problems);
                    String line = patched(patch, "serviceLine", current.serviceLine(), false,
                            UnitInput::tokenProblem, problems);
                    String area = patched(patch, "area", current.area(), false, UnitInput::areaProblem, problems);
                    JsonNode tagsNode = patch.get("tags");
                    List<String> tags = tagsNode == null ? current.tags() : tagsNode.isNull() ? List.of()
                            : UnitInput.tags(tagsNode, (suffix, message) -> problems.add(
                                    Violation.at("/tags" + suffix, message)));
                    if (!problems.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.invalid(problems));
                    }
                    boolean activeValue = active == null ? current.active() : active.booleanValue();
                    UnitDraft draft = new UnitDraft(0, code, name, kind, parent, line, area, activeValue, tags);
                    return upsert(connection, List.of(draft));
                }))
                .onFailure(ProblemException.class).transform(e -> withoutRowIndex((ProblemException) e))
                .flatMap(done -> repository.findByCode(code));
    }

    private static String patched(JsonNode patch, String field, String current, boolean required,
            java.util.function.Function<String, io.servicegrade.platform.problem.Message> rule,
            List<Violation> problems) {
        if (!patch.has(field)) {
            return current;
        }
        JsonNode node = patch.get(field);
        if (node.isNull()) {
            if (required) {
                problems.add(Violation.at("/" + field, m -> m.required()));
            }
            return null;
        }
        var problem = rule.apply(node.asText());
        if (problem != null) {
            problems.add(Violation.at("/" + field, problem));
        }
        return node.asText();
    }

    /**
     * A patch names fields of one unit, so its pointers are {@code /parent}, not {@code /0/parent}; a problem
     * found on the patch itself already has its pointer ({@code /tags/1}).
     */
    private static ProblemException withoutRowIndex(ProblemException e) {
        if (e.violations().isEmpty()) {
            return e;
        }
        List<Violation> violations = e.violations().stream()
                .map(v -> v.index() == null ? v
                        : Violation.at(v.pointer().substring(("/" + v.index()).length()), v.message()))
                .toList();
        return new ProblemException(e.status(), e.type(), e.title(), e.detail(), violations);
    }

    /**
     * Refuses a {@code kind} or {@code serviceLine} filter that no active unit has, naming the values there are:
     * an answer with no units for a misspelt filter reads as "none" when it means "no such thing". Asked only
     * when a filtered answer came out empty (a filter that matched something names something).
     */
    public Uni<Void> checkKnown(String kind, String serviceLine) {
        Uni<List<String>> kinds = kind == null ? Uni.createFrom().item(List.of()) : repository.kinds();
        return kinds.flatMap(knownKinds -> (serviceLine == null ? Uni.createFrom().item(List.<String>of())
                : repository.serviceLines()).map(knownLines -> {
                    List<Violation> problems = new ArrayList<>();
                    if (kind != null && !knownKinds.contains(kind)) {
                        String values = String.join(", ", knownKinds);
                        problems.add(QueryParameters.problem("kind", m -> m.oneOf(values)));
                    }
                    if (serviceLine != null && !knownLines.contains(serviceLine)) {
                        String values = String.join(", ", knownLines);
                        problems.add(QueryParameters.problem("serviceLine", m -> m.oneOf(values)));
                    }
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    return null;
                }));
    }

    /** The kinds the active units have, in order. */
    public Uni<List<String>> kinds() {
        return repository.kinds();
    }

    public Uni<Unit> get(String code) {
        return repository.findByCode(code).onItem().ifNull()
                .failWith(() -> ProblemException.notFound(m -> m.unitNotFound(code)));
    }

    /**
     * Units under {@code under} (not itself), filtered, a page at a time in code order. The parameters come
     * as the client wrote them; each bad one is reported by name.
     */
    public Uni<Page> list(String under, String kind, String serviceLine, String area, String active, String limit,
            String cursor) {
        return list(under, kind, serviceLine, area, null, active, limit, cursor);
    }

    /** As above, only units carrying {@code tag} (issue 17; null: any). */
    public Uni<Page> list(String under, String kind, String serviceLine, String area, String tag, String active,
            String limit, String cursor) {
        List<Violation> problems = new ArrayList<>();
        int size = QueryParameters.limit(limit, DEFAULT_PAGE, MAX_PAGE, problems);
        Boolean activeValue = null;
        if (active != null) {
            if (active.equals("true") || active.equals("false")) {
                activeValue = Boolean.valueOf(active);
            } else {
                problems.add(QueryParameters.problem("active", m -> m.booleanValue()));
            }
        }
        String after = null;
        try {
            after = decodeCursor(cursor);
        } catch (IllegalArgumentException e) {
            problems.add(QueryParameters.problem("cursor", m -> m.badCursor()));
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        return list(under, kind, serviceLine, area, tag, activeValue, size, after);
    }

    /** Units under {@code under} (not itself), filtered, {@code size} at most, after the code {@code after}. */
    public Uni<Page> list(String under, String kind, String serviceLine, String area, Boolean active, int size,
            String after) {
        return list(under, kind, serviceLine, area, null, active, size, after);
    }

    /** As above, only units carrying {@code tag} (issue 17; null: any). */
    public Uni<Page> list(String under, String kind, String serviceLine, String area, String tag, Boolean active,
            int size, String after) {
        Uni<String> underPath = under == null ? Uni.createFrom().nullItem()
                : get(under).map(Unit::path);
        return underPath.flatMap(path -> repository.list(path, kind, serviceLine, area, tag, active, after,
                        size + 1))
                .map(units -> units.size() > size
                        ? new Page(units.subList(0, size), encodeCursor(units.get(size - 1).code()))
                        : new Page(units, null));
    }

    /** How many units {@link #list} gives over all pages, for these filters (active and retired alike). */
    public Uni<Integer> count(String under, String kind, String serviceLine, String area) {
        return count(under, kind, serviceLine, area, null);
    }

    /** As above, only units carrying {@code tag} (issue 17; null: any). */
    public Uni<Integer> count(String under, String kind, String serviceLine, String area, String tag) {
        Uni<String> underPath = under == null ? Uni.createFrom().nullItem() : get(under).map(Unit::path);
        return underPath.flatMap(path -> repository.count(path, kind, serviceLine, area, tag, null));
    }

    /** The ancestors of each unit, root first, fetched in one query for all of them. */
    public Uni<List<List<Unit>>> ancestors(List<Unit> units) {
        Set<Long> ids = new HashSet<>();
        units.forEach(unit -> ids.addAll(unit.ancestorIds()));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(units.stream().map(unit -> List.<Unit>of()).toList());
        }
        return repository.findByIds(ids).map(found -> {
            Map<Long, Unit> byId = new HashMap<>();
            found.forEach(unit -> byId.put(unit.id(), unit));
            return units.stream().map(unit -> unit.ancestorIds().stream().map(byId::get).toList()).toList();
        });
    }

    /** The parent of each unit (null for a root), fetched in one query for all of them. */
    public Uni<List<Unit>> parents(List<Unit> units) {
        return ancestors(units).map(chains -> chains.stream()
                .map(chain -> chain.isEmpty() ? null : chain.get(chain.size() - 1)).toList());
    }

    /** The children of each unit in code order, fetched in one query for all of them. */
    public Uni<List<List<Unit>>> children(List<Unit> units) {
        return repository.childrenOf(units.stream().map(Unit::id).toList()).map(found -> {
            Map<Long, List<Unit>> byParent = new HashMap<>();
            for (Unit child : found) {
                List<Long> chain = child.ancestorIds();
                byParent.computeIfAbsent(chain.get(chain.size() - 1), id -> new ArrayList<>()).add(child);
            }
            return units.stream().map(unit -> byParent.getOrDefault(unit.id(), List.of())).toList();
        });
    }

    public Uni<List<Long>> descendantCounts(List<Unit> units) {
        return repository.descendantCounts(units.stream().map(Unit::id).toList())
                .map(counts -> units.stream().map(unit -> counts.getOrDefault(unit.id(), 0L)).toList());
    }

    static String encodeCursor(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(code.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String code = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!UnitInput.CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a unit code");
        }
        return code;
    }
}
