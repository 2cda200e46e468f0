package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import io.servicegrade.platform.paging.PageInfo;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.Node;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** A unit's standing as GraphQL and the REST API show it: values to 2 places, names in the language asked. */
@Type("Standing")
@Description("A unit's standing in a scheme's period.")
public record StandingNode(@NonNull Unit unit, @Description("Competition rank; null when unranked") Integer rank,
        @Description("The ranking composite's value") BigDecimal value, GradeNode grade, boolean vetoed,
        @Ignore String vetoEvaluation, boolean complete,
        @NonNull List<@NonNull CompositeNode> composites, @NonNull List<@NonNull SourceNode> sources,
        PreviousNode previous, @Description("value − previous value") BigDecimal change,
        @Description("Mean value of the units on this board with the same parent") BigDecimal parentMean,
        @Description("value − parentMean: above (positive) or below the parent's average") BigDecimal aboveParentMean,
        @Description("For a group kind (e.g. branch): the figures of the graded units under it") GroupNode group,
        @Ignore String nodeKey) implements Node {

    @Override
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    @org.eclipse.microprofile.graphql.Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return nodeKey;
    }

    @org.eclipse.microprofile.graphql.Id
    @org.eclipse.microprofile.graphql.Name("vetoedById")
    @Description("Global id of the evaluation that vetoed the unit, named only to a caller who may read the unit's "
            + "evaluations (the admin, analysts, agencies; a manager or inspector within its scope): null for anyone "
            + "else, for whom vetoed still says the unit was vetoed. vetoedBy gives the evaluation itself.")
    public String getVetoedById() {
        return vetoEvaluation == null ? null : GlobalIds.encode("Evaluation", vetoEvaluation);
    }

    /**
     * This row with its global id: the board it is a row of (scheme, period and filters), the unit and the
     * language, so that node(id:) gives the same row and a client's cache never mixes two boards' ranks.
     */
    StandingNode identified(String scheme, String period, String kind, String under, String serviceLine,
            String area, String lang) {
        return identified(scheme, period, kind, under, serviceLine, area, null, lang);
    }

    /** As above on a board filtered by {@code tag} (issue 17): the id then names the tag too, last. */
    StandingNode identified(String scheme, String period, String kind, String under, String serviceLine,
            String area, String tag, String lang) {
        String id = tag == null
                ? GlobalIds.encode("Standing", scheme, period, kind, under, serviceLine, area, lang, unit.code())
                : GlobalIds.encode("Standing", scheme, period, kind, under, serviceLine, area, lang, unit.code(), tag);
        return new StandingNode(unit, rank, value, grade, vetoed, vetoEvaluation, complete, composites, sources, previous,
                change, parentMean, aboveParentMean, group, id);
    }

    @Type("StandingGroup")
    public record GroupNode(@Description("Mean value of the graded units under the group") BigDecimal mean,
            int graded, @NonNull List<@NonNull GradeCount> grades, @NonNull List<@NonNull TargetNode> targets) {
    }

    @Type("StandingGradeCount")
    public record GradeCount(@NonNull GradeNode grade, int count, @Description("Percent of graded units") BigDecimal share) {
    }

    @Type("StandingTarget")
    @Description("A group's target for one area: the share of its graded units there that must reach the grade.")
    public record TargetNode(@NonNull GradeNode grade, @Ignore String area,
            @Description("Percent of the area's graded units required") @NonNull BigDecimal required,
            @Description("Percent reached; null without graded units in the area") BigDecimal actual, boolean met) {

        @NonNull
        @org.eclipse.microprofile.graphql.Name("area")
        @com.fasterxml.jackson.annotation.JsonIgnore
        public io.servicegrade.unit.Area getAreaValue() {
            return io.servicegrade.unit.Area.of(area);
        }
    }

    /** Every row of a board, in rank order: its graded units, or its groups for a group kind. */
    public static List<StandingNode> nodes(StandingService.Board board, String lang) {
        return nodes(board, lang, StandingGraphQLApi.StandingOrder.RANK, 0, board.size());
    }

    /** The rows {@code offset} to {@code offset + limit} of a board in the order asked; only those are built. */
    static List<StandingNode> nodes(StandingService.Board board, String lang, StandingGraphQLApi.StandingOrder order, int offset, int limit) {
        List<Long> ids = rowIds(board, order);
        List<StandingNode> nodes = new java.util.ArrayList<>();
        for (int i = offset; i < Math.min(ids.size(), offset + limit); i++) {
            nodes.add(node(board, ids.get(i), lang));
        }
        return nodes;
    }

    private static List<Long> rowIds(StandingService.Board board, StandingGraphQLApi.StandingOrder order) {
        if (board.groupMode()) {
            return order == StandingGraphQLApi.StandingOrder.CODE ? board.groups().stream().map(Unit::id).toList()
                    : board.groupRanks().stream().map(g -> g.stats().unitId()).toList();
        }
        // units come ordered by code; standings in rank order
        return order == StandingGraphQLApi.StandingOrder.CODE ? board.units().stream().map(Unit::id).toList()
                : board.standings().stream().map(Standing::unitId).toList();
    }

    /** The row of one unit of the board (a group in group mode); null when it is not on the board. */
    public static StandingNode node(StandingService.Board board, long unitId, String lang) {
        Scheme scheme = board.scheme().scheme();
        if (board.groupMode()) {
            StandingsEngine.GroupRank g = board.groupById().get(unitId);
            if (g == null) {
                return null;
            }
            GroupStats stats = g.stats();
            return new StandingNode(board.unit(stats.unitId()), g.rank(), shown(stats.mean()), null, false,
                    null, true, List.of(), List.of(), null, null, null, null, group(scheme, stats, lang), null);
        }
        Standing s = board.current().get(unitId);
        if (s == null) {
            return null;
        }
        Unit unit = board.unit(unitId);
        Standing previous = board.previous().get(unitId);
        BigDecimal value = StandingsEngine.value(scheme, s);
        Scheme before = board.previousScheme() == null ? null : board.previousScheme().scheme();
        BigDecimal previousValue = previous == null ? null : StandingsEngine.value(before, previous);
        BigDecimal parentMean = board.parentMean(unit);
        return new StandingNode(unit, s.rank(), shown(value), grade(scheme, s.grade(), lang), s.vetoed(),
                s.vetoedBy() == null ? null : s.vetoedBy().toString(), s.complete(),
                s.composites().stream().map(c -> new CompositeNode(c.key(), scheme.composite(c.key()).name().in(lang),
                        shown(c.value()), c.complete())).toList(),
                s.sources().stream().map(v -> new SourceNode(v.source(), shown(v.value()), v.samples())).toList(),
                previous == null || previousValue == null && previous.grade() == null ? null
                        : new PreviousNode(shown(previousValue), previous.rank(), grade(before, previous.grade(), lang)),
                value == null || previousValue == null ? null : shown(value.subtract(previousValue)),
                shown(parentMean), parentMean == null || value == null ? null : shown(value.subtract(parentMean)),
                null, null);
    }

    private static GroupNode group(Scheme scheme, GroupStats stats, String lang) {
        List<GradeCount> grades = stats.counts().entrySet().stream().map(e -> new GradeCount(
                grade(scheme, e.getKey(), lang), e.getValue(), stats.graded() == 0 ? null
                        : shown(BigDecimal.valueOf(e.getValue()).multiply(BigDecimal.valueOf(100))
                                .divide(BigDecimal.valueOf(stats.graded()), StandingsEngine.EXACT)))).toList();
        List<TargetNode> targets = stats.targets().stream().map(t -> new TargetNode(grade(scheme, t.grade(), lang),
                t.area(), t.required(), shown(t.actual()), t.met())).toList();
        return new GroupNode(shown(stats.mean()), stats.graded(), grades, targets);
    }

    @Type("StandingGrade")
    public record GradeNode(@NonNull String key, @NonNull String name) {
    }

    @Type("StandingComposite")
    public record CompositeNode(@NonNull String key, @NonNull String name, BigDecimal value, boolean complete) {
    }

    @Type("StandingSource")
    public record SourceNode(@NonNull String source, BigDecimal value, int samples) {
    }

    @Type("PreviousStanding")
    public record PreviousNode(BigDecimal value, Integer rank, GradeNode grade) {
    }

    @Type("StandingConnection")
    @Description("A page of a standings board. Its cursors name the board they were read from: the next page is "
            + "cut from that same board (the revision it was read at), or refused as STALE_CURSOR once that board "
            + "is no longer kept, so no row is skipped or shown twice while evaluations arrive.")
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo,
            @Description("The rows of the whole board") int totalCount,
            @Description("The period's revision the board was read at: it grows with every change of the period's "
                    + "standings (the revision of standingChanges)") long revision,
            @Description("The scheme version that computes this period") int schemeVersion,
            @Description("When the period was published (it then keeps its scheme version); null until then")
            java.time.OffsetDateTime publishedAt) {
    }

    @Type("StandingEdge")
    public record Edge(@NonNull String cursor, @NonNull StandingNode node) {
    }

    private static GradeNode grade(Scheme scheme, String key, String lang) {
        if (key == null) {
            return null;
        }
        Scheme.Grade grade = scheme.grades().get(scheme.gradeIndex(key));
        return new GradeNode(key, grade.name().in(lang));
    }

    static BigDecimal shown(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
