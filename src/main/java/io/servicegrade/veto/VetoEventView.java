package io.servicegrade.veto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A unit veto event as REST and GraphQL show it (issue 18). */
@Type("VetoEvent")
@Schema(name = "VetoEvent")
@Description("A unit veto event (一票否决事件): proposed, confirmed by the general manager's office, then in effect on "
        + "the boards its scheme's scope reaches until an exemption (免责) is approved.")
public record VetoEventView(@NonNull @Schema(required = true) String id,
        @NonNull @Schema(required = true, description = "The code of the unit the event was recorded against")
        String unit,
        @NonNull @Schema(required = true, description = "The codes of the responsible staff units named with it")
        @Description("The codes of the responsible staff units named with it") List<@NonNull String> staff,
        @NonNull @Schema(required = true, enumeration = {"media-exposure", "government-criticism", "safety-accident",
                "other"}) @Description("media-exposure, government-criticism, safety-accident or other") String kind,
        @Schema(description = "What kind of event, for kind other") String kindText,
        @NonNull @Schema(required = true) @Description("The day it happened") LocalDate occurredOn,
        @NonNull @Schema(required = true) String description,
        @NonNull @Schema(required = true, description = "Links to the evidence") List<@NonNull String> evidence,
        @NonNull @Schema(required = true, enumeration = {"proposed", "confirmed", "exemption-requested", "exempted"})
        @Description("proposed, confirmed, exemption-requested or exempted; it vetoes while confirmed or "
                + "exemption-requested") String state,
        @Schema(required = true, description = "Whether it vetoes now: confirmed and not exempted")
        boolean inEffect,
        @NonNull @Schema(required = true) OffsetDateTime proposedAt, OffsetDateTime confirmedAt,
        @Description("The exemption asked for or approved; null when none") Exemption exemption) {

    @Type("VetoExemption")
    @Schema(name = "VetoExemption")
    public record Exemption(@NonNull @Schema(required = true, description = "One of the scheme's exemption grounds")
            String ground, @NonNull @Schema(required = true) String reason,
            @NonNull @Schema(required = true) OffsetDateTime requestedAt,
            @Schema(description = "When it was approved; null while asked for") OffsetDateTime approvedAt) {
    }

    static VetoEventView of(VetoEvent e) {
        return new VetoEventView(Long.toString(e.id()), e.unitCode(), e.staffCodes(), e.kind(), e.kindText(),
                e.occurredOn(), e.description(), e.evidence(), e.state(), e.inEffect(), e.proposedAt(),
                e.confirmedAt(), e.exemptionGround() == null ? null : new Exemption(e.exemptionGround(),
                        e.exemptionReason(), e.exemptionRequestedAt(), e.exemptedAt()));
    }

    /** Whether a unit may receive awards in a period, and the events that say it may not. */
    @Type("AwardEligibility")
    @Schema(name = "AwardEligibility")
    public record Eligibility(@NonNull @Schema(required = true) String unit,
            @NonNull @Schema(required = true) String scheme,
            @NonNull @Schema(required = true, description = "The scheme's period, or a year") String period,
            @Schema(required = true, description = "false while a confirmed, not exempted event names the unit")
            boolean eligible,
            @NonNull @Schema(required = true, description = "The events that take eligibility away")
            List<@NonNull VetoEventView> events) {

        static Eligibility of(VetoEventService.Eligibility e) {
            return new Eligibility(e.unit(), e.scheme(), e.period(), e.eligible(),
                    e.events().stream().map(VetoEventView::of).toList());
        }
    }
}
