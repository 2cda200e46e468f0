package io.servicegrade.complaint;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A complaint as REST shows it (issue 19). The customer's reference is never shown: only its SHA-256 is stored, to
 * find repeats.
 */
@Schema(name = "Complaint", description = "A complaint (投诉) received at a unit, its reply deadline, reply and the "
        + "customer's satisfaction")
public record ComplaintView(
        @Schema(required = true) long id,
        @Schema(required = true, enumeration = {"hotline", "letter", "online", "walk-in", "regulator"})
        String channel,
        @Schema(required = true) OffsetDateTime receivedAt,
        @Schema(required = true, description = "The unit's code") String unit,
        @Schema(required = true) String unitName,
        @Schema(required = true, description = "The category's key") String category,
        @Schema(required = true, description = "The category's name in zh-CN") String categoryNameZh,
        @Schema(required = true, description = "The category's name in en") String categoryNameEn,
        @Schema(required = true) String subject,
        @Schema(required = true, description = "Who answers for it first (首问负责)") String firstResponder,
        @Schema(required = true, description = "When the reply is due (exclusive)") OffsetDateTime dueAt,
        @Schema(required = true, enumeration = {"open", "overdue", "replied"}) String state,
        @Schema(required = true, description = "Replied at or after dueAt, or unreplied past it") boolean late,
        @Schema(required = true, description = "The same customer and category within the repeat days before it")
        boolean repeat,
        @Schema(required = true, description = "Through the regulator, or a repeat of a complaint whose customer "
                + "was unsatisfied") boolean escalated,
        @Schema(nullable = true) OffsetDateTime repliedAt,
        @Schema(nullable = true) String resolution,
        @Schema(nullable = true, description = "satisfied or unsatisfied; null until recorded") String satisfaction,
        @Schema(nullable = true) OffsetDateTime satisfactionAt,
        @Schema(nullable = true, description = "When the sweep marked it overdue") OffsetDateTime overdueAt,
        @Schema(required = true) OffsetDateTime registeredAt) {

    /** The complaint with its category's names ({@link ComplaintCategories#of(String)}). */
    public static ComplaintView of(ComplaintRepository.Stored c, ComplaintCategories.Category category) {
        return new ComplaintView(c.id(), c.channel(), c.receivedAt(), c.unitCode(), c.unitName(), c.category(),
                category.nameZh(), category.nameEn(), c.subject(), c.firstResponder(), c.dueAt(), c.state(), c.late(), c.repeat(), c.escalated(),
                c.repliedAt(), c.resolution(), c.satisfaction(), c.satisfactionAt(), c.overdueAt(), c.registeredAt());
    }

    /** The body of {@code POST /api/v1/complaints}, and each entry of a batch. Schema only. */
    @Schema(name = "ComplaintRegistration", description = "A complaint to register; unknown fields are refused")
    public record Registration(
            @Schema(required = true, enumeration = {"hotline", "letter", "online", "walk-in", "regulator"})
            String channel,
            @Schema(required = true, description = "ISO-8601 with an offset; not in the future") String receivedAt,
            @Schema(required = true, maxLength = 64, description = "The unit's code") String unit,
            @Schema(required = true, maxLength = 40, description = "One of the configured categories' keys (GET "
                    + "/api/v1/complaints/categories)") String category,
            @Schema(required = true, maxLength = ComplaintInput.MAX_SUBJECT) String subject,
            @Schema(required = true, maxLength = ComplaintInput.MAX_REFERENCE, description = "An opaque customer "
                    + "reference (an id or a phone number's hash); only its SHA-256 is stored") String customerRef,
            @Schema(required = true, maxLength = ComplaintInput.MAX_RESPONDER, description = "A person's name or "
                    + "login (首问负责)") String firstResponder) {
    }

    /** The body of {@code POST /api/v1/complaints/{id}/reply}. Schema only. */
    @Schema(name = "ComplaintReply", description = "The reply: its resolution, and when it was given (now by default)")
    public record Reply(@Schema(required = true, maxLength = 2000) String resolution,
            @Schema(description = "ISO-8601 with an offset; not before receipt, not in the future") String repliedAt) {
    }

    /** The body of {@code POST /api/v1/complaints/{id}/satisfaction}. Schema only. */
    @Schema(name = "ComplaintSatisfaction", description = "The customer's satisfaction with the handling")
    public record Satisfaction(@Schema(required = true, enumeration = {"satisfied", "unsatisfied"})
            String satisfaction) {
    }

    /** A unit's or a group's complaint figures in a period. */
    @Schema(name = "ComplaintFigures", description = "Complaint figures of a unit, or of a group (the unit and those "
            + "below it), in a period; each rate a percentage to two places (half up), null without a denominator")
    public record Figures(@Schema(required = true) String unit, @Schema(required = true) String unitName,
            @Schema(required = true, description = "2025-01, 2025-Q1 or 2025") String period,
            @Schema(required = true, description = "true: the unit and every unit below it") boolean group,
            @Schema(required = true) long complaints, @Schema(required = true) long replied,
            @Schema(required = true, description = "Replied before the deadline") long timely,
            @Schema(required = true, description = "Unreplied past the deadline") long overdue,
            @Schema(nullable = true, description = "timely × 100 / (replied + overdue)") BigDecimal timelinessRate,
            @Schema(required = true, description = "With the customer's satisfaction recorded") long rated,
            @Schema(required = true) long satisfied,
            @Schema(nullable = true, description = "satisfied × 100 / rated") BigDecimal satisfactionRate,
            @Schema(required = true) long repeats,
            @Schema(nullable = true, description = "repeats × 100 / complaints") BigDecimal repeatRate,
            @Schema(required = true) long escalations,
            @Schema(nullable = true, description = "Transactions in the period (its months' volumes summed)")
            Long volume,
            @Schema(nullable = true, description = "complaints × 10000 / volume, two places half up; null without "
                    + "a volume") BigDecimal perTenThousand) {

        public static Figures of(ComplaintService.FigureRow row) {
            ComplaintFigures.Counts c = row.counts();
            return new Figures(row.unit(), row.unitName(), row.period(), row.group(), c.complaints(), c.replied(),
                    c.timely(), c.overdue(), c.timelinessRate(), c.recorded(), c.satisfied(), c.satisfactionRate(),
                    c.repeats(), c.repeatRate(), c.escalations(), c.volume(), c.perTenThousand());
        }
    }

    /** A unit's transaction volume in a month. */
    @Schema(name = "TransactionVolume", description = "Transactions a unit handled in a month (业务量)")
    public record Volume(@Schema(required = true, description = "The unit's code") String unit,
            @Schema(description = "Answered only") String unitName,
            @Schema(required = true, description = "e.g. 2025-01") String month,
            @Schema(required = true, minimum = "0") long volume) {

        static Volume of(ComplaintRepository.StoredVolume v) {
            return new Volume(v.unitCode(), v.unitName(), java.time.YearMonth.from(v.month()).toString(), v.volume());
        }
    }

    /** What a write of volumes or an import answers. */
    @Schema(name = "Written", description = "How many entries were written")
    public record Written(@Schema(required = true) int written) {
    }

    // issue 19b: complaints
    /** A complaint category as {@code GET /api/v1/complaints/categories} lists it. */
    @Schema(name = "ComplaintCategory", description = "A category a complaint may be registered under, with its "
            + "names (servicegrade.complaints.categories)")
    public record Category(@Schema(required = true, description = "The key a registration names") String key,
            @Schema(required = true) String nameZh, @Schema(required = true) String nameEn) {

        static Category of(ComplaintCategories.Category c) {
            return new Category(c.key(), c.nameZh(), c.nameEn());
        }
    }
}
