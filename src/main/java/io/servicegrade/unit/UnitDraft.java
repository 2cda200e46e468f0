package io.servicegrade.unit;

import java.util.List;

/**
 * A unit as a request describes it, after its fields were checked one by one. {@code parent},
 * {@code serviceLine} and {@code area} may be absent (null); {@code active} absent keeps a stored unit's
 * state and makes a new one active; {@code tags} absent (null) keeps a stored unit's tags and gives a new one
 * none, else they are the unit's tags, sorted, without repeats (issue 17). {@code index} is the row's place in
 * the request.
 */
record UnitDraft(int index, String code, String name, String kind, String parent, String serviceLine,
        String area, Boolean active, List<String> tags) {

    /** A draft that leaves the tags as they are (none for a new unit). */
    UnitDraft(int index, String code, String name, String kind, String parent, String serviceLine, String area,
            Boolean active) {
        this(index, code, name, kind, parent, serviceLine, area, active, null);
    }
}
