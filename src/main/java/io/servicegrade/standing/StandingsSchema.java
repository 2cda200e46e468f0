package io.servicegrade.standing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The JSON answers of {@link StandingResource} as {@code /q/openapi} describes them (the board is what
 * {@link StandingExport#json} writes). Schema only: never built.
 */
@Schema(name = "Standings", description = "A period's board")
public record StandingsSchema(@Schema(required = true) String scheme,
        @Schema(required = true, description = "The scheme version that computes the board") int version,
        @Schema(required = true, description = "The period's id, e.g. 2025-Q1") String period,
        @Schema(description = "When the period was published; null while open") OffsetDateTime publishedAt,
        @Schema(description = "The closing shown (1, 2 … after reopenings) when the period is closed: the board as it "
                + "stood then; null while not closed") Integer closing,
        @Schema(description = "When that closing was made") OffsetDateTime closedAt,
        @Schema(required = true) int totalCount,
        @Schema(required = true) List<Row> standings) {

    @Schema(name = "StandingRow")
    public record Row(@Schema(required = true, description = "The unit's code") String unit,
            @Schema(required = true) String name,
            @Schema(description = "Competition rank; null when unranked") Integer rank,
            @Schema(description = "The ranking composite's value") BigDecimal value,
            StandingNode.GradeNode grade, @Schema(required = true) boolean vetoed,
            @Schema(description = "Id of the evaluation that vetoed the unit, only for a caller who may read the unit's evaluations (null for anyone else: vetoed still says so)") String vetoedBy,
            @Schema(description = "The confirmed veto event that vetoes the unit on this board (issue 18); null when none")
            StandingNode.VetoEventNode vetoEvent,
            @Schema(required = true) boolean complete,
            @Schema(required = true) List<StandingNode.CompositeNode> composites,
            @Schema(required = true) List<StandingNode.SourceNode> sources,
            StandingNode.PreviousNode previous,
            @Schema(description = "value − previous value") BigDecimal change,
            @Schema(description = "Mean value of the units on this board with the same parent") BigDecimal parentMean,
            @Schema(description = "value − parentMean") BigDecimal aboveParentMean,
            @Schema(description = "For a group kind (e.g. branch): the figures of the graded units under it")
            StandingNode.GroupNode group) {
    }

    @Schema(name = "Period", description = "A period with standings, and the scheme version it keeps once published")
    public record Period(@Schema(required = true) String period, @Schema(required = true) LocalDate firstDay,
            @Schema(required = true) LocalDate lastDay, @Schema(required = true) boolean published,
            Integer publishedVersion, OffsetDateTime publishedAt,
            @Schema(required = true, enumeration = {"OPEN", "PUBLISHED", "CLOSED"}) String stage,
            @Schema(description = "The end (exclusive) of the objection window, fixed at publication")
            OffsetDateTime objectionUntil,
            @Schema(description = "The closing in force (1, 2 … after reopenings); null unless closed") Integer closing,
            OffsetDateTime closedAt) {
    }

    @Schema(name = "ReopenPeriod")
    public record Reopen(@Schema(required = true, maxLength = 2000, description = "Why the period is reopened")
            String reason) {
    }

    @Schema(name = "PeriodClosing", description = "A closing of a period, and its reopening once reopened")
    public record Closing(@Schema(required = true) int closing, @Schema(required = true) OffsetDateTime closedAt,
            @Schema(required = true, description = "account:<id> or key:<id>") String closedBy,
            @Schema(required = true, description = "The scheme version that computed it") int version,
            OffsetDateTime reopenedAt, String reopenedBy, String reopenReason) {
    }

    @Schema(name = "Recomputed")
    public record Recomputed(@Schema(required = true) String scheme, @Schema(required = true) boolean recomputed) {
    }
}
