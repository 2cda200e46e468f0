package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * Issue 18: the unit veto events a board takes in, as plain data for {@link StandingsEngine}. A port defined here
 * and implemented by {@code veto/} (which imports standing/, never the other way round), as {@code scheme/SchemeInputs}
 * is by standing/.
 */
public interface BoardVetoes {

    /**
     * The confirmed, not exempted veto events in effect on {@code period} under the scope {@code frame} declares
     * (the event's period, or its calendar year), by the unit each vetoes: the unit an event was recorded against
     * and the responsible staff units named with it; a unit under several takes the earliest (by day, then id).
     */
    Uni<Map<Long, StandingsEngine.EventVeto>> inEffect(Scheme frame, Period period);
}
