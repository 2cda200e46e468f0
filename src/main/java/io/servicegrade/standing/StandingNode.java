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
        @Ignore String vetoEvaluation,
        @Description("The confirmed veto event (一票否决事件) that vetoes the unit on this board, beside vetoedBy's "
                + "evaluation; null when none (issue 18)") VetoEventNode vetoEvent, boolean complete,
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
        return new StandingNode(unit, rank, value, grade, vetoed, vetoEvaluation, vetoEvent, complete, composites,
                sources, previous,
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
    @Description("A group's target checked for one area (URBAN, RURAL, or ALL: every selected unit whatever its "
            + "area): a share of the selected graded units at a grade (or better), or a mean of a composite over the "
            + "selected units, at least or at most what is required in the period.")
    // GraphQL's enums for area, kind and direction; REST JSON keeps the document's tokens (SmallRye GraphQL would
    // drop a getter marked @JsonIgnore, so the class names the ones JSON leaves out)
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"areaValue", "kindValue", "directionValue"})
    public record TargetNode(@NonNull @Description("The target's key (its own, or words made from it)") String key,
            @NonNull @Description("The target's name (its own, or words made from it)") String name,
            @Ignore String kind,
            @Description("The grade of a share target; null for a mean target") GradeNode grade,
            @Description("The composite of a mean target; null for a share target") TargetComposite composite,
            @Description("A share target counting only this grade (not this grade or better)") boolean exactly,
            @Ignore String direction, @Ignore String area,
            @Description("Required in this period (a dated step's figure when one applies): a percent for a share, "
                    + "a value for a mean") @NonNull BigDecimal required,
            @Description("Reached: a percent for a share, a mean for a mean target; null without counted units")
            BigDecimal actual, boolean met,
            @Description("Selected units counted: graded ones for a share, ones with the composite's value for a mean")
            int counted,
            @Description("Of those, the units at the grade (or better); null for a mean target") Integer reaching) {

        @NonNull
        @org.eclipse.microprofile.graphql.Name("area")
        public TargetArea getAreaValue() {
            return TargetArea.valueOf(area.toUpperCase(java.util.Locale.ROOT));
        }

        @NonNull
        @org.eclipse.microprofile.graphql.Name("kind")
        public TargetKind getKindValue() {
            return TargetKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        }

        @NonNull
        @org.eclipse.microprofile.graphql.Name("direction")
        public TargetDirection getDirectionValue() {
            return direction.equals("atMost") ? TargetDirection.AT_MOST : TargetDirection.AT_LEAST;
        }
    }

    @Type("StandingTargetComposite")
    public record TargetComposite(@NonNull String key, @NonNull String name) {
    }

    @org.eclipse.microprofile.graphql.Enum("TargetArea")
    @Description("The units a target check counts: the group's urban ones, its rural ones, or ALL of them.")
    public enum TargetArea { URBAN, RURAL, ALL }

    @org.eclipse.microprofile.graphql.Enum("TargetKind")
    @Description("A SHARE of units at a grade (or better), or the MEAN of a composite's values.")
    public enum TargetKind { SHARE, MEAN }

    @org.eclipse.microprofile.graphql.Enum("TargetDirection")
    @Description("Whether the actual figure must be AT_LEAST (the default) or AT_MOST (lower is better) the "
            + "required one.")
    public enum TargetDirection { AT_LEAST, AT_MOST }

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
                    null, null, true, List.of(), List.of(), null, null, null, null, group(scheme, stats, lang), null);
        }
        Standing s = board.current().get(unitId);
        if (s == null) {
            return null;
        }
        Unit unit = board.unit(unitId);
        StandingsEngine.Prior previous = board.previous().get(unitId);
        BigDecimal value = StandingsEngine.value(scheme, s);
        Scheme before = board.previousScheme() == null ? null : board.previousScheme().scheme();
        BigDecimal previousValue = previous == null ? null : previous.value();
        BigDecimal parentMean = board.parentMean(unit);
        return new StandingNode(unit, s.rank(), shown(value), grade(scheme, s.grade(), lang), s.vetoed(),
                s.vetoedBy() == null ? null : s.vetoedBy().toString(), VetoEventNode.of(s.vetoEvent()), s.complete(),
                s.composites().stream().map(c -> new CompositeNode(c.key(), scheme.composite(c.key()).name().in(lang),
                        shown(c.value()), c.complete())).toList(),
                s.sources().stream().map(v -> new SourceNode(v.source(), shown(v.value()), v.samples())).toList(),
                previous == null || previousValue == null && previous.grade() == null ? null
                        : new PreviousNode(shown(previousValue), previous.rank(), grade(before, previous.grade(), lang)),
                value == null || previousValue == null ? null : shown(value.subtract(previousValue)),
                shown(parentMean), parentMean == null || value == null ? null : shown(value.subtract(parentMean)),
                null, null);
    }

    /**
     * Issue 20: the targets of {@code parent}'s level checked over the units of a unit board under it (the board's
     * filters apply, as on a group board), as the parent's row on a group board shows them; empty when its level has
     * none or the board is of groups.
     */
    public static List<TargetNode> targetsOver(StandingService.Board board, Unit parent, String lang) {
        if (board.groupMode()) {
            return List.of();
        }
        Scheme scheme = board.scheme().scheme();
        // a target's dated step is the one of the shown period's last day, as on the group board
        GroupStats stats = GroupStats.of(scheme, parent, parent.kind(), board.units(), board.current(),
                board.period().endDay().minusDays(1));
        return stats.targets().stream().map(t -> target(scheme, t, lang)).toList();
    }

    private static GroupNode group(Scheme scheme, GroupStats stats, String lang) {
        List<GradeCount> grades = stats.counts().entrySet().stream().map(e -> new GradeCount(
                grade(scheme, e.getKey(), lang), e.getValue(), stats.graded() == 0 ? null
                        : shown(BigDecimal.valueOf(e.getValue()).multiply(BigDecimal.valueOf(100))
                                .divide(BigDecimal.valueOf(stats.graded()), StandingsEngine.EXACT)))).toList();
        List<TargetNode> targets = stats.targets().stream().map(t -> target(scheme, t, lang)).toList();
        return new GroupNode(shown(stats.mean()), stats.graded(), grades, targets);
    }

    private static TargetNode target(Scheme scheme, GroupStats.TargetCheck t, String lang) {
        Scheme.Target target = t.target();
        Scheme.Composite composite = target.mean() == null ? null : scheme.composite(target.mean());
        // a mean is shown to the places of its requirement, at least 2 (a complaint rate of at most 0.0005)
        BigDecimal actual = t.actual() == null ? null : composite == null ? shown(t.actual())
                : t.actual().setScale(Math.max(2, t.required().scale()), RoundingMode.HALF_UP);
        return new TargetNode(t.key(), GroupStats.name(scheme, target, lang), t.kind(),
                grade(scheme, target.grade(), lang),
                composite == null ? null : new TargetComposite(composite.key(), composite.name().in(lang)),
                target.exactly(), target.direction() == Scheme.Direction.AT_MOST ? "atMost" : "atLeast", t.area(),
                t.required(), actual, t.met(), t.counted(), t.reaching());
    }

    @Type("StandingVetoEvent")
    @Description("A confirmed unit veto event that vetoes the unit: which, of what kind, and the day it happened "
            + "(issue 18); the whole event is vetoEvent(id:).")
    public record VetoEventNode(@NonNull @Description("The event's id") String id,
            @NonNull @Description("media-exposure, government-criticism, safety-accident or other") String kind,
            @NonNull java.time.LocalDate date) {

        static VetoEventNode of(StandingsEngine.EventVeto event) {
            return event == null ? null
                    : new VetoEventNode(Long.toString(event.eventId()), event.kind(), event.date());
        }
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
            java.time.OffsetDateTime publishedAt,
            @Description("Issue 18: the closing this board shows (1, 2 … after reopenings) when its period is closed: "
                    + "the board as it stood then, final; null while the period is not closed") Integer closing,
            @Description("When that closing was made; null while the period is not closed")
            java.time.OffsetDateTime closedAt) {
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
