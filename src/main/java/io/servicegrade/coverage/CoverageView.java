package io.servicegrade.coverage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What REST and GraphQL show of inspection coverage (issue 19). */
public final class CoverageView {

    private CoverageView() {
    }

    @Type("CoveragePlan")
    @Schema(name = "CoveragePlan")
    @Description("An inspection coverage plan (检查覆盖计划): the selected active units are to be inspected by "
            + "evaluations of one source at least once every N calendar months, counted from January.")
    public record Plan(@NonNull @Schema(required = true) String key,
            @Schema(required = true, description = "The version: each put adds one") int version,
            @NonNull @Schema(required = true) String nameZh, @NonNull @Schema(required = true) String nameEn,
            @NonNull @Schema(required = true) Selection selection,
            @NonNull @Schema(required = true, description = "The evaluation source that covers a unit") String source,
            @Schema(required = true, description = "Months per interval: 1, 2, 3, 4, 6 or 12") int everyMonths,
            @NonNull @Schema(required = true) LocalDate activeFrom,
            @Schema(description = "The last day in force; null: open") LocalDate activeTo,
            @NonNull @Schema(required = true) Inspectors inspectors,
            @Schema(required = true, description = "Inspections an expected inspector owes per interval")
            int dutyMinimum,
            @NonNull @Schema(required = true) OffsetDateTime createdAt,
            @Schema(description = "When the plan was deleted; null while in force") OffsetDateTime retiredAt) {

        static Plan of(CoveragePlan p) {
            return new Plan(p.key(), p.version(), p.nameZh(), p.nameEn(),
                    new Selection(p.kinds(), p.areas(), p.tags(), p.serviceLines()), p.source(), p.everyMonths(),
                    p.activeFrom(), p.activeTo(), new Inspectors(p.accountLogins(), p.agencyCodes()),
                    p.dutyMinimum(), p.createdAt(), p.retiredAt());
        }
    }

    @Type("CoverageSelection")
    @Schema(name = "CoverageSelection")
    @Description("Which active units a plan selects: each non-empty list must name the unit (tags: any of them).")
    public record Selection(@NonNull @Schema(required = true) List<@NonNull String> kinds,
            @NonNull @Schema(required = true) List<@NonNull String> areas,
            @NonNull @Schema(required = true) List<@NonNull String> tags,
            @NonNull @Schema(required = true) List<@NonNull String> serviceLines) {
    }

    @Type("CoverageInspectors")
    @Schema(name = "CoverageInspectors")
    @Description("The inspectors a plan's duty rate expects: accounts by login, agencies by code.")
    public record Inspectors(@NonNull @Schema(required = true) List<@NonNull String> accounts,
            @NonNull @Schema(required = true) List<@NonNull String> agencies) {
    }

    @Type("UnitCoverage")
    @Schema(name = "UnitCoverage")
    @Description("Whether a unit was covered in one interval of a plan.")
    public record UnitCoverage(@NonNull @Schema(required = true) String plan,
            @NonNull @Schema(required = true) String unit, @NonNull @Schema(required = true) String name,
            @NonNull @Schema(required = true, description = "e.g. 2025-07, or 2025-03..2025-04") String interval,
            @NonNull @Schema(required = true, description = "The interval's first day") LocalDate start,
            @NonNull @Schema(required = true, description = "The day after the interval") LocalDate end,
            @Schema(required = true) boolean covered,
            @Schema(required = true, description = "Active evaluations of the plan's source in the interval, on the "
                    + "unit or a unit below it") long evaluations,
            @Schema(description = "The last of them") OffsetDateTime lastInspectedAt) {
    }

    @Type("OverdueUnit")
    @Schema(name = "OverdueUnit")
    @Description("A unit whose inspection is overdue under a plan: its current interval is not covered, and either "
            + "the interval before was not covered either (missed-last) or the current one is past its middle day "
            + "(past-midpoint).")
    public record Overdue(@NonNull @Schema(required = true) String plan,
            @NonNull @Schema(required = true) String unit, @NonNull @Schema(required = true) String name,
            @Schema(description = "urban or rural; null when not set") String area,
            @NonNull @Schema(required = true, enumeration = {"missed-last", "past-midpoint"}) String reason,
            @NonNull @Schema(required = true, description = "The current interval") String interval,
            @NonNull @Schema(required = true, description = "The day it has been overdue since") LocalDate since,
            @Schema(description = "The last inspection ever; null: never inspected") OffsetDateTime lastInspectedAt) {
    }

    @Type("NeverInspectedUnit")
    @Schema(name = "NeverInspectedUnit")
    @Description("A selected unit that no active evaluation of the plan's source has ever named (nor a unit below "
            + "it).")
    public record NeverInspected(@NonNull @Schema(required = true) String plan,
            @NonNull @Schema(required = true) String unit, @NonNull @Schema(required = true) String name,
            @Schema(description = "urban or rural; null when not set") String area) {
    }

    @Type("CoverageRate")
    @Schema(name = "CoverageRate")
    @Description("A plan's coverage rate in a group (a unit and its subtree) over the intervals of a period: "
            + "covered unit-intervals / unit-intervals, in percent, rounded once to 2 places half up.")
    public record Rate(@NonNull @Schema(required = true) String plan,
            @Schema(description = "The group's unit code; null for every selected unit") String group,
            @Schema(description = "The group's unit name") String groupName,
            @Schema(required = true) int units, @Schema(required = true) int intervals,
            @Schema(required = true, description = "unit-intervals: units × intervals") long required,
            @Schema(required = true, description = "unit-intervals covered") long covered,
            @Schema(description = "covered / required × 100; null when nothing was required") BigDecimal rate) {
    }

    @Type("DutyRate")
    @Schema(name = "DutyRate")
    @Description("An inspector's duty rate (履职频次达标率) under a plan: the share of the period's intervals in which "
            + "the inspector made at least the plan's duty minimum of inspections of its selected units.")
    public record Duty(@NonNull @Schema(required = true) String plan,
            @Schema(description = "agency, account or admin; null for the total over every inspector")
            String inspectorKind,
            @Schema(description = "An agency's code, an account's login, or admin; null for the total")
            String inspector,
            @Schema(required = true) int intervals,
            @Schema(required = true, description = "Intervals in which the minimum was met") int met,
            @Schema(required = true) long inspections,
            @Schema(description = "met / intervals × 100; null when there were no intervals") BigDecimal rate) {
    }

    // issue 19b: coverage
    @Type("CoverageChange")
    @Description("A unit-interval whose kept coverage changed: it became covered, became uncovered (a void, a "
            + "moved evaluation), ended uncovered, or its plan changed.")
    public record Change(@NonNull String plan, @NonNull String unit, @NonNull String unitName,
            @NonNull @Description("The interval's first day") LocalDate start,
            @Description("Whether the unit is covered in the interval now") boolean covered,
            @Description("The inspectionCoverage sample now: 100 covered, 0 ended uncovered, null none (in "
                    + "progress and uncovered, or no longer asked by the plan)") BigDecimal value,
            @Description("The sample before the change") BigDecimal before) {

        static Change of(CoverageChanges.Change c, String unit, String unitName) {
            return new Change(c.plan(), unit, unitName, c.start(), CoverageKeeper.covered(c.value()), c.value(),
                    c.before());
        }
    }
}
