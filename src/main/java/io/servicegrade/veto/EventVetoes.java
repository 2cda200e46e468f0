package io.servicegrade.veto;

import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.BoardVetoes;
import io.servicegrade.standing.StandingsEngine.EventVeto;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * The veto events a board takes in (issue 18), for {@code standing/}'s port: the confirmed, not exempted events of
 * the days {@link VetoScope} says reach the period, each unit they name with the earliest (events come earliest
 * first, by day then id). Also what nominations ask: a unit named here is not eligible for awards.
 */
@ApplicationScoped
public class EventVetoes implements BoardVetoes {

    @Inject
    VetoEventRepository repository;

    @Override
    public Uni<Map<Long, EventVeto>> inEffect(Scheme frame, Period period) {
        return repository.inEffect(VetoScope.from(frame, period), VetoScope.until(frame, period)).map(events -> {
            Map<Long, EventVeto> byUnit = new HashMap<>();
            for (VetoEvent event : events) {
                EventVeto veto = new EventVeto(event.id(), event.kind(), event.occurredOn());
                event.vetoedUnits().forEach(unit -> byUnit.putIfAbsent(unit, veto));
            }
            return byUnit;
        });
    }
}
