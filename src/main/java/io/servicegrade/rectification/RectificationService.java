package io.servicegrade.rectification;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.evaluation.StoredEvaluation;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.events.OutboundEvents;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.platform.time.Deadlines;
import io.servicegrade.scheme.Figure;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.standing.FigureSamples;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rectification orders (整改, issue 19): an analyst, inspector or the admin raises one from an evaluation's deducted
 * items or veto, or by hand, with a deadline counted by {@link Deadlines}; the owner unit's manager replies with
 * evidence; an inspector or analyst accepts the reply or returns it. Each action is one transaction, and writes the
 * order's figure samples ({@link Figure#RECTIFICATION_REPLY}, {@link Figure#RECTIFICATION_ON_TIME}) when its
 * outcome changes; {@link RectificationSweep} marks the orders that go overdue.
 */
@ApplicationScoped
public class RectificationService {

    public static final int MAX_LIST = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    RectificationRepository repository;

    @Inject
    Transactions transactions;

    @Inject
    EvaluationService evaluations;

    @Inject
    UnitService units;

    @Inject
    Deadlines deadlines;

    @Inject
    ServiceGradeConfig config;

    @Inject
    OutboundEvents events;

    @Inject
    FigureSamples samples;

    @Inject
    SchemeService schemes;

    /** An order with its replies and verifications, oldest first. */
    public record View(RectificationRepository.Stored order, List<RectificationRepository.Step> steps) {
    }

    /** What a creation resolved to before its transaction. */
    private record Planned(long unitId, Long evaluationId, String title, String severity, JsonArray items,
            List<String> itemKeys, OffsetDateTime raisedAt) {
    }

    /** Raises an order; answers it as stored. */
    public Uni<View> create(Caller caller, JsonNode body) {
        requireRaising(caller);
        return prepare(caller, body)
                .flatMap(raised -> transactions.write(connection -> store(connection, raised)))
                .flatMap(id -> read(caller, id));
    }

    /**
     * Raises every order of a file in one transaction, all or nothing (issue 19): each row is read and resolved by
     * the same rules as one creation; a bad row's problems are named under its row ({@code /<row>/<field>}), every
     * row's at once, and then nothing is stored. Answers the orders' ids in row order.
     */
    Uni<List<Long>> createAll(Caller caller, List<RectificationFile.Row> rows) {
        requireRaising(caller);
        List<Violation> problems = new ArrayList<>();
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row ->
                        Uni.createFrom().deferred(() -> prepare(caller, row.body()))
                                .onFailure(ProblemException.class).recoverWithItem(e -> {
                                    ProblemException problem = (ProblemException) e;
                                    if (problem.status() != 422) {
                                        throw problem;
                                    }
                                    problems.addAll(SheetFile.inRow(row.number(), problem.violations()));
                                    return null;
                                }))
                .collect().asList().flatMap(raised -> {
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    return transactions.write(connection -> Multi.createFrom().iterable(raised).onItem()
                            .transformToUniAndConcatenate(r -> store(connection, r)).collect().asList());
                });
    }

    private static void requireRaising(Caller caller) {
        if (caller == null || !caller.mayRaiseRectifications()) {
            throw Scope.forbidden();
        }
    }

    /** A creation's body read, its unit and items resolved and its deadline set, before any transaction. */
    private Uni<RectificationRepository.Raised> prepare(Caller caller, JsonNode body) {
        RectificationInput.Raise raise = RectificationInput.raise(body);
        return plan(raise).map(planned -> {
            String severity = planned.severity();
            OffsetDateTime due = raise.dueAt() != null ? raise.dueAt()
                    : deadlines.due(planned.raisedAt().toInstant(),
                            days(severity, config.rectifications().deadlineDays())).atOffset(ZoneOffset.UTC);
            if (!due.isAfter(planned.raisedAt())) {
                throw ProblemException.invalid(List.of(Violation.at("/dueAt", m -> m.rectificationDueBeforeRaised())));
            }
            return new RectificationRepository.Raised(planned.unitId(), planned.evaluationId(), planned.title(),
                    severity, planned.items(), planned.itemKeys(), planned.raisedAt(), due, caller.keyId(),
                    caller.accountId());
        });
    }

    /** Stores a prepared order and emits {@code rectification.created} in the same transaction. */
    private Uni<Long> store(SqlConnection connection, RectificationRepository.Raised raised) {
        return repository.insert(connection, raised).call(id -> events.emit(connection,
                EventKind.RECTIFICATION_CREATED, "rectification/" + id, payload(id, raised)));
    }

    /** The days an order of {@code severity} is due in when none is given: the setting of its severity. */
    static int days(String severity, ServiceGradeConfig.Rectifications.DeadlineDays days) {
        return switch (severity) {
            case "veto" -> days.veto();
            case "major" -> days.major();
            default -> days.minor();
        };
    }

    private static JsonObject payload(long id, RectificationRepository.Raised raised) {
        return new JsonObject().put("id", id).put("unitId", raised.unitId())
                .put("evaluation", raised.evaluationId()).put("severity", raised.severity())
                .put("items", new JsonArray(new ArrayList<>(raised.itemKeys())))
                .put("raisedAt", raised.raisedAt().toString()).put("dueAt", raised.dueAt().toString());
    }

    /** Resolves the owner unit, and the evaluation's chosen items (each refused by its pointer unless deducted). */
    private Uni<Planned> plan(RectificationInput.Raise raise) {
        Uni<Unit> owner = raise.unit() == null ? Uni.createFrom().nullItem()
                : units.get(raise.unit()).onFailure(ProblemException.class).transform(e -> ProblemException.invalid(
                        List.of(Violation.at("/unit", m -> m.unitNotFound(raise.unit())))));
        if (raise.evaluation() == null) {
            String severity = raise.severity() == null ? "minor" : raise.severity();
            List<String> keys = raise.itemKey() == null ? List.of() : List.of(raise.itemKey());
            JsonArray items = new JsonArray();
            keys.forEach(key -> items.add(new JsonObject().put("key", key)));
            return owner.map(unit -> new Planned(unit.id(), null, raise.title(), severity, items, keys,
                    OffsetDateTime.now(ZoneOffset.UTC)));
        }
        long id = raise.evaluation();
        return owner.flatMap(unit -> evaluations.find(id).flatMap(found -> {
            if (found == null) {
                throw ProblemException.invalid(List.of(Violation.at("/evaluation",
                        m -> m.rectificationNoEvaluation(id))));
            }
            if (found.voided()) {
                throw ProblemException.invalid(List.of(Violation.at("/evaluation",
                        m -> m.rectificationEvaluationVoided())));
            }
            return evaluations.breakdown(found).map(breakdown -> fromEvaluation(raise, found, breakdown,
                    unit == null ? found.unitId() : unit.id()));
        }));
    }

    private static Planned fromEvaluation(RectificationInput.Raise raise, StoredEvaluation found,
            Breakdown breakdown, long unitId) {
        Map<String, Breakdown.ItemScore> scored = new LinkedHashMap<>();
        breakdown.sections().forEach(section -> section.items().forEach(item -> scored.put(item.key(), item)));
        List<Violation> problems = new ArrayList<>();
        JsonArray items = new JsonArray();
        List<String> keys = new ArrayList<>();
        boolean veto = raise.veto();
        boolean major = false;
        for (int i = 0; i < raise.items().size(); i++) {
            String key = raise.items().get(i);
            Breakdown.ItemScore item = scored.get(key);
            if (item == null || !Deducted.is(item)) {
                problems.add(Violation.at("/items/" + i, m -> m.rectificationItemNotDeducted(key)));
                continue;
            }
            veto |= item.vetoed();
            major |= Deducted.lostAll(item);
            keys.add(key);
            items.add(Deducted.json(item));
        }
        if (raise.veto()) {
            if (!breakdown.vetoed()) {
                problems.add(Violation.at("/veto", m -> m.rectificationNotVetoed()));
            } else if (breakdown.vetoedBy() != null && !keys.contains(breakdown.vetoedBy())) {
                Breakdown.ItemScore item = scored.get(breakdown.vetoedBy());
                keys.add(breakdown.vetoedBy());
                items.add(item != null ? Deducted.json(item) : new JsonObject().put("key", breakdown.vetoedBy())
                        .put("vetoed", true));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        // a veto is always a veto order; otherwise the caller's severity, or major when an item lost all its points
        String severity = veto ? "veto" : raise.severity() != null ? raise.severity() : major ? "major" : "minor";
        String title = raise.title() != null ? raise.title() : Deducted.title(found.id(), items);
        return new Planned(unitId, found.id(), title, severity, items, keys, found.conductedAt());
    }

    /** Replies as the order's owner; answers the order as it stands after it. */
    public Uni<View> reply(Caller caller, long id, JsonNode body) {
        if (caller == null || !caller.mayReplyRectifications()) {
            throw Scope.forbidden();
        }
        RectificationInput.Reply reply = RectificationInput.reply(body);
        Long[] scope = scope(caller);
        return samples.schemes().flatMap(schemes -> transactions.write(connection ->
                        repository.find(connection, id, scope, true).flatMap(order -> {
                            refuse(order, id, "open/returned", "open", "returned");
                            return repository.reply(connection, id, reply.text(), reply.evidence(), caller.keyId(),
                                    caller.accountId()).flatMap(first -> order.firstRepliedAt() != null
                                    ? Uni.createFrom().voidItem()
                                    : samples.put(connection, schemes, replied(order, first)));
                        })))
                .flatMap(done -> read(caller, id));
    }

    /** The samples of an order's first reply: replied, and on time when by its deadline. */
    private static List<FigureSamples.Sample> replied(RectificationRepository.Stored order, OffsetDateTime at) {
        return List.of(new FigureSamples.Sample(Figure.RECTIFICATION_REPLY, order.id(), order.unitId(),
                        order.raisedAt().toInstant(), HUNDRED),
                new FigureSamples.Sample(Figure.RECTIFICATION_ON_TIME, order.id(), order.unitId(),
                        order.raisedAt().toInstant(), at.isBefore(order.dueAt()) ? HUNDRED : BigDecimal.ZERO));
    }

    /** Accepts or returns a replied order (an inspector, an analyst or the admin). */
    public Uni<View> verify(Caller caller, long id, JsonNode body) {
        if (caller == null || !caller.mayVerifyRectifications()) {
            throw Scope.forbidden();
        }
        RectificationInput.Verification verification = RectificationInput.verification(body);
        Long[] scope = scope(caller);
        return transactions.write(connection -> repository.find(connection, id, scope, true).flatMap(order -> {
            refuse(order, id, "replied", "replied");
            return repository.verify(connection, id, verification.accepted() ? "accepted" : "returned",
                    verification.reason(), caller.keyId(), caller.accountId());
        })).flatMap(done -> read(caller, id));
    }

    /** 404 when the order is not there (or out of scope), 409 unless it is in one of {@code states}. */
    private static void refuse(RectificationRepository.Stored order, long id, String expected, String... states) {
        if (order == null) {
            throw ProblemException.notFound(m -> m.rectificationNotFound(id));
        }
        if (!List.of(states).contains(order.state())) {
            String state = order.state();
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle,
                    m -> m.rectificationWrongState(id, state, expected));
        }
    }

    /**
     * Marks the orders newly overdue, emits {@code rectification.overdue} once for each, and writes the samples of
     * those never replied (0 replied, 0 on time): one transaction, exactly once across instances.
     */
    public Uni<List<Long>> sweep() {
        return samples.schemes().flatMap(schemes -> transactions.write(connection ->
                repository.markOverdue(connection).call(overdue -> overdueEffects(connection, schemes, overdue))
                        .map(overdue -> overdue.stream().map(RectificationRepository.Overdue::id).toList())));
    }

    private Uni<Void> overdueEffects(SqlConnection connection, List<SchemeHistory> schemes,
            List<RectificationRepository.Overdue> overdue) {
        List<FigureSamples.Sample> zeros = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RectificationRepository.Overdue o : overdue) {
            if (!o.replied()) {
                zeros.add(new FigureSamples.Sample(Figure.RECTIFICATION_REPLY, o.id(), o.unitId(),
                        o.raisedAt().toInstant(), BigDecimal.ZERO));
                zeros.add(new FigureSamples.Sample(Figure.RECTIFICATION_ON_TIME, o.id(), o.unitId(),
                        o.raisedAt().toInstant(), BigDecimal.ZERO));
            }
            JsonObject payload = new JsonObject().put("id", o.id()).put("unitId", o.unitId())
                    .put("evaluation", o.evaluationId()).put("dueAt", o.dueAt().toString())
                    .put("replied", o.replied());
            chain = chain.call(() -> events.emit(connection, EventKind.RECTIFICATION_OVERDUE,
                    "rectification/" + o.id(), payload));
        }
        return chain.flatMap(done -> samples.put(connection, schemes, zeros));
    }

    /** One order with its history; 404 when it does not exist or lies outside the caller's scope. */
    public Uni<View> read(Caller caller, long id) {
        requireReads(caller);
        return repository.find(id, scope(caller)).flatMap(order -> {
            if (order == null) {
                throw ProblemException.notFound(m -> m.rectificationNotFound(id));
            }
            return repository.steps(id).map(steps -> new View(order, steps));
        });
    }

    /**
     * The order a notification announced in {@code state}, if it lies within {@code scope} (null: no bound); null
     * otherwise. A listener may hear of a commit a moment before its own queries see it, so the row is read again
     * until it shows the announced state (for at most about a second), as appeals do.
     */
    Uni<View> announced(Long[] scope, long id, String state) {
        return repository.find(id, null).map(order -> {
            if (order == null || !order.state().equals(state)) {
                throw new IllegalStateException("not visible yet");
            }
            return order;
        }).onFailure(IllegalStateException.class).retry().withBackOff(java.time.Duration.ofMillis(20),
                java.time.Duration.ofMillis(100)).atMost(15)
                .flatMap(order -> scope == null ? Uni.createFrom().item(order) : repository.find(id, scope))
                .flatMap(order -> order == null ? Uni.createFrom().nullItem()
                        : repository.steps(id).map(steps -> new View(order, steps)));
    }

    /** Orders the caller may see, filtered, newest first (a page of {@code limit} after {@code offset}). */
    public Uni<List<RectificationRepository.Stored>> list(Caller caller, String unit, String state, String overdue,
            String severity, String from, String to, Integer limit, Integer offset) {
        RectificationFigures.Window window = checked(caller, state, overdue, severity, from, to, limit, offset);
        Long[] scope = scope(caller);
        return under(unit).flatMap(path -> repository.list(new RectificationRepository.Filter(scope, path, state,
                overdue == null ? null : Boolean.valueOf(overdue), severity, window.from(), window.to()),
                limit == null ? 100 : limit, offset == null ? 0 : offset));
    }

    /**
     * Issue 20: the counts of the orders {@link #list} gives for the same filters over all its pages: in all, per
     * state, overdue now; the same values are refused.
     */
    public Uni<RectificationRepository.Counts> counts(Caller caller, String unit, String state, String overdue,
            String severity) {
        checked(caller, state, overdue, severity, null, null, null, null);
        Long[] scope = scope(caller);
        return under(unit).flatMap(path -> repository.counts(new RectificationRepository.Filter(scope, path, state,
                overdue == null ? null : Boolean.valueOf(overdue), severity, null, null)));
    }

    /** A list's filters checked: the window of days they name; a refusal names each bad one. */
    private RectificationFigures.Window checked(Caller caller, String state, String overdue, String severity,
            String from, String to, Integer limit, Integer offset) {
        requireReads(caller);
        List<Violation> problems = new ArrayList<>();
        if (state != null && !List.of("open", "replied", "accepted", "returned").contains(state)) {
            problems.add(QueryParameters.problem("state", m -> m.oneOf("open, replied, accepted, returned")));
        }
        if (severity != null && !RectificationInput.SEVERITIES.contains(severity)) {
            problems.add(QueryParameters.problem("severity", m -> m.oneOf("minor, major, veto")));
        }
        if (overdue != null && !List.of("true", "false").contains(overdue)) {
            problems.add(QueryParameters.problem("overdue", m -> m.oneOf("true, false")));
        }
        if (limit != null && (limit < 1 || limit > MAX_LIST)) {
            problems.add(QueryParameters.problem("limit", m -> m.oneOf("1 … " + MAX_LIST)));
        }
        if (offset != null && offset < 0) {
            problems.add(QueryParameters.problem("offset", m -> m.oneOf("0 …")));
        }
        RectificationFigures.Window window = RectificationFigures.window(from, to, deadlines.zone(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return window;
    }

    /** The open and returned orders in the caller's scope, soonest deadline first: a manager's to-do. */
    public Uni<List<RectificationRepository.Stored>> todo(Caller caller) {
        requireReads(caller);
        return repository.todo(scope(caller), MAX_LIST);
    }

    /**
     * The figures of a unit's subtree (and each unit in it) over orders raised in a window: days {@code from} to
     * {@code to} in the server's zone, or a period of a scheme ({@code scheme} and {@code period}, e.g. 2025-Q1) in
     * the scheme's time zone.
     */
    public Uni<RectificationFigures> figures(Caller caller, String unit, String from, String to, String scheme,
            String period) {
        requireReads(caller);
        List<Violation> problems = new ArrayList<>();
        if (unit == null || unit.isBlank()) {
            problems.add(QueryParameters.problem("unit", m -> m.required()));
        }
        boolean byPeriod = scheme != null || period != null;
        if (byPeriod && (from != null || to != null)) {
            problems.add(QueryParameters.problem(from != null ? "from" : "to", m -> m.oneOf("from/to, or scheme and period")));
        }
        if (byPeriod && (scheme == null || period == null)) {
            problems.add(QueryParameters.problem(scheme == null ? "scheme" : "period", m -> m.required()));
        }
        RectificationFigures.Window days = RectificationFigures.window(from, to, deadlines.zone(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        Uni<RectificationFigures.Window> window = !byPeriod ? Uni.createFrom().item(days)
                : schemes.history(scheme).onFailure(ProblemException.class).transform(e ->
                        ((ProblemException) e).status() == 404 ? ProblemException.invalid(List.of(
                                QueryParameters.problem("scheme", m -> m.schemeNotFound(scheme)))) : e)
                        .map(history -> {
                            Scheme latest = history.latest().scheme();
                            Period found = Period.parse(latest.period(), period);
                            if (found == null) {
                                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                                        m -> m.periodNotCovered(period))));
                            }
                            return RectificationFigures.window(found, latest.timeZone());
                        });
        int months = config.rectifications().recurrenceMonths();
        return window.flatMap(w -> under(unit).flatMap(path -> repository.counts(scope(caller), path,
                        w.fromOrEver(), w.toOrNever(), months))
                .map(counts -> RectificationFigures.of(unit, w, months, counts)));
    }

    private Uni<String> under(String unit) {
        return unit == null ? Uni.createFrom().nullItem()
                : units.get(unit).onFailure(ProblemException.class).transform(e -> ProblemException.invalid(List.of(
                        QueryParameters.problem("unit", m -> m.unitNotFound(unit))))).map(Unit::path);
    }

    private static void requireReads(Caller caller) {
        if (caller == null || !caller.mayReadRectifications()) {
            throw Scope.forbidden();
        }
    }

    static Long[] scope(Caller caller) {
        List<Long> units = caller.rectificationScope();
        return units == null ? null : units.toArray(Long[]::new);
    }
}
