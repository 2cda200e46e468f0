package io.servicegrade.standing;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingsEngine.Sample;
import io.servicegrade.standing.StandingsEngine.Standing;
import io.servicegrade.standing.StandingsEngine.UnitSamples;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Standings of a scheme for a period: the units it grades (filtered), their active evaluations in the
 * period (in the scheme's time zone) from the scheme's sources and rubrics, through the standings engine.
 * Ranks are among the units asked for.
 */
@ApplicationScoped
public class StandingService {

    @Inject
    SchemeService schemes;

    @Inject
    UnitRepository units;

    @Inject
    UnitService unitService;

    @Inject
    Pool pool;

    @Inject
    StandingInputs inputs;

    /**
     * Standings of one period with the previous period's beside them, for the units asked for. For a group
     * kind (a kind the scheme does not grade, e.g. branch), {@code groups} holds the groups ranked by the mean
     * of their graded units, with their figures; {@code units} and {@code standings} are then the graded units
     * under them.
     */
    public record Board(SchemeService.Version scheme, Period period, List<Unit> units, List<Standing> standings,
            Map<Long, Standing> previous, List<Unit> groups, List<GroupRank> groupRanks) {

        public Unit unit(long id) {
            Unit found = byId().get(id);
            if (found == null) {
                throw new IllegalStateException("no unit " + id + " on this board");
            }
            return found;
        }

        private Map<Long, Unit> byId() {
            Map<Long, Unit> map = new HashMap<>();
            units.forEach(u -> map.put(u.id(), u));
            groups.forEach(u -> map.put(u.id(), u));
            return map;
        }

        /** The mean ranking value of the units on this board that share the unit's parent. */
        public BigDecimal parentMean(Unit unit) {
            String parent = unit.parentCode();
            BigDecimal sum = BigDecimal.ZERO;
            int n = 0;
            for (Standing s : standings) {
                Unit other = unit(s.unitId());
                BigDecimal value = StandingNode.value(scheme.scheme(), s);
                if (value != null && java.util.Objects.equals(parent, other.parentCode())) {
                    sum = sum.add(value);
                    n++;
                }
            }
            return n == 0 ? null : sum.divide(BigDecimal.valueOf(n), StandingsEngine.EXACT);
        }
    }

    /** A group's rank by the mean of its graded units, and its figures. */
    public record GroupRank(GroupStats stats, Integer rank) {
    }

    public Uni<Board> board(String schemeKey, String periodId, String kind, String under, String serviceLine,
            String area) {
        return schemes.latest(schemeKey).flatMap(version -> {
            Scheme scheme = version.scheme();
            Period period = Period.parse(scheme.period(), periodId);
            if (period == null) {
                String example = Period.of(scheme.period(), LocalDate.now(scheme.timeZone())).id();
                throw ProblemException.invalid(List.of(QueryParameters.problem("period",
                        m -> m.periodFormat(scheme.period().token(), example))));
            }
            boolean groupMode = kind != null && !scheme.kinds().contains(kind);
            List<String> kinds = kind == null || groupMode ? scheme.kinds() : List.of(kind);
            Uni<String> underPath = under == null ? Uni.createFrom().nullItem()
                    : unitService.get(under).map(Unit::pathText);
            return underPath.flatMap(path -> units.graded(path, kinds, serviceLine, area)
                    .flatMap(graded -> (groupMode ? units.graded(path, List.of(kind), null, null)
                            : Uni.createFrom().item(List.<Unit>of()))
                            .flatMap(groups -> compute(scheme, period, graded)
                                    .flatMap(current -> compute(scheme, period.previous(), graded).map(previous -> {
                                        Map<Long, Standing> byUnit = new HashMap<>();
                                        previous.forEach(s -> byUnit.put(s.unitId(), s));
                                        return new Board(version, period, graded, current, byUnit, groups,
                                                groups(scheme, kind, groups, graded, current));
                                    })))));
        });
    }

    /** Each group's figures from the graded units under it, ranked by their mean (competition ranking). */
    static List<GroupRank> groups(Scheme scheme, String level, List<Unit> groups, List<Unit> graded,
            List<Standing> standings) {
        Map<Long, Standing> byUnit = new HashMap<>();
        standings.forEach(s -> byUnit.put(s.unitId(), s));
        List<GroupStats> stats = new ArrayList<>();
        for (Unit group : groups) {
            String prefix = group.pathText() + ".";
            List<Unit> members = graded.stream().filter(u -> u.pathText().startsWith(prefix)).toList();
            stats.add(GroupStats.of(scheme, group, level, members, byUnit));
        }
        List<GroupStats> ranked = stats.stream().filter(s -> s.mean() != null)
                .sorted((a, b) -> b.mean().compareTo(a.mean())).toList();
        List<GroupRank> result = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            int rank = i > 0 && ranked.get(i - 1).mean().compareTo(ranked.get(i).mean()) == 0
                    ? result.get(i - 1).rank() : i + 1;
            result.add(new GroupRank(ranked.get(i), rank));
        }
        stats.stream().filter(s -> s.mean() == null).forEach(s -> result.add(new GroupRank(s, null)));
        return result;
    }

    /** The periods in which the scheme's sources have evaluations, newest first. */
    public Uni<List<Period>> periods(String schemeKey) {
        return schemes.latest(schemeKey).flatMap(version -> {
            Scheme scheme = version.scheme();
            return pool.preparedQuery("SELECT DISTINCT (e.conducted_at AT TIME ZONE $3)::date AS day"
                    + " FROM evaluation e JOIN unnest($1::text[], $2::text[]) AS s(source, rubric)"
                    + " ON e.source = s.source AND e.rubric_key = s.rubric WHERE e.status = 'active'")
                    .execute(Tuple.of(scheme.sources().stream().map(Scheme.Source::source).toArray(String[]::new),
                            scheme.sources().stream().map(Scheme.Source::rubric).toArray(String[]::new),
                            scheme.timeZone().getId()))
                    .map(rows -> {
                        Set<String> seen = new LinkedHashSet<>();
                        List<Period> periods = new ArrayList<>();
                        for (Row row : rows) {
                            LocalDate day = row.getLocalDate("day");
                            if (day.isBefore(scheme.activeFrom())
                                    || scheme.activeTo() != null && day.isAfter(scheme.activeTo())) {
                                continue;
                            }
                            Period p = Period.of(scheme.period(), day);
                            if (seen.add(p.id())) {
                                periods.add(p);
                            }
                        }
                        periods.sort((a, b) -> b.firstDay().compareTo(a.firstDay()));
                        return periods;
                    });
        });
    }

    Uni<List<Standing>> compute(Scheme scheme, Period period, List<Unit> graded) {
        if (graded.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return inputs.read(scheme, period, graded.stream().map(Unit::id).toList())
                .map(aggregates -> StandingsEngine.computeAggregated(scheme, aggregates));
    }

}
