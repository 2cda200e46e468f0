package io.servicegrade.veto;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A unit veto event (一票否决事件, issue 18) as stored: the unit it was recorded against and the responsible staff
 * units named with it (ids and codes), its kind, the day it happened, what happened and the evidence, its state and
 * when each step was taken, and the exemption (免责) asked for or approved.
 */
public record VetoEvent(long id, long unitId, String unitCode, List<Long> staffIds, List<String> staffCodes,
        String kind, String kindText, LocalDate occurredOn, String description, List<String> evidence, String state,
        OffsetDateTime proposedAt, OffsetDateTime confirmedAt, String exemptionGround, String exemptionReason,
        OffsetDateTime exemptionRequestedAt, OffsetDateTime exemptedAt) {

    /** The kinds of event the postal rules name, and {@code other} (described in {@code kindText}). */
    public static final List<String> KINDS = List.of("media-exposure", "government-criticism", "safety-accident",
            "other");

    public static final String PROPOSED = "proposed";
    public static final String CONFIRMED = "confirmed";
    public static final String EXEMPTION_REQUESTED = "exemption-requested";
    public static final String EXEMPTED = "exempted";

    /** Whether the event vetoes: confirmed and not exempted (an exemption asked for changes nothing until approved). */
    public boolean inEffect() {
        return CONFIRMED.equals(state) || EXEMPTION_REQUESTED.equals(state);
    }

    /** The unit and the staff units it names, the unit first. */
    public List<Long> vetoedUnits() {
        List<Long> all = new java.util.ArrayList<>();
        all.add(unitId);
        staffIds.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }
}
