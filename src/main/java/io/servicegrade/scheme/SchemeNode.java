package io.servicegrade.scheme;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A scheme as GraphQL shows it, names in the language asked for. */
@Type("Scheme")
@Description("A scheme (考核方案) at a version.")
public record SchemeNode(@NonNull String key, int version, @NonNull String name, @NonNull List<@NonNull String> kinds,
        @NonNull PeriodUnit period,
        @Description("The finer bulletin periods inside each period (monthly bulletins of a quarterly scheme), whose"
                + " boards standings(period:) also serves; null without.") PeriodUnit bulletin,
        @NonNull String timeZone, @NonNull LocalDate activeFrom, LocalDate activeTo,
        @NonNull List<@NonNull SourceNode> sources, @NonNull List<@NonNull CompositeNode> composites,
        @NonNull List<@NonNull GradeNode> grades, @NonNull String rankBy, @NonNull List<@NonNull TargetNode> targets,
        @org.eclipse.microprofile.graphql.Ignore String language) implements io.servicegrade.platform.graphql.Node {

    @Override
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    @org.eclipse.microprofile.graphql.Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return io.servicegrade.platform.graphql.GlobalIds.encode("Scheme", key, Integer.toString(version), language);
    }

    @Type("SchemeSource")
    public record SourceNode(@NonNull String source,
            @NonNull @Description("The first rubric of rubrics: the only one unless the source takes a rubric per unit"
                    + " selection.") String rubric,
            @NonNull @Description("The rubric per unit selection, in order: an evaluation counts when it is on the"
                    + " first rubric whose selection takes the unit it names.") List<@NonNull RubricChoiceNode> rubrics,
            @NonNull Combine combine,
            @Description("A sum of deductions' starting value (each evaluation deducts base minus its score).")
            BigDecimal base,
            @Description("A sum of deductions' lowest value.") BigDecimal floor,
            @NonNull Statistic statistic, String item, int minSamples,
            @NonNull @Description("Kinds of unit above the evaluated unit its evaluations also count for.")
            List<@NonNull String> alsoCountsForAbove,
            @NonNull @Description("Kinds of unit below the evaluated unit its evaluations also count for.")
            List<@NonNull String> alsoCountsForBelow,
            @Description("The follow-up figure the source counts instead of evaluations (its rubric then reads "
                    + "figure:<name>): each case gives 100 or 0, the mean is the rate; null for evaluations.")
            String figure) {
    }

    @Type("SchemeRubricChoice")
    @Description("A source's rubric for the units a selection takes (empty lists take any unit; a unit with any of"
            + " the tags is taken).")
    public record RubricChoiceNode(@NonNull String rubric, @NonNull List<@NonNull String> kinds,
            @NonNull List<@NonNull String> serviceLines, @NonNull List<@NonNull String> tags) {
    }

    @org.eclipse.microprofile.graphql.Enum("PeriodUnit")
    @Description("How long a scheme's periods are.")
    public enum PeriodUnit { MONTH, QUARTER, HALF, YEAR }

    @org.eclipse.microprofile.graphql.Enum("Combine")
    @Description("How a source's evaluations of a unit in a period combine: their mean, the latest, the lowest, or"
            + " a sum of deductions (base minus what each evaluation lost, not below floor).")
    public enum Combine { MEAN, LATEST, MIN, DEDUCTIONS }

    @org.eclipse.microprofile.graphql.Enum("Statistic")
    @Description("What a source takes from an evaluation: its score, or an item's satisfaction rate.")
    public enum Statistic { MEAN_SCORE, SATISFACTION_RATE }

    @org.eclipse.microprofile.graphql.Enum("WhenMissing")
    @Description("A composite with a source missing: incomplete, or the present sources' weights rescaled.")
    public enum WhenMissing { INCOMPLETE, RESCALE }

    @Type("SchemeComposite")
    public record CompositeNode(@NonNull String key, @NonNull String name, @NonNull List<@NonNull WeightNode> weights,
            @NonNull WhenMissing whenMissing) {
    }

    @Type("SchemeWeight")
    public record WeightNode(@NonNull String source, @NonNull BigDecimal weight) {
    }

    @Type("SchemeGrade")
    public record GradeNode(@NonNull String key, @NonNull String name,
            @Description("The composite of a shorthand grade (composite and min); null otherwise") String composite,
            @Description("The minimum of a shorthand grade; null otherwise") BigDecimal min,
            @Description("The grade's condition as the scheme document writes it (JSON: composite/source comparisons, "
                    + "sample counts, present, all, any); null for the last grade") String condition) {
    }

    @Type("SchemeTarget")
    @Description("A target for groups of kind level: a share of the selected graded units at grade (or better "
            + "unless exactly), or the mean of a composite; at least or at most the figures, changing on steps' dates.")
    public record TargetNode(@Description("Its own key; null when the document gives none") String key,
            @Description("Its own name; null when the document gives none") String name,
            @NonNull String level, @Description("The grade of a share target") String grade, boolean exactly,
            @Description("The composite of a mean target") String mean,
            @NonNull @Description("Which graded units count (empty lists: any)") SelectionNode of,
            @NonNull @Description("atLeast or atMost") String direction,
            BigDecimal urban, BigDecimal rural, @Description("Over every selected unit, whatever its area") BigDecimal all,
            @NonNull List<@NonNull StepNode> steps) {
    }

    @Type("SchemeTargetSelection")
    public record SelectionNode(@NonNull List<@NonNull String> kinds, @NonNull List<@NonNull String> serviceLines,
            @NonNull List<@NonNull String> tags, @NonNull List<@NonNull String> areas) {
    }

    @Type("SchemeTargetStep")
    @Description("From this date on (a period whose last day is on or after it), the target requires these figures.")
    public record StepNode(@NonNull LocalDate from, BigDecimal urban, BigDecimal rural, BigDecimal all) {
    }

    private static TargetNode target(Scheme.Target t, String lang) {
        Scheme.Selection of = t.of();
        return new TargetNode(t.key(), t.name() == null ? null : t.name().in(lang), t.level(), t.grade(),
                t.exactly(), t.mean(), new SelectionNode(of.kinds(), of.serviceLines(), of.tags(), of.areas()),
                t.direction() == Scheme.Direction.AT_MOST ? "atMost" : "atLeast", t.required().urban(),
                t.required().rural(), t.required().all(), t.steps().stream().map(step -> new StepNode(step.from(),
                        step.required().urban(), step.required().rural(), step.required().all())).toList());
    }

    public static SchemeNode of(SchemeService.Version version, String lang) {
        Scheme s = version.scheme();
        return new SchemeNode(s.key(), version.version(), s.name().in(lang), s.kinds(), PeriodUnit.valueOf(s.period().name()),
                s.bulletin() == null ? null : PeriodUnit.valueOf(s.bulletin().name()),
                s.timeZone().getId(), s.activeFrom(), s.activeTo(),
                s.sources().stream().map(x -> new SourceNode(x.source(), x.rubrics().get(0).rubric(),
                        x.rubrics().stream().map(c -> new RubricChoiceNode(c.rubric(), c.kinds(), c.serviceLines(),
                                c.tags())).toList(),
                        Combine.valueOf(x.combine().name()), x.base(), x.floor(),
                        Statistic.valueOf(x.statistic().name()), x.item(), x.minSamples(), x.alsoFor().above(),
                        x.alsoFor().below(), x.figure() == null ? null : x.figure().key())).toList(),
                s.composites().stream().map(c -> new CompositeNode(c.key(), c.name().in(lang),
                        c.weights().entrySet().stream().map(w -> new WeightNode(w.getKey(), w.getValue())).toList(),
                        WhenMissing.valueOf(c.whenMissing().name()))).toList(),
                s.grades().stream().map(g -> new GradeNode(g.key(), g.name().in(lang), g.composite(), g.min(),
                        SchemeDocument.conditionText(g))).toList(),
                s.rankBy(),
                s.targets().stream().map(t -> target(t, lang)).toList(),
                lang);
    }
}
