package io.servicegrade.unit;

import io.servicegrade.platform.graphql.NodeKind;
import io.servicegrade.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import io.servicegrade.platform.graphql.GraphQLErrors;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.util.List;

/** The organisation tree over GraphQL; nested fields are fetched in batches, one query per level. */
@GraphQLApi
public class UnitGraphQLApi {

    @Inject
    UnitService service;

    @Query("unit")
    @Description("The unit with this code, or null.")
    public Uni<Unit> unit(@NonNull String code) {
        return service.get(code).onFailure(ProblemException.class).recoverWithNull();
    }

    @Query("units")
    @NonNull
    @Description("Units under a unit (not itself; all units when absent), filtered, in code order.")
    public Uni<UnitConnection> units(@Description("Code of the unit whose descendants to list.") String under,
            String kind, String serviceLine, @Name("area") Area areaValue,
            @Description("Only units carrying this tag, e.g. model-candidate (a tag no unit carries selects none).")
            String tag,
            @Description("Page size, 1 to 500.") @DefaultValue("50") int first,
            @Description("The endCursor of the previous page.") String after) {
        String area = Area.token(areaValue);
        List<io.servicegrade.platform.problem.Violation> filters = UnitInput.filterProblems(kind, serviceLine, area, tag);
        if (!filters.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(filters));
        }
        if (first < 1 || first > UnitService.MAX_PAGE) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", UnitService.MAX_PAGE));
        }
        String afterCode;
        try {
            afterCode = UnitConnection.afterCode(after);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        UnitConnection.Filter filter = new UnitConnection.Filter(under, kind, serviceLine, area, tag);
        return service.list(under, kind, serviceLine, area, tag, null, first, afterCode)
                .flatMap(page -> (page.units().isEmpty() && afterCode == null
                        ? service.checkKnown(kind, serviceLine)
                        : Uni.createFrom().voidItem()).map(ok -> UnitConnection.of(page, filter, afterCode != null)));
    }

    @NonNull
    @Description("The units over all pages (counted only when asked for).")
    public Uni<Integer> totalCount(@Source UnitConnection connection) {
        UnitConnection.Filter f = connection.filter();
        return service.count(f.under(), f.kind(), f.serviceLine(), f.area(), f.tag());
    }

    /** node(id:) for a unit: by its code. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Kind implements NodeKind {

        @Inject
        UnitService service;

        @Override
        public String type() {
            return "Unit";
        }

        @Override
        public Uni<Unit> fetch(List<String> parts) {
            return parts.size() != 1 ? Uni.createFrom().nullItem()
                    : service.get(parts.get(0)).onFailure(ProblemException.class).recoverWithNull();
        }
    }

    @Description("The parent unit; null at a root.")
    public Uni<List<Unit>> parent(@Source List<Unit> units) {
        return service.parents(units);
    }

    @NonNull
    @Description("The units directly under this one, in code order.")
    public Uni<List<List<@NonNull Unit>>> children(@Source List<Unit> units) {
        return service.children(units);
    }

    @NonNull
    @Description("The units above this one, root first.")
    public Uni<List<List<@NonNull Unit>>> ancestors(@Source List<Unit> units) {
        return service.ancestors(units);
    }

    @NonNull
    @Name("descendantCount")
    @Description("How many units lie under this one, at any depth.")
    public Uni<List<Integer>> descendantCount(@Source List<Unit> units) {
        return service.descendantCounts(units).map(counts -> counts.stream().map(Long::intValue).toList());
    }
}
