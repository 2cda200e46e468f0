package io.servicegrade.report;

import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Issue 20: the units of a list named by their full path ("县局 › 网点 › 储蓄窗口2号"), as the board names them
 * ({@link BoardFacts#paths}), read by their codes: one query for the ids, one for the units, one for their
 * ancestors, one after the other.
 */
final class UnitPaths {

    private UnitPaths() {
    }

    /** Each code's path, root left out; an unknown code is absent. */
    static Uni<Map<String, String>> of(UnitRepository repository, UnitService units, Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return repository.idsByCodes(new LinkedHashSet<>(codes))
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Unit>of())
                        : repository.findByIds(ids.values()))
                .flatMap(found -> BoardFacts.paths(units, found));
    }

    /**
     * The names of the units above {@code unit}, root left out, as the board's paths begin ("县局 › 网点"); empty for
     * a root or a root's child. One query.
     */
    static Uni<String> above(UnitService units, Unit unit) {
        return units.ancestors(List.of(unit)).map(chains -> String.join(BoardFacts.PATH_SEPARATOR,
                BoardFacts.above(chains.get(0))));
    }
}
