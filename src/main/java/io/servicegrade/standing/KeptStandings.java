package io.servicegrade.standing;

import io.servicegrade.platform.graphql.KeptRoots;
import io.servicegrade.platform.security.CallerResolver;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 21: the standings GraphQL answers that may be kept ({@link io.servicegrade.platform.graphql.KeptAnswers}):
 * {@code standings} and {@code standing} with fields read from their boards only. Such an answer depends on the
 * boards' stamps (every input, publication, closing, veto, scheme version and the tree a board is read over), the
 * tree's revision now ({@code standing} finds its unit, and {@code parent} is read, in the tree as it is), and who
 * reads: the caller (a veto's evaluation is named only to some) and whether boards are public (scoped boards
 * otherwise). The fields kept are the boards' own values; a field that reads anything else ({@code vetoedBy}: an
 * evaluation; a unit's {@code evaluations} or {@code standings}) is not listed, and an operation selecting it runs.
 */
@ApplicationScoped
public class KeptStandings implements KeptRoots {

    /** The stamps of more periods than this are not read for one request: it is executed as it comes. */
    static final int MOST_PERIODS = 4;

    private static final Map<String, String> ROOTS = Map.of("standings", "StandingConnection",
            "standing", "Standing");

    private static final Map<String, String> GRADE = fields("key", "name");

    private static final Map<String, Map<String, String>> FIELDS = Map.ofEntries(
            Map.entry("StandingConnection", fields("totalCount", "revision", "schemeVersion", "publishedAt",
                    "closing", "closedAt", "edges:StandingEdge", "pageInfo:PageInfo")),
            Map.entry("PageInfo", fields("hasNextPage", "hasPreviousPage", "startCursor", "endCursor")),
            Map.entry("StandingEdge", fields("cursor", "node:Standing")),
            Map.entry("Standing", fields("id", "rank", "value", "vetoed", "vetoedById", "complete", "change",
                    "parentMean", "aboveParentMean", "unit:Unit", "grade:StandingGrade",
                    "vetoEvent:StandingVetoEvent", "composites:StandingComposite", "sources:StandingSource",
                    "previous:PreviousStanding", "group:StandingGroup")),
            // a unit as the board holds it; its parent is read in the tree as it is now (the live tree's revision
            // is part of the version)
            Map.entry("Unit", fields("id", "code", "name", "kind", "serviceLine", "area", "tags", "active",
                    "createdAt", "updatedAt", "parent:Unit")),
            Map.entry("StandingGrade", GRADE),
            Map.entry("StandingVetoEvent", fields("id", "kind", "date")),
            Map.entry("StandingComposite", fields("key", "name", "value", "complete")),
            Map.entry("StandingSource", fields("source", "value", "samples")),
            Map.entry("PreviousStanding", fields("value", "rank", "grade:StandingGrade")),
            Map.entry("StandingGroup", fields("mean", "graded", "grades:StandingGradeCount",
                    "targets:StandingTarget")),
            Map.entry("StandingGradeCount", fields("count", "share", "grade:StandingGrade")),
            Map.entry("StandingTarget", fields("key", "name", "kind", "area", "direction", "exactly", "required",
                    "actual", "met", "counted", "reaching", "grade:StandingGrade",
                    "composite:StandingTargetComposite")),
            Map.entry("StandingTargetComposite", fields("key", "name")));

    @Inject
    StandingService standings;

    @Inject
    BoardAccess access;

    @Inject
    CallerResolver callers;

    @Override
    public Map<String, String> roots() {
        return ROOTS;
    }

    @Override
    public Map<String, Map<String, String>> fields() {
        return FIELDS;
    }

    /** Who reads as {@link StandingGraphQLApi#reading} finds them, and the stamps of the periods asked for. */
    @Override
    public Uni<Version> version(List<Call> calls, String apiKey, String authorization) {
        Set<List<String>> periods = new LinkedHashSet<>();
        for (Call call : calls) {
            if (!(call.arguments().get("scheme") instanceof String scheme)
                    || !(call.arguments().get("period") instanceof String period)) {
                return Uni.createFrom().nullItem(); // execution refuses it: nothing to keep
            }
            periods.add(List.of(scheme, period));
        }
        if (periods.isEmpty() || periods.size() > MOST_PERIODS) {
            return Uni.createFrom().nullItem();
        }
        boolean open = access.open();
        boolean presented = CallerResolver.presentedKey(apiKey, authorization) != null;
        return callers.fromHeaders(apiKey, authorization).flatMap(caller -> {
            if (presented && caller == null) {
                // a credential that names no one: executed unkept, never kept as the anonymous reader's answer
                return Uni.createFrom().nullItem();
            }
            List<Long> scope = access.scope(caller); // a 401 for a closed board without a reader: not kept
            // one period after the other: a request holds one pooled connection at a time
            return Multi.createFrom().iterable(periods)
                    .onItem().transformToUniAndConcatenate(p -> standings.keptStampRead(p.get(0), p.get(1)))
                    .collect().asList()
                    .map(reads -> new Version(java.util.Arrays.asList(open, caller, scope), new ArrayList<>(reads)));
        });
    }

    /** Field names, each a leaf or {@code name:Type}. */
    private static Map<String, String> fields(String... named) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String field : named) {
            int colon = field.indexOf(':');
            fields.put(colon < 0 ? field : field.substring(0, colon), colon < 0 ? null : field.substring(colon + 1));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }
}
