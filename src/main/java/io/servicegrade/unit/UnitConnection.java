package io.servicegrade.unit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

/** A page of units, Relay style. */
@Type("UnitConnection")
@Description("A page of units in code order (Relay connection).")
public record UnitConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Type("UnitEdge")
    public record Edge(@NonNull String cursor, @NonNull Unit node) {
    }

    @Type("PageInfo")
    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    static UnitConnection of(UnitService.Page page) {
        List<Edge> edges = page.units().stream().map(u -> new Edge(UnitService.encodeCursor(u.code()), u)).toList();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new UnitConnection(edges, new PageInfo(page.nextCursor() != null, end));
    }
}
