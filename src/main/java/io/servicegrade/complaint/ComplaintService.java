package io.servicegrade.complaint;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.standing.FigureSamples;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The complaints register (投诉, issue 19): a complaint is registered with its reply deadline computed once from the
 * deadline settings, its repeat and escalation flags decided from the complaints before it; a manager in scope
 * replies once; who registered it (or an analyst) records the customer's satisfaction once; the sweep marks it
 * overdue once. Each action is one transaction that also keeps the complaint's figure samples, so schemes weighing
 * them are current at commit. Transaction volumes per unit and month give the complaints per 10,000 transactions.
 */
@ApplicationScoped
public class ComplaintService {

    public static final int MAX_LIST = 500;
    public static final int MAX_EXPORT = 10_000;
    static final BigDecimal MET = BigDecimal.valueOf(100);
    static final BigDecimal MISSED = BigDecimal.ZERO;

    @Inject
    ComplaintRepository repository;

    @Inject
    Transactions transactions;

    @Inject
    Deadlines deadlines;

    @Inject
    ServiceGradeConfig config;

    @Inject
    FigureSamples figureSamples;

    @Inject
    OutboundEvents events;

    @Inject
    ComplaintCategories categories;

    Clock clock = Clock.systemUTC();

    /** One unit's (or group's) figures in a period; {@code group}: the unit and every unit below it in scope. */
    public record FigureRow(String unit, String unitName, String period, boolean group,
            ComplaintFigures.Counts counts) {
    }

    /** Registers one complaint; answers it as stored. */
    public Uni<ComplaintRepository.Stored> register(Caller caller, JsonNode body) {
        requireRegistering(caller);
        ComplaintInput.Registration r = ComplaintInput.one(body, clock.instant(), categories);
        return registerAll(caller, List.of(r), i -> "/unit").map(all -> all.get(0));
    }

    /** Registers a batch, all or nothing; answers them in the order given. */
    public Uni<List<ComplaintRepository.Stored>> registerBatch(Caller caller, JsonNode body) {
        requireRegistering(caller);
        return registerAll(caller, ComplaintInput.batch(body, clock.instant(), categories), i -> "/" + i + "/unit");
    }

    /**
     * Registers complaints read and checked already, in one transaction; {@code unitAt} names where each entry's
     * unit was given (for a refusal). Entries are written in order of receipt, so one in the batch can repeat an
     * earlier one of the same batch.
     */
    Uni<List<ComplaintRepository.Stored>> registerAll(Caller caller, List<ComplaintInput.Registration> all,
            IntFunction<String> unitAt) {
        requireRegistering(caller);
        List<String> codes = all.stream().map(ComplaintInput.Registration::unit).distinct().toList();
        Long[] scope = scope(caller);
        int replyDays = config.complaints().replyDays();
        int repeatDays = config.complaints().repeatDays();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> all.get(i).receivedAt().toInstant()));
        return figureSamples.schemes().flatMap(schemes -> transactions.write(connection -> repository
                .units(connection, codes, scope).flatMap(units -> {
                    refuseUnits(all, units, unitAt);
                    List<FigureSamples.Sample> samples = new ArrayList<>();
                    return Multi.createFrom().iterable(order).onItem().transformToUniAndConcatenate(i -> {
                        ComplaintInput.Registration r = all.get(i);
                        ComplaintRepository.UnitRef unit = units.get(r.unit());
                        Instant due = deadlines.due(r.receivedAt().toInstant(), replyDays);
                        return repository.lockCustomer(connection, r.customerHash())
                                .flatMap(locked -> repository.insert(connection, new ComplaintRepository.Registered(
                                        r.channel(), r.receivedAt(), unit.id(), r.category(), r.subject(),
                                        r.customerHash(), r.firstResponder(), due.atOffset(ZoneOffset.UTC),
                                        caller.actor(), repeatDays)))
                                .invoke(inserted -> samples.add(new FigureSamples.Sample(Figure.COMPLAINT_REPEAT,
                                        inserted.id(), unit.id(), r.receivedAt().toInstant(),
                                        inserted.repeat() ? MET : MISSED)))
                                .map(inserted -> Map.entry(i, inserted.id()));
                    }).collect().asList().call(ids -> figureSamples.put(connection, schemes, samples))
                            .map(ids -> {
                                Long[] byEntry = new Long[all.size()];
                                ids.forEach(e -> byEntry[e.getKey()] = e.getValue());
                                return List.of(byEntry);
                            });
                })))
                .flatMap(ids -> repository.byIds(ids).map(stored -> {
                    Map<Long, ComplaintRepository.Stored> byId = new java.util.HashMap<>();
                    stored.forEach(s -> byId.put(s.id(), s));
                    return ids.stream().map(byId::get).toList();
                }));
    }

    /** Each unknown unit is a 422 at its pointer; each unit outside the caller's scope a 403 naming it. */
    private static void refuseUnits(List<ComplaintInput.Registration> all,
            Map<String, ComplaintRepository.UnitRef> units, IntFunction<String> unitAt) {
        List<Violation> unknown = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String code = all.get(i).unit();
            ComplaintRepository.UnitRef unit = units.get(code);
            if (unit == null) {
                unknown.add(Violation.at(unitAt.apply(i), m -> m.unitNotFound(code)));
            } else if (!unit.inScope()) {
                outside.add(unitAt.apply(i));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        if (!outside.isEmpty()) {
            throw Scope.outsideScope(outside);
        }
    }

    /** Replies to a complaint (a manager in scope, or the admin), once. */
    public Uni<ComplaintRepository.Stored> reply(Caller caller, long id, JsonNode body) {
        if (caller == null || !caller.mayReplyComplaints()) {
            throw Scope.forbidden();
        }
        Instant now = clock.instant();
        ComplaintInput.Reply reply = ComplaintInput.reply(body, now);
        OffsetDateTime at = reply.repliedAt() != null ? reply.repliedAt() : now.atOffset(ZoneOffset.UTC);
        return figureSamples.schemes().flatMap(schemes -> transactions.write(connection -> locked(connection,
                caller, id).flatMap(stored -> {
                    if (stored.repliedAt() != null) {
                        throw conflict(m -> m.complaintReplied(id));
                    }
                    if (at.isBefore(stored.receivedAt())) {
                        String received = stored.receivedAt().toString();
                        throw ProblemException.invalid(List.of(Violation.at(reply.repliedAt() != null
                                ? "/repliedAt" : "", m -> m.complaintReplyBeforeReceipt(received))));
                    }
                    // timely when replied before the deadline ends (it ends at midnight, exclusive)
                    BigDecimal timely = at.isBefore(stored.dueAt()) ? MET : MISSED;
                    return repository.reply(connection, id, at, reply.resolution(), caller.actor())
                            .call(done -> figureSamples.put(connection, schemes, List.of(new FigureSamples.Sample(
                                    Figure.COMPLAINT_TIMELY, id, stored.unitId(), stored.receivedAt().toInstant(),
                                    timely))));
                }))).flatMap(done -> read(caller, id));
    }

    /** Records the customer's satisfaction with the handling, once, after the reply. */
    public Uni<ComplaintRepository.Stored> satisfaction(Caller caller, long id, JsonNode body) {
        requireReads(caller);
        String value = ComplaintInput.satisfaction(body);
        return figureSamples.schemes().flatMap(schemes -> transactions.write(connection -> locked(connection,
                caller, id).flatMap(stored -> {
                    if (!caller.mayRecordAnySatisfaction() && !caller.actor().equals(stored.registeredBy())) {
                        throw new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                                m -> m.complaintSatisfactionNotYours(id));
                    }
                    if (stored.repliedAt() == null) {
                        throw conflict(m -> m.complaintNotReplied(id));
                    }
                    if (stored.satisfaction() != null) {
                        throw conflict(m -> m.complaintSatisfactionRecorded(id));
                    }
                    BigDecimal satisfied = value.equals("satisfied") ? MET : MISSED;
                    return repository.satisfaction(connection, id, value, caller.actor())
                            .call(done -> figureSamples.put(connection, schemes, List.of(new FigureSamples.Sample(
                                    Figure.COMPLAINT_SATISFIED, id, stored.unitId(),
                                    stored.receivedAt().toInstant(), satisfied))));
                }))).flatMap(done -> read(caller, id));
    }

    /** The complaint locked for the action, in the caller's scope; 404 otherwise. */
    private Uni<ComplaintRepository.Stored> locked(SqlConnection connection, Caller caller, long id) {
        return repository.find(connection, id, scope(caller), true).map(stored -> {
            if (stored == null) {
                throw ProblemException.notFound(m -> m.complaintNotFound(id));
            }
            return stored;
        });
    }

    /**
     * Marks the complaints newly overdue (unreplied at their deadline), each once whichever instance sweeps: its
     * {@code complaint.overdue} event and its timeliness sample (missed) are written in the same transaction.
     * Answers the ids marked by this sweep.
     */
    public Uni<List<Long>> sweep() {
        return figureSamples.schemes().flatMap(schemes -> transactions.write(connection -> repository
                .markOverdue(connection).flatMap(marked -> {
                    if (marked.isEmpty()) {
                        return Uni.createFrom().item(List.<Long>of());
                    }
                    List<FigureSamples.Sample> samples = new ArrayList<>();
                    List<Uni<Long>> emitted = new ArrayList<>();
                    for (ComplaintRepository.Overdue o : marked) {
                        samples.add(new FigureSamples.Sample(Figure.COMPLAINT_TIMELY, o.id(), o.unitId(),
                                o.receivedAt().toInstant(), MISSED));
                        emitted.add(events.emit(connection, EventKind.COMPLAINT_OVERDUE, "complaint/" + o.id(),
                                new JsonObject().put("id", o.id()).put("unit", o.unitCode())
                                        .put("channel", o.channel()).put("receivedAt", o.receivedAt().toString())
                                        .put("dueAt", o.dueAt().toString())));
                    }
                    // one statement at a time on the connection
                    return Multi.createFrom().iterable(emitted).onItem().transformToUniAndConcatenate(u -> u)
                            .collect().asList()
                            .call(ids -> figureSamples.put(connection, schemes, samples))
                            .map(ids -> marked.stream().map(ComplaintRepository.Overdue::id).toList());
                })));
    }

    /**
     * The complaint a notification announced ({@code event}), if it lies within {@code scope} (null: no bound); null
     * otherwise. A listener may hear of a commit a moment before its own queries see it, so the row is read again
     * until it shows the change (for at most about a second).
     */
    Uni<ComplaintRepository.Stored> announced(Long[] scope, long id, String event) {
        return repository.find(id, null).map(stored -> {
            if (stored == null || !shows(stored, event)) {
                throw new IllegalStateException("not visible yet");
            }
            return stored;
        }).onFailure(IllegalStateException.class).retry().withBackOff(java.time.Duration.ofMillis(20),
                java.time.Duration.ofMillis(100)).atMost(15)
                .flatMap(stored -> scope == null ? Uni.createFrom().item(stored) : repository.find(id, scope));
    }

    private static boolean shows(ComplaintRepository.Stored stored, String event) {
        return switch (event) {
            case "replied" -> stored.repliedAt() != null;
            case "satisfaction" -> stored.satisfaction() != null;
            case "overdue" -> stored.overdueAt() != null;
            default -> true;
        };
    }

    /** One complaint, as the caller may see it: 404 when it does not exist or lies outside the caller's scope. */
    public Uni<ComplaintRepository.Stored> read(Caller caller, long id) {
        requireReads(caller);
        return repository.find(id, scope(caller)).map(stored -> {
            if (stored == null) {
                throw ProblemException.notFound(m -> m.complaintNotFound(id));
            }
            return stored;
        });
    }

    /**
     * Complaints the caller may see, filtered by channel, category, unit (and those below it), state (open, overdue,
     * replied), overdue (true: late, replied or not; false: in time so far) and when received ([from, to)), newest
     * received first, a page of {@code limit} (1 to 500, default 100) after {@code offset}.
     */
    public Uni<List<ComplaintRepository.Stored>> list(Caller caller, String channel, String category, String unit,
            String state, Boolean overdue, String from, String to, Integer limit, Integer offset) {
        requireReads(caller);
        List<Violation> problems = new ArrayList<>();
        if (limit != null && (limit < 1 || limit > MAX_LIST)) {
            problems.add(QueryParameters.problem("limit", m -> m.numberRange(1, MAX_LIST)));
        }
        if (offset != null && (offset < 0 || offset > 1_000_000)) {
            problems.add(QueryParameters.problem("offset", m -> m.numberRange(0, 1_000_000)));
        }
        return filter(caller, channel, category, unit, state, overdue, from, to, problems).flatMap(f -> repository.list(
                scope(caller), f, limit == null ? 100 : limit, offset == null ? 0 : offset));
    }

    /**
     * Issue 21: the counts of the list {@link #list} gives for the same filters over all its pages: in all and per
     * state before the state and overdue filters, the late ones, and the rows those filters show.
     */
    public Uni<ComplaintRepository.Counts> counts(Caller caller, String channel, String category, String unit,
            String state, Boolean overdue) {
        requireReads(caller);
        return filter(caller, channel, category, unit, state, overdue, null, null, new ArrayList<>())
                .flatMap(f -> repository.counts(scope(caller), f));
    }

    /** The complaints of a list, as an export holds them: at most {@link #MAX_EXPORT}, newest received first. */
    public Uni<List<ComplaintRepository.Stored>> export(Caller caller, String channel, String category, String unit,
            String state, Boolean overdue, String from, String to) {
        requireReads(caller);
        return filter(caller, channel, category, unit, state, overdue, from, to, new ArrayList<>())
                .flatMap(f -> repository.list(scope(caller), f, MAX_EXPORT, 0));
    }

    private Uni<ComplaintRepository.Filter> filter(Caller caller, String channel, String category, String unit,
            String state, Boolean overdue, String from, String to, List<Violation> problems) {
        if (channel != null && !ComplaintInput.CHANNELS.contains(channel)) {
            problems.add(QueryParameters.problem("channel", m -> m.oneOf(String.join(", ", ComplaintInput.CHANNELS))));
        }
        if (category != null && !categories.known(category)) {
            String keys = categories.keys();
            problems.add(QueryParameters.problem("category", m -> m.complaintCategoryUnknown(keys)));
        }
        if (state != null && !List.of("open", "overdue", "replied").contains(state)) {
            problems.add(QueryParameters.problem("state", m -> m.oneOf("open, overdue, replied")));
        }
        OffsetDateTime since = QueryParameters.dateTime(from, "from", problems);
        OffsetDateTime until = QueryParameters.dateTime(to, "to", problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return under(caller, unit).map(path -> new ComplaintRepository.Filter(channel, category, path, state, overdue,
                since, until));
    }

    /** The unreplied complaints in the caller's scope, due first: a manager's to-do (issue 19). */
    public Uni<List<ComplaintRepository.Stored>> todo(Caller caller) {
        requireReads(caller);
        return repository.unreplied(scope(caller), MAX_LIST);
    }

    /**
     * The figures of a period ({@code 2025-01}, {@code 2025-Q1}, {@code 2025}): with a unit, first its group's (the
     * unit and all below it in scope), then each unit's of the group with complaints or a volume; without, each
     * unit's in scope.
     */
    public Uni<List<FigureRow>> figures(Caller caller, String period, String unit) {
        requireReads(caller);
        ComplaintFigures.Period p = ComplaintFigures.period(period);
        if (p == null) {
            throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                    period == null ? m -> m.required() : m -> m.complaintPeriodFormat())));
        }
        java.time.ZoneId zone = deadlines.zone();
        return unitRef(caller, unit).flatMap(root -> repository.counts(scope(caller),
                root == null ? null : root.path(), p.from(zone), p.to(zone), p.firstDays()).map(rows -> {
                    List<FigureRow> out = new ArrayList<>();
                    if (root != null) {
                        ComplaintFigures.Counts group = ComplaintFigures.Counts.NONE;
                        for (ComplaintRepository.UnitCounts row : rows) {
                            group = group.plus(row.counts());
                        }
                        out.add(new FigureRow(root.code(), root.name(), p.id(), true, group));
                    }
                    rows.forEach(row -> out.add(new FigureRow(row.unitCode(), row.unitName(), p.id(), false,
                            row.counts())));
                    return out;
                }));
    }

    /** Puts transaction volumes (a JSON list), all or nothing; answers how many were written. */
    public Uni<Integer> putVolumes(Caller caller, JsonNode body) {
        requireVolumes(caller);
        return putVolumes(caller, ComplaintInput.volumes(body), i -> "/" + i + "/unit");
    }

    Uni<Integer> putVolumes(Caller caller, List<ComplaintInput.Volume> volumes, IntFunction<String> unitAt) {
        requireVolumes(caller);
        List<String> codes = volumes.stream().map(ComplaintInput.Volume::unit).distinct().toList();
        return transactions.write(connection -> repository.units(connection, codes, scope(caller)).flatMap(units -> {
            List<Violation> unknown = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<LocalDate> months = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < volumes.size(); i++) {
                ComplaintInput.Volume v = volumes.get(i);
                ComplaintRepository.UnitRef unit = units.get(v.unit());
                if (unit == null) {
                    unknown.add(Violation.at(unitAt.apply(i), m -> m.unitNotFound(v.unit())));
                } else if (!unit.inScope()) {
                    outside.add(unitAt.apply(i));
                } else {
                    ids.add(unit.id());
                    months.add(v.month().atDay(1));
                    values.add(v.volume());
                }
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid(unknown);
            }
            if (!outside.isEmpty()) {
                throw Scope.outsideScope(outside);
            }
            return repository.putVolumes(connection, ids, months, values, caller.actor()).map(done -> ids.size());
        }));
    }

    /** The volumes the caller may see, of a unit and those below it (or all), months from and to (inclusive). */
    public Uni<List<ComplaintRepository.StoredVolume>> volumes(Caller caller, String unit, String from, String to) {
        requireReads(caller);
        List<Violation> problems = new ArrayList<>();
        YearMonth since = month(from, "from", problems);
        YearMonth until = month(to, "to", problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return under(caller, unit).flatMap(path -> repository.volumes(scope(caller), path,
                since == null ? null : since.atDay(1), until == null ? null : until.atDay(1)));
    }

    private static YearMonth month(String text, String name, List<Violation> problems) {
        if (text == null) {
            return null;
        }
        YearMonth month = ComplaintInput.month(text);
        if (month == null) {
            problems.add(QueryParameters.problem(name, m -> m.volumeMonthFormat()));
        }
        return month;
    }

    /** The path of the unit a filter names (422 naming the parameter when unknown or outside scope). */
    private Uni<String> under(Caller caller, String unit) {
        return unitRef(caller, unit).map(ref -> ref == null ? null : ref.path());
    }

    /** A unit named in a query, with its name; null when none is named. */
    private Uni<NamedUnit> unitRef(Caller caller, String unit) {
        if (unit == null || unit.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return repository.units(List.of(unit), scope(caller)).map(found -> {
            ComplaintRepository.UnitRef ref = found.get(unit);
            if (ref == null || !ref.inScope()) {
                throw ProblemException.invalid(List.of(QueryParameters.problem("unit", m -> m.unitNotFound(unit))));
            }
            return new NamedUnit(ref.code(), ref.name(), ref.path());
        });
    }

    private record NamedUnit(String code, String name, String path) {
    }

    /** The caller's bound on complaints as the SQL parameter: null for no bound. */
    static Long[] scope(Caller caller) {
        List<Long> units = caller.complaintScope();
        return units == null ? null : units.toArray(Long[]::new);
    }

    static void requireReads(Caller caller) {
        if (caller == null || !caller.mayReadComplaints()) {
            throw Scope.forbidden();
        }
    }

    private static void requireRegistering(Caller caller) {
        if (caller == null || !caller.mayRegisterComplaints()) {
            throw Scope.forbidden();
        }
    }

    private static void requireVolumes(Caller caller) {
        if (caller == null || !caller.mayPutVolumes()) {
            throw Scope.forbidden();
        }
    }

    private static ProblemException conflict(io.servicegrade.platform.problem.Message detail) {
        return new ProblemException(409, "conflict", ProblemMessages::conflictTitle, detail);
    }
}
