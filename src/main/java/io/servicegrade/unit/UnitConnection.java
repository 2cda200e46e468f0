package io.servicegrade.unit;

import io.servicegrade.platform.paging.Cursors;
import io.servicegrade.platform.paging.PageInfo;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

/** A page of units, Relay style; its {@code totalCount} is counted only when asked for. */
@Type("UnitConnection")
@Description("A page of units in code order (Relay connection).")
public record UnitConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo,
        @Ignore Filter filter) {

    @Type("UnitEdge")
    public record Edge(@NonNull String cursor, @NonNull Unit node) {
    }

    /** What the page was filtered by, so that the units over all pages can be counted. */
    public record Filter(String under, String kind, String serviceLine, String area, String tag) {
    }

    static String cursor(String code) {
        return Cursors.encode("units", code);
    }

    /** The unit code a cursor names, or null for none; a 422 on {@code after} when it is not a unit cursor. */
    static String afterCode(String after) {
        java.util.List<String> parts = Cursors.decode("units", after, 1);
        if (parts == null) {
            return null;
        }
        if (!UnitInput.CODE.matcher(parts.get(0)).matches()) {
            throw Cursors.bad();
        }
        return parts.get(0);
    }

    static UnitConnection of(UnitService.Page page, Filter filter, boolean after) {
        List<Edge> edges = page.units().stream().map(u -> new Edge(cursor(u.code()), u)).toList();
        return new UnitConnection(edges, PageInfo.of(edges, Edge::cursor, page.nextCursor() != null, after),
                filter);
    }
}
