package io.servicegrade.nomination;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;

/** A nomination (推荐) of a unit by a group for a service line at one level, as REST and GraphQL show it. */
@Type("Nomination")
@Description("A unit nominated (推荐) by its group for a service line at one level of the scheme's nominations: "
        + "proposed at publication (first level) or forwarded from the level below, then confirmed or replaced by "
        + "the group's manager, and approved by the analyst at the last level.")
public record Nomination(
        @Description("The id the REST API uses (/nominations/{id}).") long id,
        @Description("The level, 0 for the first (the groups that propose).") int level,
        @NonNull @Description("The kind of the level's groups, e.g. branch or city.") String levelKind,
        @NonNull @Description("The code of the group that nominates.") String group,
        @NonNull @Description("The group's name.") String groupName,
        @NonNull @Description("The service line (工种) the unit is nominated for.") String serviceLine,
        @NonNull @Description("The code of the unit nominated.") String unit,
        @NonNull @Description("The unit's name.") String unitName,
        @NonNull @Description("proposed, confirmed, replaced (substituted by another) or approved.") String state,
        @Description("Why it was substituted in (on the row that replaced another) or the decision's note.")
        String reason,
        @Description("The id of the nomination this one replaced; null unless substituted in.") Long replaces,
        @NonNull @Description("When it was made.") OffsetDateTime createdAt,
        @Description("When it was last decided; null while proposed.") OffsetDateTime decidedAt) {

    static Nomination of(NominationRepository.StoredNomination row, String levelKind) {
        return new Nomination(row.id(), row.level(), levelKind, row.groupCode(), row.groupName(), row.serviceLine(),
                row.unitCode(), row.unitName(), row.state(), row.reason(), row.replaces(), row.createdAt(),
                row.decidedAt());
    }
}
