package io.servicegrade.evaluation;

import io.servicegrade.scoring.Breakdown;
import io.servicegrade.unit.UnitConnection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An evaluation as GraphQL shows it; its unit, breakdown and history are fetched in batches. */
@Type("Evaluation")
@Description("An evaluation at its current revision.")
public record EvaluationNode(@Id @NonNull String id, @NonNull String externalId,
        @Description("The agency that posted it; null when the admin did.") String agency,
        @NonNull String source, @Ignore long unitId, @NonNull String unitCode, @NonNull String rubric,
        int rubricVersion, @NonNull OffsetDateTime conductedAt, String evaluator,
        @NonNull @Description("active or voided") String status, int revision, @NonNull BigDecimal score,
        boolean vetoed, String comment, @Ignore StoredEvaluation stored) {

    static EvaluationNode of(StoredEvaluation e) {
        return new EvaluationNode(Long.toString(e.id()), e.externalId(), e.agencyCode(), e.source(), e.unitId(),
                e.unitCode(), e.rubricKey(), e.rubricVersion(), e.conductedAt(), e.evaluator(), e.status(),
                e.revision(), e.score(), e.vetoed(), e.comment(), e);
    }

    @Type("EvaluationConnection")
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull UnitConnection.PageInfo pageInfo) {
    }

    @Type("EvaluationEdge")
    public record Edge(@NonNull String cursor, @NonNull EvaluationNode node) {
    }

    @Type("EvaluationRevision")
    @Description("One entry of an evaluation's history.")
    public record RevisionNode(int revision, @NonNull @Description("created, revised or voided") String kind,
            @NonNull OffsetDateTime at, String agency, String reason, BigDecimal previousScore,
            @NonNull BigDecimal score, boolean vetoed) {
        static RevisionNode of(Revision r) {
            return new RevisionNode(r.revision(), r.kind(), r.at(), r.agency(), r.reason(), r.previousScore(),
                    r.score(), r.vetoed());
        }
    }

    @Type("ScoreBreakdown")
    @Description("Why an evaluation scored what it did, in the language asked for.")
    public record BreakdownNode(@NonNull BigDecimal available, @NonNull BigDecimal awarded, @NonNull BigDecimal score,
            boolean vetoed, String vetoedBy, @NonNull List<@NonNull SectionNode> sections) {
        static BreakdownNode of(Breakdown b, String lang) {
            return new BreakdownNode(b.available(), b.awarded(), b.score(), b.vetoed(), b.vetoedBy(),
                    b.sections().stream().map(s -> new SectionNode(s.key(), s.name().in(lang), s.max(),
                            s.available(), s.awarded(), s.items().stream().map(i -> new ItemNode(i.key(),
                                    i.name().in(lang), i.rule(), i.max(), i.awarded(), i.notApplicable(),
                                    i.defaulted(), i.vetoed(), i.satisfactionRate(),
                                    i.deductions().stream().map(d -> new DeductionNode(d.cause(), d.count(),
                                            d.points(), d.text().in(lang))).toList(),
                                    i.notes().stream().map(n -> n.in(lang)).toList())).toList())).toList());
        }
    }

    @Type("SectionScore")
    public record SectionNode(@NonNull String key, @NonNull String name, @NonNull BigDecimal max,
            @NonNull BigDecimal available, @NonNull BigDecimal awarded, @NonNull List<@NonNull ItemNode> items) {
    }

    @Type("ItemScore")
    public record ItemNode(@NonNull String key, @NonNull String name, @NonNull String rule, @NonNull BigDecimal max,
            @Description("Null when not applicable.") BigDecimal awarded, boolean notApplicable, boolean defaulted,
            boolean vetoed, BigDecimal satisfactionRate, @NonNull List<@NonNull DeductionNode> deductions,
            @NonNull List<@NonNull String> notes) {
    }

    @Type("Deduction")
    public record DeductionNode(@NonNull String cause, @NonNull BigDecimal count, @NonNull BigDecimal points,
            @NonNull String text) {
    }
}
