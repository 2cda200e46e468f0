package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Aggregate;
import io.servicegrade.standing.StandingsEngine.UnitAggregates;
import io.servicegrade.unit.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which evaluations count for a unit under a scheme, from the prepared inputs (each the aggregate of the evaluations
 * that name one unit, of one source, on one rubric, in one bulletin part of a period). Pure: the rules of a scheme
 * source, applied with the tree as it is now.
 * <ul>
 * <li>An evaluation counts under a source only when it is on the rubric the source chooses for the unit it names
 * (the first choice whose selection of kinds, service lines and tags takes that unit): a savings window's visit
 * counts on the savings rubric, not on the counter one.</li>
 * <li>It counts for the unit it names and, by the source's {@code alsoCountsFor}, for the units above it (its
 * ancestors) and below it (its descendants) of the kinds listed: an outlet's inspection for each window under the
 * outlet, a teller's evaluation for the window above.</li>
 * <li>A bulletin part (a month of a quarter) counts the inputs of that part only; the period, every part.</li>
 * </ul>
 * Aggregates of disjoint evaluations add up exactly ({@link Aggregate#plus}), so what a unit counts is the same
 * however its inputs were cut.
 */
public final class Counting {

    /** One prepared input: the aggregate of the evaluations of one unit, source, rubric and bulletin part. */
    public record Input(String source, String rubric, String part, Aggregate aggregate) {
    }

    private final Scheme scheme;
    private final Map<Long, List<Input>> inputs;
    private final Map<Long, Unit> tree;
    private final String part;
    /** For sources that count for units above the one named: the units with inputs under each unit. */
    private final Map<Long, List<Long>> withInputsUnder = new HashMap<>();

    /**
     * @param inputs the period's inputs by the unit they name
     * @param tree every unit by id (those with inputs and their ancestors at least); only read when the scheme
     *             chooses rubrics by unit or rolls evaluations up or down
     * @param part a bulletin part's id to count that part only; null for the whole period
     */
    public Counting(Scheme scheme, Map<Long, List<Input>> inputs, Map<Long, Unit> tree, String part) {
        this.scheme = scheme;
        this.inputs = inputs;
        this.tree = tree;
        this.part = part;
        if (scheme.sources().stream().anyMatch(s -> !s.alsoFor().above().isEmpty())) {
            for (Long id : inputs.keySet()) {
                Unit unit = tree.get(id);
                if (unit != null) {
                    for (Long ancestor : ancestors(unit)) {
                        withInputsUnder.computeIfAbsent(ancestor, a -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
    }

    /** What counts for {@code unit}, by source. */
    public UnitAggregates of(Unit unit) {
        Map<String, Aggregate> bySource = new HashMap<>();
        for (Scheme.Source source : scheme.sources()) {
            Aggregate total = named(unit.id(), source);
            if (source.alsoFor().below().contains(unit.kind())) {
                for (Long ancestor : ancestors(unit)) {
                    total = total.plus(named(ancestor, source));
                }
            }
            if (source.alsoFor().above().contains(unit.kind())) {
                for (Long below : withInputsUnder.getOrDefault(unit.id(), List.of())) {
                    total = total.plus(named(below, source));
                }
            }
            if (total.samples() > 0) {
                bySource.put(source.source(), total);
            }
        }
        return new UnitAggregates(unit.id(), bySource);
    }

    /** The evaluations of {@code source} naming the unit {@code id}, on the rubric the source chooses for it. */
    private Aggregate named(long id, Scheme.Source source) {
        List<Input> own = inputs.get(id);
        if (own == null) {
            return Aggregate.NONE;
        }
        String rubric;
        if (source.rubrics().size() == 1 && !source.rubrics().get(0).selects()) {
            rubric = source.rubrics().get(0).rubric();
        } else {
            Unit named = tree.get(id);
            rubric = named == null ? null : source.rubricFor(named.kind(), named.serviceLine(), named.tags());
        }
        Aggregate total = Aggregate.NONE;
        for (Input input : own) {
            if (input.source().equals(source.source()) && input.rubric().equals(rubric)
                    && (part == null || part.equals(input.part()))) {
                total = total.plus(input.aggregate());
            }
        }
        return total;
    }

    private static List<Long> ancestors(Unit unit) {
        String[] ids = unit.pathText().split("\\.");
        List<Long> result = new ArrayList<>(ids.length - 1);
        for (int i = 0; i < ids.length - 1; i++) {
            result.add(Long.valueOf(ids[i]));
        }
        return result;
    }
}
