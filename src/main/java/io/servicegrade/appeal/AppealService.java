package io.servicegrade.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.evaluation.Corrections;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.evaluation.StoredEvaluation;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.standing.PeriodProblems;
import io.servicegrade.standing.StandingInputRepository;
import io.servicegrade.standing.StandingInputs;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appeals (申诉, issue 18): a manager files one, within the objection window of a published period, against an
 * evaluation of a unit in scope (or named items of it) or against a unit's standing; the analyst upholds it (an
 * evaluation's correction, a revision or a void, written in the decision's own transaction and linked to it) or
 * rejects it, with a reason. Each filing and decision is one transaction that locks the period's row, so a period
 * closing meanwhile refuses it whole.
 */
@ApplicationScoped
public class AppealService {

    public static final int MAX_LIST = 500;

    /** The most appeals a download of the appeals list holds, newest first (issue 21). */
    public static final int MAX_EXPORT = 10_000;

    @Inject
    AppealRepository repository;

    @Inject
    Transactions transactions;

    @Inject
    EvaluationService evaluations;

    @Inject
    RubricService rubrics;

    @Inject
    SchemeService schemes;

    @Inject
    StandingService standings;

    @Inject
    StandingInputs inputs;

    @Inject
    StandingInputRepository periods;

    @Inject
    UnitService units;

    @Inject
    OutboundEvents events;

    Clock clock = Clock.systemUTC();

    /** An appeal as its readers see it: the stored row and the end of its period's objection window. */
    public record View(AppealRepository.Stored appeal, OffsetDateTime deadline) {
    }

    /** What a filing resolved to before its transaction: the scheme's period, the unit and the evaluation. */
    private record Target(SchemeHistory history, Period period, long unitId, StoredEvaluation evaluation) {
    }

    /** Files an appeal; answers it as stored. */
    public Uni<View> file(Caller caller, JsonNode body) {
        Scope.requireAppealing(caller);
        AppealInput.Filing filing = AppealInput.filing(body);
        return target(filing).flatMap(target -> transactions.write(connection -> inScope(connection, caller,
                        target.unitId(), filing.evaluation() != null ? "/evaluation" : "/unit")
                .flatMap(ok -> openWindow(connection, target, filing.scheme()))
                .flatMap(ok -> repository.insert(connection, new AppealRepository.Filed(filing.scheme(),
                        target.period().id(), target.unitId(), filing.evaluation(), filing.items(), filing.reasons(),
                        filing.evidence(), caller.keyId(), caller.accountId())))
                .call(id -> events.emit(connection, EventKind.APPEAL_FILED, "appeal/" + id, new JsonObject()
                        .put("id", id).put("scheme", filing.scheme()).put("period", target.period().id())
                        .put("unit", target.evaluation() != null ? target.evaluation().unitCode() : filing.unit())
                        .put("evaluation", filing.evaluation())))))
                .flatMap(id -> read(caller, id));
    }

    /** Resolves what a filing names (each unknown name refused by its pointer), reading over the pool. */
    private Uni<Target> target(AppealInput.Filing filing) {
        return schemes.history(filing.scheme())
                .onFailure(ProblemException.class).transform(e -> ((ProblemException) e).status() == 404
                        ? ProblemException.invalid(List.of(Violation.at("/scheme",
                                m -> m.schemeNotFound(filing.scheme())))) : e)
                .flatMap(history -> {
                    Scheme scheme = history.latest().scheme();
                    if (filing.evaluation() == null) {
                        Period period = Period.parse(scheme.period(), filing.period());
                        if (period == null) {
                            throw ProblemException.invalid(List.of(Violation.at("/period",
                                    m -> m.periodNotCovered(filing.period()))));
                        }
                        return units.get(filing.unit())
                                .onFailure(ProblemException.class).transform(e -> ProblemException.invalid(List.of(
                                        Violation.at("/unit", m -> m.unitNotFound(filing.unit())))))
                                .map(unit -> new Target(history, period, unit.id(), null));
                    }
                    long id = filing.evaluation();
                    return evaluations.find(id).flatMap(found -> {
                        if (found == null) {
                            throw ProblemException.invalid(List.of(Violation.at("/evaluation",
                                    m -> m.appealNoEvaluation(id))));
                        }
                        return itemsOf(found).map(items -> evaluationTarget(filing, history, scheme, found, items));
                    });
                });
    }

    private Uni<Set<String>> itemsOf(StoredEvaluation evaluation) {
        return rubrics.version(evaluation.rubricKey(), evaluation.rubricVersion()).map(version -> {
            Set<String> keys = new LinkedHashSet<>();
            for (Rubric.Item item : version.version().rubric().items()) {
                keys.add(item.key());
            }
            return keys;
        });
    }

    private static Target evaluationTarget(AppealInput.Filing filing, SchemeHistory history, Scheme scheme,
            StoredEvaluation found, Set<String> rubricItems) {
        List<Violation> problems = new ArrayList<>();
        if (found.voided()) {
            problems.add(Violation.at("/evaluation", m -> m.appealEvaluationVoided()));
        }
        if (!history.counts(found.source(), found.rubricKey())) {
            problems.add(Violation.at("/evaluation", m -> m.appealNotCounted(filing.scheme())));
        }
        Period period = Period.of(scheme.period(), found.conductedAt().toInstant(), scheme.timeZone());
        if (filing.period() != null && !filing.period().equals(period.id())) {
            problems.add(Violation.at("/period", m -> m.appealOtherPeriod(period.id())));
        }
        for (int i = 0; i < filing.items().size(); i++) {
            String item = filing.items().get(i);
            if (!rubricItems.contains(item)) {
                String rubric = found.rubricKey() + "@" + found.rubricVersion();
                problems.add(Violation.at("/items/" + i, m -> m.appealItemUnknown(item, rubric)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Target(history, period, found.unitId(), found);
    }

    /** A manager appeals only for units in scope: 403 naming the field (issue 18), over the write's connection. */
    private static Uni<Void> inScope(SqlConnection connection, Caller caller, long unitId, String pointer) {
        return UnitRepository.outsideScope(connection, Scope.parameter(caller), List.of(unitId)).map(outside -> {
            if (!outside.isEmpty()) {
                throw Scope.outsideScope(List.of(pointer));
            }
            return null;
        }).replaceWithVoid();
    }

    /**
     * Locks the period's row in the filing's transaction and refuses (409, naming the period and the deadline)
     * unless its objection window is open now: so a period closed or published at the same moment is seen as it
     * is once the filing commits.
     */
    private Uni<Void> openWindow(SqlConnection connection, Target target, String scheme) {
        Period period = target.period();
        return periods.lockPeriod(connection, scheme, period.id()).map(row -> {
            ProblemException late = ObjectionWindow.refusal(scheme, period.id(),
                    row != null && row.publishedAt() != null, row != null && row.closing() != null,
                    row == null ? null : row.objectionUntil(), clock.instant(),
                    target.history().latest().scheme().timeZone());
            if (late != null) {
                throw late;
            }
            return null;
        }).replaceWithVoid();
    }

    /** Locks the appeal's period in the decision's transaction; a closed period's appeals are decided no more. */
    private Uni<Void> notClosed(SqlConnection connection, AppealRepository.Stored appeal) {
        return periods.lockPeriod(connection, appeal.scheme(), appeal.period()).map(row -> {
            if (row != null && row.closing() != null) {
                throw PeriodProblems.closed(appeal.scheme(), appeal.period());
            }
            return null;
        }).replaceWithVoid();
    }

    /**
     * Decides a filed appeal: upheld or rejected, with a reason. An upheld appeal against an evaluation applies
     * its correction (planned and scored first, written in the decision's transaction, its revision recorded on
     * the appeal); if the evaluation changed meanwhile, the correction is planned again.
     */
    public Uni<View> decide(Caller caller, long id, JsonNode body) {
        Scope.requireAppealDecisions(caller);
        AppealInput.Decision decision = AppealInput.decision(body);
        return repository.find(id, null).flatMap(appeal -> {
            if (appeal == null) {
                throw ProblemException.notFound(m -> m.appealNotFound(id));
            }
            refuseDecided(appeal);
            boolean corrects = decision.upheld() && appeal.evaluationId() != null;
            if (corrects && decision.correction() == null) {
                throw ProblemException.invalid(List.of(Violation.at("/correction",
                        m -> m.appealCorrectionNeeded())));
            }
            if (!corrects && decision.correction() != null) {
                throw ProblemException.invalid(List.of(Violation.at("/correction",
                        m -> m.appealCorrectionNotHere())));
            }
            return decideAs(caller, appeal, decision, corrects);
        }).flatMap(done -> read(caller, id));
    }

    private Uni<Boolean> decideAs(Caller caller, AppealRepository.Stored appeal, AppealInput.Decision decision,
            boolean corrects) {
        Uni<Corrections.Planned> planning = corrects
                ? evaluations.planCorrection(appeal.evaluationId(), decision.correction(), "/correction")
                : Uni.createFrom().nullItem();
        return planning.flatMap(planned -> inputs.schemes().flatMap(all -> transactions.write(connection ->
                notClosed(connection, appeal).flatMap(ok -> repository.find(connection, appeal.id(), null, true))
                        .flatMap(locked -> {
                    refuseDecided(locked);
                    if (planned == null) {
                        return record(connection, caller, appeal, decision, null, null);
                    }
                    String reason = "申诉 #" + appeal.id() + " / appeal #" + appeal.id() + ": " + decision.reason();
                    return evaluations.applyCorrection(connection, caller, planned, reason, all)
                            .flatMap(revision -> revision == null ? Uni.createFrom().item(false)
                                    : record(connection, caller, appeal, decision, planned.kind(), revision));
                }))))
                // the evaluation was revised after the correction was scored: score it again from the new revision
                .flatMap(written -> written ? Uni.createFrom().item(true) : decideAs(caller, appeal, decision, true));
    }

    private Uni<Boolean> record(SqlConnection connection, Caller caller, AppealRepository.Stored appeal,
            AppealInput.Decision decision, String correction, Integer revision) {
        return repository.decide(connection, appeal.id(), decision.outcome(), caller.keyId(), caller.accountId(),
                decision.reason(), correction, revision)
                .call(done -> events.emit(connection, EventKind.APPEAL_DECIDED, "appeal/" + appeal.id(),
                        new JsonObject().put("id", appeal.id()).put("scheme", appeal.scheme())
                                .put("period", appeal.period()).put("unit", appeal.unitCode())
                                .put("evaluation", appeal.evaluationId()).put("outcome", decision.outcome())))
                .map(done -> true);
    }

    private static void refuseDecided(AppealRepository.Stored appeal) {
        if (appeal == null) {
            return;
        }
        if (!appeal.state().equals("filed")) {
            long id = appeal.id();
            String state = appeal.state();
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle,
                    m -> m.appealDecided(id, state));
        }
    }

    /** One appeal, as the caller may see it: 404 when it does not exist or lies outside the caller's scope. */
    public Uni<View> read(Caller caller, long id) {
        Scope.requireAppealReads(caller);
        return repository.find(id, Scope.parameter(caller)).flatMap(appeal -> {
            if (appeal == null) {
                throw ProblemException.notFound(m -> m.appealNotFound(id));
            }
            return views(List.of(appeal)).map(list -> list.get(0));
        });
    }

    /**
     * The appeal a notification announced in {@code state}, if it lies within {@code scope} (null: no bound); null
     * otherwise. A listener may hear of a commit a moment before its own queries see it, so the row is read again
     * until it shows the announced state (for at most about a second).
     */
    Uni<View> announced(Long[] scope, long id, String state) {
        return repository.find(id, null).map(appeal -> {
            if (appeal == null || !appeal.state().equals(state)) {
                throw new IllegalStateException("not visible yet");
            }
            return appeal;
        }).onFailure(IllegalStateException.class).retry().withBackOff(java.time.Duration.ofMillis(20),
                java.time.Duration.ofMillis(100)).atMost(15)
                .flatMap(appeal -> scope == null ? Uni.createFrom().item(appeal) : repository.find(id, scope))
                .flatMap(appeal -> appeal == null ? Uni.createFrom().nullItem()
                        : views(List.of(appeal)).map(list -> list.get(0)));
    }

    /**
     * Appeals the caller may see (a manager: its scope's; the analyst and the admin: all), filtered by scheme,
     * period, state and unit (the unit and those below it), newest first.
     */
    public Uni<List<View>> list(Caller caller, String scheme, String period, String state, String unit,
            Integer limit) {
        Scope.requireAppealReads(caller);
        List<Violation> problems = new ArrayList<>();
        if (state != null && !List.of("filed", "upheld", "rejected").contains(state)) {
            problems.add(QueryParameters.problem("state", m -> m.oneOf("filed, upheld, rejected")));
        }
        if (limit != null && (limit < 1 || limit > MAX_LIST)) {
            problems.add(QueryParameters.problem("limit", m -> m.oneOf("1 … " + MAX_LIST)));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        int size = limit == null ? 100 : limit;
        Uni<String> under = unit == null ? Uni.createFrom().nullItem()
                : units.get(unit).onFailure(ProblemException.class).transform(e -> ProblemException.invalid(List.of(
                        QueryParameters.problem("unit", m -> m.unitNotFound(unit))))).map(Unit::path);
        return under.flatMap(path -> repository.list(Scope.parameter(caller), scheme, period, state, path, size))
                .flatMap(this::views);
    }

    /**
     * Issue 21: what the appeals list of a page is asked for: the appeals the caller may see of {@code scheme} and
     * at or under the unit {@code unit} (a code; each null for any); of those, the rows of {@code state} (null: any)
     * and, with {@code lateOnly}, only those undecided once their window closed at {@code now}.
     */
    public record ListAsked(String scheme, String unit, String state, boolean lateOnly, OffsetDateTime now) {
    }

    /**
     * Issue 21: the list's counts, by one statement over all its rows: in all and per state before the state filter,
     * the late ones, and the rows the state filter shows.
     */
    public Uni<AppealRepository.Counts> counts(Caller caller, ListAsked asked) {
        return listFilter(caller, asked).flatMap(repository::counts);
    }

    /** Issue 21: the rows the list shows, newest first, {@code limit} after {@code offset}, with their deadlines. */
    public Uni<List<View>> page(Caller caller, ListAsked asked, int limit, int offset) {
        return listFilter(caller, asked).flatMap(f -> repository.page(f, limit, offset))
                .map(rows -> rows.stream().map(r -> new View(r.appeal(), r.deadline())).toList());
    }

    private Uni<AppealRepository.ListFilter> listFilter(Caller caller, ListAsked asked) {
        Scope.requireAppealReads(caller);
        Uni<String> under = asked.unit() == null ? Uni.createFrom().nullItem()
                : units.get(asked.unit()).map(Unit::path);
        return under.map(path -> new AppealRepository.ListFilter(Scope.parameter(caller), asked.scheme(), path,
                asked.state(), asked.lateOnly() ? Boolean.TRUE : null, asked.now()));
    }

    /**
     * The decided appeals of a period as its bulletin lists them (issue 18, point 6), of the units in {@code scope}
     * (null: all): whoever reads the period's board reads them, oldest first.
     */
    public Uni<List<AppealView>> outcomes(String scheme, String period, List<Long> scope) {
        Long[] bound = scope == null ? null : scope.toArray(Long[]::new);
        return repository.list(bound, scheme, period, null, null, MAX_LIST).flatMap(this::views)
                .map(all -> all.stream().filter(v -> !v.appeal().state().equals("filed")).map(AppealView::of)
                        .sorted(java.util.Comparator.comparingLong(AppealView::id)).toList());
    }

    /** Appeals against each agency's evaluations and the share upheld, per period of a scheme (analyst, admin). */
    public Uni<List<AppealRepository.AgencyCount>> agencyCounts(Caller caller, String scheme, String period) {
        Scope.requireAppealDecisions(caller);
        if (scheme == null || scheme.isBlank()) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("scheme", m -> m.required())));
        }
        return repository.agencyCounts(scheme, period);
    }

    /** The appeals with their deadlines: each scheme's periods read once. */
    private Uni<List<View>> views(List<AppealRepository.Stored> appeals) {
        Set<String> keys = new LinkedHashSet<>();
        appeals.forEach(a -> keys.add(a.scheme()));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Map.Entry<String, List<StandingService.PeriodState>>>> reads = new ArrayList<>();
        for (String key : keys) {
            reads.add(standings.periods(key).map(periods -> Map.entry(key, periods)));
        }
        return Uni.join().all(reads).andFailFast().map(all -> {
            Map<String, OffsetDateTime> deadlines = new HashMap<>();
            for (Map.Entry<String, List<StandingService.PeriodState>> e : all) {
                for (StandingService.PeriodState p : e.getValue()) {
                    OffsetDateTime until = deadline(p);
                    if (until != null) {
                        deadlines.put(e.getKey() + "\n" + p.period().id(), until);
                    }
                }
            }
            return appeals.stream().map(a -> new View(a, deadlines.get(a.scheme() + "\n" + a.period()))).toList();
        });
    }

    private static OffsetDateTime deadline(StandingService.PeriodState period) {
        return period.objectionUntil();
    }
}
