package io.servicegrade.veto;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingInputs;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.platform.database.InTurn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Unit veto events (一票否决事件, issue 18): proposed by the admin, an analyst, or a manager or inspector for units in
 * its scope; confirmed by the general manager's office (the admin or an analyst); then in effect on every board the
 * scheme's scope reaches, until an exemption (免责) asked for on one of the scheme's grounds is approved. Each step is
 * one transaction; a step that changes boards (a confirmation, an approved exemption) bumps and announces their
 * periods in it ({@link StandingInputs#touch}), and is refused whole when one of them is closed.
 */
@ApplicationScoped
public class VetoEventService {

    @Inject
    VetoEventRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    StandingInputs standingInputs;

    @Inject
    SchemeService schemes;

    @Inject
    Transactions transactions;

    @Inject
    ServiceGradeConfig config;

    /** Whether a confirmed event names the unit, as the unit or as a responsible staff unit; for a period. */
    public record Eligibility(String unit, String scheme, String period, boolean eligible, List<VetoEvent> events) {
    }

    /** A new event, proposed: it changes no board until it is confirmed. */
    public Uni<VetoEvent> propose(Caller caller, JsonNode body) {
        requirePropose(caller);
        List<Violation> problems = new ArrayList<>();
        VetoEventInput.Proposal proposal = VetoEventInput.proposal(body, LocalDate.now(config.timeZone()).plusDays(1),
                problems);
        List<String> codes = new ArrayList<>();
        if (proposal.unit() != null) {
            codes.add(proposal.unit());
        }
        proposal.staff().stream().filter(java.util.Objects::nonNull).forEach(codes::add);
        return units.idsByCodes(codes).flatMap(ids -> {
            if (proposal.unit() != null && !ids.containsKey(proposal.unit())) {
                problems.add(Violation.at("/unit", m -> m.vetoUnknownUnit(proposal.unit())));
            }
            for (int i = 0; i < proposal.staff().size(); i++) {
                String code = proposal.staff().get(i);
                if (code != null && !ids.containsKey(code)) {
                    problems.add(Violation.at("/staff/" + i, m -> m.vetoUnknownUnit(code)));
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            long unitId = ids.get(proposal.unit());
            List<Long> staff = proposal.staff().stream().map(ids::get).toList();
            Long[] scope = Scope.parameter(caller);
            return transactions.write(c -> UnitRepository.outsideScope(c, scope, codes.stream().map(ids::get)
                            .toList()).flatMap(outside -> {
                        if (!outside.isEmpty()) {
                            List<String> pointers = new ArrayList<>();
                            if (outside.contains(unitId)) {
                                pointers.add("/unit");
                            }
                            for (int i = 0; i < staff.size(); i++) {
                                if (outside.contains(staff.get(i))) {
                                    pointers.add("/staff/" + i);
                                }
                            }
                            throw Scope.outsideScope(pointers);
                        }
                        return repository.insert(c, unitId, staff, proposal.kind(), proposal.kindText(),
                                proposal.occurredOn(), proposal.description(), proposal.evidence());
                    })
                    .call(id -> AuditIntents.intent().invoke(intent -> intent.names(Long.toString(id))))
                    .flatMap(id -> repository.find(c, id, null)));
        });
    }

    /** Confirms a proposed event: from now on it vetoes its units on the boards its scope reaches. */
    public Uni<VetoEvent> confirm(Caller caller, long id) {
        requireConfirm(caller);
        return step(caller, id, VetoEvent.PROPOSED, true, (c, event) -> repository.confirm(c, id));
    }

    /**
     * Asks for an exemption of a confirmed event on one of the configured grounds; the event keeps vetoing until
     * the exemption is approved.
     */
    public Uni<VetoEvent> requestExemption(Caller caller, long id, JsonNode body) {
        requirePropose(caller);
        return visible(caller, id).flatMap(found -> boards(found).flatMap(plan -> {
            VetoEventInput.Exemption exemption = VetoEventInput.exemption(body, grounds(plan.schemes()));
            return step(caller, id, VetoEvent.CONFIRMED, false,
                    (c, event) -> repository.requestExemption(c, id, exemption.ground(), exemption.reason()));
        }));
    }

    /** Approves the exemption asked for: the event stops vetoing, and the boards it reached are as before it. */
    public Uni<VetoEvent> approveExemption(Caller caller, long id) {
        requireConfirm(caller);
        return step(caller, id, VetoEvent.EXEMPTION_REQUESTED, true, (c, event) -> repository.exempt(c, id));
    }

    /** Declines the exemption asked for: the event is confirmed again and keeps vetoing. */
    public Uni<VetoEvent> declineExemption(Caller caller, long id) {
        requireConfirm(caller);
        return step(caller, id, VetoEvent.EXEMPTION_REQUESTED, false,
                (c, event) -> repository.declineExemption(c, id));
    }

    /** The event as the caller may see it; 404 when there is none or it is outside the caller's scope. */
    public Uni<VetoEvent> get(Caller caller, long id) {
        requirePropose(caller);
        return visible(caller, id);
    }

    /** The events the caller may see, newest first; by unit (code), state and the days [from, until). */
    public Uni<List<VetoEvent>> list(Caller caller, String unitCode, String state, LocalDate from, LocalDate until) {
        requirePropose(caller);
        if (state != null && !List.of(VetoEvent.PROPOSED, VetoEvent.CONFIRMED, VetoEvent.EXEMPTION_REQUESTED,
                VetoEvent.EXEMPTED).contains(state)) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("state", m -> m.oneOf(
                    "proposed, confirmed, exemption-requested, exempted"))));
        }
        Uni<Long> unit = unitCode == null ? Uni.createFrom().nullItem() : units.idsByCodes(List.of(unitCode))
                .map(ids -> ids.getOrDefault(unitCode, -1L));
        return unit.flatMap(id -> repository.list(Scope.parameter(caller), id, state, from, until));
    }

    /**
     * Whether the unit may receive awards in a period of the scheme (or a whole year): not while a confirmed, not
     * exempted event in effect on it names the unit, as its unit or as a responsible staff unit.
     */
    public Uni<Eligibility> eligibility(Caller caller, String schemeKey, String periodId, String unitCode) {
        requirePropose(caller);
        return schemes.history(schemeKey).flatMap(history -> units.findByCode(unitCode).flatMap(unit -> {
            if (unit == null) {
                throw ProblemException.notFound(m -> m.unitNotFound(unitCode));
            }
            Scheme frame = history.latest().scheme();
            Period period = Period.parse(frame.period(), periodId);
            Period year = Period.parse(Period.Kind.YEAR, periodId);
            if (period == null && year == null) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.vetoPeriodFormat())));
            }
            LocalDate from = period != null ? VetoScope.from(frame, period) : year.firstDay();
            LocalDate until = period != null ? VetoScope.until(frame, period) : year.endDay();
            return units.inScope(unit.id(), caller.unitScope()).flatMap(in -> {
                if (!in) {
                    throw ProblemException.notFound(m -> m.unitNotFound(unitCode));
                }
                return repository.inEffect(from, until);
            }).map(events -> {
                List<VetoEvent> naming = events.stream().filter(e -> e.vetoedUnits().contains(unit.id())).toList();
                return new Eligibility(unit.code(), schemeKey, periodId, naming.isEmpty(), naming);
            });
        }));
    }

    /**
     * The exemption grounds every scheme an event reaches allows (an approved exemption lifts the event from all of
     * their boards at once); the defaults when it reaches none.
     */
    static List<String> grounds(List<Scheme> reached) {
        if (reached.isEmpty()) {
            return VetoScope.DEFAULT_GROUNDS;
        }
        Set<String> grounds = new LinkedHashSet<>(VetoScope.grounds(reached.get(0)));
        reached.forEach(s -> grounds.retainAll(VetoScope.grounds(s)));
        return List.copyOf(grounds);
    }

    /** A step of an event's life on its own transaction. */
    @FunctionalInterface
    private interface Step {
        Uni<Void> apply(SqlConnection connection, VetoEvent event);
    }

    /**
     * One step: the event (visible to the caller) and the boards it reaches are read before the transaction; in it
     * the event's row is locked and its state checked again, and, when the step changes boards, their periods are
     * checked open, bumped and announced.
     */
    private Uni<VetoEvent> step(Caller caller, long id, String needed, boolean changesBoards, Step step) {
        return visible(caller, id).flatMap(found -> boards(found)).flatMap(plan -> transactions.write(c ->
                repository.lock(c, id).flatMap(event -> {
                    if (!needed.equals(event.state())) {
                        throw new ProblemException(409, "veto-event-state", ProblemMessages::conflictTitle,
                                m -> m.vetoEventState(id, event.state(), needed));
                    }
                    Uni<Void> boards = changesBoards ? touch(c, plan) : Uni.createFrom().voidItem();
                    return boards.flatMap(done -> step.apply(c, event));
                }).flatMap(done -> repository.find(c, id, null))));
    }

    /** The boards an event reaches: per scheme grading one of its units' kinds, the periods of its scope. */
    record Boards(List<Scheme> schemes, Map<String, Set<String>> periods) {
    }

    private Uni<Boards> boards(VetoEvent event) {
        return InTurn.all(standingInputs.schemes(), units.findByIds(event.vetoedUnits()))
                .map(t -> {
                    Set<String> kinds = new TreeSet<>();
                    t.getItem2().forEach((Unit u) -> kinds.add(u.kind()));
                    List<Scheme> reached = new ArrayList<>();
                    Map<String, Set<String>> periods = new TreeMap<>();
                    for (SchemeHistory history : t.getItem1()) {
                        if (history.versions().stream().noneMatch(v -> v.scheme().kinds().stream()
                                .anyMatch(kinds::contains))) {
                            continue;
                        }
                        Scheme frame = history.latest().scheme();
                        reached.add(frame);
                        // each period as the version in force for its dates reaches it (the one computing it
                        // until it is published)
                        Set<String> ids = new TreeSet<>();
                        history.versions().forEach(v -> ids.addAll(VetoScope.periods(v.scheme(),
                                event.occurredOn())));
                        ids.removeIf(periodId -> {
                            SchemeService.Version v = history.forPeriod(Period.parse(frame.period(), periodId), null);
                            return v == null || !VetoScope.periods(v.scheme(), event.occurredOn()).contains(periodId);
                        });
                        if (!ids.isEmpty()) {
                            periods.put(history.key(), ids);
                        }
                    }
                    return new Boards(reached, periods);
                });
    }

    /** Bumps and announces the periods of every board the event reaches, schemes in key order, periods in id order. */
    private Uni<Void> touch(SqlConnection connection, Boards boards) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Set<String>> e : boards.periods().entrySet()) {
            chain = chain.flatMap(done -> standingInputs.touch(connection, e.getKey(), e.getValue()));
        }
        return chain;
    }

    private Uni<VetoEvent> visible(Caller caller, long id) {
        return repository.find(id, Scope.parameter(caller)).map(event -> {
            if (event == null) {
                throw ProblemException.notFound(m -> m.vetoEventNotFound(Long.toString(id)));
            }
            return event;
        });
    }

    private static void requirePropose(Caller caller) {
        if (!caller.mayProposeVetoEvents()) {
            throw Scope.forbidden();
        }
    }

    private static void requireConfirm(Caller caller) {
        if (!caller.mayConfirmVetoEvents()) {
            throw Scope.forbidden();
        }
    }
}
