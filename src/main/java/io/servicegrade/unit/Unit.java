package io.servicegrade.unit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.Node;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A unit of the organisation tree: a bureau, branch, outlet, service window or staff member. */
@Type("Unit")
@Description("A unit of the organisation tree: a region (bureau), branch, outlet, service window or staff member.")
public record Unit(
        @Ignore long id,
        @NonNull @Description("Stable code, unique and immutable.") String code,
        @NonNull @Description("Display name, any language.") String name,
        @NonNull @Description("Kind: region, branch, outlet, window, staff, or a deployment's own.") String kind,
        @Description("Service line, e.g. counter, savings, delivery; inherited from the parent when not given.") String serviceLine,
        @Ignore String area,
        @NonNull @Description("Tags set on this unit (e.g. model-candidate, agency-outlet), sorted; schemes' targets and"
                + " the boards' filters select units by them. Not inherited.") List<@NonNull String> tags,
        @Ignore String parentCode,
        @Ignore String path,
        @Description("False once the unit is retired; units are never deleted.") boolean active,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt) implements Node {

    @Override
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    @org.eclipse.microprofile.graphql.Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return GlobalIds.encode("Unit", code);
    }

    @org.eclipse.microprofile.graphql.Name("area")
    @Description("Where the unit serves; inherited from the parent when not given.")
    public Area getAreaValue() {
        return Area.of(area);
    }

    /** The materialised path of ids, as the database's ltree text ({@code 1.5.23}). */
    public String pathText() {
        return path;
    }

    /** The ids of the unit's ancestors, root first. */
    List<Long> ancestorIds() {
        List<Long> ids = Arrays.stream(path.split("\\.")).map(Long::valueOf).toList();
        return ids.subList(0, ids.size() - 1);
    }
}
