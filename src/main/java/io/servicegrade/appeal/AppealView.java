package io.servicegrade.appeal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An appeal as REST shows it (issue 18): what it is against, why, its state, its deadline and its decision. */
@Schema(name = "Appeal", description = "An appeal (申诉) against an evaluation or a unit's standing in a period")
public record AppealView(
        @Schema(required = true) long id,
        @Schema(required = true, description = "The scheme's key") String scheme,
        @Schema(required = true, description = "The period, e.g. 2025-Q3") String period,
        @Schema(required = true, description = "The unit's code") String unit,
        @Schema(required = true) String unitName,
        @Schema(nullable = true, description = "The evaluation appealed against; null for a standing's appeal")
        Long evaluation,
        @Schema(nullable = true, description = "The code of the agency whose evaluation it is; null otherwise")
        String agency,
        @Schema(required = true, description = "The evaluation's items appealed against (its rubric's item keys); "
                + "empty for the whole") List<String> items,
        @Schema(required = true) String reasons,
        @Schema(required = true, description = "Links to the evidence") List<String> evidence,
        @Schema(required = true, enumeration = {"filed", "upheld", "rejected"}) String state,
        @Schema(nullable = true, description = "The end of the period's objection window (exclusive); null when "
                + "the period has none") OffsetDateTime deadline,
        @Schema(required = true) OffsetDateTime filedAt,
        @Schema(nullable = true) OffsetDateTime decidedAt,
        @Schema(nullable = true, description = "Why it was upheld or rejected") String decisionReason,
        @Schema(nullable = true, description = "The correction an upheld appeal made of the evaluation: revision "
                + "or void") String correction,
        @Schema(nullable = true, description = "The evaluation's revision that correction wrote")
        Integer correctionRevision) {

    public static AppealView of(AppealService.View view) {
        AppealRepository.Stored a = view.appeal();
        return new AppealView(a.id(), a.scheme(), a.period(), a.unitCode(), a.unitName(), a.evaluationId(),
                a.agencyCode(), a.items(), a.reasons(), a.evidence(), a.state(), view.deadline(), a.filedAt(),
                a.decidedAt(), a.decisionReason(), a.correction(), a.correctionRevision());
    }

    /** Appeals against one agency's evaluations in a period, and the share upheld. */
    @Schema(name = "AgencyAppeals", description = "Appeals against an agency's evaluations in a period of a scheme")
    public record AgencyCount(@Schema(required = true) String scheme, @Schema(required = true) String period,
            @Schema(required = true, description = "The agency's code") String agency,
            @Schema(required = true) long filed, @Schema(required = true) long upheld,
            @Schema(required = true) long rejected, @Schema(required = true, description = "Not decided yet")
            long pending,
            @Schema(required = true, description = "upheld / filed, to four decimal places (half up)")
            BigDecimal upheldShare) {

        static AgencyCount of(AppealRepository.AgencyCount c) {
            return new AgencyCount(c.scheme(), c.period(), c.agency(), c.filed(), c.upheld(), c.rejected(),
                    c.pending(), c.upheldShare());
        }
    }

    /** The body of {@code POST /api/v1/appeals}. Schema only. */
    @Schema(name = "AppealFiling", description = "An appeal: against an evaluation (and optionally named items), "
            + "or against a unit's standing in a period; unknown fields are refused")
    public record Filing(@Schema(required = true, maxLength = 80) String scheme,
            @Schema(maxLength = 16, description = "Needed with unit; with evaluation, it must be the evaluation's")
            String period,
            @Schema(description = "An evaluation's id") Long evaluation,
            @Schema(maxLength = 64, description = "A unit's code (a standing's appeal)") String unit,
            @Schema(maxItems = AppealInput.MAX_ITEMS) List<String> items,
            @Schema(required = true, maxLength = AppealInput.MAX_REASONS) String reasons,
            @Schema(maxItems = AppealInput.MAX_EVIDENCE, description = "http(s) links") List<String> evidence) {
    }

    /** The body of {@code POST /api/v1/appeals/{id}/decision}. Schema only. */
    @Schema(name = "AppealDecision", description = "upheld or rejected, with a reason; an upheld appeal against an "
            + "evaluation carries its correction")
    public record Decision(@Schema(required = true, enumeration = {"upheld", "rejected"}) String outcome,
            @Schema(required = true, maxLength = AppealInput.MAX_DECISION_REASON) String reason,
            Correction correction) {
    }

    /** Schema only. */
    @Schema(name = "AppealCorrection", description = "kind revision (with answers, evidence or comment, as a "
            + "revision takes them) or void")
    public record Correction(@Schema(required = true, enumeration = {"revision", "void"}) String kind,
            List<io.servicegrade.evaluation.EvaluationBatchSchema.Answer> answers,
            List<io.servicegrade.evaluation.EvaluationBatchSchema.Evidence> evidence,
            @Schema(maxLength = 2000) String comment) {
    }
}
