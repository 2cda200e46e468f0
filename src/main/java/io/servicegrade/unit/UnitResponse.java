package io.servicegrade.unit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A unit as the REST API shows it: {@code parent} is a code, {@code path} its ancestors' codes, root first. */
public record UnitResponse(@Schema(required = true) String code, @Schema(required = true) String name,
        @Schema(required = true) String kind, String serviceLine, String area,
        @Schema(required = true, description = "The unit's tags, sorted (issue 17)") List<String> tags, String parent,
        @Schema(required = true) List<String> path, @Schema(required = true) boolean active,
        @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime updatedAt) {

    static UnitResponse of(Unit unit, List<Unit> ancestors) {
        return new UnitResponse(unit.code(), unit.name(), unit.kind(), unit.serviceLine(), unit.area(), unit.tags(),
                unit.parentCode(), ancestors.stream().map(Unit::code).toList(), unit.active(), unit.createdAt(),
                unit.updatedAt());
    }

    /** A page of units and the cursor for the next one (null on the last page). */
    @Schema(name = "UnitPage")
    public record Page(@Schema(required = true) List<UnitResponse> items,
            @Schema(description = "null on the last page") String nextCursor) {
    }
}
