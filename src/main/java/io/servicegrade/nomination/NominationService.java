package io.servicegrade.nomination;

import io.servicegrade.nomination.NominationRepository.BenchmarkRow;
import io.servicegrade.nomination.NominationRepository.Decider;
import io.servicegrade.nomination.NominationRepository.StoredNomination;
import io.servicegrade.nomination.Proposals.Candidate;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.standing.BoardAccess;
import io.servicegrade.standing.PublicationStep;
import io.servicegrade.standing.StandingInputRepository;
import io.servicegrade.standing.StandingService;
import io.servicegrade.standing.StandingService.Board;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Nominations (推荐) and benchmark units (标杆) of a scheme's period (issue 18). The rules: who proposes at
 * publication ({@link Proposals}, over the board of the first level's groups), who may decide (the group's manager,
 * the analyst at the last level), what a substitute may be, and that a closed period's nominations are final. Every
 * write reads its board before its one transaction, then locks the period row (so writes of a period take turns and
 * a closed period refuses them) and the row it changes.
 */
@ApplicationScoped
public class NominationService implements PublicationStep {

    static final String PROPOSED = "proposed";
    static final String CONFIRMED = "confirmed";
    static final String REPLACED = "replaced";
    static final String APPROVED = "approved";

    @Inject
    StandingService standings;

    @Inject
    StandingInputRepository periods;

    @Inject
    NominationRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    Transactions transactions;

    @Inject
    BoardAccess access;

    /** A scheme's nomination settings for a period (of the version that computes it). */
    record Settings(int top, List<String> levels) {

        int last() {
            return levels.size() - 1;
        }
    }

    /** The nominations of a period a caller may read (a scoped reader: of its groups and units), by level. */
    public Uni<List<Nomination>> list(Caller caller, String scheme, String period) {
        return list(scheme, period, access.scope(caller));
    }

    /** The nominations of a period of the groups and units in {@code scope} (null: all), by level. */
    public Uni<List<Nomination>> list(String scheme, String period, List<Long> scope) {
        return repository.list(scheme, period, scope == null ? null : scope.toArray(Long[]::new))
                .map(rows -> rows.stream().map(row -> Nomination.of(row, row.groupKind())).toList());
    }

    /** The benchmark designations of a period, each line's current one and those it replaced. */
    public Uni<List<Benchmark>> benchmarks(Caller caller, String scheme, String period) {
        access.scope(caller);
        return benchmarks(scheme, period);
    }

    /** The benchmark designations of a period, current and replaced, by service line. */
    public Uni<List<Benchmark>> benchmarks(String scheme, String period) {
        return repository.benchmarks(scheme, period).map(rows -> rows.stream().map(Benchmark::of).toList());
    }

    // ---- publication

    @Override
    public Uni<Function<SqlConnection, Uni<Void>>> prepare(String scheme, String period) {
        return settingsOrNull(scheme, period).flatMap(settings -> {
            if (settings == null) {
                return Uni.createFrom().item(c -> Uni.createFrom().voidItem());
            }
            return firstLevelBoard(scheme, period, settings).map(board -> {
                List<Proposals.Proposal> proposals = Proposals.top(settings.top(),
                        new ArrayList<>(candidates(board).values()));
                // publishing again changes nothing: a period that has nominations keeps them as they were decided
                return c -> repository.any(c, scheme, period).flatMap(any -> any ? Uni.createFrom().voidItem()
                        : repository.insert(c, scheme, period, 0, PROPOSED, null, proposals));
            });
        });
    }

    // ---- the group's manager

    /** The group's manager (or the admin) confirms a proposed nomination; {@code reason} is an optional note. */
    public Uni<Nomination> confirm(Caller caller, String scheme, String period, long id, String reason) {
        List<Violation> bad = new ArrayList<>();
        io.servicegrade.platform.json.Reasons.optional(reason, "/reason", bad);
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(bad));
        }
        return managed(caller, scheme, period, id).flatMap(found -> transactions.write(c -> lockOpen(c, scheme,
                period).flatMap(open -> repository.lock(c, scheme, period, id)).flatMap(row -> {
                    if (!PROPOSED.equals(row.state())) {
                        throw conflict(m -> m.nominationNotProposed(row.state()));
                    }
                    return repository.decide(c, id, CONFIRMED, blankToNull(reason), by(caller));
                }).flatMap(done -> repository.lock(c, scheme, period, id))))
                .map(row -> Nomination.of(row, row.groupKind()));
    }

    /**
     * The group's manager (or the admin) substitutes another unit for a proposed or confirmed nomination not yet
     * forwarded, with a reason: at the first level an eligible unit of the group and service line, above it a unit
     * the group received (confirmed below it) for the line; the substitute is confirmed and names the row it replaced.
     */
    public Uni<Nomination> substitute(Caller caller, String scheme, String period, long id, String unitCode,
            String reason) {
        List<Violation> bad = new ArrayList<>();
        if (blankToNull(unitCode) == null) {
            bad.add(Violation.at("/unit", ProblemMessages::required));
        }
        // the one rule for a reason: required, bounded, no control characters
        io.servicegrade.platform.json.Reasons.required(reason, "/reason", bad);
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(bad));
        }
        return settings(scheme, period).flatMap(settings -> managed(caller, scheme, period, id)
                .flatMap(found -> firstLevelBoard(scheme, period, settings)
                .flatMap(board -> units.findByCode(unitCode.trim()).flatMap(unit -> {
                    Map<Long, Candidate> ranked = candidates(board);
                    return transactions.write(c -> lockOpen(c, scheme, period)
                            .flatMap(open -> repository.lock(c, scheme, period, id))
                            .flatMap(row -> substitutable(c, scheme, period, settings, row))
                            .flatMap(row -> allowed(c, scheme, period, row, ranked).flatMap(allowed -> {
                                if (unit == null || !allowed.contains(unit.id())) {
                                    throw ProblemException.invalid(List.of(Violation.at("/unit",
                                            ProblemMessages::unitNotNominable)));
                                }
                                return repository.decide(c, id, REPLACED, reason.trim(), by(caller))
                                        .flatMap(done -> repository.substitute(c, id, unit.id(), reason.trim(),
                                                by(caller)));
                            }))
                            .flatMap(newId -> repository.lock(c, scheme, period, newId)));
                }))))
                .map(row -> Nomination.of(row, row.groupKind()));
    }

    /**
     * A group of a receiving level (any level after the first) takes for a service line the top N (by the same
     * ranking) of the nominations confirmed below it, as its own confirmed nominations. Forwarding a group's line
     * again changes nothing.
     */
    public Uni<List<Nomination>> forward(Caller caller, String scheme, String period, String groupCode,
            String serviceLine) {
        List<Violation> bad = new ArrayList<>();
        if (blankToNull(groupCode) == null) {
            bad.add(Violation.at("/group", ProblemMessages::required));
        }
        if (blankToNull(serviceLine) == null) {
            bad.add(Violation.at("/serviceLine", ProblemMessages::required));
        }
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(bad));
        }
        if (!caller.mayDecideNominations()) {
            return Uni.createFrom().failure(Scope.forbidden());
        }
        String line = serviceLine.trim();
        return settings(scheme, period).flatMap(settings -> units.findByCode(groupCode.trim()).flatMap(group -> {
            int level = group == null ? -1 : settings.levels().indexOf(group.kind());
            if (level < 1) {
                throw ProblemException.invalid(List.of(Violation.at("/group", m -> m.groupNotReceiving(
                        String.join(", ", settings.levels().subList(1, settings.levels().size()))))));
            }
            return requireGroupManager(caller, group.id()).flatMap(ok -> firstLevelBoard(scheme, period, settings))
                    .flatMap(board -> {
                        Map<Long, Candidate> ranked = candidates(board);
                        return transactions.write(c -> lockOpen(c, scheme, period)
                                .flatMap(open -> repository.ofGroupLine(c, scheme, period, level, group.id(), line))
                                .flatMap(existing -> !existing.isEmpty() ? Uni.createFrom().voidItem()
                                        : repository.received(c, scheme, period, level - 1, group.id(), line)
                                        .flatMap(received -> repository.insert(c, scheme, period, level, CONFIRMED,
                                                by(caller), Proposals.top(settings.top(),
                                                        regrouped(received, ranked, group.id())))))
                                .flatMap(done -> repository.ofGroupLine(c, scheme, period, level, group.id(),
                                        line)));
                    });
        })).map(rows -> rows.stream().map(row -> Nomination.of(row, row.groupKind())).toList());
    }

    // ---- the analyst

    /** The analyst (or the admin) approves a confirmed nomination of the last level. */
    public Uni<Nomination> approve(Caller caller, String scheme, String period, long id) {
        if (!caller.mayApproveNominations()) {
            return Uni.createFrom().failure(Scope.forbidden());
        }
        return settings(scheme, period).flatMap(settings -> found(scheme, period, id).flatMap(found ->
                transactions.write(c -> lockOpen(c, scheme, period)
                        .flatMap(open -> repository.lock(c, scheme, period, id)).flatMap(row -> {
                            if (row.level() != settings.last() || !CONFIRMED.equals(row.state())) {
                                throw conflict(m -> m.nominationNotApprovable(row.state()));
                            }
                            return repository.decide(c, id, APPROVED, null, by(caller));
                        }).flatMap(done -> repository.lock(c, scheme, period, id)))))
                .map(row -> Nomination.of(row, row.groupKind()));
    }

    /**
     * The analyst (or the admin) designates a service line's benchmark unit: a compliant unit of the line on the
     * period's board (graded, not the last grade, not vetoed) or an approved nominee. One per line: a designation
     * of another unit replaces the current one and needs a reason; designating the current unit again changes
     * nothing.
     */
    public Uni<Benchmark> designate(Caller caller, String scheme, String period, String serviceLine, String unitCode,
            String reason) {
        List<Violation> bad = new ArrayList<>();
        if (blankToNull(serviceLine) == null) {
            bad.add(Violation.at("/serviceLine", ProblemMessages::required));
        }
        if (blankToNull(unitCode) == null) {
            bad.add(Violation.at("/unit", ProblemMessages::required));
        }
        io.servicegrade.platform.json.Reasons.optional(reason, "/reason", bad);
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(bad));
        }
        if (!caller.mayApproveNominations()) {
            return Uni.createFrom().failure(Scope.forbidden());
        }
        String line = serviceLine.trim();
        String why = blankToNull(reason);
        return standings.board(scheme, period, null, null, null, null).flatMap(board ->
                units.findByCode(unitCode.trim()).flatMap(unit -> {
                    boolean compliant = unit != null && line.equals(unit.serviceLine()) && compliant(board, unit);
                    return transactions.write(c -> lockOpen(c, scheme, period)
                            .flatMap(open -> unit == null ? Uni.createFrom().item(false)
                                    : repository.approvedNominee(c, scheme, period, unit.id(), line))
                            .flatMap(approved -> {
                                if (!compliant && !approved) {
                                    throw ProblemException.invalid(List.of(Violation.at("/unit",
                                            ProblemMessages::unitNotCompliant)));
                                }
                                return repository.currentBenchmark(c, scheme, period, line);
                            })
                            .flatMap(current -> {
                                if (current != null && current.unitId() == unit.id()) {
                                    return Uni.createFrom().item(current.id());
                                }
                                if (current != null && why == null) {
                                    throw ProblemException.invalid(List.of(Violation.at("/reason",
                                            ProblemMessages::reasonForReplacement)));
                                }
                                return repository.designate(c, scheme, period, line, unit.id(), why, current,
                                        by(caller));
                            })
                            .flatMap(designated -> repository.benchmark(c, designated)));
                })).map(Benchmark::of);
    }

    // ---- helpers

    /** The nomination, refused 404 when the period has none of that id; the caller must manage its group. */
    private Uni<StoredNomination> managed(Caller caller, String scheme, String period, long id) {
        if (!caller.mayDecideNominations()) {
            return Uni.createFrom().failure(Scope.forbidden());
        }
        return found(scheme, period, id).call(row -> requireGroupManager(caller, row.groupId()));
    }

    private Uni<StoredNomination> found(String scheme, String period, long id) {
        return repository.find(scheme, period, id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound(m -> m.nominationNotFound(id));
            }
            return row;
        });
    }

    /** The admin decides for any group; a manager for the groups in its scope (issue 18: the group's manager). */
    private Uni<Void> requireGroupManager(Caller caller, long groupId) {
        if (caller.isAdmin()) {
            return Uni.createFrom().voidItem();
        }
        return units.inScope(groupId, caller.unitScope()).map(in -> {
            if (!in) {
                throw Scope.forbidden();
            }
            return null;
        });
    }

    /** A proposed or confirmed row whose unit was not forwarded to the level above. */
    private Uni<StoredNomination> substitutable(SqlConnection c, String scheme, String period, Settings settings,
            StoredNomination row) {
        if (!PROPOSED.equals(row.state()) && !CONFIRMED.equals(row.state())) {
            throw conflict(m -> m.nominationNotSubstitutable(row.state()));
        }
        if (row.level() >= settings.last()) {
            return Uni.createFrom().item(row);
        }
        return repository.forwarded(c, scheme, period, row.level() + 1, row.unitId()).map(forwarded -> {
            if (forwarded) {
                throw conflict(m -> m.nominationNotSubstitutable(row.state()));
            }
            return row;
        });
    }

    /** The units that may replace {@code row}: eligible for its group and line, not yet nominated at its level. */
    private Uni<Set<Long>> allowed(SqlConnection c, String scheme, String period, StoredNomination row,
            Map<Long, Candidate> ranked) {
        Uni<List<Long>> pool = row.level() == 0
                ? Uni.createFrom().item(ranked.values().stream().filter(k -> k.groupId() == row.groupId())
                        .map(Candidate::unitId).toList())
                : repository.received(c, scheme, period, row.level() - 1, row.groupId(), row.serviceLine());
        return pool.flatMap(ids -> repository.unitsAtLevel(c, scheme, period, row.level()).map(taken -> {
            Set<Long> allowed = new HashSet<>();
            for (Long id : ids) {
                Candidate k = ranked.get(id);
                if (k != null && k.eligible() && row.serviceLine().equals(k.serviceLine()) && !taken.contains(id)) {
                    allowed.add(id);
                }
            }
            return allowed;
        }));
    }

    /** The units received by a group, as candidates of that group (their board rank and eligibility kept). */
    private static List<Candidate> regrouped(List<Long> received, Map<Long, Candidate> ranked, long groupId) {
        List<Candidate> result = new ArrayList<>();
        for (Long id : received) {
            Candidate k = ranked.get(id);
            if (k != null) {
                result.add(new Candidate(k.unitId(), k.code(), groupId, k.serviceLine(), k.rank(), k.eligible()));
            }
        }
        return result;
    }

    /**
     * Every graded unit under a group of the board's group kind, as a candidate of its nearest such group, with its
     * rank on the whole board and whether it may be nominated.
     */
    static Map<Long, Candidate> candidates(Board board) {
        Scheme scheme = board.scheme().scheme();
        String lastGrade = scheme.grades().isEmpty() ? null : scheme.grades().get(scheme.grades().size() - 1).key();
        Set<Long> groups = new HashSet<>();
        board.groups().forEach(g -> groups.add(g.id()));
        Map<Long, Candidate> result = new LinkedHashMap<>();
        for (Unit unit : board.units()) {
            Long group = null;
            for (String id : unit.pathText().split("\\.")) {
                long ancestor = Long.parseLong(id);
                if (ancestor != unit.id() && groups.contains(ancestor)) {
                    group = ancestor;
                }
            }
            Standing s = board.current().get(unit.id());
            if (group != null && s != null) {
                result.put(unit.id(), new Candidate(unit.id(), unit.code(), group, unit.serviceLine(), s.rank(),
                        Proposals.eligible(s.vetoed(), s.grade(), lastGrade, s.rank(), unit.serviceLine())));
            }
        }
        return result;
    }

    /** Whether the unit is on the board and compliant: graded, not the last grade, not vetoed. */
    private static boolean compliant(Board board, Unit unit) {
        Scheme scheme = board.scheme().scheme();
        String lastGrade = scheme.grades().isEmpty() ? null : scheme.grades().get(scheme.grades().size() - 1).key();
        Standing s = board.current().get(unit.id());
        return s != null && Proposals.eligible(s.vetoed(), s.grade(), lastGrade, s.rank(), unit.serviceLine());
    }

    /** The board of the first level's groups: its graded units under them, ranked over the whole tree. */
    private Uni<Board> firstLevelBoard(String scheme, String period, Settings settings) {
        return standings.board(scheme, period, settings.levels().get(0), null, null, null);
    }

    /** The period's nomination settings; a scheme that makes none: 409. */
    private Uni<Settings> settings(String scheme, String period) {
        return settingsOrNull(scheme, period).map(settings -> {
            if (settings == null) {
                throw conflict(m -> m.schemeMakesNoNominations(scheme));
            }
            return settings;
        });
    }

    /** The settings of the scheme version that computes the period, null when it makes no nominations. */
    private Uni<Settings> settingsOrNull(String scheme, String period) {
        return standings.board(scheme, period, null, null, null, null).map(board -> {
            Scheme.Lifecycle.Nominations n = board.scheme().scheme().lifecycle().nominations();
            return n == null || n.levels().isEmpty() ? null : new Settings(n.top(), List.copyOf(n.levels()));
        });
    }

    /** Locks the period's row; a closed period's nominations are final (409 period-closed). */
    private Uni<Void> lockOpen(SqlConnection c, String scheme, String period) {
        return periods.lockPeriod(c, scheme, period).map(row -> {
            if (row != null && row.closing() != null) {
                throw io.servicegrade.standing.PeriodProblems.closed(scheme, period);
            }
            return null;
        });
    }

    private static Decider by(Caller caller) {
        return new Decider(caller.keyId(), caller.accountId());
    }

    private static ProblemException conflict(Message detail) {
        return new ProblemException(409, "conflict", ProblemMessages::conflictTitle, detail);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
