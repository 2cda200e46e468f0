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
        @NonNull String period, @NonNull String timeZone, @NonNull LocalDate activeFrom, LocalDate activeTo,
        @NonNull List<@NonNull SourceNode> sources, @NonNull List<@NonNull CompositeNode> composites,
        @NonNull List<@NonNull GradeNode> grades, @NonNull String rankBy, @NonNull List<@NonNull TargetNode> targets) {

    @Type("SchemeSource")
    public record SourceNode(@NonNull String source, @NonNull String rubric,
            @NonNull @Description("mean, latest or min") String combine,
            @NonNull @Description("meanScore or satisfactionRate") String statistic, String item, int minSamples) {
    }

    @Type("SchemeComposite")
    public record CompositeNode(@NonNull String key, @NonNull String name, @NonNull List<@NonNull WeightNode> weights,
            @NonNull @Description("incomplete or rescale") String whenMissing) {
    }

    @Type("SchemeWeight")
    public record WeightNode(@NonNull String source, @NonNull BigDecimal weight) {
    }

    @Type("SchemeGrade")
    public record GradeNode(@NonNull String key, @NonNull String name, String composite, BigDecimal min) {
    }

    @Type("SchemeTarget")
    public record TargetNode(@NonNull String level, @NonNull String grade, @NonNull BigDecimal urban,
            @NonNull BigDecimal rural) {
    }

    public static SchemeNode of(SchemeService.Version version, String lang) {
        Scheme s = version.scheme();
        return new SchemeNode(s.key(), version.version(), s.name().in(lang), s.kinds(), s.period().token(),
                s.timeZone().getId(), s.activeFrom(), s.activeTo(),
                s.sources().stream().map(x -> new SourceNode(x.source(), x.rubric(),
                        x.combine().name().toLowerCase(), x.statistic() == Scheme.Statistic.MEAN_SCORE ? "meanScore"
                                : "satisfactionRate", x.item(), x.minSamples())).toList(),
                s.composites().stream().map(c -> new CompositeNode(c.key(), c.name().in(lang),
                        c.weights().entrySet().stream().map(w -> new WeightNode(w.getKey(), w.getValue())).toList(),
                        c.whenMissing().name().toLowerCase())).toList(),
                s.grades().stream().map(g -> new GradeNode(g.key(), g.name().in(lang), g.composite(), g.min()))
                        .toList(),
                s.rankBy(),
                s.targets().stream().map(t -> new TargetNode(t.level(), t.grade(), t.urban(), t.rural())).toList());
    }
}
