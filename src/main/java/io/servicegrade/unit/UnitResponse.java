package io.servicegrade.unit;

import java.time.OffsetDateTime;
import java.util.List;

/** A unit as the REST API shows it: {@code parent} is a code, {@code path} its ancestors' codes, root first. */
public record UnitResponse(String code, String name, String kind, String serviceLine, String area, String parent,
        List<String> path, boolean active, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static UnitResponse of(Unit unit, List<Unit> ancestors) {
        return new UnitResponse(unit.code(), unit.name(), unit.kind(), unit.serviceLine(), unit.area(),
                unit.parentCode(), ancestors.stream().map(Unit::code).toList(), unit.active(), unit.createdAt(),
                unit.updatedAt());
    }

    /** A page of units and the cursor for the next one (null on the last page). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UnitPage")
    public record Page(List<UnitResponse> items, String nextCursor) {
    }
}
