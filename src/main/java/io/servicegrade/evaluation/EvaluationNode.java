package io.servicegrade.evaluation;

import io.servicegrade.scoring.Breakdown;
import io.servicegrade.platform.paging.PageInfo;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.Node;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An evaluation as GraphQL shows it; its unit, breakdown and history are fetched in batches. */
@Type("Evaluation")
@Description("An evaluation at its current revision.")
public record EvaluationNode(
        @Name("evaluationId") @Id @NonNull @Description("The id the REST API uses (/api/v1/evaluations/{evaluationId}).") String id, @NonNull String externalId,
        @Description("The agency that posted it; null when the admin did.") String agency,
        @NonNull String source, @Ignore long unitId, @NonNull String unitCode, @NonNull String rubric,
        int rubricVersion, @NonNull OffsetDateTime conductedAt, String evaluator,
        @NonNull EvaluationStatus status, int revision, @NonNull BigDecimal score,
        boolean vetoed, String comment, @Ignore StoredEvaluation stored) implements Node {

    @Override
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    @org.eclipse.microprofile.graphql.Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return GlobalIds.encode("Evaluation", id);
    }

    static EvaluationNode of(StoredEvaluation e) {
        return new EvaluationNode(Long.toString(e.id()), e.externalId(), e.agencyCode(), e.source(), e.unitId(),
                e.unitCode(), e.rubricKey(), e.rubricVersion(), e.conductedAt(), e.evaluator(), EvaluationStatus.valueOf(e.status().toUpperCase(java.util.Locale.ROOT)),
                e.revision(), e.score(), e.vetoed(), e.comment(), e);
    }

    @org.eclipse.microprofile.graphql.Enum("EvaluationStatus")
    @Description("Whether an evaluation counts (ACTIVE) or was voided (VOIDED: kept, but counted nowhere).")
    public enum EvaluationStatus { ACTIVE, VOIDED }

    @org.eclipse.microprofile.graphql.Enum("RevisionKind")
    @Description("What a revision of an evaluation did: created it, revised its answers, or voided it.")
    public enum RevisionKind { CREATED, REVISED, VOIDED }

    @Type("EvaluationConnection")
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo,
            @Ignore Filter filter) {
    }

    /** Who asked and what the page was filtered by, so that the evaluations over all pages can be counted. */
    public record Filter(io.servicegrade.platform.security.Caller caller, String unit, String under, String source,
            String rubric, OffsetDateTime from, OffsetDateTime to) {
    }

    @Type("EvaluationEdge")
    public record Edge(@NonNull String cursor, @NonNull EvaluationNode node) {
    }

    @Type("EvaluationRevision")
    @Description("One entry of an evaluation's history.")
    public record RevisionNode(int revision, @NonNull RevisionKind kind,
            @NonNull OffsetDateTime at, String agency, String reason, BigDecimal previousScore,
            @NonNull BigDecimal score, boolean vetoed) {
        static RevisionNode of(Revision r) {
            return new RevisionNode(r.revision(), RevisionKind.valueOf(r.kind().toUpperCase(java.util.Locale.ROOT)), r.at(), r.agency(), r.reason(), r.previousScore(),
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
