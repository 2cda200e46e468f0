package io.servicegrade.unit;

/**
 * A unit as a request describes it, after its fields were checked one by one. {@code parent},
 * {@code serviceLine} and {@code area} may be absent (null); {@code active} absent keeps a stored unit's
 * state and makes a new one active. {@code index} is the row's place in the request.
 */
record UnitDraft(int index, String code, String name, String kind, String parent, String serviceLine,
        String area, Boolean active) {
}
