package io.servicegrade.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.coverage.CoverageRepository.UnitInterval;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.Period;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.platform.database.InTurn;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inspection coverage (检查覆盖, issue 19): plans (the admin and analysts make, change and delete them; each put is
 * a new version, a delete retires the latest, nothing is erased) and what they ask of the tree, computed when read
 * from the evaluations and units: coverage per unit and interval, the overdue and never-inspected lists, rates per
 * group and the inspectors' duty rates. Managers read their subtrees; the admin, analysts and inspectors every unit.
 */
@ApplicationScoped
public class CoverageService {

    @Inject
    CoverageRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    CoverageKeeper keeper;

    @Inject
    Transactions transactions;

    @Inject
    ServiceGradeConfig config;

    /** The days a question is about, both included. */
    public record Range(LocalDate from, LocalDate to) {
    }

    /** The overdue and never-inspected units of the plans in force on a day. */
    public record Standing(LocalDate day, List<CoverageView.Overdue> overdue,
            List<CoverageView.NeverInspected> neverInspected) {
    }

    /** Adds a version of the plan {@code key} from the body; 422 naming every bad field, and nothing stored. */
    public Uni<CoveragePlan> put(Caller caller, String key, JsonNode body) {
        requirePlanning(caller);
        return prepare(key, body).flatMap(prepared -> transactions.write(
                        c -> store(c, prepared, caller)
                                .call(plan -> AuditIntents.intent().invoke(intent -> intent.names(prepared.key()))))
                // committed: this instance forgets the covered sources at once (others on notice), and recounts
                .invoke(plan -> keeper.forget()).call(plan -> keeper.recountAfter(List.of(plan.key()))));
    }

    /**
     * Adds a version for each row of a file, in row order, in one transaction, all or nothing (issue 19): each row is
     * read and resolved as one put; a bad row's problems are named under its row ({@code /<row>/<column>}), every
     * row's at once, and then nothing is stored.
     */
    Uni<List<CoveragePlan>> putAll(Caller caller, List<CoverageFile.Row> rows) {
        requirePlanning(caller);
        List<Violation> problems = new ArrayList<>();
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row ->
                        Uni.createFrom().deferred(() -> prepare(row.key(), row.body()))
                                .onFailure(ProblemException.class).recoverWithItem(e -> {
                                    ProblemException problem = (ProblemException) e;
                                    if (problem.status() != 422) {
                                        throw problem;
                                    }
                                    problems.addAll(CoverageFile.inRow(row.number(), problem.violations()));
                                    return null;
                                }))
                .collect().asList().flatMap(prepared -> {
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    String keys = String.join(", ", new java.util.LinkedHashSet<>(
                            prepared.stream().map(Prepared::key).toList()));
                    return transactions.write(c -> Multi.createFrom()
                                    .iterable(prepared).onItem()
                                    .transformToUniAndConcatenate(p -> store(c, p, caller)).collect().asList()
                                    .call(plans -> AuditIntents.intent().invoke(intent -> intent.names(keys))))
                            .invoke(plans -> keeper.forget())
                            .call(plans -> keeper.recountAfter(plans.stream().map(CoveragePlan::key).toList()));
                });
    }

    /** A plan's version read and resolved (kinds, logins, agency codes), before any transaction. */
    private record Prepared(String key, CoveragePlanInput.Draft draft, List<Long> accounts, List<Long> agencies) {
    }

    private Uni<Prepared> prepare(String key, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        String k;
        try {
            k = CoveragePlanInput.key(key);
        } catch (ProblemException e) {
            problems.addAll(e.violations());
            k = null;
        }
        String planKey = k;
        CoveragePlanInput.Draft draft = CoveragePlanInput.read(body, config.evaluations().sources(), problems);
        return InTurn.all(units.kinds(), repository.accountIds(nonNull(draft.accounts())),
                repository.agencyIds(nonNull(draft.agencies()))).map(t -> {
                    List<String> kinds = t.getItem1();
                    for (int i = 0; i < draft.kinds().size(); i++) {
                        String kind = draft.kinds().get(i);
                        if (kind != null && kind.matches("[a-z][a-z0-9_-]{0,31}") && !kinds.contains(kind)) {
                            problems.add(Violation.at("/selection/kinds/" + i,
                                    m -> m.coverageUnknownKind(kind, String.join(", ", kinds))));
                        }
                    }
                    List<Long> accounts = resolve(draft.accounts(), t.getItem2(), "/inspectors/accounts/", problems,
                            true);
                    List<Long> agencies = resolve(draft.agencies(), t.getItem3(), "/inspectors/agencies/", problems,
                            false);
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    return new Prepared(planKey, draft, accounts, agencies);
                });
    }

    /**
     * Adds the version and queues the recount of the plan's kept coverage (its figure samples), made after the commit
     * in short transactions ({@link CoverageKeeper#recount}), awaited before the answer for at most
     * {@link CoverageKeeper#ANSWER_WAIT}.
     */
    private Uni<CoveragePlan> store(SqlConnection c, Prepared p, Caller caller) {
        return repository.insert(c, p.key(), p.draft(), p.accounts(), p.agencies(), caller.actor())
                .call(plan -> keeper.queue(c, p.key()));
    }

    /** Retires the plan's latest version: no longer in force, its versions kept; 404 when none is in force. */
    public Uni<CoveragePlan> delete(Caller caller, String key) {
        requirePlanning(caller);
        return transactions.write(c -> repository.retire(c, key, caller.actor())
                        .call(version -> version == null ? Uni.createFrom().voidItem() : keeper.queue(c, key))
                        .call(version -> AuditIntents.intent().invoke(intent -> intent.names(key))))
                .invoke(version -> keeper.forget())
                .call(version -> version == null ? Uni.createFrom().voidItem() : keeper.recountAfter(List.of(key)))
                .flatMap(version -> {
                    if (version == null) {
                        throw ProblemException.notFound(m -> m.coveragePlanNotFound(key));
                    }
                    return repository.history(key).map(versions -> versions.get(versions.size() - 1));
                });
    }

    /** The plans in force, by key. */
    public Uni<List<CoveragePlan>> plans(Caller caller) {
        requireReads(caller);
        return repository.latest(null).map(plans -> plans.stream().filter(p -> !p.retired()).toList());
    }

    /** Every version of a plan, oldest first (a deleted plan's too); 404 when there is no such plan. */
    public Uni<List<CoveragePlan>> history(Caller caller, String key) {
        requireReads(caller);
        return repository.history(key).map(versions -> {
            if (versions.isEmpty()) {
                throw ProblemException.notFound(m -> m.coveragePlanNotFound(key));
            }
            return versions;
        });
    }

    /** The plan in force with this key; 404 when none. */
    public Uni<CoveragePlan> plan(Caller caller, String key) {
        requireReads(caller);
        return inForce(key).map(plans -> plans.get(0));
    }

    /** Per selected unit and interval of the range, of one plan or every plan in force. */
    public Uni<List<CoverageView.UnitCoverage>> coverage(Caller caller, String planKey, String unitCode, Range range) {
        requireReads(caller);
        LocalDate today = today();
        return InTurn.all(inForce(planKey), under(caller, unitCode)).flatMap(t -> {
            Asked asked = new Asked();
            for (CoveragePlan plan : t.getItem1()) {
                CoverageIntervals.between(plan, range.from(), range.to(), today)
                        .forEach(i -> asked.add(plan, i.start(), i.end()));
            }
            return repository.coverage(t.getItem1(), asked.plans, asked.starts, asked.ends, scope(caller),
                    t.getItem2(), zone(), null, null);
        }).map(rows -> rows.stream().map(r -> new CoverageView.UnitCoverage(r.plan(), r.unit(), r.name(),
                new Interval(r.start(), r.end()).label(), r.start(), r.end(), r.evaluations() > 0, r.evaluations(),
                r.lastInInterval())).toList());
    }

    /**
     * The overdue and never-inspected units on {@code day} (null: today) of one plan or every plan in force that day.
     * The current interval counts evaluations up to the end of {@code day} only.
     */
    public Uni<Standing> standing(Caller caller, String planKey, String unitCode, LocalDate day) {
        requireReads(caller);
        LocalDate at = day == null ? today() : day;
        return InTurn.all(inForce(planKey), under(caller, unitCode)).flatMap(t -> {
            List<CoveragePlan> plans = t.getItem1().stream().filter(p -> CoverageIntervals.inForce(p, at)).toList();
            Asked asked = new Asked();
            Map<String, Interval> current = new HashMap<>();
            for (CoveragePlan plan : plans) {
                Interval now = Interval.of(plan.everyMonths(), at);
                current.put(plan.key(), now);
                Interval before = now.previous();
                if (before.end().isAfter(plan.activeFrom())) {
                    asked.add(plan, before.start(), before.end());
                }
                asked.add(plan, now.start(), at.plusDays(1).isBefore(now.end()) ? at.plusDays(1) : now.end());
            }
            OffsetDateTime until = at.plusDays(1).atStartOfDay(config.timeZone()).toOffsetDateTime();
            return repository.coverage(plans, asked.plans, asked.starts, asked.ends, scope(caller), t.getItem2(),
                    zone(), until, null).map(rows -> standing(plans, current, rows, at));
        });
    }

    private static Standing standing(List<CoveragePlan> plans, Map<String, Interval> current, List<UnitInterval> rows,
            LocalDate at) {
        Map<String, CoveragePlan> byKey = new HashMap<>();
        plans.forEach(p -> byKey.put(p.key(), p));
        // rows come per plan and unit, the interval before first
        Map<String, UnitInterval> before = new HashMap<>();
        List<CoverageView.Overdue> overdue = new ArrayList<>();
        List<CoverageView.NeverInspected> never = new ArrayList<>();
        for (UnitInterval row : rows) {
            Interval now = current.get(row.plan());
            String unitKey = row.plan() + "\u0000" + row.unit();
            if (!row.start().equals(now.start())) {
                before.put(unitKey, row);
                continue;
            }
            CoverageView.Overdue late = CoverageRules.overdue(byKey.get(row.plan()), now, row, before.get(unitKey),
                    at);
            if (late != null) {
                overdue.add(late);
            }
            if (row.lastEver() == null) {
                never.add(new CoverageView.NeverInspected(row.plan(), row.unit(), row.name(), row.area()));
            }
        }
        return new Standing(at, overdue, never);
    }

    /**
     * Coverage rates per group (the nearest unit of kind {@code level} at or above each selected unit; null: only
     * the totals) and plan, over the intervals of the range.
     */
    public Uni<List<CoverageView.Rate>> rates(Caller caller, String planKey, String unitCode, String level,
            Range range) {
        requireReads(caller);
        LocalDate today = today();
        return InTurn.all(inForce(planKey), under(caller, unitCode)).flatMap(t -> {
            Asked asked = new Asked();
            for (CoveragePlan plan : t.getItem1()) {
                CoverageIntervals.between(plan, range.from(), range.to(), today)
                        .forEach(i -> asked.add(plan, i.start(), i.end()));
            }
            return repository.coverage(t.getItem1(), asked.plans, asked.starts, asked.ends, scope(caller),
                    t.getItem2(), zone(), null, level);
        }).map(rows -> CoverageRules.rates(rows, level != null));
    }

    /** The inspectors' duty rates under one plan (or each plan in force) over the intervals of the range. */
    public Uni<List<CoverageView.Duty>> duty(Caller caller, String planKey, String unitCode, Range range) {
        requireReads(caller);
        LocalDate today = today();
        return InTurn.all(inForce(planKey), under(caller, unitCode)).flatMap(t -> {
            Uni<List<CoverageView.Duty>> chain = Uni.createFrom().item(new ArrayList<>());
            for (CoveragePlan plan : t.getItem1()) {
                List<Interval> intervals = CoverageIntervals.between(plan, range.from(), range.to(), today);
                chain = chain.flatMap(out -> repository.duty(plan, intervals, scope(caller), t.getItem2(),
                        plan.namesInspectors() ? plan.inspectorSpaces() : null, zone()).map(rows -> {
                            out.addAll(CoverageRules.duty(plan, rows));
                            return out;
                        }));
            }
            return chain;
        });
    }

    /**
     * Issue 19: what a subscriber to coverage changes listens with: the plan (null: every plan; 404 when none is in
     * force), the unit whose subtree it hears (null: anywhere; 404 unknown or outside scope) and its scope.
     */
    public record Listening(String plan, Long under, Long[] scope) {
    }

    /** Checks a subscriber may read coverage and resolves its filters. */
    public Uni<Listening> listening(Caller caller, String planKey, String unitCode) {
        requireReads(caller);
        Uni<String> plan = planKey == null || planKey.isBlank() ? Uni.createFrom().nullItem()
                : inForce(planKey).map(plans -> plans.get(0).key());
        return plan.flatMap(key -> under(caller, unitCode).map(under -> new Listening(key, under, scope(caller))));
    }

    /** A change as the subscriber may hear it; null when it is of another plan or outside its scope or unit. */
    public Uni<CoverageView.Change> announced(Listening listening, CoverageChanges.Change change) {
        if (listening.plan() != null && !listening.plan().equals(change.plan())) {
            return Uni.createFrom().nullItem();
        }
        return repository.announced(change.unitId(), listening.scope(), listening.under())
                .map(unit -> unit == null ? null : CoverageView.Change.of(change, unit[0], unit[1]));
    }

    /**
     * The range of query parameters: a scheme-style period id ({@code 2025-Q2}, {@code 2025-05}, {@code 2025-H1},
     * {@code 2025}) or the days {@code from} and {@code to} (both included; defaults: 1 January of this year, today).
     */
    public Range range(String period, String from, String to) {
        List<Violation> problems = new ArrayList<>();
        if (period != null && !period.isBlank()) {
            if (from != null || to != null) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.coveragePeriodOrRange())));
            }
            Period p = Period.parseAny(period.strip());
            if (p == null) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.periodFormat("period", "2025-Q2"))));
            }
            return new Range(p.firstDay(), p.endDay().minusDays(1));
        }
        LocalDate today = today();
        LocalDate first = day("from", from, problems);
        LocalDate last = day("to", to, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        first = first == null ? today.withDayOfYear(1) : first;
        last = last == null ? today : last;
        if (last.isBefore(first)) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("to", m -> m.coverageDateOrder())));
        }
        return new Range(first, last);
    }

    /** A day of a query parameter, null when absent; a bad one is added to {@code problems}. */
    public static LocalDate day(String name, String text, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(QueryParameters.problem(name, m -> m.vetoDateFormat()));
            return null;
        }
    }

    /** Today in the server's time zone. */
    public LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    /** The plans asked: the one in force with {@code key} (404 when none), or every plan in force. */
    private Uni<List<CoveragePlan>> inForce(String key) {
        String k = key == null || key.isBlank() ? null : key.strip();
        return repository.latest(k).map(plans -> {
            List<CoveragePlan> current = plans.stream().filter(p -> !p.retired()).toList();
            if (k != null && current.isEmpty()) {
                throw ProblemException.notFound(m -> m.coveragePlanNotFound(k));
            }
            return current;
        });
    }

    /** The unit whose subtree a question is bound to (null: none); 404 when unknown or outside the caller's scope. */
    private Uni<Long> under(Caller caller, String code) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String c = code.strip();
        return units.findByCode(c).flatMap(unit -> {
            if (unit == null) {
                throw ProblemException.notFound(m -> m.unitNotFound(c));
            }
            return units.inScope(unit.id(), caller.coverageScope()).map(in -> {
                if (!in) {
                    throw ProblemException.notFound(m -> m.unitNotFound(c));
                }
                return unit.id();
            });
        });
    }

    private static Long[] scope(Caller caller) {
        List<Long> scope = caller.coverageScope();
        return scope == null ? null : scope.toArray(Long[]::new);
    }

    private String zone() {
        return config.timeZone().getId();
    }

    /** The intervals a statement asks about, flattened per plan. */
    private static final class Asked {
        final List<String> plans = new ArrayList<>();
        final List<LocalDate> starts = new ArrayList<>();
        final List<LocalDate> ends = new ArrayList<>();

        void add(CoveragePlan plan, LocalDate start, LocalDate end) {
            plans.add(plan.key());
            starts.add(start);
            ends.add(end);
        }
    }

    private static List<String> nonNull(List<String> items) {
        return items.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The ids of the names, in order; an unknown name is named at its index. */
    private static List<Long> resolve(List<String> names, Map<String, Long> ids, String at, List<Violation> problems,
            boolean logins) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                continue;
            }
            Long id = ids.get(logins ? name.toLowerCase(java.util.Locale.ROOT) : name);
            if (id == null) {
                problems.add(Violation.at(at + i, logins ? m -> m.coverageUnknownAccount(name)
                        : m -> m.accountAgencyUnknown(name)));
            } else {
                out.add(id);
            }
        }
        return out;
    }

    static void requirePlanning(Caller caller) {
        if (!caller.mayPlanCoverage()) {
            throw Scope.forbidden();
        }
    }

    private static void requireReads(Caller caller) {
        if (!caller.mayReadCoverage()) {
            throw Scope.forbidden();
        }
    }
}
