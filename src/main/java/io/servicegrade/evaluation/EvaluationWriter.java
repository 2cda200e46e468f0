package io.servicegrade.evaluation;

import io.servicegrade.coverage.CoverageKeeper;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.standing.StandingInputs;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes evaluations: a batch, a revision or a void, each in one transaction with the standings inputs it
 * touches. The schemes those need are read before the transaction begins; inside it, everything goes over its
 * one connection.
 */
@ApplicationScoped
class EvaluationWriter {

    @Inject
    EvaluationRepository repository;

    @Inject
    Transactions transactions;

    @Inject
    StandingInputs standings;

    @Inject
    OutboundEvents events;

    @Inject
    CoverageKeeper coverage;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * Stores a scored batch: a new external id is created, an unchanged resend is {@code existing}, a changed
     * resend with a reason is {@code revised}; a changed resend without one, or of a voided evaluation, is a
     * 409 and nothing is written.
     */
    Uni<List<Outcome>> store(Caller caller, List<ScoredEvaluation> scored) {
        List<String> externalIds = scored.stream().map(p -> p.submission().externalId()).toList();
        return prepare().flatMap(prepared -> transactions.write(connection -> repository.known(
                connection, caller.scope(), externalIds)
                .flatMap(known -> inScope(connection, caller, scored, known).replaceWith(known))
                .flatMap(known -> {
                    refuseConflicts(scored, known);
                    long fresh = scored.stream().filter(p -> !known.containsKey(p.submission().externalId())).count();
                    return repository.newIds(connection, (int) fresh).flatMap(ids -> write(connection, prepared,
                            caller, scored, known, ids));
                })));
    }

    /**
     * Refuses (403, naming each evaluation's unit) a batch that names a unit outside the caller's scope, or
     * resends an evaluation whose unit is now outside it (issue 16); one statement, nothing written.
     */
    private static Uni<Void> inScope(SqlConnection connection, Caller caller, List<ScoredEvaluation> scored,
            Map<String, EvaluationRepository.Known> known) {
        java.util.Set<Long> units = new java.util.LinkedHashSet<>();
        for (ScoredEvaluation p : scored) {
            units.add(p.unitId());
            EvaluationRepository.Known k = known.get(p.submission().externalId());
            if (k != null) {
                units.add(k.unitId());
            }
        }
        return UnitRepository.outsideScope(connection, Scope.parameter(caller), units).map(outside -> {
            List<String> pointers = new ArrayList<>();
            for (ScoredEvaluation p : scored) {
                EvaluationRepository.Known k = known.get(p.submission().externalId());
                if (outside.contains(p.unitId()) || k != null && outside.contains(k.unitId())) {
                    pointers.add("/evaluations/" + p.submission().index() + "/unit");
                }
            }
            if (!pointers.isEmpty()) {
                throw Scope.outsideScope(pointers);
            }
            return null;
        }).replaceWithVoid();
    }

    private static void refuseConflicts(List<ScoredEvaluation> scored, Map<String, EvaluationRepository.Known> known) {
        List<Violation> conflicts = new ArrayList<>();
        for (ScoredEvaluation p : scored) {
            EvaluationRepository.Known k = known.get(p.submission().externalId());
            if (k != null && !k.contentHash().equals(p.contentHash())
                    && (p.submission().reason() == null || k.status().equals("voided"))) {
                String externalId = k.externalId();
                long id = k.id();
                conflicts.add(Violation.at("/evaluations/" + p.submission().index() + "/externalId",
                        m -> k.status().equals("voided") ? m.evaluationVoided(id)
                                : m.externalIdTaken(externalId, id)));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle,
                    conflicts.size() == 1 ? conflicts.get(0).message() : ProblemMessages::conflictTitle,
                    conflicts);
        }
    }

    /**
     * What a write reads before its transaction opens: the schemes, and the sources coverage plans cover (issue 19:
     * kept coverage is refreshed in the write's transaction, like the standing inputs).
     */
    record Prepared(List<SchemeHistory> schemes, CoverageKeeper.Covered covered) {
    }

    /** The standing inputs and kept coverage the touched evaluations belong to, over the write's transaction. */
    private Uni<Void> refresh(SqlConnection connection, Prepared prepared, List<StandingInputs.Touch> touches) {
        // coverage's locks come first: every writer of kept coverage locks the plans before the standing periods
        return coverage.lock(connection, prepared.covered(), touches)
                .flatMap(locked -> standings.refresh(connection, prepared.schemes(), touches))
                .flatMap(done -> coverage.evaluations(connection, prepared.covered(), prepared.schemes(), touches));
    }

    /** The schemes and covered sources, read before a write's transaction. */
    Uni<Prepared> prepare() {
        return standings.schemes().flatMap(schemes -> coverage.covered().map(c -> new Prepared(schemes, c)));
    }

    private Uni<List<Outcome>> write(SqlConnection connection, Prepared prepared, Caller caller,
            List<ScoredEvaluation> scored, Map<String, EvaluationRepository.Known> known, List<Long> ids) {
        List<EvaluationRepository.Write> inserts = new ArrayList<>();
        List<EvaluationRepository.Write> revisions = new ArrayList<>();
        List<StandingInputs.Touch> revisedFrom = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(scored.size());
        List<OutboundEvents.Event> stored = new ArrayList<>();
        int next = 0;
        for (ScoredEvaluation p : scored) {
            Submission s = p.submission();
            EvaluationRepository.Known k = known.get(s.externalId());
            Breakdown b = p.breakdown();
            if (k == null) {
                EvaluationRepository.Write w = write(ids.get(next++), 1, "created", p, null, "active");
                inserts.add(w);
                outcomes.add(new Outcome(s.externalId(), w.id(), b.score(), b.vetoed(), "created"));
                stored.add(stored(w, s.unit(), "created"));
            } else if (k.contentHash().equals(p.contentHash())) {
                outcomes.add(new Outcome(s.externalId(), k.id(), k.score(), k.vetoed(), "existing"));
            } else {
                EvaluationRepository.Write w = write(k.id(), k.revision() + 1, "revised", p, s.reason(), "active");
                revisions.add(w);
                revisedFrom.add(new StandingInputs.Touch(k.unitId(), k.source(), k.rubricKey(), k.conductedAt()));
                outcomes.add(new Outcome(s.externalId(), k.id(), b.score(), b.vetoed(), "revised"));
                stored.add(stored(w, s.unit(), "revised"));
            }
        }
        List<EvaluationRepository.Write> history = new ArrayList<>(inserts);
        history.addAll(revisions);
        return repository.insert(connection, caller.scope(), inserts)
                .flatMap(done -> repository.revise(connection, revisions))
                .flatMap(done -> repository.history(connection, caller.keyId(), history))
                .flatMap(done -> refresh(connection, prepared, touches(history, revisedFrom)))
                .flatMap(done -> events.emitAll(connection, EventKind.EVALUATION_STORED, stored))
                .replaceWith(outcomes);
    }

    /**
     * Writes {@code scored} as the next revision of {@code current}, unless the evaluation changed since it was
     * read (then answers false, having written nothing). Fails if the caller may no longer change it.
     */
    Uni<Boolean> revise(Caller caller, StoredEvaluation current, ScoredEvaluation scored, String reason,
            Prepared schemes) {
        return transactions.write(connection -> reviseOn(connection, caller, current, scored, reason, schemes, false))
                .map(revision -> revision != null);
    }

    /**
     * Writes {@code scored} as the next revision of {@code current} over {@code connection}, the transaction of the
     * caller's action: answers the revision written, or null (nothing written) when the evaluation changed since it
     * was read. {@code appealed}: the change carries out an upheld appeal's decision (issue 18), which the decider
     * may make on any evaluation that is not voided, not only on its own.
     */
    Uni<Integer> reviseOn(SqlConnection connection, Caller caller, StoredEvaluation current,
            ScoredEvaluation scored, String reason, Prepared schemes, boolean appealed) {
        long id = current.id();
        return locked(connection, caller, id, appealed).flatMap(locked -> {
            if (locked.revision() != current.revision()) {
                return Uni.createFrom().nullItem();
            }
            EvaluationRepository.Write w = write(id, current.revision() + 1, "revised", scored, reason, "active");
            return repository.revise(connection, List.of(w))
                    .flatMap(done -> repository.history(connection, caller.keyId(), List.of(w)))
                    .flatMap(done -> refresh(connection, schemes, touches(List.of(w),
                            List.of(new StandingInputs.Touch(current.unitId(), current.source(),
                                    current.rubricKey(), current.conductedAt())))))
                    .flatMap(done -> events.emitAll(connection, EventKind.EVALUATION_STORED,
                            List.of(stored(w, current.unitCode(), "revised"))))
                    .replaceWith(w.revision());
        });
    }

    /** Voids the evaluation as it stands, with a reason: a new revision that keeps its content. */
    Uni<Void> voidIt(Caller caller, long id, String reason, Prepared schemes) {
        return transactions.write(connection -> voidOn(connection, caller, id, reason, schemes, false))
                .replaceWithVoid();
    }

    /**
     * Voids the evaluation over {@code connection}, the transaction of the caller's action; answers the revision
     * written. {@code appealed} as for {@link #reviseOn}.
     */
    Uni<Integer> voidOn(SqlConnection connection, Caller caller, long id, String reason, Prepared schemes,
            boolean appealed) {
        return locked(connection, caller, id, appealed)
                .flatMap(current -> repository.breakdown(connection, id)
                        .map(breakdown -> new EvaluationRepository.Write(id, current.revision() + 1, "voided",
                                current.externalId(), current.source(), current.unitId(), current.rubricKey(),
                                current.rubricVersion(), current.conductedAt(), current.evaluator(), current.score(),
                                current.vetoed(), text(current.answers()), text(current.evidence()),
                                current.comment(), breakdown, current.contentHash(), reason, "voided")))
                .flatMap(w -> repository.revise(connection, List.of(w))
                        .flatMap(done -> repository.history(connection, caller.keyId(), List.of(w)))
                        .flatMap(done -> refresh(connection, schemes, touches(List.of(w), List.of())))
                        .replaceWith(w.revision()));
    }

    /**
     * The evaluation, locked for change: one the caller may change, or, for an appeal's decision, any that exists;
     * never a voided one.
     */
    private Uni<StoredEvaluation> locked(SqlConnection connection, Caller caller, long id, boolean appealed) {
        if (!appealed) {
            return owned(connection, caller, id);
        }
        return repository.find(connection, id, true, null).map(current -> Ownership.correctable(current, id));
    }

    /** The evaluation, locked for change, if the caller may change it and it is not voided. */
    private Uni<StoredEvaluation> owned(SqlConnection connection, Caller caller, long id) {
        return repository.find(connection, id, true, Scope.parameter(caller))
                .map(current -> Ownership.changeable(caller, current, id));
    }

    private EvaluationRepository.Write write(long id, int revision, String kind, ScoredEvaluation p, String reason,
            String status) {
        Submission s = p.submission();
        Breakdown b = p.breakdown();
        return new EvaluationRepository.Write(id, revision, kind, s.externalId(), s.source(), p.unitId(),
                s.rubricKey(), p.rubricVersion(), s.conductedAt(), s.evaluator(), b.score(), b.vetoed(), p.answers(),
                p.evidence(), s.comment(), p.compactBreakdown(), p.contentHash(), reason, status);
    }

    private String text(com.fasterxml.jackson.databind.JsonNode node) {
        return ScoredEvaluation.write(json, node);
    }

    /** The standings groups that written evaluations are in now, and those revised ones were in before. */
    private static List<StandingInputs.Touch> touches(List<EvaluationRepository.Write> writes,
            List<StandingInputs.Touch> before) {
        List<StandingInputs.Touch> touches = new ArrayList<>(before);
        writes.forEach(w -> touches.add(new StandingInputs.Touch(w.unitId(), w.source(), w.rubricKey(),
                w.conductedAt())));
        return touches;
    }

    /** An evaluation.stored event (issue 19): small, as ingestion writes one per evaluation. */
    private static OutboundEvents.Event stored(EvaluationRepository.Write w, String unitCode, String outcome) {
        return new OutboundEvents.Event("evaluation/" + w.id(), new io.vertx.core.json.JsonObject()
                .put("id", w.id()).put("unit", unitCode).put("source", w.source()).put("rubric", w.rubricKey())
                .put("score", w.score()).put("conductedAt", w.conductedAt().toString()).put("outcome", outcome));
    }
}
