package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reading evaluations: pages filtered by unit, subtree, source, rubric and time; histories. */
@ApplicationScoped
public class EvaluationQueries {

    static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;

    @Inject
    EvaluationRepository repository;

    @Inject
    UnitService units;

    @Inject
    io.servicegrade.platform.config.ServiceGradeConfig config;

    /**
     * The refusal of a {@code source} filter no evaluation can have (not one of the configured sources), naming the
     * sources there are; null for a known source or none. REST and GraphQL alike: a misspelt source is an error,
     * not an empty page.
     */
    public ProblemException unknownSource(String source) {
        List<String> sources = config.evaluations().sources();
        if (source == null || sources.contains(source)) {
            return null;
        }
        return ProblemException.invalid(List.of(QueryParameters.problem("source",
                m -> m.oneOf(String.join(", ", sources)))));
    }

    /**
     * A page, the cursor of the next one (null on the last page) and, when asked for, how many match over all
     * pages (null otherwise).
     */
    public record Page(List<StoredEvaluation> evaluations, String nextCursor, Long total) {
    }

    /** A counted page from parameters as the client wrote them; each bad one is reported by name. */
    public Uni<Page> page(Caller caller, String unit, String under, String source, String rubric, String from,
            String to, String limit, String cursor) {
        List<Violation> problems = new ArrayList<>();
        int size = QueryParameters.limit(limit, DEFAULT_PAGE, MAX_PAGE, problems);
        OffsetDateTime fromTime = QueryParameters.dateTime(from, "from", problems);
        OffsetDateTime toTime = QueryParameters.dateTime(to, "to", problems);
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                problems.add(QueryParameters.problem("cursor", m -> m.badCursor()));
            }
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        return page(caller, unit, under, source, rubric, fromTime, toTime, size, after, true);
    }

    /** A page; {@code counted}: with the total over all pages (one more statement). */
    public Uni<Page> page(Caller caller, String unit, String under, String source, String rubric,
            OffsetDateTime from, OffsetDateTime to, int size, long after, boolean counted) {
        Scope.requireEvaluationReads(caller);
        Uni<String> underPath = under == null ? Uni.createFrom().nullItem() : units.get(under).map(u -> u.pathText());
        Long scope = caller.readsOwnerOnly();
        Long[] unitScope = Scope.parameter(caller);
        // one statement after the other: a request holds one pooled connection at a time
        return underPath.flatMap(path -> repository.list(scope, unit, path, source, rubric, from, to, unitScope,
                        after, size + 1)
                .flatMap(found -> (counted ? repository.total(scope, unit, path, source, rubric, from, to, unitScope)
                        : Uni.createFrom().<Long>nullItem())
                        .map(total -> found.size() > size
                                ? new Page(found.subList(0, size), Long.toString(found.get(size - 1).id()), total)
                                : new Page(found, null, total))));
    }

    /** How many evaluations {@link #page} gives over all pages, for these filters and this caller. */
    public Uni<Long> total(Caller caller, String unit, String under, String source, String rubric,
            OffsetDateTime from, OffsetDateTime to) {
        Scope.requireEvaluationReads(caller);
        Uni<String> underPath = under == null ? Uni.createFrom().nullItem() : units.get(under).map(u -> u.pathText());
        return underPath.flatMap(path -> repository.total(caller.readsOwnerOnly(), unit, path, source, rubric, from,
                to, Scope.parameter(caller)));
    }

    public Uni<List<Revision>> history(long id) {
        return repository.histories(List.of(id)).map(all -> all.getOrDefault(id, List.of()));
    }


}
