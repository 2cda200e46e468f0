package io.servicegrade.standing;

import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitConnection;
import org.eclipse.microprofile.graphql.Description;
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
        @Description("Id of the evaluation that vetoed the unit") String vetoedBy, boolean complete,
        @NonNull List<@NonNull CompositeNode> composites, @NonNull List<@NonNull SourceNode> sources,
        PreviousNode previous, @Description("value − previous value") BigDecimal change) {

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
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull UnitConnection.PageInfo pageInfo,
            int totalCount) {
    }

    @Type("StandingEdge")
    public record Edge(@NonNull String cursor, @NonNull StandingNode node) {
    }

    static StandingNode of(Scheme scheme, Unit unit, Standing s, Standing previous, String lang) {
        BigDecimal value = value(scheme, s);
        BigDecimal before = previous == null ? null : value(scheme, previous);
        return new StandingNode(unit, s.rank(), shown(value), grade(scheme, s.grade(), lang), s.vetoed(),
                s.vetoedBy() == null ? null : s.vetoedBy().toString(), s.complete(),
                s.composites().stream().map(c -> new CompositeNode(c.key(), scheme.composite(c.key()).name().in(lang),
                        shown(c.value()), c.complete())).toList(),
                s.sources().stream().map(v -> new SourceNode(v.source(), shown(v.value()), v.samples())).toList(),
                previous == null || before == null && previous.grade() == null ? null
                        : new PreviousNode(shown(before), previous.rank(), grade(scheme, previous.grade(), lang)),
                value == null || before == null ? null : shown(value.subtract(before)));
    }

    static BigDecimal value(Scheme scheme, Standing s) {
        StandingsEngine.CompositeValue c = s.composite(scheme.rankBy());
        return c == null ? null : c.value();
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
