package io.servicegrade.unit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One unit of {@code PUT /api/v1/units} as {@code /q/openapi} describes it (what {@link UnitInput} reads: a JSON
 * array of these). Schema only: never built.
 */
@Schema(name = "UnitInput", description = "A unit to create or update; unknown fields are refused")
public record UnitInputSchema(
        @Schema(required = true, pattern = "^[A-Za-z0-9._-]{1,64}$") String code,
        @Schema(required = true) String name,
        @Schema(required = true, pattern = "^[a-z][a-z0-9_-]{0,31}$", description = "bureau, branch, outlet, "
                + "window, staff or another lower-case token") String kind,
        @Schema(pattern = "^[A-Za-z0-9._-]{1,64}$", description = "The parent's code (in this batch or stored)")
        String parent,
        @Schema(pattern = "^[a-z][a-z0-9_-]{0,31}$") String serviceLine,
        @Schema(enumeration = {"urban", "rural"}) String area,
        @Schema(description = "false retires the unit") Boolean active,
        @Schema(maxItems = 16, description = "The unit's tags (e.g. model-candidate), each matching"
                + " ^[a-z][a-z0-9-]{0,31}$; stored sorted without repeats; absent keeps a stored unit's tags")
        List<String> tags) {

    /** A change to one unit ({@code PATCH /api/v1/units/{code}}): only the fields given change. */
    @Schema(name = "UnitPatch", description = "The fields to change; unknown fields are refused")
    public record Patch(@Schema(pattern = "^[A-Za-z0-9._-]{1,64}$", description = "A new code") String code,
            String name, @Schema(pattern = "^[a-z][a-z0-9_-]{0,31}$") String kind,
            @Schema(description = "The new parent's code; null makes the unit a root") String parent,
            String serviceLine, @Schema(enumeration = {"urban", "rural"}) String area,
            @Schema(description = "false retires the unit") Boolean active,
            @Schema(maxItems = 16, description = "Replaces the unit's tags; [] or null clears them")
            List<String> tags) {
    }
}
